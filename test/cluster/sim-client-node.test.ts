/**
 * The simulator with @kubernetes/client-node 1.4.0, as Meshwright's discovery uses it: lists, an informer
 * that follows changes, server-side apply with a field manager, over a generated mesh (generateMesh).
 */
import assert from 'node:assert/strict';
import * as k8s from '@kubernetes/client-node';
import { generateMesh } from '../../simulator/src/index';
import { startForTest, waitFor, type SimulatorUnderTest } from './sim-harness';

describe('meshwright-sim with @kubernetes/client-node', function () {
  this.timeout(30_000);
  let sim: SimulatorUnderTest;
  const mesh = generateMesh({
    clusters: 3,
    networks: 2,
    servicesPerCluster: 12,
    podsPerService: 2,
    servicesPerNamespace: 5,
  });

  before(async () => {
    sim = await startForTest({ clusters: mesh.clusters });
  });
  after(async () => sim.stop());

  function client(context: string): k8s.KubeConfig {
    const config = new k8s.KubeConfig();
    config.loadFromFile(sim.kubeconfigPath);
    config.setCurrentContext(context);
    return config;
  }

  it('generates clusters shaped like the demo: network label, istiod, gateway, remote secrets, workloads', () => {
    assert.deepEqual(
      mesh.clusters.map((cluster) => cluster.name),
      ['cluster-001', 'cluster-002', 'cluster-003'],
    );
    const objects = mesh.clusters[1]?.objects ?? [];
    const count = (kind: string): number => objects.filter((object) => object.kind === kind).length;
    assert.equal(count('Service'), 12 + 2, 'the services plus istiod and the east-west gateway');
    assert.equal(count('Pod'), 24);
    assert.equal(count('Secret'), 2, 'a remote secret for each other cluster');
    const istioSystem = objects.find(
      (object) => object.kind === 'Namespace' && object.metadata.name === 'istio-system',
    );
    assert.equal(istioSystem?.metadata.labels?.['topology.istio.io/network'], 'net2');
    assert.ok(
      objects.some((object) => object.kind === 'Gateway' && object.metadata.name === 'cross-network-gateway'),
    );
  });

  it('lists pods and derived endpoints', async () => {
    const core = client('cluster-002').makeApiClient(k8s.CoreV1Api);
    const pods = await core.listPodForAllNamespaces({ labelSelector: 'app=svc-0003' });
    assert.equal(pods.items.length, 2);
    const endpoints = await core.readNamespacedEndpoints({ name: 'svc-0003', namespace: 'app-01' });
    assert.equal(endpoints.subsets?.[0]?.addresses?.length, 2);
  });

  it('an informer sees adds and updates, and server-side apply records the field manager', async () => {
    const config = client('cluster-001');
    const core = config.makeApiClient(k8s.CoreV1Api);
    const informer = k8s.makeInformer(config, '/api/v1/namespaces/app-01/configmaps', () =>
      core.listNamespacedConfigMap({ namespace: 'app-01' }),
    );
    const seen: string[] = [];
    informer.on('add', (object) => seen.push(`add ${object.metadata?.name}`));
    informer.on('update', (object) => seen.push(`update ${object.metadata?.name} ${object.data?.mode}`));
    await informer.start();
    try {
      const objects = k8s.KubernetesObjectApi.makeApiClient(config);
      const configMap = {
        apiVersion: 'v1',
        kind: 'ConfigMap',
        metadata: { name: 'settings', namespace: 'app-01' },
        data: { mode: 'a' },
      };
      await objects.patch(
        configMap,
        undefined,
        undefined,
        'meshwright-test',
        undefined,
        k8s.PatchStrategy.ServerSideApply,
      );
      const applied: k8s.KubernetesObject = await objects.patch(
        { ...configMap, data: { mode: 'b' } },
        undefined,
        undefined,
        'meshwright-test',
        undefined,
        k8s.PatchStrategy.ServerSideApply,
      );
      assert.deepEqual(
        applied.metadata?.managedFields?.map((entry) => `${entry.manager}/${entry.operation}`),
        ['meshwright-test/Apply'],
      );
      await waitFor(
        () => seen.includes('update settings b'),
        `the informer sees the update (seen: ${seen.join(', ')})`,
      );
      assert.ok(seen.includes('add settings'));
    } finally {
      await informer.stop();
    }
  });
});
