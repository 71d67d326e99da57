import assert from 'node:assert/strict';
import path from 'node:path';
import { WorkspaceLayout } from '../../server/src/lsp/workspace-layout';

const root = path.resolve('/work/repo');
const other = path.resolve('/work/other');

describe('WorkspaceLayout: what each file is to the analysis', () => {
  const layout = new WorkspaceLayout(
    [root, other],
    { east: ['clusters/east', '/dumps/east.yaml'], west: ['clusters/west'] },
    'mesh/istio.yaml',
  );

  it('reads files under a cluster path (relative to every folder, or absolute) as that cluster state', () => {
    assert.deepEqual(layout.roleOf(path.join(root, 'clusters/east/services.yaml')), {
      kind: 'cluster',
      cluster: 'east',
    });
    assert.deepEqual(layout.roleOf(path.join(other, 'clusters/west/a/b.yaml')), {
      kind: 'cluster',
      cluster: 'west',
    });
    assert.deepEqual(layout.roleOf(path.resolve('/dumps/east.yaml')), { kind: 'cluster', cluster: 'east' });
    // A sibling whose name starts like the cluster directory is not inside it.
    assert.deepEqual(layout.roleOf(path.join(root, 'clusters/east-old/x.yaml')), { kind: 'authored' });
  });

  it('reads the mesh config file as such, and everything else as documents being authored', () => {
    assert.deepEqual(layout.roleOf(path.join(other, 'mesh/istio.yaml')), { kind: 'mesh-config' });
    assert.deepEqual(layout.roleOf(path.join(root, 'policies/vs.yaml')), { kind: 'authored' });
  });

  it('knows which files belong to the workspace, and when a settings change changes nothing', () => {
    assert.equal(layout.contains(path.join(root, 'a.yaml')), true);
    assert.equal(layout.contains(path.resolve('/dumps/east.yaml')), true);
    assert.equal(layout.contains(path.resolve('/elsewhere/a.yaml')), false);
    const same = new WorkspaceLayout(
      [root, other],
      { east: ['clusters/east', '/dumps/east.yaml'], west: ['clusters/west'] },
      'mesh/istio.yaml',
    );
    assert.equal(layout.sameAs(same), true);
    assert.equal(layout.sameAs(new WorkspaceLayout([root, other], {}, 'mesh/istio.yaml')), false);
  });
});
