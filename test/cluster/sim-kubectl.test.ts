/**
 * The simulator held to the real `kubectl` over TLS: discovery, get with selectors, server-side apply
 * with conflicts, diff, delete, watch, and authentication.
 */
import assert from 'node:assert/strict';
import path from 'node:path';
import { FIXTURES, startForTest, waitFor, type SimulatorUnderTest } from './sim-harness';

const manifest = (name: string): string => path.join(FIXTURES, 'manifests', name);

describe('meshwright-sim with kubectl', function () {
  this.timeout(60_000);
  let sim: SimulatorUnderTest;

  before(async () => {
    sim = await startForTest({ clusters: [{ name: 'alpha', paths: [path.join(FIXTURES, 'basic')] }] });
  });
  after(async () => sim.stop());

  describe('get', () => {
    it('lists a namespace with the server-side table columns', async () => {
      const result = await sim.kubectl('--context', 'alpha', 'get', 'pods', '-n', 'shop');
      assert.equal(result.code, 0, result.stderr);
      const lines = result.stdout.trim().split('\n');
      assert.match(lines[0] ?? '', /^NAME\s+READY\s+STATUS\s+RESTARTS\s+AGE$/);
      assert.match(result.stdout, /cart-v1-abc12\s+0\/1\s+Running/);
      assert.match(result.stdout, /cart-v2-def34\s+0\/1\s+Pending/);
    });

    it('lists across namespaces with -A, including the seeded system namespaces', async () => {
      const result = await sim.kubectl('--context', 'alpha', 'get', 'namespaces');
      assert.equal(result.code, 0, result.stderr);
      for (const name of ['default', 'kube-system', 'shop'])
        assert.match(result.stdout, new RegExp(`^${name}\\s+Active`, 'm'));
      const all = await sim.kubectl('--context', 'alpha', 'get', 'destinationrules', '-A');
      assert.match(all.stdout, /^NAMESPACE\s+NAME\s+HOST\s+AGE/);
      assert.match(all.stdout, /shop\s+cart\s+cart\s+/);
    });

    it('gets one object by name as YAML in the requested version', async () => {
      const result = await sim.kubectl(
        '--context',
        'alpha',
        'get',
        'destinationrules.v1alpha3.networking.istio.io',
        'cart',
        '-n',
        'shop',
        '-o',
        'jsonpath={.apiVersion} {.spec.host} {.metadata.uid}',
      );
      assert.equal(result.code, 0, result.stderr);
      const [apiVersion, host, uid] = result.stdout.split(' ');
      assert.equal(apiVersion, 'networking.istio.io/v1alpha3');
      assert.equal(host, 'cart');
      assert.match(uid ?? '', /^[0-9a-f-]{36}$/);
    });

    it('filters with a label selector and a field selector', async () => {
      const byLabel = await sim.kubectl(
        '--context',
        'alpha',
        'get',
        'pods',
        '-n',
        'shop',
        '-l',
        'app=cart,version!=v1',
        '-o',
        'name',
      );
      assert.equal(byLabel.stdout.trim(), 'pod/cart-v2-def34');
      const byField = await sim.kubectl(
        '--context',
        'alpha',
        'get',
        'pods',
        '-A',
        '--field-selector',
        'metadata.name=cart-v1-abc12',
        '-o',
        'name',
      );
      assert.equal(byField.stdout.trim(), 'pod/cart-v1-abc12');
      const byPhase = await sim.kubectl(
        '--context',
        'alpha',
        'get',
        'pods',
        '-A',
        '--field-selector',
        'status.phase=Pending',
        '-o',
        'name',
      );
      assert.equal(byPhase.stdout.trim(), 'pod/cart-v2-def34');
      const unsupported = await sim.kubectl(
        '--context',
        'alpha',
        'get',
        'destinationrules',
        '-A',
        '--field-selector',
        'spec.host=cart',
      );
      assert.notEqual(unsupported.code, 0);
      assert.match(unsupported.stderr, /"spec.host" is not a known field selector/);
    });

    it('derives Endpoints from the selected pods, resolving named target ports', async () => {
      const result = await sim.kubectl(
        '--context',
        'alpha',
        'get',
        'endpoints',
        'cart',
        '-n',
        'shop',
        '-o',
        'json',
      );
      const endpoints = JSON.parse(result.stdout) as {
        subsets: {
          addresses?: { ip: string }[];
          notReadyAddresses?: { ip: string }[];
          ports: { port: number }[];
        }[];
      };
      assert.deepEqual(
        endpoints.subsets[0]?.addresses?.map((address) => address.ip),
        ['10.1.0.11'],
      );
      assert.deepEqual(
        endpoints.subsets[0]?.notReadyAddresses?.map((address) => address.ip),
        ['10.1.0.12'],
      );
      assert.equal(endpoints.subsets[0]?.ports[0]?.port, 9000);
    });

    it('answers 404 NotFound with the API server wording', async () => {
      const result = await sim.kubectl(
        '--context',
        'alpha',
        'get',
        'virtualservice',
        'missing',
        '-n',
        'shop',
      );
      assert.equal(result.code, 1);
      assert.match(
        result.stderr,
        /Error from server \(NotFound\): virtualservices.networking.istio.io "missing" not found/,
      );
    });
  });

  describe('server-side apply', () => {
    it('creates, updates and leaves unchanged objects like the API server', async () => {
      const created = await sim.kubectl(
        '--context',
        'alpha',
        'apply',
        '--server-side',
        '-f',
        manifest('checkout-vs.yaml'),
      );
      assert.equal(created.code, 0, created.stderr);
      assert.match(created.stdout, /virtualservice.networking.istio.io\/checkout serverside-applied/);
      const before = await sim.kubectl(
        '--context',
        'alpha',
        'get',
        'vs',
        'checkout',
        '-n',
        'shop',
        '-o',
        'jsonpath={.metadata.resourceVersion} {.metadata.generation}',
      );
      const again = await sim.kubectl(
        '--context',
        'alpha',
        'apply',
        '--server-side',
        '-f',
        manifest('checkout-vs.yaml'),
      );
      assert.equal(again.code, 0, again.stderr);
      const unchanged = await sim.kubectl(
        '--context',
        'alpha',
        'get',
        'vs',
        'checkout',
        '-n',
        'shop',
        '-o',
        'jsonpath={.metadata.resourceVersion} {.metadata.generation}',
      );
      assert.equal(unchanged.stdout, before.stdout, 'a no-op apply keeps resourceVersion and generation');

      const updated = await sim.kubectl(
        '--context',
        'alpha',
        'apply',
        '--server-side',
        '-f',
        manifest('checkout-vs-v2.yaml'),
      );
      assert.equal(updated.code, 0, updated.stderr);
      const after = await sim.kubectl(
        '--context',
        'alpha',
        'get',
        'vs',
        'checkout',
        '-n',
        'shop',
        '-o',
        'json',
        '--show-managed-fields',
      );
      const object = JSON.parse(after.stdout) as {
        metadata: {
          generation: number;
          resourceVersion: string;
          managedFields: { manager: string; operation: string }[];
        };
        spec: { http: { timeout?: string }[] };
      };
      assert.equal(object.spec.http[0]?.timeout, '5s');
      assert.equal(object.metadata.generation, 2);
      assert.ok(Number(object.metadata.resourceVersion) > Number(before.stdout.split(' ')[0]));
      assert.deepEqual(
        object.metadata.managedFields.map((entry) => `${entry.manager}/${entry.operation}`),
        ['kubectl/Apply'],
      );
    });

    it('refuses a change to a field another manager owns (409), then takes it with --force-conflicts', async () => {
      const conflict = await sim.kubectl(
        '--context',
        'alpha',
        'apply',
        '--server-side',
        '-f',
        manifest('cart-dr-ssa.yaml'),
      );
      assert.equal(conflict.code, 1);
      assert.match(
        conflict.stderr,
        /Apply failed with 1 conflict: conflict with "kubectl-client-side-apply" using networking.istio.io\/v1beta1: \.spec\.subsets/,
      );
      const unchanged = await sim.kubectl(
        '--context',
        'alpha',
        'get',
        'dr',
        'cart',
        '-n',
        'shop',
        '-o',
        'jsonpath={.spec.subsets[*].name}',
      );
      assert.equal(unchanged.stdout, 'v1');

      const forced = await sim.kubectl(
        '--context',
        'alpha',
        'apply',
        '--server-side',
        '--force-conflicts',
        '-f',
        manifest('cart-dr-ssa.yaml'),
      );
      assert.equal(forced.code, 0, forced.stderr);
      const after = await sim.kubectl(
        '--context',
        'alpha',
        'get',
        'dr',
        'cart',
        '-n',
        'shop',
        '-o',
        'json',
        '--show-managed-fields',
      );
      const object = JSON.parse(after.stdout) as {
        spec: { subsets: { name: string }[]; trafficPolicy: unknown };
        metadata: { managedFields: { manager: string; fieldsV1: Record<string, unknown> }[] };
      };
      assert.deepEqual(
        object.spec.subsets.map((subset) => subset.name),
        ['v1', 'v2'],
      );
      assert.deepEqual(object.spec.trafficPolicy, { tls: { mode: 'ISTIO_MUTUAL' } });
      const kubectl = object.metadata.managedFields.find((entry) => entry.manager === 'kubectl');
      assert.deepEqual(kubectl?.fieldsV1, {
        // An Apply manager owns leaves, not the maps on the way (no "."), as on a real API server.
        'f:spec': {
          'f:host': {},
          'f:subsets': {},
          'f:trafficPolicy': { 'f:tls': { 'f:mode': {} } },
        },
      });
      const previous = object.metadata.managedFields.find(
        (entry) => entry.manager === 'kubectl-client-side-apply',
      );
      assert.deepEqual(
        previous?.fieldsV1,
        { 'f:spec': { '.': {}, 'f:host': {} } },
        'the forced fields left the previous manager',
      );
    });

    it('validates Istio objects against their schema: Strict refuses unknown fields, Warn prunes them', async () => {
      const strict = await sim.kubectl(
        '--context',
        'alpha',
        'apply',
        '--server-side',
        '-f',
        manifest('typo-dr.yaml'),
      );
      assert.equal(strict.code, 1);
      assert.match(strict.stderr, /\.spec\.trafficPolicy\.tls\.mod: field not declared in schema/);
      const created = await sim.kubectl('--context', 'alpha', 'create', '-f', manifest('typo-dr.yaml'));
      assert.match(created.stderr, /strict decoding error: unknown field "spec.trafficPolicy.tls.mod"/);
      const warned = await sim.kubectl(
        '--context',
        'alpha',
        'create',
        '--validate=warn',
        '-f',
        manifest('typo-dr.yaml'),
      );
      assert.equal(warned.code, 0, warned.stderr);
      assert.match(warned.stderr, /Warning: unknown field "spec.trafficPolicy.tls.mod"/);
      const stored = await sim.kubectl(
        '--context',
        'alpha',
        'get',
        'dr',
        'typo',
        '-n',
        'shop',
        '-o',
        'jsonpath={.spec}',
      );
      assert.deepEqual(JSON.parse(stored.stdout), { host: 'cart', trafficPolicy: { tls: {} } });
    });

    it('refuses to create into a namespace that does not exist', async () => {
      const result = await sim.kubectl(
        '--context',
        'alpha',
        'apply',
        '--server-side',
        '-f',
        manifest('in-missing-namespace.yaml'),
      );
      assert.equal(result.code, 1);
      assert.match(result.stderr, /namespaces "nowhere" not found/);
    });
  });

  describe('diff and delete', () => {
    it('diff exits 1 with a diff of the server-side dry run, and stores nothing', async () => {
      const applied = await sim.kubectl(
        '--context',
        'alpha',
        'apply',
        '--server-side',
        '-f',
        manifest('checkout-vs.yaml'),
      );
      assert.equal(applied.code, 0, applied.stderr);
      const before = await sim.kubectl(
        '--context',
        'alpha',
        'get',
        'vs',
        'checkout',
        '-n',
        'shop',
        '-o',
        'jsonpath={.metadata.resourceVersion}',
      );
      const diff = await sim.kubectl('--context', 'alpha', 'diff', '-f', manifest('checkout-vs-v2.yaml'));
      assert.equal(diff.code, 1, diff.stderr);
      assert.match(diff.stdout, /^\+\s+timeout: 5s$/m);
      const serverSide = await sim.kubectl(
        '--context',
        'alpha',
        'diff',
        '--server-side',
        '-f',
        manifest('checkout-vs-v2.yaml'),
      );
      assert.equal(serverSide.code, 1, serverSide.stderr);
      assert.match(serverSide.stdout, /^\+\s+timeout: 5s$/m);
      const after = await sim.kubectl(
        '--context',
        'alpha',
        'get',
        'vs',
        'checkout',
        '-n',
        'shop',
        '-o',
        'jsonpath={.metadata.resourceVersion} {.spec.http[0].timeout}',
      );
      assert.equal(after.stdout.trim(), before.stdout.trim());
      const same = await sim.kubectl('--context', 'alpha', 'diff', '-f', manifest('checkout-vs.yaml'));
      assert.equal(same.code, 0, `no differences: ${same.stdout}${same.stderr}`);
    });

    it('deletes an object, and a second delete is 404', async () => {
      const deleted = await sim.kubectl('--context', 'alpha', 'delete', '-f', manifest('checkout-vs.yaml'));
      assert.equal(deleted.code, 0, deleted.stderr);
      assert.match(deleted.stdout, /virtualservice.networking.istio.io "checkout" deleted/);
      const again = await sim.kubectl('--context', 'alpha', 'delete', 'vs', 'checkout', '-n', 'shop');
      assert.equal(again.code, 1);
      assert.match(again.stderr, /NotFound/);
    });
  });

  it('get --watch prints an update made through the API', async () => {
    const watch = sim.spawnKubectl([
      '--context',
      'alpha',
      'get',
      'pods',
      '-n',
      'shop',
      '--watch',
      '-o',
      'custom-columns=NAME:.metadata.name,TEAM:.metadata.labels.team',
    ]);
    try {
      await waitFor(
        () => watch.output().includes('cart-v1-abc12'),
        'kubectl get --watch prints the initial list',
      );
      const label = await sim.kubectl(
        '--context',
        'alpha',
        'label',
        'pod',
        'cart-v1-abc12',
        '-n',
        'shop',
        'team=payments',
      );
      assert.equal(label.code, 0, label.stderr);
      await waitFor(() => /cart-v1-abc12\s+payments/.test(watch.output()), 'the watch shows the new label');
    } finally {
      watch.stop();
    }
  });

  it('answers 401 to a wrong token', async () => {
    const result = await sim.kubectl(
      '--context',
      'alpha',
      '--token',
      'not-the-token',
      'get',
      'pods',
      '-n',
      'shop',
    );
    assert.equal(result.code, 1);
    assert.match(result.stderr, /You must be logged in to the server|Unauthorized/);
  });
});
