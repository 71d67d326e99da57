/**
 * Discovery's watches against real API servers: objects added, changed and deleted (a Service, an Istio
 * DestinationRule, a Pod) are in the snapshot within seconds; watches ask for bookmarks and stay healthy
 * across the server's timeouts; after etcd compaction a watch resumed from an old resourceVersion gets
 * 410 Gone and discovery relists until it is current; a restarted API server turns the cluster
 * unreachable, then current again.
 */
import assert from 'node:assert/strict';
import { type TopologySnapshot } from '../../server/src/mesh/snapshot';
import { type LiveTopology, hasObject, watchLive } from '../cluster/topology-support';
import { ApiRequestRecorder, type RecordedRequest } from './support/api-request-recorder';
import { RealControlPlane } from './support/control-plane';
import { demoMesh } from './support/meshes';
import { ObjectWriter } from './support/object-writer';
import { type KubeManifest } from './support/rbac';
import { sharedDemoControlPlane } from './support/shared-control-plane';
import { TcpProxy } from './support/tcp-proxy';

/** "Within seconds": a watch event is normally in the snapshot after tens of milliseconds. */
const SEEN_WITHIN_MS = 5_000;

const destinationRule = (name: string, host: string): KubeManifest => ({
  apiVersion: 'networking.istio.io/v1',
  kind: 'DestinationRule',
  metadata: { name, namespace: 'bookinfo' },
  spec: { host },
});

const service = (name: string, version: string): KubeManifest => ({
  apiVersion: 'v1',
  kind: 'Service',
  metadata: { name, namespace: 'bookinfo', labels: { app: name, 'meshwright-test': version } },
  spec: { selector: { app: name }, ports: [{ name: 'http', port: 9080 }] },
});

const pod = (name: string, version: string): KubeManifest => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name, namespace: 'bookinfo', labels: { app: name, version } },
  spec: { containers: [{ name: 'app', image: `example.com/${name}:${version}` }] },
});

const labelOf = (snapshot: TopologySnapshot, cluster: string, kind: string, name: string, label: string) =>
  snapshot.clusters
    .find((candidate) => candidate.name === cluster)
    ?.objects.find((object) => object.kind === kind && object.metadata.name === name)?.metadata.labels?.[
    label
  ];

describe('topology watches on real API servers', function () {
  this.timeout(180_000);
  let plane: RealControlPlane;
  let live: LiveTopology;
  let writer: ObjectWriter;

  before(async () => {
    plane = await sharedDemoControlPlane();
    writer = new ObjectWriter(plane.cluster('west').rest('admin'));
    live = watchLive(plane.kubeconfig('reader'));
    await live.discovery.whenSynced();
  });
  after(() => live?.stop());

  /** Makes the change, then waits until the snapshot shows it; returns how long that took. */
  async function seen(change: () => Promise<void>, shown: () => boolean, what: string): Promise<number> {
    const started = Date.now();
    await change();
    await live.until(shown, what, SEEN_WITHIN_MS);
    return Date.now() - started;
  }

  const cases: { kind: string; create: KubeManifest; update: KubeManifest; label: string }[] = [
    {
      kind: 'Service',
      create: service('watched-service', 'one'),
      update: service('watched-service', 'two'),
      label: 'meshwright-test',
    },
    { kind: 'Pod', create: pod('watched-pod', 'one'), update: pod('watched-pod', 'two'), label: 'version' },
  ];
  for (const { kind, create, update, label } of cases) {
    it(`a ${kind} created, changed and deleted is in the snapshot within seconds`, async () => {
      const name = create.metadata.name;
      const label$ = () => labelOf(live.discovery.snapshot, 'west', kind, name, label);
      const timings = [
        await seen(
          () => writer.apply(create),
          () => label$() === 'one',
          `${kind} created`,
        ),
        await seen(
          () => writer.apply(update),
          () => label$() === 'two',
          `${kind} changed`,
        ),
        await seen(
          () => writer.remove(create),
          () => !hasObject(live.cluster('west'), kind, 'bookinfo', name),
          `${kind} deleted`,
        ),
      ];
      assert.ok(
        timings.every((ms) => ms < SEEN_WITHIN_MS),
        `seen after ${timings.join(', ')} ms`,
      );
      assert.equal(live.health('west').state, 'synced');
    });
  }

  it('an Istio DestinationRule created, changed and deleted; change events name the cluster and key', async () => {
    const key = 'DestinationRule.networking.istio.io bookinfo/watched-rule';
    const host = () =>
      (
        live.cluster('west').objects.find((object) => object.metadata.name === 'watched-rule')?.spec as
          { host?: string } | undefined
      )?.host;
    const eventsBefore = live.events.length;
    await seen(
      () => writer.apply(destinationRule('watched-rule', 'reviews.bookinfo.svc.cluster.local')),
      () => host() === 'reviews.bookinfo.svc.cluster.local',
      'the DestinationRule created',
    );
    assert.ok(
      live.events
        .slice(eventsBefore)
        .some((event) =>
          event.changes.some((change) => change.cluster === 'west' && change.keys.includes(key)),
        ),
      'a change event names west and the DestinationRule',
    );
    assert.equal(hasObject(live.cluster('east'), 'DestinationRule', 'bookinfo', 'watched-rule'), false);
    await seen(
      () => writer.apply(destinationRule('watched-rule', 'ratings.bookinfo.svc.cluster.local')),
      () => host() === 'ratings.bookinfo.svc.cluster.local',
      'the DestinationRule changed',
    );
    await seen(
      () => writer.remove(destinationRule('watched-rule', '')),
      () => host() === undefined,
      'the DestinationRule deleted',
    );
  });
});

