/**
 * One-shot discovery of the demo mesh with the real @kubernetes/client-node over TLS: every fact of
 * east, west and edge, what is kept of the objects, and that no credential (remote secret contents,
 * kubeconfig tokens) is anywhere in the snapshot.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { discoverTopology, type DiscoveryResult } from '../../server/src/topology/discover-topology';
import { type ClusterSnapshot } from '../../server/src/mesh/snapshot';
import { summarizeTopology } from '../../server/src/views/topology-summary';
import { startForTest, type SimulatorUnderTest } from './sim-harness';
import { TOPOLOGY_FIXTURES, hasObject } from './topology-support';

describe('topology: one-shot discovery of the demo mesh', function () {
  this.timeout(60_000);
  let sim: SimulatorUnderTest;
  let result: DiscoveryResult;
  const cluster = (name: string): ClusterSnapshot => {
    const found = result.snapshot.clusters.find((candidate) => candidate.name === name);
    assert.ok(found, `cluster ${name} is in the snapshot`);
    return found;
  };

  before(async () => {
    sim = await startForTest({ demo: true });
    result = await discoverTopology({ kubeconfig: sim.kubeconfigPath, env: {} });
  });
  after(async () => sim?.stop());

  it('reads every context of the kubeconfig, in its order, each in sync', () => {
    assert.deepEqual(
      result.snapshot.clusters.map((entry) => entry.name),
      ['east', 'west', 'edge'],
    );
    assert.deepEqual(
      result.health.map((health) => [health.cluster, health.state, health.reachable, health.stale]),
      [
        ['east', 'synced', true, null],
        ['west', 'synced', true, null],
        ['edge', 'synced', true, null],
      ],
    );
    assert.deepEqual(result.files, [sim.kubeconfigPath]);
  });

  it('derives the facts of east: primary on net1 with istiod default, gateway and remote secrets for west and edge', () => {
    const east = cluster('east');
    assert.equal(east.id, 'east');
    assert.equal(east.network, 'net1');
    assert.equal(east.role, 'primary');
    assert.deepEqual(east.revisions, ['default']);
    assert.equal(east.meshId, 'mesh1');
    assert.equal(east.trustDomain, 'cluster.local');
    assert.equal(east.controlPlane, 'east');
    assert.deepEqual(
      east.remoteSecrets.map((secret) => [
        secret.cluster,
        secret.key,
        secret.annotatedCluster,
        secret.secret.name,
      ]),
      [
        ['edge', 'edge', 'edge', 'istio-remote-secret-edge'],
        ['west', 'west', 'west', 'istio-remote-secret-west'],
      ],
    );
    assert.deepEqual(
      east.eastWestGateways.map((gateway) => [
        gateway.network,
        gateway.address,
        gateway.port,
        gateway.service.name,
      ]),
      [['net1', '203.0.113.10', 15443, 'istio-eastwestgateway']],
    );
  });

  it('derives the facts of west: primary on net2 reading east and edge', () => {
    const west = cluster('west');
    assert.deepEqual(
      [west.id, west.network, west.role, west.revisions, west.meshId, west.trustDomain, west.controlPlane],
      ['west', 'net2', 'primary', ['default'], 'mesh1', 'cluster.local', 'west'],
    );
    assert.deepEqual(
      west.remoteSecrets.map((secret) => secret.key),
      ['east', 'edge'],
    );
    assert.deepEqual(
      west.eastWestGateways.map((gateway) => `${gateway.network} ${gateway.address}:${gateway.port}`),
      ['net2 198.51.100.20:15443'],
    );
  });

  it('derives the facts of edge: a remote on net1 served by east, no istiod, no gateway, no secrets', () => {
    const edge = cluster('edge');
    assert.deepEqual(
      [edge.id, edge.network, edge.role, edge.revisions, edge.meshId, edge.trustDomain, edge.controlPlane],
      ['edge', 'net1', 'remote', [], 'mesh1', 'cluster.local', 'east'],
    );
    assert.deepEqual(edge.remoteSecrets, []);
    assert.deepEqual(edge.eastWestGateways, []);
  });

  it('keeps namespaces, nodes, Services, workloads, webhooks and all Istio config of each cluster', () => {
    const east = cluster('east');
    assert.ok(hasObject(east, 'Namespace', undefined, 'bookinfo'));
    assert.ok(hasObject(east, 'Node', undefined, 'east-node-1'));
    assert.ok(hasObject(east, 'Service', 'bookinfo', 'reviews'));
    assert.ok(hasObject(east, 'Deployment', 'istio-system', 'istiod'));
    assert.ok(hasObject(east, 'MutatingWebhookConfiguration', undefined, 'istio-sidecar-injector'));
    assert.ok(hasObject(east, 'ConfigMap', 'istio-system', 'istio'));
    assert.ok(hasObject(east, 'Gateway', 'istio-system', 'cross-network-gateway'));
    assert.ok(hasObject(cluster('west'), 'DestinationRule', 'bookinfo', 'ratings'));
    assert.ok(
      hasObject(cluster('edge'), 'VirtualService', 'bookinfo', 'ratings'),
      'Istio config of a remote too',
    );
    const pod = east.objects.find(
      (object) => object.kind === 'Pod' && object.metadata.namespace === 'bookinfo',
    );
    assert.ok(pod, 'bookinfo pods are read');
    assert.ok((pod.metadata.labels ?? {}).app, 'pods keep their labels');
    assert.equal(typeof (pod.spec as { nodeName?: unknown }).nodeName, 'string', 'pods keep their node');
    const node = east.objects.find(
      (object) => object.kind === 'Node' && object.metadata.name === 'east-node-1',
    );
    assert.equal(
      node?.metadata.labels?.['topology.kubernetes.io/region'],
      'us-east',
      'nodes keep their locality',
    );
  });

  it('slims objects: no managedFields, no last-applied annotation, only mesh config and root ConfigMaps', () => {
    for (const entry of result.snapshot.clusters) {
      for (const object of entry.objects) {
        assert.equal(object.metadata.managedFields, undefined, `${object.kind} ${object.metadata.name}`);
        assert.equal(
          object.metadata.annotations?.['kubectl.kubernetes.io/last-applied-configuration'],
          undefined,
        );
      }
    }
    const configMaps = cluster('east').objects.filter((object) => object.kind === 'ConfigMap');
    assert.deepEqual(
      configMaps.map((object) => object.metadata.name),
      // istiod's public roots are kept for the trust checks (MESH301, MESH302), root-cert.pem only.
      ['istio', 'istio-ca-root-cert'],
      'only mesh config and root ConfigMaps are kept',
    );
  });

  it('keeps only the data keys of secrets: no remote kubeconfig, no token, anywhere in the snapshot', () => {
    const remoteSecret = cluster('east').objects.find(
      (object) => object.metadata.name === 'istio-remote-secret-west',
    );
    assert.deepEqual(remoteSecret?.data, { west: '' });
    const json = JSON.stringify(result.snapshot);
    const demoSecret = fs.readFileSync(path.join(demoDirectory(), 'east', '04-remote-secrets.yaml'), 'utf8');
    const encoded = [...demoSecret.matchAll(/^\s+(?:west|edge): (\S{40,})$/gm)].map(
      (match) => match[1] as string,
    );
    assert.equal(encoded.length, 2, 'the fixture holds two encoded kubeconfigs');
    for (const value of encoded) {
      assert.ok(!json.includes(value), 'a remote secret value is in the snapshot');
      assert.ok(!json.includes(value.slice(0, 24)), 'part of a remote secret value is in the snapshot');
    }
    assert.ok(!json.includes('demo-fake-token-not-a-credential'));
    assert.ok(!json.includes('certificate-authority-data'));
    for (const simulated of sim.simulator.clusters)
      assert.ok(!json.includes(simulated.token), 'a kubeconfig token');
  });

  it('summarizes to the JSON shape of `meshwright topology --format json`', () => {
    const expected = JSON.parse(
      fs.readFileSync(path.join(TOPOLOGY_FIXTURES, 'demo-topology.json'), 'utf8'),
    ) as unknown;
    assert.deepEqual(JSON.parse(JSON.stringify(summarizeTopology(result.snapshot))), expected);
  });

  it('reads only the chosen contexts, and the same mesh through KUBECONFIG', async () => {
    const chosen = await discoverTopology({
      kubeconfig: sim.kubeconfigPath,
      contexts: ['edge', 'west'],
      env: {},
    });
    assert.deepEqual(
      chosen.snapshot.clusters.map((entry) => entry.name),
      ['edge', 'west'],
    );
    const viaEnvironment = await discoverTopology({
      env: { KUBECONFIG: sim.kubeconfigPath },
      contexts: ['east'],
    });
    assert.equal(viaEnvironment.snapshot.clusters[0]?.role, 'primary');
  });

  it('snapshots are immutable', () => {
    assert.ok(Object.isFrozen(result.snapshot));
    assert.ok(Object.isFrozen(result.snapshot.clusters));
    assert.ok(Object.isFrozen(cluster('east')));
    assert.ok(Object.isFrozen(cluster('east').objects));
  });
});

function demoDirectory(): string {
  return path.resolve(__dirname, '..', '..', 'simulator', 'demo');
}
