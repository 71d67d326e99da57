/**
 * What real RBAC and real authentication do to discovery: an identity refused one type (403) reads the
 * rest and reports that type unreadable with the reason (and MESH010 in `meshwright analyze`); an
 * identity refused everything is reported as such, not as an empty cluster; a wrong token (401) makes the
 * cluster stale with a reason that names the credentials and the way out, and is never shown.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import YAML from 'yaml';
import { REPO_ROOT, assertCliBuilt, runCliInBackground } from '../cli/support/cli-process';
import { type LiveTopology, watchLive } from '../cluster/topology-support';
import { watchedResources } from '../../server/src/topology/watched-resources';
import { USERS } from './support/api-server';
import { type RealControlPlane } from './support/control-plane';
import { ObjectWriter } from './support/object-writer';
import { type KubeManifest, documentedReaderRole } from './support/rbac';
import { sharedDemoControlPlane } from './support/shared-control-plane';

const NO_PODS = 'meshwright-test-reader-without-pods';
/** Every type discovery reads in a cluster (core, Istio, Gateway API): all refused for an identity without rights. */
const WATCHED_TYPES = watchedResources().length;

/** The documented reader ClusterRole, without pods. */
function readerWithoutPods(): KubeManifest[] {
  const reader = documentedReaderRole();
  const rules = (reader.rules as { apiGroups: string[]; resources: string[] }[]).map((rule) => ({
    ...rule,
    resources: rule.resources.filter((resource) => resource !== 'pods'),
  }));
  return [
    { ...reader, metadata: { name: NO_PODS }, rules },
    {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'ClusterRoleBinding',
      metadata: { name: NO_PODS },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: NO_PODS },
      subjects: [{ apiGroup: 'rbac.authorization.k8s.io', kind: 'User', name: USERS.nobody }],
    },
  ];
}

