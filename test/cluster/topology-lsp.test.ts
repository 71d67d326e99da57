/**
 * The language server's live topology over stdio (the built dist/server/server.js), against the
 * simulated demo mesh: `meshwright/topology` answers at once from the latest snapshot (even while a
 * cluster is 5 s slow), `meshwright/topologyChanged` follows changes, cluster health goes to the log
 * without credentials, and credential plugins wait for workspace trust.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  TOPOLOGY_CHANGED_NOTIFICATION,
  TOPOLOGY_REQUEST,
  type TopologyChangedParams,
  type TopologyView,
  WORKSPACE_TRUST_NOTIFICATION,
} from '../../protocol/requests';
import { LspTestClient } from '../lsp/support/lsp-test-client';
import { startForTest, waitFor, type SimulatorUnderTest } from './sim-harness';
import { TOPOLOGY_FIXTURES } from './topology-support';

interface Session {
  readonly client: LspTestClient;
  readonly notifications: TopologyChangedParams[];
  topology(): Promise<TopologyView>;
  /** The latest notified topology once it satisfies `accept`. */
  notified(accept: (view: TopologyView) => boolean, what: string, deadlineMs?: number): Promise<TopologyView>;
}

async function startSession(settings: unknown, initializationOptions: unknown = {}): Promise<Session> {
  const client = await LspTestClient.start({ settings, initializationOptions });
  const notifications: TopologyChangedParams[] = [];
  client.connection.onNotification(TOPOLOGY_CHANGED_NOTIFICATION, (params: TopologyChangedParams) =>
    notifications.push(params),
  );
  return {
    client,
    notifications,
    topology: () => client.connection.sendRequest(TOPOLOGY_REQUEST) as Promise<TopologyView>,
    notified: async (accept, what, deadlineMs = 20_000) => {
      try {
        const found = await waitFor(
          () => {
            const latest = notifications.at(-1)?.topology;
            return latest && accept(latest) ? latest : undefined;
          },
          what,
          deadlineMs,
        );
        return found as TopologyView;
      } catch (error) {
        const health = notifications
          .at(-1)
          ?.topology.health.map((entry) => `${entry.cluster}: ${entry.stale ?? entry.state}`);
        throw new Error(
          `${String(error)}\nlast notified health: ${health?.join(' | ')}\nserver log:\n${client.serverLog.join('\n')}`,
        );
      }
    },
  };
}

const stateOf = (view: TopologyView, cluster: string): string | undefined =>
  view.health.find((health) => health.cluster === cluster)?.state;

