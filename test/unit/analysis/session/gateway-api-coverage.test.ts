/**
 * Gateway API kinds in a live cluster: where their CRDs are absent the cluster simply has none (a route
 * naming a Gateway there is reported, MESH401), where they could not be read (RBAC) the Gateways there are
 * unknown, not absent: no MESH401 about them, and MESH010 says what was not read.
 */
import assert from 'node:assert/strict';
import { AnalysisSession } from '../../../../server/src/analysis/session/analysis-session';
import {
  type ClusterSnapshot,
  type KubeObject,
  type TopologySnapshot,
  type UnreadType,
} from '../../../../server/src/mesh/snapshot';

const GATEWAYS_REFUSED: UnreadType = {
  id: 'gateways.gateway.networking.k8s.io',
  kind: 'Gateway.gateway.networking.k8s.io',
  reason: 'RBAC: cannot list gateways.gateway.networking.k8s.io (403)',
};

const ROUTE = `# meshwright: clusters=east
apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata:
  name: web
  namespace: shop
spec:
  parentRefs:
    - name: ingress
`;

const namespace: KubeObject = {
  apiVersion: 'v1',
  kind: 'Namespace',
  metadata: { name: 'shop', resourceVersion: '1', uid: 'ns-1' },
};

function cluster(unread: UnreadType[]): ClusterSnapshot {
  return {
    name: 'east',
    id: 'east',
    network: null,
    role: 'primary',
    revisions: ['default'],
    meshId: null,
    trustDomain: null,
    controlPlane: 'east',
    reachable: true,
    stale: unread.length > 0 ? unread.map((type) => type.reason).join('; ') : null,
    unread,
    remoteSecrets: [],
    eastWestGateways: [],
    ambientNamespaces: [],
    waypoints: [],
    ambientEastWestGateways: [],
    objects: [namespace],
  };
}

function codesFor(unread: UnreadType[]): string[] {
  const session = new AnalysisSession({ defaultIngressGateway: false, celRules: null });
  const snapshot: TopologySnapshot = { version: 1, clusters: [cluster(unread)] };
  session.setDocument('route.yaml', ROUTE);
  session.setSnapshot(snapshot);
  session.refresh();
  return session
    .allDiagnostics()
    .filter((d) => d.code === 'MESH401' || d.code === 'MESH010')
    .map((d) => `${d.code} ${d.message}`);
}

describe('Gateway API kinds absent from a cluster, or unread there', () => {
  it('a cluster without the Gateway API (read whole, no Gateways): the missing Gateway is reported', () => {
    const found = codesFor([]);
    assert.equal(found.length, 1, found.join('\n'));
    assert.match(found[0]!, /^MESH401 .*Gateway shop\/ingress, which does not exist in cluster east/);
  });

  it('a cluster whose Gateways could not be read: no MESH401, one MESH010 naming the type', () => {
    const found = codesFor([GATEWAYS_REFUSED]);
    assert.equal(found.length, 1, found.join('\n'));
    assert.match(found[0]!, /^MESH010 .*gateways\.gateway\.networking\.k8s\.io could not be read: RBAC/);
  });
});
