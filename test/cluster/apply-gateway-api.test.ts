/**
 * Apply and its dry run for Gateway API objects against the demo mesh in meshwright-sim (which serves
 * the Gateway API's standard kinds), checked with the real kubectl: an HTTPRoute is planned without a
 * kind to confirm, created in both primaries by server-side apply with field manager meshwright, found
 * unchanged, then diffed and changed in one primary only.
 */
import assert from 'node:assert/strict';
import { parse } from 'yaml';
import { applyDocument } from '../../server/src/apply/apply-execution';
import { planApply } from '../../server/src/apply/apply-plan';
import { type ApplyEnvironment } from '../../server/src/apply/apply-targets';
import { type SimulatorUnderTest } from './sim-harness';
import { applyEnvironment, kubectlGet, managersOf, startDemo } from './apply-support';

function route(weight: number): string {
  return `apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata:
  name: reviews-mesh
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
          weight: ${weight}
`;
}

type Route = { spec: { rules: { backendRefs: { weight: number }[] }[] } };
const weightOf = (object: unknown): number | undefined =>
  (object as Route | null)?.spec.rules[0]?.backendRefs[0]?.weight;

describe('apply: Gateway API objects (meshwright/applyPlan, meshwright/apply)', function () {
  this.timeout(60_000);
  let sim: SimulatorUnderTest;
  let environment: ApplyEnvironment;

  before(async () => {
    sim = await startDemo();
    environment = await applyEnvironment(sim);
  });
  after(async () => sim?.stop());

  it('plans, creates, finds unchanged, diffs and changes an HTTPRoute', async () => {
    const plan = await planApply(route(90), ['east', 'west'], environment);
    assert.equal(plan.kindToConfirm, null, 'the Gateway API needs no confirmation');
    assert.deepEqual(
      plan.clusters.map((cluster) => [cluster.cluster, cluster.outcome]),
      [
        ['east', 'create'],
        ['west', 'create'],
      ],
      JSON.stringify(plan),
    );
    assert.equal(await kubectlGet(sim, 'east', 'httproute', 'bookinfo', 'reviews-mesh'), null);

    const created = await applyDocument(route(90), ['east', 'west'], environment);
    assert.deepEqual(
      created.clusters.map((cluster) => [cluster.cluster, cluster.outcome]),
      [
        ['east', 'created'],
        ['west', 'created'],
      ],
      JSON.stringify(created),
    );
    const stored = await kubectlGet(sim, 'west', 'httproute', 'bookinfo', 'reviews-mesh');
    assert.equal(weightOf(stored), 90);
    assert.deepEqual(managersOf(stored), ['meshwright (Apply)']);

    const same = await planApply(route(90), ['east', 'west'], environment);
    assert.deepEqual(
      same.clusters.map((cluster) => cluster.outcome),
      ['unchanged', 'unchanged'],
    );

    const diff = await planApply(route(10), ['west'], environment);
    assert.equal(diff.clusters[0]?.outcome, 'change', JSON.stringify(diff.clusters[0]?.failure));
    assert.deepEqual(diff.clusters[0]?.changedFields, ['spec.rules[0].backendRefs[0].weight']);
    assert.equal(weightOf(parse(diff.clusters[0]?.liveYaml ?? '')), 90);
    assert.equal(weightOf(parse(diff.clusters[0]?.wouldBeYaml ?? '')), 10);

    const changed = await applyDocument(route(10), ['west'], environment);
    assert.deepEqual(
      changed.clusters.map((cluster) => [cluster.cluster, cluster.outcome]),
      [['west', 'changed']],
    );
    assert.equal(weightOf(await kubectlGet(sim, 'west', 'httproute', 'bookinfo', 'reviews-mesh')), 10);
    assert.equal(weightOf(await kubectlGet(sim, 'east', 'httproute', 'bookinfo', 'reviews-mesh')), 90);
  });
});
