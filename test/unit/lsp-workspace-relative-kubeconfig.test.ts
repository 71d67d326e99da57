import assert from 'node:assert/strict';
import path from 'node:path';
import { withWorkspaceRelativeKubeconfig } from '../../server/src/lsp/workspace-relative-kubeconfig';

describe('meshwright.kubeconfig relative to the workspace folder', () => {
  const folder = '/work/demo/workspace';

  it('resolves a relative path (each entry of a path list) against the first workspace folder', () => {
    assert.deepEqual(
      withWorkspaceRelativeKubeconfig({ kubeconfig: '../.kube/config', contexts: [] }, [folder]),
      {
        kubeconfig: '/work/demo/.kube/config',
        contexts: [],
      },
    );
    const list = ['kc/a', '/abs/b', '~/c'].join(path.delimiter);
    assert.deepEqual(withWorkspaceRelativeKubeconfig({ kubeconfig: list }, [folder, '/other']), {
      kubeconfig: [`${folder}/kc/a`, '/abs/b', '~/c'].join(path.delimiter),
    });
  });

  it('leaves absolute, home-relative and empty paths, other shapes and folderless sessions alone', () => {
    for (const section of [
      { kubeconfig: '/abs/kc' },
      { kubeconfig: '~/.kube/config' },
      { kubeconfig: '' },
      null,
      'x',
    ]) {
      assert.deepEqual(withWorkspaceRelativeKubeconfig(section, [folder]), section);
    }
    assert.deepEqual(withWorkspaceRelativeKubeconfig({ kubeconfig: 'kc' }, []), { kubeconfig: 'kc' });
  });
});