describe('language server: live topology', function () {
  this.timeout(90_000);
  let sim: SimulatorUnderTest;
  let session: Session | undefined;

  before(async () => {
    sim = await startForTest({ demo: true });
  });
  afterEach(async () => {
    await session?.client.stop();
    session = undefined;
    sim.simulator.clusters.forEach((cluster) => cluster.resetFaults());
  });
  after(async () => sim?.stop());

  it('watches the clusters of meshwright.kubeconfig; the request and the notification carry facts and health', async () => {
    session = await startSession({
      validation: { enable: true },
      kubeconfig: sim.kubeconfigPath,
      contexts: [],
    });
    const current = session;
    const synced = await current.notified(
      (view) => view.health.length === 3 && view.health.every((health) => health.state === 'synced'),
      'every cluster synced',
    );
    assert.deepEqual(
      synced.clusters.map((cluster) => `${cluster.name} ${cluster.role} ${cluster.network}`),
      ['east primary net1', 'west primary net2', 'edge remote net1'],
    );
    const answered = await current.topology();
    assert.equal(answered.problem, null);
    assert.ok(answered.version >= synced.version);
    assert.deepEqual(answered.networks, synced.networks);
    assert.deepEqual(answered.controlPlanes, [
      { cluster: 'east', revision: 'default', serves: ['east', 'edge'] },
      { cluster: 'west', revision: 'default', serves: ['west'] },
    ]);
    assert.match(answered.health[0]?.lastSyncAt ?? '', /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    assert.ok(!JSON.stringify(answered).includes('"objects"'), 'facts only, no objects');

    // A cluster stops: the client is told, with the reason; then it comes back.
    const west = sim.simulator.cluster('west');
    await west.stop();
    const down = await current.notified(
      (view) => stateOf(view, 'west') === 'unreachable',
      'west unreachable',
    );
    assert.match(
      down.health.find((health) => health.cluster === 'west')?.stale ?? '',
      /^cluster west unreachable \((ECONNREFUSED|ECONNRESET) /,
    );
    assert.ok(current.notifications.at(-1)?.changedClusters.includes('west'));
    await west.start();
    // The default retry backoff is at most 15 s (jittered).
    await current.notified((view) => stateOf(view, 'west') === 'synced', 'west back', 30_000);

    const log = current.client.serverLog.join('\n');
    assert.match(log, /topology: watching contexts east, west, edge from /);
    assert.match(log, /topology: cluster west: cluster west unreachable \((ECONNREFUSED|ECONNRESET) /);
    assert.match(log, /topology: cluster west: in sync/);
    for (const cluster of sim.simulator.clusters)
      assert.ok(!log.includes(cluster.token), 'no token in the log');
  });

  it('answers at once while a cluster is 5 s slow: requests and editing are not held up', async () => {
    sim.simulator.cluster('west').setFaults({ latencyMs: 5_000 });
    session = await startSession({
      validation: { enable: true },
      kubeconfig: sim.kubeconfigPath,
      contexts: [],
    });
    const current = session;
    const early = await current.topology();
    assert.notEqual(stateOf(early, 'west'), 'synced', 'the answer did not wait for west');
    const uri = 'file:///workspace/reviews.yaml';
    await current.client.open(
      uri,
      'apiVersion: networking.istio.io/v1\nkind: VirtualService\nmetadata:\n  name: reviews\n',
    );
    const hover = await current.client.hover(uri, { line: 1, character: 2 });
    assert.ok(hover, 'hover answered');
    const partial = await current.notified(
      (view) => stateOf(view, 'east') === 'synced' && stateOf(view, 'edge') === 'synced',
      'east and edge synced',
    );
    assert.notEqual(
      stateOf(partial, 'west'),
      'synced',
      `east and edge came first: ${JSON.stringify(partial.health)}`,
    );
    await current.notified((view) => stateOf(view, 'west') === 'synced', 'the slow west synced', 60_000);
  });

  it('a kubeconfig setting that points nowhere is a problem in the answer, not a crash', async () => {
    session = await startSession({ kubeconfig: '/nonexistent/kubeconfig' });
    const current = session;
    const view = (await waitFor(async () => {
      const answer = await current.topology();
      return answer.problem ? answer : undefined;
    }, 'the problem is reported')) as TopologyView;
    assert.match(view.problem ?? '', /kubeconfig \/nonexistent\/kubeconfig does not exist/);
    assert.deepEqual(view.clusters, []);
  });

  it('exec credential plugins wait for workspace trust (initialization option, then the trust notification)', async () => {
    const marker = path.join(os.tmpdir(), `meshwright-lsp-plugin-ran-${process.pid}`);
    fs.rmSync(marker, { force: true });
    process.env.MESHWRIGHT_PLUGIN_MARKER = marker; // inherited by the server, then by the plugin
    try {
      session = await startSession(
        { kubeconfig: path.join(TOPOLOGY_FIXTURES, 'exec-plugin.kubeconfig') },
        { trustedWorkspace: false },
      );
      const current = session;
      const refused = await current.notified(
        (view) => stateOf(view, 'plugin') === 'refused',
        'the plugin context refused',
      );
      assert.match(
        refused.health[0]?.stale ?? '',
        /^exec credential plugins run only in a trusted workspace/,
      );
      assert.equal(fs.existsSync(marker), false);
      await current.client.connection.sendNotification(WORKSPACE_TRUST_NOTIFICATION, { trusted: true });
      await current.notified(
        (view) => stateOf(view, 'plugin') === 'unreachable',
        'the plugin context read (and unreachable)',
      );
      assert.equal(fs.existsSync(marker), true, 'the plugin ran once trusted');
      assert.ok(!current.client.serverLog.join('\n').includes('plugin-token'));
    } finally {
      delete process.env.MESHWRIGHT_PLUGIN_MARKER;
      fs.rmSync(marker, { force: true });
    }
  });
});
