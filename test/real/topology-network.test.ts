/**
 * Discovery over a bad network to a real API server: west is reached through a TCP proxy of ours
 * (support/tcp-proxy.ts) that adds latency to every chunk, drops every connection on demand, or closes
 * its port. A slow west is read completely, later than the others and without holding them back;
 * dropped connections and a closed port recover with the changes made meanwhile; the language server
 * answers at once and the CLI returns within its deadline whatever west does.
 */
import assert from 'node:assert/strict';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { TOPOLOGY_REQUEST, type TopologyView } from '../../protocol/requests';
import { REPO_ROOT, assertCliBuilt, runCliInBackground } from '../cli/support/cli-process';
import { type LiveTopology, hasObject, watchLive } from '../cluster/topology-support';
import { waitFor } from '../cluster/sim-harness';
import { LspTestClient } from '../lsp/support/lsp-test-client';
import { type RealControlPlane } from './support/control-plane';
import { ObjectWriter } from './support/object-writer';
import { type KubeManifest } from './support/rbac';
import { sharedDemoControlPlane } from './support/shared-control-plane';
import { TcpProxy } from './support/tcp-proxy';

const destinationRule = (name: string): KubeManifest => ({
  apiVersion: 'networking.istio.io/v1',
  kind: 'DestinationRule',
  metadata: { name, namespace: 'bookinfo' },
  spec: { host: 'ratings.bookinfo.svc.cluster.local' },
});

