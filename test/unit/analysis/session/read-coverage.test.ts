/**
 * Types a cluster could not be read for: the objects of those kinds there are unknown, not absent, so
 * an analysis that relied on such a kind keeps no report (it could be an artefact of the gap), the other
 * analyses speak as before, MESH010 says what was not read, and reading the type later brings the
 * findings back.
 */
import assert from 'node:assert/strict';
import { type MeshDiagnostic } from '../../../../server/src/mesh/diagnostic';
import { AnalysisSession } from '../../../../server/src/analysis/session/analysis-session';
import {
  type ClusterSnapshot,
  type KubeObject,
  type TopologySnapshot,
  type UnreadType,
  REMOTE_SECRETS_KIND,
} from '../../../../server/src/mesh/snapshot';

const DESTINATION_RULES_REFUSED: UnreadType = {
  id: 'destinationrules.networking.istio.io',
  kind: 'DestinationRule.networking.istio.io',
  reason: 'RBAC: cannot list destinationrules.networking.istio.io (403)',
};

const rule: KubeObject = {
  apiVersion: 'networking.istio.io/v1',
  kind: 'DestinationRule',
  metadata: { name: 'reviews', namespace: 'bookinfo', resourceVersion: '1', uid: 'dr-1' },
  spec: { host: 'reviews', subsets: [{ name: 'v1', labels: { version: 'v1' } }] },
};
/** A namespace without an injection label (IST0102): a check that needs no DestinationRule. */
const sidecarless: KubeObject = {
  apiVersion: 'v1',
  kind: 'Namespace',
  metadata: { name: 'bookinfo', resourceVersion: '1', uid: 'ns-1' },
};

function primary(name: string, objects: KubeObject[], unread: UnreadType[] = []): ClusterSnapshot {
  return {
    name,
    id: name,
    network: null,
    role: 'primary',
    revisions: ['default'],
    meshId: null,
    trustDomain: null,
    controlPlane: name,
    reachable: true,
    stale: unread.length > 0 ? unread.map((type) => type.reason).join('; ') : null,
    unread,
    remoteSecrets: [],
    eastWestGateways: [],
    ambientNamespaces: [],
    waypoints: [],
    ambientEastWestGateways: [],
    objects,
  };
}

function snapshot(version: number, westUnread: UnreadType[]): TopologySnapshot {
  return {
    version,
    clusters: [primary('east', [rule, sidecarless]), primary('west', [sidecarless], westUnread)],
  };
}

const codes = (diagnostics: readonly MeshDiagnostic[]): string[] =>
  [...new Set(diagnostics.map((diagnostic) => diagnostic.code))].sort();

describe('AnalysisSession with a partly read cluster', () => {
  it('reports the DestinationRule missing in west when west was read whole (the control case)', () => {
    const session = new AnalysisSession({ defaultIngressGateway: false, celRules: null });
    session.setSnapshot(snapshot(1, []));
    session.refresh();
    const missing = session.allDiagnostics().filter((d) => d.code === 'MESH202');
    assert.equal(missing.length, 1);
    assert.match(missing[0]!.message, /missing in primary west/);
    assert.ok(!codes(session.allDiagnostics()).includes('MESH010'));
  });

  it("keeps no finding that relied on west's unread DestinationRules, and says why in one MESH010", () => {
    const session = new AnalysisSession({ defaultIngressGateway: false, celRules: null });
    session.setSnapshot(snapshot(1, [DESTINATION_RULES_REFUSED]));
    session.refresh();
    const diagnostics = session.allDiagnostics();
    assert.ok(!codes(diagnostics).includes('MESH202'), JSON.stringify(diagnostics, null, 1));
    // What needs no DestinationRule still speaks (IST0102: the namespaces are not injected).
    assert.ok(codes(diagnostics).includes('IST0102'));
    const info = diagnostics.filter((d) => d.code === 'MESH010');
    assert.equal(info.length, 1);
    assert.equal(info[0]!.severity, 'info');
    assert.equal(info[0]!.cluster, 'west');
    assert.equal(info[0]!.uri, 'meshwright:/west');
    assert.match(info[0]!.message, /destinationrules\.networking\.istio\.io could not be read: RBAC/);
    assert.equal(session.readCoverage().isUnread('DestinationRule.networking.istio.io', 'west'), true);
    assert.equal(session.readCoverage().isUnread('DestinationRule.networking.istio.io', 'east'), false);
  });

  it('brings the finding back, and drops MESH010, once the type can be read', () => {
    const session = new AnalysisSession({ defaultIngressGateway: false, celRules: null });
    session.setSnapshot(snapshot(1, [DESTINATION_RULES_REFUSED]));
    session.refresh();
    session.setSnapshot(snapshot(2, []));
    const { changedUris } = session.refresh();
    assert.ok(changedUris.includes('meshwright:/west'));
    assert.deepEqual(session.diagnosticsFor('meshwright:/west'), []);
    assert.ok(codes(session.allDiagnostics()).includes('MESH202'));
  });

  it('says once for a cluster whose every type failed for one cause, naming the types', () => {
    const down = (id: string, kind: string): UnreadType => ({
      id,
      kind,
      reason: 'cluster not read (ECONNREFUSED 127.0.0.1:1)',
    });
    const session = new AnalysisSession({ defaultIngressGateway: false, celRules: null });
    session.setSnapshot(snapshot(1, [down('pods', 'Pod'), down('services', 'Service')]));
    session.refresh();
    const info = session.allDiagnostics().filter((d) => d.code === 'MESH010');
    assert.equal(info.length, 1);
    assert.match(info[0]!.message, /2 resource types could not be read: .*ECONNREFUSED.*pods and services/);
  });

  it("a gap in west's gateway credential Secrets leaves the topology's checks speaking; a gap in its remote secrets does not", () => {
    // Read-only RBAC often allows Secrets in istio-system only: the remote secrets are read, the other
    // Secrets (gateway credentials, listed by name cluster-wide) are not.
    const credentials: UnreadType = {
      id: 'secrets (metadata)',
      kind: 'Secret',
      reason: 'RBAC: cannot list secrets (403)',
    };
    const remoteSecrets: UnreadType = {
      id: 'secrets in istio-system',
      kind: REMOTE_SECRETS_KIND,
      reason: 'RBAC: cannot list secrets in istio-system (403)',
    };
    const analysed = (unread: UnreadType): string[] => {
      const session = new AnalysisSession({ defaultIngressGateway: false, celRules: null });
      session.setSnapshot(snapshot(1, [unread]));
      session.refresh();
      return codes(session.allDiagnostics());
    };
    assert.ok(
      analysed(credentials).includes('MESH202'),
      'which primaries exist does not come from those Secrets',
    );
    assert.ok(!analysed(remoteSecrets).includes('MESH202'), 'which clusters a primary reads does');
  });
});
