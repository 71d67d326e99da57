/**
 * LiveClusters turns each new TopologySnapshot into the objects that changed. Snapshots reuse the
 * clusters a change did not touch (SnapshotBuilder), which LiveClusters skips: the result must be the same
 * as reading every cluster again.
 */
import assert from 'node:assert/strict';
import { ResourceFactory } from '../../../../server/src/analysis/model/resource-factory';
import { LiveClusters } from '../../../../server/src/analysis/session/live-clusters';
import { type ClusterSnapshot, type KubeObject } from '../../../../server/src/mesh/snapshot';
import { generateMesh } from '../../../../simulator/src/index';
import { snapshotOfObjects } from '../../support/cluster-state-snapshots';

function clusters(): readonly ClusterSnapshot[] {
  const generated = generateMesh({ clusters: 3, servicesPerCluster: 20, networks: 2 });
  return snapshotOfObjects(generated.clusters.map((c) => ({ name: c.name, objects: c.objects ?? [] })))
    .clusters;
}

const identities = (resources: readonly { cluster: string | null; name: string; kind: string }[]): string[] =>
  resources.map((r) => `${r.cluster}/${r.kind}/${r.name}`).sort();

describe('LiveClusters.apply', () => {
  it('finds nothing changed in a snapshot that reuses every cluster', () => {
    const live = new LiveClusters(new ResourceFactory('default'));
    const first = clusters();
    const read = live.apply({ version: 1, clusters: first });
    assert.ok(read.added.length > 100);
    assert.deepEqual(live.apply({ version: 2, clusters: first }), { added: [], removed: [] });
  });

  it('reads again only the cluster a change replaced, and finds the one object that changed', () => {
    const live = new LiveClusters(new ResourceFactory('default'));
    const first = clusters();
    live.apply({ version: 1, clusters: first });
    const target = first[1]!;
    const changed = target.objects.find((o) => o.kind === 'Service')!;
    const edited = { ...changed, metadata: { ...changed.metadata, labels: { edited: 'yes' } } } as KubeObject;
    const replaced: ClusterSnapshot = {
      ...target,
      objects: target.objects.map((o) => (o === changed ? edited : o)),
    };
    const change = live.apply({ version: 2, clusters: first.map((c) => (c === target ? replaced : c)) });
    assert.deepEqual(identities(change.added), [`${target.name}/Service/${changed.metadata.name}`]);
    assert.deepEqual(identities(change.removed), [`${target.name}/Service/${changed.metadata.name}`]);
    assert.equal(change.added[0]!.object, edited);
  });

  it('removes the objects of a cluster the snapshot no longer has', () => {
    const live = new LiveClusters(new ResourceFactory('default'));
    const first = clusters();
    live.apply({ version: 1, clusters: first });
    const change = live.apply({ version: 2, clusters: first.slice(1) });
    assert.deepEqual(change.added, []);
    assert.equal(change.removed.length, first[0]!.objects.length);
    assert.deepEqual(
      live.names(),
      first.slice(1).map((c) => c.name),
    );
  });
});
