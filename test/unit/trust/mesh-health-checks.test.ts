/**
 * The Mesh Health view's assembly in the language server: the checklist of a live snapshot (the same as
 * `meshwright check` builds for live clusters), the clusters' read gaps carried into it, a verification
 * joining it, and the map's trust edges drawn from it.
 */
import assert from 'node:assert/strict';
import { analyze } from '../../../server/src/analysis/engine';
import { REMOTE_SECRETS_KIND, type TopologySnapshot } from '../../../server/src/mesh/snapshot';
import { meshHealthChecks, verifiablePrimaries } from '../../../server/src/views/mesh-health-checks';
import { buildMeshGraph } from '../../../server/src/views/mesh-graph';
import { type RemoteAccessResult } from '../../../server/src/topology/remote-access-review';
import { type TrustCluster, liveSnapshot } from './trust-mesh';
import { jwt, remoteSecret, rootCertificatePem, secondsFromNow } from './trust-support';

const line = (checks: ReturnType<typeof meshHealthChecks>) =>
  checks.map((c) => `${c.name} ${c.status} ${c.clusters.join(',')}${c.code ? ` ${c.code}` : ''}`);

function checksOf(snapshot: TopologySnapshot, verification?: readonly RemoteAccessResult[]) {
  const { diagnostics } = analyze({ documents: [], snapshot, offline: false, celRules: null });
  return meshHealthChecks({ snapshot, diagnostics, ...(verification ? { verification } : {}) });
}

describe('mesh health: the checklist of the live clusters', () => {
  let shared: string;
  let other: string;
  const token = (days: number) =>
    jwt({ exp: secondsFromNow(days), sub: 'system:serviceaccount:istio-system:reader' });
  const mesh = (eastRoot: () => string, westRoot: () => string, days = 3): TrustCluster[] => [
    {
      name: 'east',
      roots: [eastRoot()],
      apiServer: 'https://east:6443',
      remoteSecrets: [remoteSecret('west', { server: 'https://west:6443', token: token(days) })],
    },
    {
      name: 'west',
      roots: [westRoot()],
      apiServer: 'https://west:6443',
      remoteSecrets: [remoteSecret('east', { server: 'https://east:6443', token: token(365) })],
    },
  ];
  before(async () => {
    [shared, other] = await Promise.all([
      rootCertificatePem('shared', 3650),
      rootCertificatePem('other', 3650),
    ]);
  });

  it('lists the trust problems of a live snapshot with their codes and pairs', () => {
    const checks = checksOf(
      liveSnapshot(
        mesh(
          () => shared,
          () => other,
        ),
      ),
    );
    const lines = line(checks);
    assert.ok(lines.includes('trust roots fail east,west MESH301'), lines.join('\n'));
    assert.ok(lines.includes('remote secret warn east,west MESH306'), lines.join('\n'));
    assert.ok(lines.includes('remote secret pass west,east'), lines.join('\n'));
    assert.equal(lines[0], 'reachability pass east');
  });

  it('has no checks without clusters, and names only reachable primaries for verification', () => {
    assert.deepEqual(checksOf({ version: 0, clusters: [] }), []);
    const snapshot = liveSnapshot(
      mesh(
        () => shared,
        () => shared,
      ),
    );
    const withDown: TopologySnapshot = {
      ...snapshot,
      clusters: snapshot.clusters.map((c) =>
        c.name === 'west' ? { ...c, reachable: false, stale: 'connection refused' } : c,
      ),
    };
    assert.deepEqual(verifiablePrimaries(withDown), ['east']);
    const lines = line(checksOf(withDown));
    assert.ok(lines.includes('reachability fail west'), lines.join('\n'));
  });

  it("says a primary's remote secrets were unreadable instead of calling every cluster unread", () => {
    const snapshot = liveSnapshot(
      mesh(
        () => shared,
        () => shared,
      ),
    );
    const unread: TopologySnapshot = {
      ...snapshot,
      clusters: snapshot.clusters.map((c) =>
        c.name === 'east'
          ? {
              ...c,
              remoteSecrets: [],
              unread: [{ id: 'secrets in istio-system', kind: REMOTE_SECRETS_KIND, reason: 'RBAC (403)' }],
            }
          : c,
      ),
    };
    const lines = line(checksOf(unread));
    assert.ok(!lines.some((l) => l.includes('MESH307') && l.includes('east,')), lines.join('\n'));
    assert.ok(lines.includes('remote secret warn east'), lines.join('\n'));
  });

  it('adds the verification of remote secrets when there is one', () => {
    const snapshot = liveSnapshot(
      mesh(
        () => shared,
        () => shared,
        365,
      ),
    );
    const secretName = snapshot.clusters[0]!.remoteSecrets[0]!;
    const verification: RemoteAccessResult[] = [
      {
        primary: 'east',
        secret: secretName.secret.name,
        key: secretName.key,
        server: 'https://west:6443',
        identity: 'system:serviceaccount:istio-system:reader',
        allowed: [],
        missing: [],
        error: 'the server refused the credential (401 Unauthorized)',
      },
    ];
    const lines = line(checksOf(snapshot, verification));
    assert.ok(lines.includes('remote access fail east,west'), lines.join('\n'));
    assert.ok(!line(checksOf(snapshot)).some((l) => l.startsWith('remote access')));
  });

  it('marks on the map the pairs that trust no common root and the failing remote-secret links', () => {
    const broken = liveSnapshot(
      mesh(
        () => shared,
        () => other,
      ),
    );
    const graph = buildMeshGraph({ snapshot: broken, checks: checksOf(broken) });
    const trust = graph.edges.filter((edge) => edge.kind === 'trust');
    assert.deepEqual(
      trust.map((edge) => [edge.id, edge.source, edge.target, edge.severity]),
      [['trust:east->west', 'cluster:east', 'cluster:west', 'error']],
    );
    assert.match(trust[0]!.problems![0]!, /^MESH301: east and west trust no common root/);
    assert.match(trust[0]!.problems![1]!, /^MESH306: east → west: the token/);
    for (const id of ['cluster:east', 'cluster:west']) {
      assert.deepEqual(
        graph.nodes.find((node) => node.id === id)!.problems,
        trust[0]!.problems,
        `${id} lists the pair's problems for its tooltip`,
      );
    }

    const expiring = liveSnapshot(
      mesh(
        () => shared,
        () => shared,
      ),
    );
    const warned = buildMeshGraph({ snapshot: expiring, checks: checksOf(expiring) }).edges.filter(
      (edge) => edge.kind === 'trust',
    );
    assert.deepEqual(
      warned.map((edge) => [edge.id, edge.severity, edge.problems!.length]),
      [['trust:east->west', 'warning', 1]],
    );

    const healthy = liveSnapshot(
      mesh(
        () => shared,
        () => shared,
        365,
      ),
    );
    assert.deepEqual(
      buildMeshGraph({ snapshot: healthy, checks: checksOf(healthy) }).edges.filter(
        (e) => e.kind === 'trust',
      ),
      [],
    );
    assert.deepEqual(
      buildMeshGraph({ snapshot: broken }).edges.filter((e) => e.kind === 'trust'),
      [],
      'no checklist, no trust edges',
    );
  });
});
