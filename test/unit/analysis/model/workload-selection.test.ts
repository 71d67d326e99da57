/**
 * MeshIndex.workloadsSelectedBy finds a selector's workloads through an index of their own labels. It
 * must give exactly what a scan of every workload gives, in the same order, including selectors on the
 * labels a workload takes from its node, cluster and network, and after objects leave the index.
 */
import assert from 'node:assert/strict';
import { labelsMatch } from '../../../../server/src/analysis/model/selectors';
import { MeshIndex } from '../../../../server/src/analysis/model/mesh-index';
import { type MeshResource } from '../../../../server/src/analysis/model/resource';
import { ResourceFactory } from '../../../../server/src/analysis/model/resource-factory';
import { deriveClusterFacts } from '../../../../server/src/mesh/derive-cluster-facts';
import { type KubeObject } from '../../../../server/src/mesh/snapshot';
import { generateMesh } from '../../../../simulator/src/index';

function meshIndex(): { index: MeshIndex; resources: MeshResource[] } {
  const generated = generateMesh({ clusters: 3, servicesPerCluster: 40, networks: 2 });
  const factory = new ResourceFactory('default');
  const index = new MeshIndex();
  index.setClusters(
    generated.clusters.map((cluster) => ({
      name: cluster.name,
      facts: deriveClusterFacts(cluster.name, cluster.objects as unknown as KubeObject[]),
    })),
  );
  const resources = generated.clusters.flatMap((cluster) =>
    (cluster.objects as unknown as KubeObject[]).map((object) =>
      factory.fromLiveObject(cluster.name, object),
    ),
  );
  for (const resource of resources) index.add(resource);
  return { index, resources };
}

/** The selectors of every pod label pair, a few pairs combined, and topology-only selectors. */
function selectorsOf(index: MeshIndex): Record<string, string>[] {
  const workloads = index.workloads(null);
  const selectors: Record<string, string>[] = [{}, { app: 'nothing-has-this' }];
  for (const workload of workloads.slice(0, 200)) {
    const entries = Object.entries(workload.labels);
    for (const [key, value] of entries) selectors.push({ [key]: value });
    selectors.push(Object.fromEntries(entries.slice(0, 2)));
    selectors.push(Object.fromEntries(entries.slice(-2)));
  }
  return selectors;
}

describe('MeshIndex.workloadsSelectedBy', () => {
  it('gives what a scan gives, in the same order, for every namespace and mesh-wide', () => {
    const { index } = meshIndex();
    const namespaces = [null, ...new Set(index.workloads(null).map((w) => w.namespace))];
    let compared = 0;
    let matched = 0;
    for (const selector of selectorsOf(index)) {
      for (const namespace of namespaces) {
        const scanned = index.workloads(namespace).filter((w) => labelsMatch(selector, w.labels));
        const selected = index.workloadsSelectedBy(selector, namespace);
        assert.deepEqual(
          selected.map((w) => w.resource.id),
          scanned.map((w) => w.resource.id),
          `${JSON.stringify(selector)} in ${namespace}`,
        );
        compared++;
        matched += selected.length;
      }
    }
    assert.ok(compared > 1_000 && matched > 10_000, `${compared} selections, ${matched} workloads`);
  });

  it('forgets workloads that leave the index', () => {
    const { index, resources } = meshIndex();
    const pod = resources.find(
      (r) => r.kind === 'Pod' && Object.keys(r.object.metadata.labels ?? {}).length > 0,
    )!;
    const selector = { ...pod.object.metadata.labels };
    assert.ok(index.workloadsSelectedBy(selector, pod.namespace).some((w) => w.resource === pod));
    index.remove(pod);
    assert.ok(!index.workloadsSelectedBy(selector, pod.namespace).some((w) => w.resource === pod));
    assert.ok(!index.workloadsSelectedBy(selector, null).some((w) => w.resource === pod));
  });
});
