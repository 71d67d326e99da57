/**
 * Apply and its dry run for Gateway API objects against real kube-apiservers (the demo mesh, whose
 * servers serve the Gateway API CRDs), as the `applier` identity with the rights docs/apply.md advises:
 * an HTTPRoute and a ReferenceGrant are planned, created by server-side apply with field manager
 * meshwright, found unchanged, and changed field by field, with no kind to confirm first (the Gateway
 * API is mesh config, like Istio's). Each object is deleted afterwards: the control plane is shared.
 */
import assert from 'node:assert/strict';
import { parse } from 'yaml';
import { applyDocument } from '../../server/src/apply/apply-execution';
import { planApply } from '../../server/src/apply/apply-plan';
import { type ApplyEnvironment } from '../../server/src/apply/apply-targets';
import { adminDelete, adminGet, managersOf, realApplyEnvironment } from './support/apply-environment';
import { type RealControlPlane } from './support/control-plane';
import { sharedDemoControlPlane } from './support/shared-control-plane';

const ROUTE_NAME = 'reviews-real-gateway-api';
const ROUTE_PATH = `/apis/gateway.networking.k8s.io/v1/namespaces/bookinfo/httproutes/${ROUTE_NAME}`;
const GRANT_NAME = 'allow-httproutes-from-shop-real';
const GRANT_PATH = `/apis/gateway.networking.k8s.io/v1beta1/namespaces/bookinfo/referencegrants/${GRANT_NAME}`;

function route(v1Weight: number): string {
  return `apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata:
  name: ${ROUTE_NAME}
  namespace: bookinfo
spec:
  parentRefs:
    - group: ""
      kind: Service
      name: reviews
      port: 9080
  rules:
    - backendRefs:
        - name: reviews
          port: 9080
          weight: ${v1Weight}
`;
}

const GRANT = `apiVersion: gateway.networking.k8s.io/v1beta1
kind: ReferenceGrant
metadata:
  name: ${GRANT_NAME}
  namespace: bookinfo
spec:
  from:
    - group: gateway.networking.k8s.io
      kind: HTTPRoute
      namespace: shop
  to:
    - group: ""
      kind: Service
      name: reviews
`;

type Route = { spec: { rules: { backendRefs: { weight: number }[] }[] } };

describe('real clusters: apply and diff of Gateway API objects', function () {
  this.timeout(180_000);
  let plane: RealControlPlane;
  let environment: ApplyEnvironment;

  before(async () => {
    plane = await sharedDemoControlPlane();
    environment = await realApplyEnvironment(plane.kubeconfig('applier'));
  });
  after(async () => {
    if (!plane) return;
    for (const cluster of ['east', 'west']) {
      await adminDelete(plane, cluster, ROUTE_PATH);
      await adminDelete(plane, cluster, GRANT_PATH);
    }
  });

  it('plans "create" for an HTTPRoute in both primaries, asks for no kind, and stores nothing', async () => {
    const plan = await planApply(route(90), ['east', 'west'], environment);
    assert.equal(plan.problem, null);
    assert.equal(plan.kindToConfirm, null, 'the Gateway API needs no confirmation');
    assert.deepEqual(
      plan.clusters.map((cluster) => [cluster.cluster, cluster.outcome, cluster.failure]),
      [
        ['east', 'create', null],
        ['west', 'create', null],
      ],
    );
    for (const cluster of ['east', 'west']) assert.equal(await adminGet(plane, cluster, ROUTE_PATH), null);
  });

  it('creates it with field manager meshwright, finds it unchanged, then diffs and applies a change', async () => {
    const created = await applyDocument(route(90), ['east', 'west'], environment);
    assert.deepEqual(
      created.clusters.map((cluster) => [cluster.cluster, cluster.outcome]),
      [
        ['east', 'created'],
        ['west', 'created'],
      ],
      JSON.stringify(created),
    );
    const stored = await adminGet(plane, 'east', ROUTE_PATH);
    assert.deepEqual(managersOf(stored), ['meshwright (Apply)']);

    const same = await planApply(route(90), ['east', 'west'], environment);
    assert.deepEqual(
      same.clusters.map((cluster) => cluster.outcome),
      ['unchanged', 'unchanged'],
    );

    const plan = await planApply(route(10), ['west'], environment);
    const [west] = plan.clusters;
    assert.equal(west?.outcome, 'change', JSON.stringify(west?.failure));
    assert.deepEqual(west?.changedFields, ['spec.rules[0].backendRefs[0].weight']);
    assert.equal((parse(west?.liveYaml ?? '') as Route).spec.rules[0]?.backendRefs[0]?.weight, 90);
    assert.equal((parse(west?.wouldBeYaml ?? '') as Route).spec.rules[0]?.backendRefs[0]?.weight, 10);

    const changed = await applyDocument(route(10), ['west'], environment);
    assert.deepEqual(
      changed.clusters.map((cluster) => [cluster.cluster, cluster.outcome]),
      [['west', 'changed']],
    );
    const westRoute = (await adminGet(plane, 'west', ROUTE_PATH)) as Route;
    const eastRoute = (await adminGet(plane, 'east', ROUTE_PATH)) as Route;
    assert.equal(westRoute.spec.rules[0]?.backendRefs[0]?.weight, 10);
    assert.equal(eastRoute.spec.rules[0]?.backendRefs[0]?.weight, 90, 'east was not a target');
  });

  it('creates a ReferenceGrant (v1beta1) like any other Gateway API object', async () => {
    const report = await applyDocument(GRANT, ['east'], environment);
    assert.deepEqual(
      report.clusters.map((cluster) => [cluster.cluster, cluster.outcome]),
      [['east', 'created']],
      JSON.stringify(report),
    );
    assert.notEqual(await adminGet(plane, 'east', GRANT_PATH), null);
  });
});