describe('topology watches: bookmarks and reopened watches on a real API server', function () {
  this.timeout(180_000);
  let plane: RealControlPlane;
  let recorder: ApiRequestRecorder;
  let live: LiveTopology | undefined;

  before(async () => {
    plane = await sharedDemoControlPlane();
    recorder = ApiRequestRecorder.start();
  });
  after(() => {
    live?.stop();
    recorder?.stop();
  });

  it('asks for bookmarks, gets them, and reopens each watch from the newest resourceVersion, staying in sync', async () => {
    // Watches of 3-5 s: the server ends each one (with a bookmark 2 s before its end) again and again.
    live = watchLive(plane.kubeconfig('reader'), { contexts: ['edge'], watchTimeoutSeconds: 4 });
    const current = live;
    await current.discovery.whenSynced();
    const address = new URL(plane.cluster('edge').url).host;
    const configMaps = '/api/v1/namespaces/istio-system/configmaps';
    const watchesOf = (collection: string) =>
      recorder.to(address, collection).filter((request) => request.kind === 'watch');
    // A watched type that changes meanwhile: the server bookmarks its watches at the newest version.
    const writer = new ObjectWriter(plane.cluster('edge').rest('admin'));
    const churn = {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'churn', namespace: 'istio-system' },
    };
    for (let round = 0; watchesOf(configMaps).filter((watch) => watch.outcome).length < 2; round += 1) {
      assert.ok(round < 100, 'the server ended the watches within 20 s');
      await writer.apply({ ...churn, data: { round: String(round) } });
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    await writer.remove(churn);

    const watches = watchesOf('/');
    const summary = describeWatches(watches);
    for (const watch of watches) assert.match(watch.path, /[?&]allowWatchBookmarks=true(&|$)/);
    const ended = watches.filter((watch) => watch.outcome !== undefined);
    assert.ok(
      ended.every((watch) => watch.outcome === 'clean'),
      `watches end cleanly:\n${summary}`,
    );
    assert.ok(
      watchesOf(configMaps).some((watch) => watch.events.some((event) => event.type === 'BOOKMARK')),
      `the server sent bookmarks:\n${summary}`,
    );
    // Each watch resumes where the previous one of its type ended (its last event, a bookmark included).
    const byCollection = new Map<string, RecordedRequest[]>();
    for (const watch of watches) {
      const collection = watch.path.split('?')[0] ?? '';
      byCollection.set(collection, [...(byCollection.get(collection) ?? []), watch]);
    }
    for (const sequence of byCollection.values()) {
      let expected = resourceVersionOf(sequence[0]?.path ?? '');
      for (const watch of sequence) {
        assert.equal(resourceVersionOf(watch.path), expected, `resumed from the newest version:\n${summary}`);
        expected = watch.events.at(-1)?.resourceVersion ?? expected;
      }
    }
    const lists = recorder.to(address, '/').filter((request) => request.kind === 'list');
    assert.equal(
      lists.length,
      new Set(lists.map((list) => list.path.split('?')[0])).size,
      'no type relisted',
    );
    assert.equal(current.health('edge').state, 'synced');
    // And the reopened watches still see changes.
    await writer.apply(destinationRule('after-reopenings', 'ratings.bookinfo.svc.cluster.local'));
    await current.until(
      () => hasObject(current.cluster('edge'), 'DestinationRule', 'bookinfo', 'after-reopenings'),
      'a change after the reopenings',
      SEEN_WITHIN_MS,
    );
    await writer.remove(destinationRule('after-reopenings', ''));
  });
});

function resourceVersionOf(pathAndQuery: string): string | null {
  return new URLSearchParams(pathAndQuery.split('?')[1] ?? '').get('resourceVersion');
}

/** One line per watch: its type, the version it started from, its events and how it ended. */
function describeWatches(watches: readonly RecordedRequest[]): string {
  return watches
    .map(
      (watch) =>
        `${watch.path.split('?')[0]} from ${resourceVersionOf(watch.path)}: ` +
        `${watch.events.map((event) => `${event.type}@${event.resourceVersion}`).join(' ')} -> ${watch.outcome}`,
    )
    .join('\n');
}

