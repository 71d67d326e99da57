/**
 * The simulator's API semantics over raw HTTPS, where kubectl hides them: watch resumption and 410 Gone,
 * bookmarks, selector semantics in watches, dry run, preconditions, paging, discovery and Status bodies.
 */
import assert from 'node:assert/strict';
import path from 'node:path';
import { FIXTURES, openWatch, request, startForTest, waitFor, type SimulatorUnderTest } from './sim-harness';

interface WatchEvent {
  type: string;
  object: {
    kind?: string;
    code?: number;
    reason?: string;
    message?: string;
    metadata: { name?: string; resourceVersion: string; annotations?: Record<string, string> };
  };
}

describe('meshwright-sim API semantics', function () {
  this.timeout(30_000);
  let sim: SimulatorUnderTest;
  let base: string;
  let token: string;

  before(async () => {
    sim = await startForTest({
      clusters: [{ name: 'alpha', paths: [path.join(FIXTURES, 'basic')] }],
      watchHistorySize: 5,
      bookmarkIntervalMs: 100,
    });
    base = sim.simulator.cluster('alpha').url;
    token = sim.simulator.cluster('alpha').token;
  });
  after(async () => sim.stop());

  const call = (route: string, options: Parameters<typeof request>[2] = {}) =>
    request(sim.simulator, `${base}${route}`, { token, ...options });
  const json = (text: string): Record<string, unknown> => JSON.parse(text) as Record<string, unknown>;
  const configMap = (name: string, data: Record<string, string>, resourceVersion?: string): string =>
    JSON.stringify({
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name, namespace: 'shop', ...(resourceVersion ? { resourceVersion } : {}) },
      data,
    });

  it('serves /version anonymously but refuses anonymous API calls with 403', async () => {
    const version = await call('/version', { token: null });
    assert.equal(version.status, 200);
    assert.equal(json(version.body).gitVersion, 'v1.32.4');
    const anonymous = await call('/api/v1/namespaces/shop/pods', { token: null });
    assert.equal(anonymous.status, 403);
    assert.match(
      json(anonymous.body).message as string,
      /User "system:anonymous" cannot list resource "pods"/,
    );
  });

  it('answers aggregated discovery when asked, legacy discovery otherwise', async () => {
    const aggregated = await call('/apis', {
      accept: 'application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,application/json',
    });
    const body = json(aggregated.body) as {
      kind: string;
      items: { metadata: { name: string }; versions: { version: string }[] }[];
    };
    assert.equal(body.kind, 'APIGroupDiscoveryList');
    const networking = body.items.find((item) => item.metadata.name === 'networking.istio.io');
    assert.deepEqual(
      networking?.versions.map((version) => version.version),
      ['v1', 'v1beta1', 'v1alpha3'],
    );
    const legacy = json((await call('/apis/networking.istio.io')).body) as {
      preferredVersion: { version: string };
    };
    assert.equal(legacy.preferredVersion.version, 'v1');
  });

  it('keeps one monotonic resourceVersion per cluster across resources', async () => {
    const first = json(
      (
        await call('/api/v1/namespaces/shop/configmaps', {
          method: 'POST',
          body: configMap('rv-a', { a: '1' }),
          contentType: 'application/json',
        })
      ).body,
    );
    const second = json(
      (
        await call('/apis/networking.istio.io/v1/namespaces/shop/virtualservices', {
          method: 'POST',
          contentType: 'application/json',
          body: JSON.stringify({
            apiVersion: 'networking.istio.io/v1',
            kind: 'VirtualService',
            metadata: { name: 'rv-b' },
            spec: { hosts: ['b'] },
          }),
        })
      ).body,
    );
    const rv = (object: Record<string, unknown>): number =>
      Number((object.metadata as { resourceVersion: string }).resourceVersion);
    assert.ok(rv(second) > rv(first));
    const list = json((await call('/api/v1/namespaces/shop/configmaps')).body) as {
      metadata: { resourceVersion: string };
    };
    assert.ok(Number(list.metadata.resourceVersion) >= rv(second));
  });

  it('dryRun=All computes a create and an update without storing them', async () => {
    const created = await call('/api/v1/namespaces/shop/configmaps?dryRun=All', {
      method: 'POST',
      body: configMap('dry', { a: '1' }),
      contentType: 'application/json',
    });
    assert.equal(created.status, 201);
    assert.equal((await call('/api/v1/namespaces/shop/configmaps/dry')).status, 404);
    const patched = await call(
      '/apis/networking.istio.io/v1/namespaces/shop/destinationrules/cart?dryRun=All&fieldManager=test',
      {
        method: 'PATCH',
        contentType: 'application/apply-patch+yaml',
        body: 'apiVersion: networking.istio.io/v1\nkind: DestinationRule\nmetadata: {name: cart, namespace: shop}\nspec: {exportTo: ["."]}\n',
      },
    );
    assert.equal(patched.status, 200, patched.body);
    assert.deepEqual((json(patched.body).spec as { exportTo: string[] }).exportTo, ['.']);
    const stored = json(
      (await call('/apis/networking.istio.io/v1/namespaces/shop/destinationrules/cart')).body,
    );
    assert.equal((stored.spec as { exportTo?: string[] }).exportTo, undefined);
  });

  it('refuses an update with a stale resourceVersion with 409 Conflict', async () => {
    const created = json(
      (
        await call('/api/v1/namespaces/shop/configmaps', {
          method: 'POST',
          body: configMap('locked', { a: '1' }),
          contentType: 'application/json',
        })
      ).body,
    );
    const rv = (created.metadata as { resourceVersion: string }).resourceVersion;
    assert.equal(
      (
        await call('/api/v1/namespaces/shop/configmaps/locked', {
          method: 'PUT',
          body: configMap('locked', { a: '2' }, rv),
          contentType: 'application/json',
        })
      ).status,
      200,
    );
    const stale = await call('/api/v1/namespaces/shop/configmaps/locked', {
      method: 'PUT',
      body: configMap('locked', { a: '3' }, rv),
      contentType: 'application/json',
    });
    assert.equal(stale.status, 409);
    assert.deepEqual(json(stale.body), {
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message:
        'Operation cannot be fulfilled on configmaps "locked": the object has been modified; please apply your changes to the latest version and try again',
      reason: 'Conflict',
      details: { name: 'locked', kind: 'configmaps' },
      code: 409,
    });
  });

  it('requires a fieldManager for apply and merges keyed lists in strategic merge patches', async () => {
    const noManager = await call('/api/v1/namespaces/shop/configmaps/x', {
      method: 'PATCH',
      contentType: 'application/apply-patch+yaml',
      body: 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x}\n',
    });
    // As a real API server answers it (test/real/simulator-fidelity.test.ts): invalid PatchOptions.
    assert.equal(noManager.status, 422);
    assert.match(noManager.body, /fieldManager: Required value: is required for apply patch/);
    const patched = await call('/api/v1/namespaces/shop/pods/cart-v1-abc12', {
      method: 'PATCH',
      contentType: 'application/strategic-merge-patch+json',
      body: JSON.stringify({ spec: { containers: [{ name: 'cart', image: 'registry.example/cart:1.1' }] } }),
    });
    assert.equal(patched.status, 200, patched.body);
    const containers = (
      json(patched.body).spec as { containers: { name: string; image: string; ports: unknown[] }[] }
    ).containers;
    assert.equal(containers.length, 1);
    assert.equal(containers[0]?.image, 'registry.example/cart:1.1');
    assert.equal(containers[0]?.ports.length, 1, 'fields not in the patch are kept');
    const onCrd = await call('/apis/networking.istio.io/v1/namespaces/shop/destinationrules/cart', {
      method: 'PATCH',
      contentType: 'application/strategic-merge-patch+json',
      body: '{}',
    });
    assert.equal(onCrd.status, 415, 'custom resources take no strategic merge patch');
  });

  it('pages lists with limit and continue', async () => {
    const first = json((await call('/api/v1/namespaces?limit=2')).body) as {
      items: { metadata: { name: string } }[];
      metadata: { continue?: string };
    };
    assert.equal(first.items.length, 2);
    assert.ok(first.metadata.continue);
    const rest = json(
      (
        await call(
          `/api/v1/namespaces?limit=100&continue=${encodeURIComponent(first.metadata.continue ?? '')}`,
        )
      ).body,
    ) as { items: { metadata: { name: string } }[]; metadata: { continue?: string } };
    const names = [...first.items, ...rest.items].map((item) => item.metadata.name);
    assert.deepEqual(names, ['default', 'kube-node-lease', 'kube-public', 'kube-system', 'shop']);
    assert.equal(rest.metadata.continue, undefined);
  });

  it('watches from a list resourceVersion: events in order, selector exits as DELETED, bookmarks', async () => {
    const list = json((await call('/api/v1/namespaces/shop/configmaps')).body) as {
      metadata: { resourceVersion: string };
    };
    const watch = openWatch(
      sim.simulator,
      `${base}/api/v1/namespaces/shop/configmaps?watch=1&labelSelector=tier%3Dweb&allowWatchBookmarks=true&resourceVersion=${list.metadata.resourceVersion}`,
      token,
    );
    try {
      const body = (tier: string): string =>
        JSON.stringify({
          apiVersion: 'v1',
          kind: 'ConfigMap',
          metadata: { name: 'watched', labels: { tier } },
          data: {},
        });
      await call('/api/v1/namespaces/shop/configmaps', {
        method: 'POST',
        body: body('web'),
        contentType: 'application/json',
      });
      await call('/api/v1/namespaces/shop/configmaps/watched', {
        method: 'PUT',
        body: body('db'),
        contentType: 'application/json',
      });
      await call('/api/v1/namespaces/shop/configmaps/watched', { method: 'DELETE' });
      const events = (await waitFor(() => {
        const changes = (watch.events() as unknown as WatchEvent[]).filter(
          (event) => event.type !== 'BOOKMARK',
        );
        return changes.length >= 2 &&
          (watch.events() as unknown as WatchEvent[]).some((event) => event.type === 'BOOKMARK')
          ? watch.events()
          : undefined;
      }, 'ADDED, DELETED and a bookmark')) as unknown as WatchEvent[];
      const changes = events.filter((event) => event.type !== 'BOOKMARK');
      assert.deepEqual(
        changes.map((event) => `${event.type} ${event.object.metadata.name}`),
        ['ADDED watched', 'DELETED watched'],
      );
      assert.ok(
        Number(changes[1]?.object.metadata.resourceVersion) >
          Number(changes[0]?.object.metadata.resourceVersion),
      );
      const bookmark = events.find((event) => event.type === 'BOOKMARK');
      assert.equal(bookmark?.object.kind, 'ConfigMap');
      assert.ok(
        Number(bookmark?.object.metadata.resourceVersion) >=
          Number(changes[0]?.object.metadata.resourceVersion),
      );
    } finally {
      watch.stop();
    }
  });

  it('sends initial events and the initial-events-end bookmark for sendInitialEvents', async () => {
    const watch = openWatch(
      sim.simulator,
      `${base}/api/v1/namespaces/shop/pods?watch=1&sendInitialEvents=true&resourceVersionMatch=NotOlderThan&allowWatchBookmarks=true`,
      token,
    );
    try {
      const events = (await waitFor(
        () =>
          (watch.events() as unknown as WatchEvent[]).some((event) => event.type === 'BOOKMARK')
            ? watch.events()
            : undefined,
        'the initial-events-end bookmark',
      )) as unknown as WatchEvent[];
      assert.deepEqual(
        events.slice(0, 2).map((event) => event.type),
        ['ADDED', 'ADDED'],
      );
      assert.equal(events[2]?.object.metadata.annotations?.['k8s.io/initial-events-end'], 'true');
    } finally {
      watch.stop();
    }
  });

  it('answers a watch from a compacted resourceVersion with an ERROR event carrying 410 Expired', async () => {
    const start = sim.simulator.cluster('alpha').resourceVersion;
    for (let index = 0; index < 7; index += 1) {
      await call('/api/v1/namespaces/shop/configmaps', {
        method: 'POST',
        body: configMap(`churn-${index}`, {}),
        contentType: 'application/json',
      });
    }
    const watch = openWatch(
      sim.simulator,
      `${base}/api/v1/namespaces/shop/configmaps?watch=1&resourceVersion=${start}`,
      token,
    );
    try {
      await waitFor(() => watch.ended(), 'the server ends the expired watch');
      const [event] = watch.events() as unknown as WatchEvent[];
      assert.equal(event?.type, 'ERROR');
      assert.equal(event?.object.code, 410);
      assert.equal(event?.object.reason, 'Expired');
      assert.match(
        event?.object.message ?? '',
        new RegExp(`^too old resource version: ${start} \\(\\d+\\)$`),
      );
    } finally {
      watch.stop();
    }
  });

  it('answers unknown resources and namespaces with NotFound Status bodies', async () => {
    const unknown = await call('/apis/networking.istio.io/v1/namespaces/shop/frobnicators');
    assert.equal(unknown.status, 404);
    assert.equal(json(unknown.body).kind, 'Status');
    const missingNamespace = await call('/api/v1/namespaces/nowhere/configmaps', {
      method: 'POST',
      body: JSON.stringify({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x' } }),
      contentType: 'application/json',
    });
    assert.equal(missingNamespace.status, 404);
    assert.deepEqual(json(missingNamespace.body).details, { name: 'nowhere', kind: 'namespaces' });
  });
});
