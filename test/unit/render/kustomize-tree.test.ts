/**
 * Which kustomizations are rendered and which files they own, on the CLI's Kustomize fixture: the
 * overlays no other kustomization uses are the roots (a base used by overlays and a Component are not);
 * every file a kustomization reads (resources, patches, component files, kustomization files) is owned
 * and so never analysed alone; a file no kustomization names is not.
 */
import assert from 'node:assert/strict';
import path from 'node:path';
import { discoverKustomizeTree, filesOfRendering } from '../../../server/src/render/kustomize/kustomize-tree';

const REPOSITORY = path.resolve(__dirname, '../../fixtures/cli/kustomize');
const relative = (file: string): string => path.relative(REPOSITORY, file);

describe('render: the kustomizations of a repository', () => {
  it('renders the overlays, not the base they use nor the component', async () => {
    const tree = await discoverKustomizeTree([
      REPOSITORY,
      path.join(REPOSITORY, 'base'),
      path.join(REPOSITORY, 'components', 'tls'),
      path.join(REPOSITORY, 'overlays', 'east'),
      path.join(REPOSITORY, 'overlays', 'west'),
      path.join(REPOSITORY, 'overlays', 'broken'),
    ]);
    assert.deepEqual(tree.roots.map(relative), ['overlays/broken', 'overlays/east', 'overlays/west']);
    const owned = [...tree.owned].map(relative).sort();
    assert.deepEqual(owned, [
      'base/kustomization.yaml',
      'base/reviews.yaml',
      'base/services.yaml',
      'components/tls/kustomization.yaml',
      'components/tls/tls.yaml',
      'overlays/broken/kustomization.yaml',
      'overlays/east/dr-subsets.yaml',
      'overlays/east/kustomization.yaml',
      'overlays/west/kustomization.yaml',
      'overlays/west/remove-subset.yaml',
    ]);
    assert.ok(
      !owned.includes('reviews-gateway.yaml'),
      'a file no kustomization names is analysed as written',
    );
  });

  it('gives each overlay the files its rendering reads, through bases and components', async () => {
    const tree = await discoverKustomizeTree([path.join(REPOSITORY, 'overlays', 'west')]);
    assert.deepEqual(
      filesOfRendering(tree, path.join(REPOSITORY, 'overlays', 'west'))
        .map(relative)
        .sort(),
      [
        'base/kustomization.yaml',
        'base/reviews.yaml',
        'base/services.yaml',
        'components/tls/kustomization.yaml',
        'components/tls/tls.yaml',
        'overlays/west/kustomization.yaml',
        'overlays/west/remove-subset.yaml',
      ],
    );
  });
});
