/**
 * The dry run against the demo mesh in meshwright-sim, over TLS with @kubernetes/client-node: it stores
 * nothing, and it says per cluster whether the document would create, change (which fields) or leave the
 * object unchanged, with the live and would-be YAML for a diff.
 */
import assert from 'node:assert/strict';
import { parse } from 'yaml';
import { applyDocument } from '../../server/src/apply/apply-execution';
import { planApply } from '../../server/src/apply/apply-plan';
import { type ApplyEnvironment } from '../../server/src/apply/apply-targets';
import { type SimulatorUnderTest } from './sim-harness';
import { applyEnvironment, assertNoToken, fixture, kubectlGet, startDemo } from './apply-support';

describe('apply: the dry run (meshwright/applyPlan)', function () {
  this.timeout(60_000);
  let sim: SimulatorUnderTest;
  let environment: ApplyEnvironment;

  before(async () => {
    sim = await startDemo();
    environment = await applyEnvironment(sim);
  });
  after(() => sim?.stop());

  it('plans "create" for a new object in every primary and stores nothing', async () => {
    const plan = await planApply(fixture('details-virtualservice.yaml'), ['east', 'west'], environment);
    assert.equal(plan.problem, null);
    assert.deepEqual(plan.resource, {
      apiVersion: 'networking.istio.io/v1',
      kind: 'VirtualService',
      namespace: 'bookinfo',
      name: 'details',
    });
    assert.deepEqual(
      plan.clusters.map((cluster) => [cluster.cluster, cluster.outcome]),
      [
        ['east', 'create'],
        ['west', 'create'],
      ],
    );
    for (const cluster of plan.clusters) {
      assert.equal(cluster.liveYaml, null);
      const wouldBe = parse(cluster.wouldBeYaml ?? '') as { spec: { hosts: string[] }; metadata: object };
      assert.deepEqual(wouldBe.spec.hosts, ['details']);
      assert.ok(!('managedFields' in wouldBe.metadata), 'the diff text leaves out managedFields');
      assert.equal(await kubectlGet(sim, cluster.cluster, 'virtualservice', 'bookinfo', 'details'), null);
    }
  });

  it('plans "unchanged" where the live copy matches, "change" with the fields where it differs', async () => {
    const created = await applyDocument(fixture('details-virtualservice.yaml'), ['east'], environment);
    assert.equal(created.clusters[0]?.outcome, 'created', JSON.stringify(created.clusters[0]?.failure));
    const same = await planApply(fixture('details-virtualservice.yaml'), ['east'], environment);
    assert.equal(same.clusters[0]?.outcome, 'unchanged');
    assert.deepEqual(same.clusters[0]?.changedFields, []);

    const plan = await planApply(fixture('details-virtualservice-retries.yaml'), ['east'], environment);
    const [east] = plan.clusters;
    assert.equal(east?.outcome, 'change', JSON.stringify(east?.failure));
    assert.deepEqual(east?.changedFields, ['spec.http[0].retries', 'spec.http[0].timeout']);
    const live = parse(east?.liveYaml ?? '') as { spec: { http: { timeout: string }[] } };
    const wouldBe = parse(east?.wouldBeYaml ?? '') as { spec: { http: { timeout: string }[] } };
    assert.equal(live.spec.http[0]?.timeout, '5s');
    assert.equal(wouldBe.spec.http[0]?.timeout, '10s');
    // A dry run never writes: the cluster still has the 5s timeout.
    const stored = (await kubectlGet(sim, 'east', 'virtualservice', 'bookinfo', 'details')) as {
      spec: { http: { timeout: string }[] };
    };
    assert.equal(stored.spec.http[0]?.timeout, '5s');
  });

  it('shows a conflict with its owner, and what forcing would store', async () => {
    const plan = await planApply(fixture('reviews-destinationrule.yaml'), ['east', 'west'], environment);
    const [east, west] = plan.clusters;
    assert.equal(east?.outcome, 'unchanged', JSON.stringify(east?.failure));
    assert.equal(west?.outcome, 'failed');
    assert.equal(west?.failure?.kind, 'conflict');
    assert.deepEqual(
      west?.failure?.conflicts.map((conflict) => conflict.explanation),
      ['field .spec.subsets is owned by manager kubectl-client-side-apply (Update)'],
    );
    assert.deepEqual(west?.changedFields, ['spec.subsets']);
    const forced = parse(west?.wouldBeYaml ?? '') as { spec: { subsets: { name: string }[] } };
    assert.deepEqual(
      forced.spec.subsets.map((subset) => subset.name),
      ['v1', 'v2', 'v3'],
    );
  });

  it('refuses a remote cluster with MESH107 before any request, even when it is down', async () => {
    await sim.simulator.cluster('edge').stop();
    try {
      const plan = await planApply(fixture('details-virtualservice.yaml'), ['edge', 'west'], environment);
      const [edge, west] = plan.clusters;
      assert.equal(edge?.outcome, 'failed');
      assert.equal(edge?.failure?.kind, 'remote-cluster');
      assert.equal(
        edge?.failure?.message,
        'edge is a remote cluster served by east: no control plane reads Istio config there; apply to east instead (MESH107)',
      );
      assert.equal(west?.outcome, 'create');
    } finally {
      await sim.simulator.cluster('edge').start();
    }
  });

  it('explains a missing namespace (MESH108) and a kind the cluster does not serve', async () => {
    const missing = await planApply(fixture('payments-virtualservice.yaml'), ['west'], environment);
    assert.equal(missing.clusters[0]?.failure?.kind, 'namespace-missing');
    assert.match(
      missing.clusters[0]?.failure?.message ?? '',
      /^namespace payments does not exist in cluster west \(MESH108\); create it first \(kubectl --context west create namespace payments\)/,
    );
    const unserved = await planApply(fixture('unserved-version.yaml'), ['east'], environment);
    assert.equal(unserved.clusters[0]?.failure?.kind, 'kind-not-served');
    assert.match(
      unserved.clusters[0]?.failure?.message ?? '',
      /cluster east does not serve networking\.istio\.io\/v9 VirtualService/,
    );
  });

  it('answers a document problem instead of asking any cluster', async () => {
    const plan = await planApply('kind: VirtualService\nmetadata:\n  name: x\n', ['east'], environment);
    assert.equal(plan.resource, null);
    assert.match(plan.problem ?? '', /no apiVersion and kind/);
    assert.deepEqual(plan.clusters, []);
  });

  it('names an unknown context and lists the known ones', async () => {
    const plan = await planApply(fixture('details-virtualservice.yaml'), ['north'], environment);
    assert.equal(plan.clusters[0]?.failure?.kind, 'kubeconfig');
    assert.match(
      plan.clusters[0]?.failure?.message ?? '',
      /context north is not in the kubeconfig .*; its contexts are: east, west, edge/,
    );
  });

  it('reports an expired token as 401 with the way out, and never shows a token', async () => {
    sim.simulator.cluster('west').setFaults({ tokenExpired: true });
    try {
      const plan = await planApply(fixture('details-virtualservice.yaml'), ['east', 'west'], environment);
      // east was given this VirtualService by an earlier test.
      assert.equal(plan.clusters[0]?.outcome, 'unchanged');
      assert.equal(plan.clusters[1]?.failure?.kind, 'unauthorized');
      assert.match(
        plan.clusters[1]?.failure?.message ?? '',
        /cluster west refused the credentials \(401\); log in again/,
      );
      assertNoToken(sim, [JSON.stringify(plan)]);
    } finally {
      sim.simulator.cluster('west').resetFaults();
    }
  });
});
