/**
 * Live discovery (lists, then watches) of the demo mesh over TLS: watch events update the snapshot with
 * change events naming the cluster and object; a cluster stopped mid-way turns stale with the reason and
 * recovers when started; dropped watches (clean or reset) reconnect and converge; a resourceVersion too
 * old after an outage (410 Gone) relists; a cluster down at start becomes reachable when it starts.
 */
import assert from 'node:assert/strict';
import { objectKey } from '../../server/src/topology/watched-resources';
import { startForTest, type SimulatorUnderTest } from './sim-harness';
import { type LiveTopology, hasObject, watchLive } from './topology-support';

const destinationRule = (name: string, host: string) => ({
  apiVersion: 'networking.istio.io/v1',
  kind: 'DestinationRule',
  metadata: { name, namespace: 'bookinfo' },
  spec: { host },
});

describe('topology: live discovery with watches', function () {
  this.timeout(60_000);
  let sim: SimulatorUnderTest;
  let live: LiveTopology;

  before(async () => {
    // A short watch history, so an outage with many changes makes the resourceVersion too old (410).
    sim = await startForTest({ demo: true, watchHistorySize: 20 });
    live = watchLive(sim.kubeconfigPath);
    await live.discovery.whenSynced();
  });
  after(async () => {
    live?.stop();
    await sim?.stop();
  });

  it('publishes a first complete snapshot with every cluster in sync', () => {
    assert.deepEqual(
      live.discovery.health().map((health) => `${health.cluster} ${health.state}`),
      ['east synced', 'west synced', 'edge synced'],
    );
    assert.equal(live.cluster('east').role, 'primary');
    assert.ok(live.discovery.snapshot.version > 0);
  });

  it('a watch event creates, updates and deletes objects, with change events naming cluster and key', async () => {
    const west = sim.simulator.cluster('west');
    const before = live.discovery.snapshot.version;
    west.put(destinationRule('payments', 'payments.bookinfo.svc.cluster.local'));
    const created = await live.until(
      () => hasObject(live.cluster('west'), 'DestinationRule', 'bookinfo', 'payments'),
      'the created DestinationRule in west',
    );
    assert.ok(created.version > before, 'the version increases');
    const key = 'DestinationRule.networking.istio.io bookinfo/payments';
    assert.ok(
      live.events.some((event) =>
        event.changes.some((change) => change.cluster === 'west' && change.keys.includes(key)),
      ),
      'a change event names west and the object key',
    );
    assert.equal(hasObject(live.cluster('east'), 'DestinationRule', 'bookinfo', 'payments'), false);

    west.put(destinationRule('payments', 'payments-v2.bookinfo.svc.cluster.local'));
    await live.until(
      () =>
        live
          .cluster('west')
          .objects.some(
            (object) =>
              object.metadata.name === 'payments' &&
              (object.spec as { host?: string }).host?.startsWith('payments-v2'),
          ),
      'the updated DestinationRule',
    );

    west.remove('networking.istio.io/v1', 'DestinationRule', 'bookinfo', 'payments');
    await live.until(
      () => !hasObject(live.cluster('west'), 'DestinationRule', 'bookinfo', 'payments'),
      'the deletion',
    );
  });

  it('a changed fact (network label) shows in the derived facts; untouched clusters stay the same objects', async () => {
    const eastBefore = live.cluster('east');
    const edge = sim.simulator.cluster('edge');
    const namespace = edge
      .objects()
      .find((object) => object.kind === 'Namespace' && object.metadata.name === 'istio-system');
    assert.ok(namespace);
    const relabel = (network: string) => ({
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: {
        name: 'istio-system',
        labels: { ...namespace.metadata.labels, 'topology.istio.io/network': network },
        annotations: namespace.metadata.annotations,
      },
    });
    edge.put(relabel('net3'));
    await live.until(() => live.cluster('edge').network === 'net3', 'edge moves to net3');
    assert.equal(live.cluster('east'), eastBefore, 'east was not rebuilt');
    edge.put(relabel('net1'));
    await live.until(() => live.cluster('edge').network === 'net1', 'edge back on net1');
  });

  it('slims watched objects: env outside the control plane, last-applied annotations and CA bundles are dropped', async () => {
    const east = sim.simulator.cluster('east');
    east.put({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: {
        name: 'billing',
        namespace: 'bookinfo',
        annotations: {
          'kubectl.kubernetes.io/last-applied-configuration': '{"big": true}',
          team: 'payments',
        },
      },
      spec: {
        selector: { matchLabels: { app: 'billing' } },
        template: {
          metadata: { labels: { app: 'billing' } },
          spec: {
            containers: [
              { name: 'app', image: 'billing:1', env: [{ name: 'DB_PASSWORD', value: 'hunter2-not-kept' }] },
            ],
          },
        },
      },
    });
    east.put({
      apiVersion: 'admissionregistration.k8s.io/v1',
      kind: 'MutatingWebhookConfiguration',
      metadata: { name: 'other-injector' },
      webhooks: [
        {
          name: 'inject.example.com',
          admissionReviewVersions: ['v1'],
          sideEffects: 'None',
          clientConfig: {
            url: 'https://injector.example.com/inject',
            caBundle: 'TFMwdExTMUNSVWRKVGlCRFJWSlVTVVpKUTBGVVJTMHRMUzB0Q2c9PQ==',
          },
        },
      ],
    });
    await live.until(
      () =>
        hasObject(live.cluster('east'), 'Deployment', 'bookinfo', 'billing') &&
        hasObject(live.cluster('east'), 'MutatingWebhookConfiguration', undefined, 'other-injector'),
      'the deployment and the webhook',
    );
    const json = JSON.stringify(live.cluster('east'));
    assert.ok(!json.includes('hunter2-not-kept'), 'container env outside istio-system is dropped');
    assert.ok(!json.includes('last-applied-configuration'));
    assert.ok(!json.includes('TFMwdExTMUNSVWRKVGlCRFJWSlVTVVpKUTBGVVJTMHRMUzB0Q2c9PQ'));
    assert.ok(json.includes('"team":"payments"'), 'other annotations stay');
    assert.ok(json.includes('https://injector.example.com/inject'), 'webhook URLs stay');
    const istiod = live
      .cluster('east')
      .objects.find((object) => object.kind === 'Deployment' && object.metadata.name === 'istiod');
    assert.match(
      JSON.stringify(istiod),
      /"CLUSTER_ID"/,
      'istiod keeps its env (the cluster ID comes from it)',
    );
  });

  it('a cluster stopped mid-way turns stale with the reason within seconds, keeps its objects, and recovers', async () => {
    const west = sim.simulator.cluster('west');
    const objectsBefore = live.cluster('west').objects.length;
    await west.stop();
    const down = await live.untilHealth(
      'west',
      (health) => health.state === 'unreachable',
      'west unreachable',
    );
    assert.equal(down.reachable, false);
    const reason = new RegExp(
      `^cluster west unreachable \\((ECONNREFUSED|ECONNRESET) 127\\.0\\.0\\.1:${west.port}\\); showing the snapshot from \\d\\d:\\d\\d:\\d\\d; retrying (in \\d+s|now)$`,
    );
    assert.match(down.stale ?? '', reason);
    await live.until(() => live.cluster('west').reachable === false, 'the snapshot says west is unreachable');
    assert.match(live.cluster('west').stale ?? '', reason);
    assert.equal(live.cluster('west').objects.length, objectsBefore, 'the last known objects stay');
    assert.equal(live.cluster('west').role, 'primary', 'and so do its facts');
    assert.equal(live.health('east').state, 'synced', 'other clusters are not affected');

    // Changed while down: seen after the restart.
    west.put(destinationRule('while-down', 'reviews.bookinfo.svc.cluster.local'));
    await west.start();
    await live.untilHealth('west', (health) => health.state === 'synced', 'west recovers');
    await live.until(
      () =>
        live.cluster('west').reachable &&
        hasObject(live.cluster('west'), 'DestinationRule', 'bookinfo', 'while-down'),
      'the change made while west was down',
    );
  });

  it('relists when the resourceVersion is too old after an outage (410 Gone) and converges', async () => {
    const east = sim.simulator.cluster('east');
    await east.stop();
    await live.untilHealth('east', (health) => health.state === 'unreachable', 'east unreachable');
    // More changes than the watch history keeps: resuming from the old resourceVersion gets 410.
    for (let index = 0; index < 30; index += 1)
      east.put(destinationRule(`churn-${index}`, `churn-${index}.bookinfo.svc.cluster.local`));
    east.remove('networking.istio.io/v1', 'DestinationRule', 'bookinfo', 'churn-0');
    await east.start();
    await live.until(
      () =>
        live.cluster('east').reachable &&
        hasObject(live.cluster('east'), 'DestinationRule', 'bookinfo', 'churn-29') &&
        !hasObject(live.cluster('east'), 'DestinationRule', 'bookinfo', 'churn-0'),
      'east converges after the relist',
    );
    const expected = east
      .objects()
      .filter((object) => object.kind === 'DestinationRule')
      .map((object) => object.metadata.name)
      .sort();
    const seen = live
      .cluster('east')
      .objects.filter((object) => object.kind === 'DestinationRule')
      .map((object) => object.metadata.name)
      .sort();
    assert.deepEqual(seen, expected);
  });

  for (const abrupt of [false, true]) {
    it(`dropped watches (${abrupt ? 'connection reset' : 'clean end'}) reconnect and converge`, async () => {
      const edge = sim.simulator.cluster('edge');
      await live.untilHealth('edge', (health) => health.state === 'synced', 'edge in sync');
      const dropped = edge.dropWatches({ abrupt });
      assert.ok(dropped >= 20, `every watched type had a watch open (${dropped})`);
      const name = `after-drop-${abrupt ? 'reset' : 'clean'}`;
      edge.put(destinationRule(name, 'ratings.bookinfo.svc.cluster.local'));
      await live.until(
        () => hasObject(live.cluster('edge'), 'DestinationRule', 'bookinfo', name),
        'the object made after the drop',
      );
      assert.equal(live.health('edge').state, 'synced');
      const key = objectKey(destinationRule(name, 'x'));
      assert.ok(live.events.some((event) => event.changes.some((change) => change.keys.includes(key))));
    });
  }
});

