/**
 * The local control plane itself: real API servers sharing one etcd by prefix, each with its own CA and
 * identities, RBAC as documented, the CRDs Established and the demo mesh seeded, as kubectl sees them.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { KUBERNETES_VERSION } from './support/binaries';
import { type RealControlPlane } from './support/control-plane';
import { KubeRest } from './support/kube-rest';
import { sharedDemoControlPlane } from './support/shared-control-plane';

const run = promisify(execFile);

async function kubectl(kubeconfig: string, ...args: string[]): Promise<{ code: number; out: string }> {
  try {
    const { stdout } = await run('kubectl', ['--kubeconfig', kubeconfig, ...args], {
      env: { ...process.env, HOME: '/nonexistent', KUBECONFIG: '' },
    });
    return { code: 0, out: stdout };
  } catch (error) {
    const failed = error as { code?: number; stdout?: string; stderr?: string };
    return { code: failed.code ?? 1, out: `${failed.stdout ?? ''}${failed.stderr ?? ''}` };
  }
}

describe('real control plane (harness)', function () {
  this.timeout(180_000);
  let plane: RealControlPlane;

  before(async () => {
    plane = await sharedDemoControlPlane();
  });

  it('runs one kube-apiserver per cluster at the pinned version, each storing under its own etcd prefix', async () => {
    assert.deepEqual(plane.clusterNames, ['east', 'west', 'edge']);
    const urls = new Set(plane.clusterNames.map((name) => plane.cluster(name).url));
    assert.equal(urls.size, 3);
    for (const name of plane.clusterNames) {
      const version = await plane.cluster(name).rest().json<{ gitVersion: string }>('/version');
      assert.equal(version.gitVersion, KUBERNETES_VERSION);
    }
    const east = await plane
      .cluster('east')
      .rest()
      .json<{ items: unknown[] }>('/api/v1/namespaces/bookinfo/pods');
    const edge = await plane
      .cluster('edge')
      .rest()
      .json<{ items: unknown[] }>('/api/v1/namespaces/bookinfo/pods');
    assert.notDeepEqual(east.items.length, 0);
    assert.notDeepEqual(edge.items.length, 0);
    assert.notDeepEqual(east, edge);
  });

  it('has the Istio and Gateway API CRDs Established', async () => {
    const crds = await plane.cluster('west').rest().json<{
      items: { metadata: { name: string }; status: { conditions: { type: string; status: string }[] } }[];
    }>('/apis/apiextensions.k8s.io/v1/customresourcedefinitions');
    const established = crds.items
      .filter((crd) => crd.status.conditions.some((c) => c.type === 'Established' && c.status === 'True'))
      .map((crd) => crd.metadata.name);
    for (const name of [
      'virtualservices.networking.istio.io',
      'authorizationpolicies.security.istio.io',
      'httproutes.gateway.networking.k8s.io',
      'gateways.gateway.networking.k8s.io',
    ])
      assert.ok(established.includes(name), `${name} is not Established`);
  });

  it('seeds the demo with scheduled, running Pods whose status the harness wrote', async () => {
    const { out } = await kubectl(
      plane.kubeconfig('reader'),
      '--context',
      'east',
      'get',
      'pods',
      '-n',
      'bookinfo',
      '-o',
      'json',
    );
    const pods = (JSON.parse(out) as { items: { spec: { nodeName?: string }; status: { phase?: string } }[] })
      .items;
    assert.ok(pods.length >= 4);
    for (const pod of pods) {
      assert.ok(pod.spec.nodeName, 'a seeded Pod has a node');
      assert.equal(pod.status.phase, 'Running');
    }
  });

  it('gives each identity its rights: reader reads, applier writes Istio config, nobody nothing', async () => {
    const can = async (identity: 'reader' | 'applier' | 'nobody', ...args: string[]): Promise<boolean> =>
      (await kubectl(plane.kubeconfig(identity), '--context', 'west', 'auth', 'can-i', ...args)).code === 0;
    assert.equal(await can('reader', 'list', 'pods', '-A'), true);
    assert.equal(await can('reader', 'watch', 'validatingwebhookconfigurations'), true);
    assert.equal(
      await can('reader', 'create', 'virtualservices.networking.istio.io', '-n', 'bookinfo'),
      false,
    );
    assert.equal(
      await can('applier', 'patch', 'virtualservices.networking.istio.io', '-n', 'bookinfo'),
      true,
    );
    assert.equal(await can('applier', 'create', 'pods', '-n', 'bookinfo'), false);
    assert.equal(await can('nobody', 'list', 'pods', '-A'), false);
    const refused = await kubectl(plane.kubeconfig('nobody'), '--context', 'west', 'get', 'pods', '-A');
    assert.notEqual(refused.code, 0);
    assert.match(refused.out, /forbidden: User "meshwright-nobody" cannot list resource "pods"/);
  });

  it('verifies each server against its own CA only', async () => {
    const east = plane.cluster('east');
    const west = plane.cluster('west');
    assert.notEqual(east.caPem, west.caPem);
    const wrongCa = new KubeRest(west.url, east.caPem, { token: west.identities.admin.token });
    await assert.rejects(wrongCa.request('/version'), /certificate/);
    const ownCa = new KubeRest(west.url, west.caPem, { token: west.identities.admin.token });
    assert.equal((await ownCa.request('/version')).status, 200);
  });
});