describe('topology over a slow or broken network to a real API server', function () {
  this.timeout(180_000);
  let plane: RealControlPlane;
  let proxy: TcpProxy;
  let kubeconfig: string;
  let writer: ObjectWriter;
  let live: LiveTopology | undefined;

  before(async () => {
    assertCliBuilt();
    plane = await sharedDemoControlPlane();
    proxy = await TcpProxy.start(plane.cluster('west').url);
    kubeconfig = plane.kubeconfig('reader', new Map([['west', proxy.url]]));
    writer = new ObjectWriter(plane.cluster('west').rest('admin'));
  });
  afterEach(async () => {
    live?.stop();
    live = undefined;
    proxy.latencyMs = 0;
    await proxy.reopen();
  });
  after(async () => proxy?.stop());

  it('a slow west (200 ms per chunk each way) is read completely, after the others, never blocking', async () => {
    proxy.latencyMs = 200;
    const loop = monitorEventLoopDelay({ resolution: 10 });
    loop.enable();
    const started = Date.now();
    live = watchLive(kubeconfig);
    const current = live;
    await current.untilHealth('east', (health) => health.state === 'synced', 'east synced');
    const eastAfter = Date.now() - started;
    assert.equal(current.health('west').state, 'connecting', 'west is still being read');
    await current.untilHealth('west', (health) => health.state === 'synced', 'the slow west synced', 60_000);
    const westAfter = Date.now() - started;
    await current.until(() => current.cluster('west').role === 'primary', 'west facts');
    loop.disable();
    const west = current.cluster('west');
    assert.deepEqual(
      [west.network, west.remoteSecrets.map((secret) => secret.cluster), west.eastWestGateways.length],
      ['net2', ['east', 'edge'], 1],
    );
    assert.ok(westAfter > eastAfter, `east after ${eastAfter} ms, west after ${westAfter} ms`);
    // Waiting on the network costs the event loop nothing.
    const worstMs = loop.max / 1e6;
    assert.ok(worstMs < 500, `the event loop was blocked for ${worstMs.toFixed(0)} ms`);

    // Watches over the slow link still deliver.
    await writer.apply(destinationRule('over-a-slow-link'));
    await current.until(
      () => hasObject(current.cluster('west'), 'DestinationRule', 'bookinfo', 'over-a-slow-link'),
      'a change over the slow link',
      10_000,
    );
    await writer.remove(destinationRule('over-a-slow-link'));
  });

  it('every connection dropped: the watches reconnect and the changes made meanwhile are seen', async () => {
    live = watchLive(kubeconfig);
    const current = live;
    await current.discovery.whenSynced();
    await current.untilHealth('west', (health) => health.state === 'synced', 'west synced');
    await waitFor(() => proxy.openConnections > 0, 'west connected through the proxy');
    const connectionsBefore = proxy.connections;
    proxy.dropAll();
    await writer.apply(destinationRule('after-the-drop'));
    await current.until(
      () => hasObject(current.cluster('west'), 'DestinationRule', 'bookinfo', 'after-the-drop'),
      'the change made after the drop',
      10_000,
    );
    assert.ok(proxy.connections > connectionsBefore, 'discovery connected again');
    await current.untilHealth('west', (health) => health.state === 'synced', 'west in sync again');
    await writer.remove(destinationRule('after-the-drop'));
    await current.until(
      () => !hasObject(current.cluster('west'), 'DestinationRule', 'bookinfo', 'after-the-drop'),
      'the deletion',
    );
  });

  it('a closed port: west unreachable with the reason, its objects kept; reopened: current again', async () => {
    live = watchLive(kubeconfig);
    const current = live;
    await current.discovery.whenSynced();
    await current.untilHealth('west', (health) => health.state === 'synced', 'west synced');
    const objects = current.cluster('west').objects.length;
    await proxy.close();
    const down = await current.untilHealth('west', (health) => health.state === 'unreachable', 'west down');
    assert.match(
      down.stale ?? '',
      new RegExp(
        `^cluster west unreachable \\((ECONNREFUSED|ECONNRESET) 127\\.0\\.0\\.1:${proxy.port}\\); showing the snapshot from \\d\\d:\\d\\d:\\d\\d; retrying (in \\d+s|now)$`,
      ),
    );
    await current.until(() => current.cluster('west').reachable === false, 'the snapshot says so');
    assert.equal(current.cluster('west').objects.length, objects, 'the last known objects stay');
    assert.equal(current.health('east').state, 'synced');
    await writer.apply(destinationRule('while-closed'));
    await proxy.reopen();
    await current.until(
      () =>
        current.cluster('west').reachable &&
        hasObject(current.cluster('west'), 'DestinationRule', 'bookinfo', 'while-closed'),
      'west current again',
    );
    await writer.remove(destinationRule('while-closed'));
  });

  it('the CLI returns at its deadline while west is too slow, and at once when its port is closed', async () => {
    proxy.latencyMs = 1_500;
    const slow = await runCliInBackground(['topology', '--kubeconfig', kubeconfig, '--timeout', '2'], {
      cwd: REPO_ROOT,
    });
    assert.equal(slow.status, 1);
    assert.ok(slow.elapsedMs < 10_000, `returned after ${slow.elapsedMs} ms`);
    assert.match(
      slow.stdout,
      new RegExp(
        `^ {4}stale: cluster west (not answering|too slow) \\(.*127\\.0\\.0\\.1:${proxy.port}.*\\); \\d+ of \\d+ resource types read$`,
        'm',
      ),
    );
    assert.match(slow.stdout, /^ {2}cluster east: primary, in sync$/m);

    proxy.latencyMs = 0;
    await proxy.close();
    const closed = await runCliInBackground(['topology', '--kubeconfig', kubeconfig], { cwd: REPO_ROOT });
    assert.equal(closed.status, 1);
    assert.ok(closed.elapsedMs < 10_000, `returned after ${closed.elapsedMs} ms`);
    assert.match(
      closed.stdout,
      new RegExp(
        `^ {4}stale: cluster west unreachable \\(ECONNREFUSED 127\\.0\\.0\\.1:${proxy.port}\\); 0 of \\d+ resource types read$`,
        'm',
      ),
    );
  });

  it('the language server answers meshwright/topology at once while west is slow, then shows it synced', async () => {
    proxy.latencyMs = 1_000;
    const client = await LspTestClient.start({
      settings: { validation: { enable: true }, kubeconfig, contexts: [] },
    });
    try {
      const state = (view: TopologyView, cluster: string) =>
        view.health.find((health) => health.cluster === cluster)?.state;
      type Answer = { view: TopologyView; ms: number };
      const ask = async (): Promise<Answer> => {
        const asked = Date.now();
        const view = (await client.connection.sendRequest(TOPOLOGY_REQUEST)) as TopologyView;
        return { view, ms: Date.now() - asked };
      };
      const first = (await waitFor(
        async () => {
          const answer = await ask();
          return state(answer.view, 'east') === 'synced' ? answer : undefined;
        },
        'east synced in the language server',
        30_000,
      )) as Answer;
      assert.equal(state(first.view, 'west'), 'connecting', 'west is still being read');
      assert.ok(first.ms < 1_000, `answered in ${first.ms} ms`);
      proxy.latencyMs = 0;
      const synced = (await waitFor(
        async () => {
          const answer = await ask();
          assert.ok(answer.ms < 1_000, `answered in ${answer.ms} ms`);
          return state(answer.view, 'west') === 'synced' ? answer : undefined;
        },
        'west synced in the language server',
        60_000,
      )) as Answer;
      assert.equal(synced.view.clusters.find((cluster) => cluster.name === 'west')?.role, 'primary');
    } finally {
      await client.stop();
    }
  });
});
