/**
 * `meshwright/meshGraph` over stdio (the built dist/server/server.js) against the simulated demo mesh:
 * the graph follows the live topology, health included, and is asked again after
 * `meshwright/topologyChanged` (the map has no notification of its own).
 */
import assert from 'node:assert/strict';
import {
  MESH_GRAPH_REQUEST,
  type MeshGraph,
  TOPOLOGY_CHANGED_NOTIFICATION,
  type TopologyChangedParams,
} from '../../protocol/requests';
import { LspTestClient } from '../lsp/support/lsp-test-client';
import { startForTest, waitFor, type SimulatorUnderTest } from './sim-harness';

describe('language server: mesh graph', function () {
  this.timeout(90_000);
  let sim: SimulatorUnderTest;
  let client: LspTestClient | undefined;

  before(async () => {
    sim = await startForTest({ demo: true });
  });
  after(async () => {
    await client?.stop();
    await sim?.stop();
  });

  it('answers with the live demo mesh and follows a cluster going down', async () => {
    client = await LspTestClient.start({
      settings: { validation: { enable: true }, kubeconfig: sim.kubeconfigPath, contexts: [] },
    });
    const current = client;
    const notifications: TopologyChangedParams[] = [];
    current.connection.onNotification(TOPOLOGY_CHANGED_NOTIFICATION, (params: TopologyChangedParams) =>
      notifications.push(params),
    );
    const graph = (): Promise<MeshGraph> => current.connection.sendRequest(MESH_GRAPH_REQUEST);
    const graphWhen = (
      accept: (g: MeshGraph) => boolean,
      what: string,
      deadlineMs = 20_000,
    ): Promise<MeshGraph> =>
      waitFor<MeshGraph | undefined>(
        async () => {
          if (notifications.length === 0) return undefined;
          const answered = await graph();
          return accept(answered) ? answered : undefined;
        },
        what,
        deadlineMs,
      ) as Promise<MeshGraph>;
    const healthOf = (g: MeshGraph, id: string): string | undefined =>
      g.nodes.find((n) => n.id === id)?.health;

    const synced = await graphWhen(
      (g) => ['cluster:east', 'cluster:west', 'cluster:edge'].every((id) => healthOf(g, id) === 'ok'),
      'every cluster in the graph, in sync',
    );
    assert.deepEqual(
      synced.nodes.filter((n) => n.kind === 'cluster').map((n) => `${n.parent} ${n.label} ${n.role}`),
      ['network:net1 east primary', 'network:net1 edge remote', 'network:net2 west primary'],
    );
    assert.deepEqual(synced.edges.map((e) => `${e.kind} ${e.source} -> ${e.target}`).sort(), [
      'eastWest gateway:net1 -> gateway:net2',
      'serves controlPlane:east/default -> cluster:east',
      'serves controlPlane:east/default -> cluster:edge',
      'serves controlPlane:west/default -> cluster:west',
      // The demo's planted MESH306: east's token for edge expires in 3 days.
      'trust cluster:east -> cluster:edge',
    ]);
    assert.equal(synced.nodes.find((n) => n.id === 'cluster:west')?.drift, 2);
    assert.ok(!JSON.stringify(synced).includes('"objects"'), 'facts only, no objects');
    for (const cluster of sim.simulator.clusters) {
      assert.ok(!JSON.stringify(synced).includes(cluster.token), 'no token in the graph');
    }

    await sim.simulator.cluster('west').stop();
    const down = await graphWhen((g) => healthOf(g, 'cluster:west') === 'unreachable', 'west unreachable');
    assert.match(
      down.nodes.find((n) => n.id === 'cluster:west')?.healthReason ?? '',
      /^cluster west unreachable/,
    );
    assert.equal(healthOf(down, 'network:net2'), 'unreachable');
    assert.ok(down.version > synced.version);
    await sim.simulator.cluster('west').start();
  });
});