describe('topology and RBAC on real API servers', function () {
  this.timeout(180_000);
  let plane: RealControlPlane;
  let live: LiveTopology | undefined;
  let grant: ObjectWriter;

  before(async () => {
    assertCliBuilt();
    plane = await sharedDemoControlPlane();
    grant = new ObjectWriter(plane.cluster('west').rest('admin'));
  });
  afterEach(() => {
    live?.stop();
    live = undefined;
  });
  after(async () => {
    for (const object of readerWithoutPods().reverse()) await grant?.remove(object);
  });

  it('an identity refused everything: "refused" with one reason; granted all but pods: pods unreadable, the rest read', async () => {
    live = watchLive(plane.kubeconfig('nobody'), { contexts: ['west'] });
    const current = live;
    await current.discovery.whenSynced();
    const refused = current.health('west');
    assert.deepEqual(
      [refused.state, refused.reachable, refused.stale],
      [
        'refused',
        true,
        `RBAC: the kubeconfig's identity may read nothing in cluster west (403 on all ${WATCHED_TYPES} resource types, ` +
          'e.g. cannot list namespaces); grant it read access, e.g. the meshwright-reader ClusterRole of docs/topology.md',
      ],
    );
    assert.equal(refused.unreadable.length, WATCHED_TYPES);
    assert.equal(current.cluster('west').stale, refused.stale);

    // The grant is picked up by the retries of the running discovery.
    for (const object of readerWithoutPods()) await grant.apply(object);
    const west = await current.untilHealth(
      'west',
      // Each refused type retries on its own backoff: wait for the last of them.
      (health) => health.state === 'degraded' && health.unreadable.length === 1,
      'west read but for pods',
    );
    assert.deepEqual(
      [west.reachable, west.stale, west.unreadable],
      [true, 'RBAC: cannot list pods (403); workloads (pods) unknown', ['pods']],
    );
    await current.until(() => current.cluster('west').role === 'primary', 'west facts');
    const cluster = current.cluster('west');
    assert.deepEqual(
      [cluster.role, cluster.network, cluster.remoteSecrets.length, cluster.eastWestGateways.length],
      ['primary', 'net2', 2, 1],
      'the facts from the other types',
    );
    assert.equal(cluster.objects.filter((object) => object.kind === 'Pod').length, 0);
    assert.ok(cluster.objects.some((object) => object.kind === 'DestinationRule'));
  });

  it('meshwright analyze: MESH010 for the refused pods of west, one MESH010 naming every type of east', async () => {
    for (const object of readerWithoutPods()) await grant.apply(object);
    const run = await runCliInBackground(
      [
        'analyze',
        path.join(REPO_ROOT, 'test', 'fixtures', 'cli', 'live', 'canary.yaml'),
        '--kubeconfig',
        plane.kubeconfig('nobody'),
        '--context',
        'west',
        '--context',
        'east',
        '--format',
        'json',
      ],
      { cwd: REPO_ROOT },
    );
    const report = JSON.parse(run.stdout) as {
      diagnostics: { code: string; cluster: string | null; message: string }[];
      clusters: { name: string; state: string; reachable: boolean; unread: string[] }[];
    };
    const partial = report.diagnostics.filter((d) => d.code === 'MESH010');
    const [east, west] = partial;
    assert.deepEqual(
      partial.map((d) => d.cluster),
      ['east', 'west'],
    );
    assert.equal(
      west?.message,
      'Cluster west: pods could not be read: RBAC: cannot list pods (403). Their objects in west are unknown, not absent: the checks that need them report nothing until they can be read.',
    );
    assert.match(
      east?.message ?? '',
      new RegExp(
        `^Cluster east: ${WATCHED_TYPES} resource types could not be read: RBAC: every type refused \\(403\\) \\(namespaces, nodes, `,
      ),
    );
    assert.deepEqual(
      report.clusters.map((cluster) => [cluster.name, cluster.state, cluster.unread.length]),
      [
        ['west', 'degraded', 1],
        ['east', 'refused', WATCHED_TYPES],
      ],
    );
    assert.match(run.stderr, /^meshwright: warning: cluster west: RBAC: cannot list pods \(403\)/m);
    assert.match(
      run.stderr,
      /^meshwright: warning: RBAC: the kubeconfig's identity may read nothing in cluster east/m,
    );

    const topology = await runCliInBackground(
      ['topology', '--kubeconfig', plane.kubeconfig('nobody'), '--context', 'east'],
      { cwd: REPO_ROOT },
    );
    assert.equal(topology.status, 1);
    assert.match(topology.stdout, /^ {2}cluster east: unknown, not read$/m);
    assert.match(
      topology.stdout,
      /^ {4}stale: RBAC: the kubeconfig's identity may read nothing in cluster east \(403 on all/m,
    );
  });

  it('a wrong token (401): stale with the way out, never showing the token; the other clusters read', async () => {
    const config = YAML.parse(fs.readFileSync(plane.kubeconfig('reader'), 'utf8')) as {
      users: { name: string; user: { token?: string } }[];
    };
    const west = config.users.find((user) => user.name === 'west-reader');
    assert.ok(west);
    const wrongToken = 'wrong-token-5d41402abc4b2a76b9719d911017c592';
    west.user.token = wrongToken;
    const file = path.join(plane.workDir, 'kubeconfig-wrong-token');
    fs.writeFileSync(file, YAML.stringify(config), { mode: 0o600 });

    live = watchLive(file);
    const current = live;
    await current.discovery.whenSynced();
    const refused = await current.untilHealth(
      'west',
      (health) => health.state === 'unauthorized',
      'west unauthorized',
    );
    assert.equal(refused.reachable, false);
    assert.match(
      refused.stale ?? '',
      /^credentials expired or refused \(401\) by cluster west; log in again or renew the kubeconfig's credentials; nothing read yet; retrying (in \d+s|now)$/,
    );
    assert.equal(current.health('east').state, 'synced');
    assert.ok(!JSON.stringify(current.discovery.snapshot).includes(wrongToken));

    const run = await runCliInBackground(['topology', '--kubeconfig', file], { cwd: REPO_ROOT });
    assert.equal(run.status, 1);
    assert.match(run.stdout, /^ {2}cluster west: unknown, credentials refused$/m);
    assert.match(
      run.stdout,
      /^ {4}stale: credentials expired or refused \(401\) by cluster west; log in again or renew the kubeconfig's credentials; 0 of \d+ resource types read$/m,
    );
    assert.match(run.stdout, /^ {2}cluster east: primary, in sync$/m);
    assert.ok(!`${run.stdout}${run.stderr}`.includes(wrongToken));
  });
});