describe('topology: a cluster down at start', function () {
  this.timeout(60_000);
  let sim: SimulatorUnderTest;
  let live: LiveTopology;

  before(async () => {
    sim = await startForTest({ demo: true });
    await sim.simulator.cluster('west').stop();
    live = watchLive(sim.kubeconfigPath);
  });
  after(async () => {
    live?.stop();
    await sim?.stop();
  });

  it('is reported unreachable with nothing read, while the others sync; it becomes reachable when started', async () => {
    await live.discovery.whenSynced();
    const west = live.health('west');
    assert.equal(west.state, 'unreachable');
    assert.match(
      west.stale ?? '',
      /^cluster west unreachable \(ECONNREFUSED 127\.0\.0\.1:\d+\); nothing read yet; retrying (in \d+s|now)$/,
    );
    assert.equal(live.cluster('west').role, 'unknown');
    assert.equal(live.cluster('east').role, 'primary');
    assert.equal(live.health('edge').state, 'synced');

    await sim.simulator.cluster('west').start();
    await live.untilHealth('west', (health) => health.state === 'synced', 'west synced after its start');
    // The snapshot follows the health within a change-feed batch: wait for the one that shows it.
    await live.until(
      () =>
        live.cluster('west').role === 'primary' &&
        live.cluster('west').network === 'net2' &&
        live.cluster('west').stale === null,
      'west facts, in sync',
    );
  });
});
