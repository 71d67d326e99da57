/**
 * Generated meshes with realistic workloads (the default): objects sized and shaped like a real cluster's,
 * and discovery, reading them from the simulator, keeps of each exactly what its slimming keeps of the
 * object as generated, so that cutting members out before parsing changes nothing the analysis sees.
 */
import assert from 'node:assert/strict';
import { generateMesh } from '../../simulator/src/index';
import { type KubeObject as SimObject } from '../../simulator/src/model/kube-object';
import { discoverTopology } from '../../server/src/topology/discover-topology';
import { slimDeployment, slimObject, slimPod } from '../../server/src/topology/object-slimming';
import { type KubeObject } from '../../server/src/mesh/snapshot';
import { startForTest, type SimulatorUnderTest } from './sim-harness';

const KIB = 1024;

function bytesOf(value: unknown): number {
  return Buffer.byteLength(JSON.stringify(value));
}

function withoutManagedFields(object: SimObject): SimObject {
  const { managedFields: _managedFields, ...metadata } = object.metadata;
  return { ...object, metadata };
}

/** What the server adds (resourceVersion, generation) and what it sets anew (uid, timestamps) taken out. */
function comparable(object: KubeObject): KubeObject {
  const {
    resourceVersion: _resourceVersion,
    generation: _generation,
    uid: _uid,
    creationTimestamp: _created,
    ...metadata
  } = object.metadata;
  return { ...object, metadata };
}

describe('generated meshes with realistic workloads', function () {
  this.timeout(60_000);
  const mesh = generateMesh({ clusters: 1, networks: 1, servicesPerCluster: 30, podsPerService: 2 });
  const objects = mesh.clusters[0]?.objects ?? [];
  const ofKind = (kind: string): SimObject[] =>
    objects.filter((object) => object.kind === kind && object.metadata.namespace !== 'istio-system');

  it('sizes pods like real ones and gives them what the controllers and the kubelet write', () => {
    for (const pod of ofKind('Pod')) {
      const asKubectlShows = bytesOf(withoutManagedFields(pod));
      assert.ok(
        asKubectlShows >= 5 * KIB && asKubectlShows <= 10 * KIB,
        `${pod.metadata.name}: ${asKubectlShows}`,
      );
      assert.deepEqual(
        pod.metadata.managedFields?.map((entry) => [entry.manager, entry.subresource ?? '']),
        [
          ['kube-controller-manager', ''],
          ['kubelet', 'status'],
        ],
      );
      const owner = (pod.metadata.ownerReferences as { kind: string; name: string }[])[0];
      assert.equal(owner?.kind, 'ReplicaSet');
      assert.ok(pod.metadata.name.startsWith(`${owner.name}-`));
      const status = pod.status as { containerStatuses: unknown[]; conditions: unknown[] };
      assert.equal(status.containerStatuses.length, 2);
      assert.equal(status.conditions.length, 5);
      const spec = pod.spec as { volumes: unknown[]; containers: { name: string; env?: unknown[] }[] };
      assert.ok(spec.volumes.length > 0);
      assert.ok(
        (spec.containers.find((container) => container.name === 'istio-proxy')?.env?.length ?? 0) > 10,
      );
    }
  });

  it('gives Deployments and Services the last-applied annotation and managedFields of kubectl', () => {
    for (const object of [...ofKind('Deployment'), ...ofKind('Service')]) {
      assert.ok(object.metadata.annotations?.['kubectl.kubernetes.io/last-applied-configuration']);
      assert.equal(object.metadata.managedFields?.[0]?.manager, 'kubectl-client-side-apply');
    }
  });

  it('keeps the former small objects on request', () => {
    const small = generateMesh({ clusters: 1, networks: 1, servicesPerCluster: 2, objects: 'small' });
    const pod = small.clusters[0]?.objects?.find((object) => object.kind === 'Pod');
    assert.ok(pod && bytesOf(pod) < 2 * KIB);
  });

  describe('read by discovery from the simulator', () => {
    let sim: SimulatorUnderTest;
    let discovered: readonly KubeObject[];
    before(async () => {
      sim = await startForTest({ clusters: mesh.clusters });
      const result = await discoverTopology({ kubeconfig: sim.kubeconfigPath, timeoutMs: 30_000 });
      discovered = result.snapshot.clusters[0]?.objects ?? [];
    });
    after(async () => sim.stop());

    const cases: [string, (object: KubeObject) => KubeObject][] = [
      ['Pod', slimPod],
      ['Deployment', slimDeployment],
      ['Service', slimObject],
    ];
    for (const [kind, slim] of cases) {
      it(`keeps of each ${kind} what its slimming keeps of the object as generated`, () => {
        const generated = ofKind(kind);
        assert.ok(generated.length > 0);
        for (const object of generated) {
          const read = discovered.find(
            (candidate) =>
              candidate.kind === kind &&
              candidate.metadata.namespace === object.metadata.namespace &&
              candidate.metadata.name === object.metadata.name,
          );
          assert.ok(read, `${kind} ${object.metadata.name} was not discovered`);
          assert.deepEqual(comparable(read), comparable(slim(object as KubeObject)));
        }
      });
    }
  });
});
