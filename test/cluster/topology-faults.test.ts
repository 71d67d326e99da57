/**
 * Discovery when clusters misbehave, with the simulator's fault knobs over TLS: a 5 s slow cluster does
 * not hold the others back (their snapshot, then their watches after a short hold); a 403 on secrets degrades that part only (stale reason, the other facts
 * stay); expired or wrong credentials are reported as 401 with the way out; credential plugins run only in
 * a trusted workspace; unusable kubeconfigs give errors that never quote a credential.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import YAML from 'yaml';
import { discoverTopology } from '../../server/src/topology/discover-topology';
import {
  KubeconfigError,
  UNTRUSTED_PLUGIN_REASON,
  loadKubeconfig,
} from '../../server/src/topology/kube-api/kubeconfig-loader';
import { TopologyDiscovery } from '../../server/src/topology/topology-discovery';
import { startForTest, waitFor, type SimulatorUnderTest } from './sim-harness';
import { type LiveTopology, TOPOLOGY_FIXTURES, hasObject, watchLive } from './topology-support';

describe('topology: faulty clusters', function () {
  this.timeout(90_000);
  let sim: SimulatorUnderTest;
  let live: LiveTopology | undefined;

  before(async () => {
    sim = await startForTest({ demo: true });
  });
  afterEach(() => {
    live?.stop();
    live = undefined;
    sim.simulator.clusters.forEach((cluster) => cluster.resetFaults());
  });
  after(async () => sim?.stop());

  it('a 5 s slow cluster: the others are in the snapshot first, the slow one arrives later', async () => {
    sim.simulator.cluster('west').setFaults({ latencyMs: 5_000 });
    live = watchLive(sim.kubeconfigPath);
    const current = live;
    await current.untilHealth('east', (health) => health.state === 'synced', 'east synced');
    await current.untilHealth('edge', (health) => health.state === 'synced', 'edge synced');
    await current.until(
      (snapshot) => snapshot.clusters.find((cluster) => cluster.name === 'east')?.role === 'primary',
      'east facts published',
    );
    // Published while west is still being read: nobody waited for it.
    assert.equal(current.health('west').state, 'connecting');
    assert.match(
      current.cluster('west').stale ?? '',
      /^cluster west: (connecting to 127\.0\.0\.1:\d+|first sync in progress \(\d+ of \d+ resource types read\))$/,
    );
    assert.equal(current.cluster('edge').controlPlane, 'east');

    await current.untilHealth('west', (health) => health.state === 'synced', 'the slow west synced', 60_000);
    await current.until(
      () => current.cluster('west').role === 'primary' && current.cluster('west').stale === null,
      'west facts',
      10_000,
    );
  });

  it('a 5 s slow cluster holds the watches of the others for a moment only: their changes are seen', async () => {
    sim.simulator.cluster('west').setFaults({ latencyMs: 5_000 });
    live = watchLive(sim.kubeconfigPath, { maxWatchHoldMs: 1_000 });
    const current = live;
    await current.untilHealth('east', (health) => health.state === 'synced', 'east synced');
    sim.simulator.cluster('east').put({
      apiVersion: 'networking.istio.io/v1',
      kind: 'DestinationRule',
      metadata: { name: 'while-west-is-read', namespace: 'bookinfo' },
      spec: { host: 'ratings.bookinfo.svc.cluster.local' },
    });
    await current.until(
      () => hasObject(current.cluster('east'), 'DestinationRule', 'bookinfo', 'while-west-is-read'),
      "east's new DestinationRule, through east's watch",
    );
    assert.equal(current.health('west').state, 'connecting', 'west is still being read');
    sim.simulator
      .cluster('east')
      .remove('networking.istio.io/v1', 'DestinationRule', 'bookinfo', 'while-west-is-read');
  });

  it('403 on secrets: RBAC stale reason, remote secrets unknown, the other facts and clusters go on', async () => {
    sim.simulator.cluster('east').setFaults({ forbidden: [{ resource: 'secrets' }] });
    live = watchLive(sim.kubeconfigPath);
    const current = live;
    await current.discovery.whenSynced();
    const health = await current.untilHealth('east', (entry) => entry.state === 'degraded', 'east degraded');
    assert.equal(health.reachable, true);
    assert.match(
      health.stale ?? '',
      /RBAC: cannot list secrets in istio-system \(403\); remote secrets and gateway credential validity in istio-system unknown/,
    );
    assert.equal((health.stale ?? '').split('cannot list secrets in istio-system').length, 2, 'said once');
    assert.match(health.stale ?? '', /RBAC: cannot list secrets \(403\); gateway credential secrets unknown/);
    assert.deepEqual([...health.unreadable].sort(), [
      'secrets (metadata)',
      'secrets in istio-system',
      'secrets in istio-system (gateway credentials)',
    ]);
    const east = current.cluster('east');
    assert.deepEqual(east.remoteSecrets, []);
    assert.deepEqual(
      [
        east.role,
        east.network,
        east.meshId,
        east.controlPlane,
        east.eastWestGateways.map((gateway) => gateway.address),
      ],
      ['primary', 'net1', 'mesh1', 'east', ['203.0.113.10']],
    );
    assert.equal(east.stale, health.stale);
    assert.equal(current.health('west').state, 'synced');
    assert.equal(current.cluster('west').remoteSecrets.length, 2);

    // RBAC fixed: the watcher's retry reads the secrets.
    sim.simulator.cluster('east').resetFaults();
    await current.until(
      () => current.cluster('east').remoteSecrets.length === 2 && current.cluster('east').stale === null,
      'east complete again',
    );
  });

  it('expired credentials (401): stale with the way out, nothing else lost, recovers when accepted again', async () => {
    live = watchLive(sim.kubeconfigPath);
    const current = live;
    await current.discovery.whenSynced();
    sim.simulator.cluster('edge').setFaults({ tokenExpired: true });
    sim.simulator.cluster('edge').dropWatches(); // the next requests carry the refused token
    const health = await current.untilHealth(
      'edge',
      (entry) => entry.state === 'unauthorized',
      'edge unauthorized',
    );
    assert.equal(health.reachable, false);
    assert.match(
      health.stale ?? '',
      /^credentials expired or refused \(401\) by cluster edge; log in again or renew the kubeconfig's credentials; showing the snapshot from \d\d:\d\d:\d\d; retrying/,
    );
    assert.equal(current.cluster('edge').role, 'remote', 'the last known facts stay');
    sim.simulator.cluster('edge').resetFaults();
    await current.untilHealth('edge', (entry) => entry.state === 'synced', 'edge accepted again');
  });

  it('a wrong token in the kubeconfig: the one-shot read reports 401 for that cluster only', async () => {
    const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'meshwright-topology-'));
    try {
      const config = YAML.parse(fs.readFileSync(sim.kubeconfigPath, 'utf8')) as {
        users: { name: string; user: { token: string } }[];
      };
      const west = config.users.find((user) => user.name === 'west-admin');
      assert.ok(west);
      west.user.token = 'wrong-token-0123456789';
      const file = path.join(directory, 'kubeconfig');
      fs.writeFileSync(file, YAML.stringify(config), { mode: 0o600 });
      const result = await discoverTopology({ kubeconfig: file, env: {} });
      const health = result.health.find((entry) => entry.cluster === 'west');
      assert.equal(health?.state, 'unauthorized');
      assert.match(
        health?.stale ?? '',
        /^credentials expired or refused \(401\) by cluster west; log in again or renew the kubeconfig's credentials; 0 of \d+ resource types read$/,
      );
      assert.equal(result.health.find((entry) => entry.cluster === 'east')?.state, 'synced');
      assert.ok(!JSON.stringify(result).includes('wrong-token-0123456789'));
    } finally {
      fs.rmSync(directory, { recursive: true, force: true });
    }
  });

  it('the one-shot read gives up on a slow cluster at its deadline and reports what it read', async () => {
    sim.simulator.cluster('west').setFaults({ latencyMs: 3_000 });
    const result = await discoverTopology({ kubeconfig: sim.kubeconfigPath, timeoutMs: 1_000, env: {} });
    const west = result.health.find((entry) => entry.cluster === 'west');
    assert.equal(west?.state, 'unreachable');
    assert.match(
      west?.stale ?? '',
      /^cluster west not answering \(no answer within 1s from 127\.0\.0\.1:\d+\); 0 of \d+ resource types read$/,
    );
    assert.equal(result.health.find((entry) => entry.cluster === 'east')?.state, 'synced');
  });

  it('a cluster that answers, but too slowly to be read within the deadline: "too slow", with what was read', async () => {
    // Every answer takes 2 s. Every type is asked for at once; three lists of a cluster are in flight, but
    // one still unanswered after 0.5 s gives its turn to the next: three answer at 2 s, three more at 2.5 s
    // and at 3 s, before the deadline (3.8 s). Waiting in turn, only the first three (or six) would have,
    // the next ones coming at 4 s.
    sim.simulator.cluster('west').setFaults({ latencyMs: 2_000 });
    const result = await discoverTopology({ kubeconfig: sim.kubeconfigPath, timeoutMs: 3_800, env: {} });
    const west = result.health.find((entry) => entry.cluster === 'west');
    assert.equal(west?.state, 'unreachable');
    const wording =
      /^cluster west too slow \(3\.8s were not enough to read every type from 127\.0\.0\.1:\d+; allow more time with --timeout\); (\d+) of (\d+) resource types read$/.exec(
        west?.stale ?? '',
      );
    assert.ok(wording, `stale reason: ${west?.stale}`);
    const [read, total] = [Number(wording[1]), Number(wording[2])];
    assert.ok(read > 6 && read < total, `${read} of ${total}: more than the first six types, not all`);
  });

  it("a cluster whose istiod Service is read but not its Deployments: no guessed role (a primary's looks like a remote's)", async () => {
    // West is a primary; its istiod Service selects istiod pods. Without the Deployments, the role is not
    // known yet: a remote's istiod Service (no selector) is the only one that says "remote" by itself.
    sim.simulator.cluster('west').setFaults({ forbidden: [{ resource: 'deployments', group: 'apps' }] });
    const result = await discoverTopology({ kubeconfig: sim.kubeconfigPath, env: {} });
    const west = result.snapshot.clusters.find((cluster) => cluster.name === 'west');
    assert.ok(
      west?.objects.some((object) => object.kind === 'Service' && object.metadata.name === 'istiod'),
      "west's istiod Service was read",
    );
    assert.notEqual(west?.role, 'remote');
    assert.equal(result.snapshot.clusters.find((cluster) => cluster.name === 'edge')?.role, 'remote');
  });
});

describe('topology: kubeconfig loading and credential plugins', function () {
  this.timeout(30_000);
  const marker = path.join(os.tmpdir(), `meshwright-plugin-ran-${process.pid}`);
  const pluginKubeconfig = path.join(TOPOLOGY_FIXTURES, 'exec-plugin.kubeconfig');

  beforeEach(() => {
    fs.rmSync(marker, { force: true });
    process.env.MESHWRIGHT_PLUGIN_MARKER = marker;
  });
  afterEach(() => {
    fs.rmSync(marker, { force: true });
    delete process.env.MESHWRIGHT_PLUGIN_MARKER;
  });

  it('an exec plugin never runs in an untrusted workspace: the cluster is refused with the reason', async () => {
    const { endpoints } = loadKubeconfig({ kubeconfig: pluginKubeconfig, trusted: false });
    assert.equal(endpoints[0]?.config, null);
    const discovery = TopologyDiscovery.start({ endpoints });
    try {
      await discovery.whenSynced();
      const health = discovery.health()[0];
      assert.equal(health?.state, 'refused');
      assert.equal(
        health?.stale,
        `${UNTRUSTED_PLUGIN_REASON}: context plugin gets its token from the exec plugin "sh"; trust the workspace to read this cluster`,
      );
      assert.equal(discovery.snapshot.clusters[0]?.stale, health?.stale);
    } finally {
      discovery.stop();
    }
    assert.equal(fs.existsSync(marker), false, 'the plugin did not run');
  });

  it('in a trusted workspace the exec plugin runs; its token is never shown', async () => {
    const result = await discoverTopology({
      kubeconfig: pluginKubeconfig,
      trusted: true,
      timeoutMs: 5_000,
      env: {},
    });
    assert.equal(fs.existsSync(marker), true, 'the plugin ran');
    assert.match(
      result.health[0]?.stale ?? '',
      /^cluster plugin unreachable \(ECONNREFUSED 127\.0\.0\.1:1\)/,
    );
    assert.ok(!JSON.stringify(result).includes('plugin-token'));
  });

  it('a kubeconfig that is not YAML is reported by line, never quoting its credentials', () => {
    const file = path.join(TOPOLOGY_FIXTURES, 'broken.kubeconfig');
    assert.throws(
      () => loadKubeconfig({ kubeconfig: file, trusted: false }),
      (error: unknown) =>
        error instanceof KubeconfigError &&
        /^kubeconfig .*broken\.kubeconfig cannot be read \(not valid YAML at line \d+/.test(error.problem) &&
        !error.message.includes('sekret-token'),
    );
  });

  it('unknown contexts, missing files and contexts without a cluster are explained', () => {
    assert.throws(
      () => loadKubeconfig({ kubeconfig: pluginKubeconfig, contexts: ['east'], trusted: false }),
      /context "east" not found in .*exec-plugin\.kubeconfig; the contexts are: plugin/,
    );
    assert.throws(
      () => loadKubeconfig({ kubeconfig: '/nonexistent/kubeconfig', trusted: false }),
      /kubeconfig \/nonexistent\/kubeconfig does not exist/,
    );
    assert.throws(
      () => loadKubeconfig({ trusted: false, env: { KUBECONFIG: '', HOME: '/nonexistent-home' } }),
      /no kubeconfig: KUBECONFIG is not set and \/nonexistent-home\/\.kube\/config does not exist/,
    );
    const orphan = loadKubeconfig({
      kubeconfig: path.join(TOPOLOGY_FIXTURES, 'missing-cluster.kubeconfig'),
      trusted: true,
    });
    assert.match(
      orphan.endpoints[0]?.refused ?? '',
      /context orphan names cluster "nowhere", which the kubeconfig does not define/,
    );
  });

  it('KUBECONFIG with several files: merged, the first file that defines a name wins, missing files skipped', async () => {
    const sim = await startForTest({ demo: true });
    const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'meshwright-kubeconfigs-'));
    try {
      const config = YAML.parse(fs.readFileSync(sim.kubeconfigPath, 'utf8')) as Record<string, unknown[]>;
      const split = (names: string[]) => ({
        ...config,
        clusters: (config.clusters as { name: string }[]).filter((entry) => names.includes(entry.name)),
        contexts: (config.contexts as { name: string }[]).filter((entry) => names.includes(entry.name)),
        users: (config.users as { name: string }[]).filter((entry) =>
          names.some((name) => entry.name === `${name}-admin`),
        ),
      });
      const first = path.join(directory, 'first');
      const second = path.join(directory, 'second');
      fs.writeFileSync(first, YAML.stringify(split(['east'])));
      // The second file's east points nowhere: reading east proves the first file's definition won.
      const shadowed = split(['east', 'west']);
      shadowed.clusters = (shadowed.clusters as { name: string; cluster: Record<string, unknown> }[]).map(
        (entry) =>
          entry.name === 'east'
            ? { ...entry, cluster: { ...entry.cluster, server: 'https://127.0.0.1:1' } }
            : entry,
      );
      fs.writeFileSync(second, YAML.stringify(shadowed));
      const env = { KUBECONFIG: [first, path.join(directory, 'missing'), second].join(path.delimiter) };
      const loaded = loadKubeconfig({ trusted: false, env });
      assert.deepEqual(loaded.files, [first, second]);
      assert.deepEqual(
        loaded.endpoints.map((endpoint) => endpoint.name),
        ['east', 'west'],
      );
      const result = await discoverTopology({ env });
      assert.deepEqual(
        result.snapshot.clusters.map((cluster) => `${cluster.name} ${cluster.role} ${cluster.network}`),
        ['east primary net1', 'west primary net2'],
      );
      await waitFor(() => result.health.every((health) => health.state === 'synced'), 'both synced');
    } finally {
      fs.rmSync(directory, { recursive: true, force: true });
      await sim.stop();
    }
  });
});
