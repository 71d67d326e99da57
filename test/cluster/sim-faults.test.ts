/**
 * Fault knobs, through the control API (HTTP) and the programmatic handle: RBAC-like 403, error rate,
 * expired token, dropped watches, and stopping/starting a cluster.
 */
import assert from 'node:assert/strict';
import path from 'node:path';
import {
  FIXTURES,
  openWatch,
  readKubeconfig,
  request,
  startForTest,
  waitFor,
  type SimulatorUnderTest,
} from './sim-harness';

describe('meshwright-sim fault knobs', function () {
  this.timeout(60_000);
  let sim: SimulatorUnderTest;
  let alphaToken: string;
  let controlUrl: string;

  before(async () => {
    sim = await startForTest({
      clusters: [
        { name: 'alpha', paths: [path.join(FIXTURES, 'basic')] },
        { name: 'beta', paths: [path.join(FIXTURES, 'basic')] },
      ],
    });
    const kubeconfig = readKubeconfig(sim.kubeconfigPath);
    alphaToken = kubeconfig.users.find((user) => user.name === 'alpha-admin')?.user.token ?? '';
    controlUrl =
      kubeconfig.clusters.find((cluster) => cluster.name === 'alpha')?.cluster.extensions[0]?.extension
        .control ?? '';
  });
  afterEach(() => sim.simulator.clusters.forEach((cluster) => cluster.resetFaults()));
  after(async () => sim.stop());

  const control = (route: string, method: string, body?: unknown, token: string | null = alphaToken) =>
    request(sim.simulator, `${controlUrl}${route}`, {
      method,
      token,
      ...(body !== undefined ? { body: JSON.stringify(body), contentType: 'application/json' } : {}),
    });

  it("the kubeconfig names each cluster's control URL, and the control API needs that cluster's token", async () => {
    assert.equal(controlUrl, `${sim.simulator.controlUrl}/__sim/clusters/alpha`);
    assert.equal((await control('', 'GET', undefined, null)).status, 401);
    assert.equal((await control('', 'GET', undefined, sim.simulator.cluster('beta').token)).status, 401);
    const state = await control('', 'GET');
    assert.equal(state.status, 200);
    assert.deepEqual(JSON.parse(state.body), {
      name: 'alpha',
      url: sim.simulator.cluster('alpha').url,
      running: true,
      resourceVersion: sim.simulator.cluster('alpha').resourceVersion,
      faults: { latencyMs: 0, errorRate: 0, forbidden: [], tokenExpired: false, refuseDryRun: false },
    });
    const unknown = await request(sim.simulator, `${sim.simulator.controlUrl}/__sim/clusters/gamma`, {
      token: alphaToken,
    });
    assert.equal(unknown.status, 404);
    assert.match(unknown.body, /no cluster named \\"gamma\\"; known: alpha, beta/);
    const invalid = await control('/faults', 'PUT', { errorRate: 2 });
    assert.equal(invalid.status, 400);
    assert.match(invalid.body, /errorRate must be a number between 0 and 1/);
  });

  it('forbids a resource with a 403 worded like an RBAC denial, and only that resource', async () => {
    const set = await control('/faults', 'POST', {
      forbidden: [{ resource: 'secrets', verbs: ['list', 'watch'] }],
    });
    assert.equal(set.status, 200, set.body);
    const denied = await sim.kubectl('--context', 'alpha', 'get', 'secrets', '-n', 'shop');
    assert.equal(denied.code, 1);
    assert.match(
      denied.stderr,
      /Error from server \(Forbidden\): secrets is forbidden: User "alpha-admin" cannot list resource "secrets" in API group "" in the namespace "shop"/,
    );
    assert.equal((await sim.kubectl('--context', 'alpha', 'get', 'pods', '-n', 'shop')).code, 0);
    assert.equal(
      (await sim.kubectl('--context', 'beta', 'get', 'secrets', '-n', 'shop')).code,
      0,
      'other clusters are not affected',
    );
    assert.equal((await control('/faults', 'DELETE')).status, 200);
    assert.equal((await sim.kubectl('--context', 'alpha', 'get', 'secrets', '-n', 'shop')).code, 0);
  });

  it('forbids a group resource programmatically, naming the group like the API server', async () => {
    sim.simulator
      .cluster('alpha')
      .setFaults({ forbidden: [{ resource: 'destinationrules', group: 'networking.istio.io' }] });
    const denied = await sim.kubectl('--context', 'alpha', 'get', 'destinationrules', '-A');
    assert.match(
      denied.stderr,
      /destinationrules.networking.istio.io is forbidden: User "alpha-admin" cannot list resource "destinationrules" in API group "networking.istio.io" at the cluster scope/,
    );
  });

  it('answers the given fraction of requests with 500, evenly', async () => {
    sim.simulator.cluster('alpha').setFaults({ errorRate: 0.5 });
    const url = `${sim.simulator.cluster('alpha').url}/api/v1/namespaces/shop/pods`;
    const statuses: number[] = [];
    for (let index = 0; index < 6; index += 1)
      statuses.push((await request(sim.simulator, url, { token: alphaToken })).status);
    assert.deepEqual(statuses, [200, 500, 200, 500, 200, 500]);
    sim.simulator.cluster('alpha').setFaults({ errorRate: 1 });
    const failed = await request(sim.simulator, url, { token: alphaToken });
    assert.equal(JSON.parse(failed.body).reason, 'InternalError');
  });

  it('an expired token gets 401 until the fault is cleared', async () => {
    assert.equal((await control('/faults', 'PUT', { tokenExpired: true })).status, 200);
    const refused = await sim.kubectl('--context', 'alpha', 'get', 'pods', '-n', 'shop');
    assert.equal(refused.code, 1);
    assert.match(refused.stderr, /provide credentials|Unauthorized/);
    assert.equal((await control('', 'GET')).status, 200, 'the control API still takes the token');
    await control('/faults', 'DELETE');
    assert.equal((await sim.kubectl('--context', 'alpha', 'get', 'pods', '-n', 'shop')).code, 0);
  });

  it('latency is reported in the cluster state and requests still succeed', async () => {
    const set = await control('/faults', 'PUT', { latencyMs: 30 });
    assert.equal(JSON.parse(set.body).latencyMs, 30);
    assert.equal((await sim.kubectl('--context', 'alpha', 'get', 'pods', '-n', 'shop')).code, 0);
  });

  it('drops open watches on request', async () => {
    const watch = openWatch(
      sim.simulator,
      `${sim.simulator.cluster('alpha').url}/api/v1/namespaces/shop/pods?watch=1`,
      alphaToken,
    );
    try {
      await waitFor(() => watch.events().length >= 2, 'the initial ADDED events');
      const dropped = await control('/drop-watches', 'POST');
      assert.deepEqual(JSON.parse(dropped.body), { dropped: 1 });
      await waitFor(() => watch.ended(), 'the watch stream ends');
    } finally {
      watch.stop();
    }
  });

  it('a stopped cluster refuses connections, and starts again on the same port with the same state', async () => {
    const created = await sim.kubectl(
      '--context',
      'alpha',
      'create',
      '-f',
      path.join(FIXTURES, 'manifests', 'kept-configmap.yaml'),
    );
    assert.equal(created.code, 0, created.stderr);
    const port = sim.simulator.cluster('alpha').port;
    const stopped = await control('/stop', 'POST');
    assert.equal(JSON.parse(stopped.body).running, false);
    const refused = await sim.kubectl('--context', 'alpha', 'get', 'configmaps', '-n', 'shop');
    assert.equal(refused.code, 1);
    assert.match(refused.stderr, /connection to the server 127\.0\.0\.1:\d+ was refused/);
    assert.equal(
      (await sim.kubectl('--context', 'beta', 'get', 'pods', '-n', 'shop')).code,
      0,
      'beta keeps running',
    );

    const started = await control('/start', 'POST');
    assert.equal(JSON.parse(started.body).running, true);
    assert.equal(sim.simulator.cluster('alpha').port, port);
    const back = await sim.kubectl(
      '--context',
      'alpha',
      'get',
      'configmap',
      'kept',
      '-n',
      'shop',
      '-o',
      'jsonpath={.data.a}',
    );
    assert.equal(back.code, 0, back.stderr);
    assert.equal(back.stdout, '1');
  });
});