describe('topology watches: compaction (410 Gone) and a restarted API server', function () {
  this.timeout(240_000);
  let plane: RealControlPlane;
  let proxy: TcpProxy;
  let recorder: ApiRequestRecorder;
  let live: LiveTopology | undefined;
  let writer: ObjectWriter;

  before(async () => {
    // One cluster is enough; without the watch cache the server passes etcd's "compacted" straight on.
    const west = demoMesh().find((spec) => spec.name === 'west');
    assert.ok(west);
    plane = await RealControlPlane.start([{ ...west, extraFlags: ['--watch-cache=false'] }]);
    proxy = await TcpProxy.start(plane.cluster('west').url);
    writer = new ObjectWriter(plane.cluster('west').rest('admin'));
    recorder = ApiRequestRecorder.start();
  });
  afterEach(() => {
    live?.stop();
    live = undefined;
  });
  after(async () => {
    recorder?.stop();
    await proxy?.stop();
    await plane?.stop();
  });

  it('resumes from a compacted resourceVersion: 410 Gone, a relist, and the changes made meanwhile', async () => {
    await writer.apply(destinationRule('before-outage', 'reviews.bookinfo.svc.cluster.local'));
    live = watchLive(plane.kubeconfig('reader', new Map([['west', proxy.url]])));
    const current = live;
    await current.discovery.whenSynced();
    assert.ok(hasObject(current.cluster('west'), 'DestinationRule', 'bookinfo', 'before-outage'));
    // Let the watches open (they wait for the first sync) before the outage.
    await current.until(() => proxy.openConnections > 0, 'connections open');
    await new Promise((resolve) => setTimeout(resolve, 500));

    await proxy.close();
    await current.untilHealth('west', (health) => health.state === 'unreachable', 'west unreachable');
    for (let index = 0; index < 20; index += 1)
      await writer.apply(destinationRule(`churn-${index}`, `churn-${index}.bookinfo.svc.cluster.local`));
    await writer.remove(destinationRule('before-outage', ''));
    const compactedAt = await plane.etcd.compact();
    const resumed = Date.now();
    await proxy.reopen();

    await current.until(
      () =>
        current.cluster('west').reachable &&
        hasObject(current.cluster('west'), 'DestinationRule', 'bookinfo', 'churn-19') &&
        !hasObject(current.cluster('west'), 'DestinationRule', 'bookinfo', 'before-outage'),
      'west current after the outage',
      30_000,
    );
    await current.untilHealth('west', (health) => health.state === 'synced', 'west synced');
    const address = `127.0.0.1:${proxy.port}`;
    const collection = '/apis/networking.istio.io/v1/destinationrules';
    const after = recorder.to(address, collection, resumed);
    const gone = after.filter(
      (request) =>
        request.kind === 'watch' &&
        request.events.some((event) => event.type === 'ERROR' && event.code === 410),
    );
    assert.ok(gone.length > 0, `a watch from before compaction (${compactedAt}) was refused as too old`);
    assert.ok(
      after.some((request) => request.kind === 'list'),
      'the DestinationRules were listed again',
    );
    const names = (
      await plane
        .cluster('west')
        .rest('admin')
        .json<{ items: { metadata: { name: string } }[] }>(`${collection}`)
    ).items
      .map((item) => item.metadata.name)
      .sort();
    const seenNames = current
      .cluster('west')
      .objects.filter((object) => object.kind === 'DestinationRule')
      .map((object) => object.metadata.name)
      .sort();
    assert.deepEqual(seenNames, names);
  });

  it('a restarted API server: west goes unreachable, comes back, and its objects are current', async () => {
    live = watchLive(plane.kubeconfig('reader'));
    const current = live;
    await current.discovery.whenSynced();
    await current.untilHealth('west', (health) => health.state === 'synced', 'west synced');
    const server = plane.cluster('west');
    const restarting = server.restart();
    const down = await current.untilHealth(
      'west',
      (health) => health.state === 'unreachable',
      'west unreachable while it restarts',
      30_000,
    );
    assert.match(
      down.stale ?? '',
      new RegExp(
        `^cluster west unreachable \\((ECONNREFUSED|ECONNRESET) 127\\.0\\.0\\.1:${server.port}\\); showing the snapshot from \\d\\d:\\d\\d:\\d\\d; retrying (in \\d+s|now)$`,
      ),
    );
    assert.equal(current.cluster('west').role, 'primary', 'the last known facts stay');
    await restarting;
    await current.untilHealth('west', (health) => health.state === 'synced', 'west back in sync', 30_000);
    await writer.apply(destinationRule('after-restart', 'ratings.bookinfo.svc.cluster.local'));
    await current.until(
      () =>
        current.cluster('west').stale === null &&
        hasObject(current.cluster('west'), 'DestinationRule', 'bookinfo', 'after-restart'),
      'a change after the restart',
      SEEN_WITHIN_MS,
    );
  });
});
