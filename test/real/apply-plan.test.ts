/**
 * The dry run against real kube-apiservers, as the `applier` identity: it stores nothing (the server's
 * `dryRun=All`), says per cluster whether the document would create, change (which fields) or leave the
 * object unchanged, and gives the live and would-be YAML for the diff without the server's bookkeeping;
 * a conflict shows its owner and what a forced apply would store.
 */
import assert from 'node:assert/strict';
import { parse } from 'yaml';
import { applyDocument } from '../../server/src/apply/apply-execution';
import { planApply } from '../../server/src/apply/apply-plan';
import { type ApplyEnvironment } from '../../server/src/apply/apply-targets';
import { fixture } from '../cluster/apply-support';
import { adminDelete, adminGet, networkingPath, realApplyEnvironment } from './support/apply-environment';
import { type RealControlPlane } from './support/control-plane';
import { sharedDemoControlPlane } from './support/shared-control-plane';

type Http = { spec: { http: { timeout: string }[] } };

const NAME = 'details-real-plan';
const DOCUMENT = fixture('details-virtualservice.yaml').replace('name: details', `name: ${NAME}`);
const RETRIES = fixture('details-virtualservice-retries.yaml').replace('name: details', `name: ${NAME}`);
const OBJECT = networkingPath('virtualservices', 'bookinfo', NAME);
const BOOKKEEPING = ['managedFields', 'resourceVersion', 'generation', 'uid', 'creationTimestamp'];

describe('real clusters: the dry run (meshwright/applyPlan)', function () {
  this.timeout(180_000);
  let plane: RealControlPlane;
  let environment: ApplyEnvironment;

  before(async () => {
    plane = await sharedDemoControlPlane();
    environment = await realApplyEnvironment(plane.kubeconfig('applier'));
  });
  after(async () => {
    if (!plane) return;
    for (const cluster of ['east', 'west']) await adminDelete(plane, cluster, OBJECT);
  });

  it('plans "create" in every primary, with the would-be object, and stores nothing', async () => {
    const plan = await planApply(DOCUMENT, ['east', 'west'], environment);
    assert.equal(plan.problem, null);
    assert.equal(plan.kindToConfirm, null);
    assert.deepEqual(
      plan.clusters.map((cluster) => [cluster.cluster, cluster.outcome, cluster.failure]),
      [
        ['east', 'create', null],
        ['west', 'create', null],
      ],
    );
    for (const cluster of plan.clusters) {
      assert.equal(cluster.liveYaml, null);
      const wouldBe = parse(cluster.wouldBeYaml ?? '') as {
        spec: { hosts: string[] };
        metadata: Record<string, unknown>;
      };
      assert.deepEqual(wouldBe.spec.hosts, ['details']);
      assert.deepEqual(wouldBe.metadata, { name: NAME, namespace: 'bookinfo' });
      assert.equal(await adminGet(plane, cluster.cluster, OBJECT), null, 'a dry run stores nothing');
    }
  });

  it('plans "unchanged" where the live copy matches, "change" with the fields and both sides of the diff', async () => {
    const created = await applyDocument(DOCUMENT, ['east'], environment);
    assert.equal(created.clusters[0]?.outcome, 'created', JSON.stringify(created.clusters[0]?.failure));
    const stored = await adminGet(plane, 'east', OBJECT);
    const same = await planApply(DOCUMENT, ['east'], environment);
    assert.equal(same.clusters[0]?.outcome, 'unchanged', JSON.stringify(same.clusters[0]?.failure));
    assert.deepEqual(same.clusters[0]?.changedFields, []);
    assert.equal(same.clusters[0]?.liveYaml, same.clusters[0]?.wouldBeYaml, 'an unchanged diff is empty');

    const plan = await planApply(RETRIES, ['east'], environment);
    const [east] = plan.clusters;
    assert.equal(east?.outcome, 'change', JSON.stringify(east?.failure));
    assert.deepEqual(east?.changedFields, ['spec.http[0].retries', 'spec.http[0].timeout']);
    const live = parse(east?.liveYaml ?? '') as Http & { metadata: Record<string, unknown> };
    const wouldBe = parse(east?.wouldBeYaml ?? '') as Http & { metadata: Record<string, unknown> };
    assert.equal(live.spec.http[0]?.timeout, '5s');
    assert.equal(wouldBe.spec.http[0]?.timeout, '10s');
    for (const side of [live, wouldBe]) {
      for (const field of BOOKKEEPING) assert.ok(!(field in side.metadata), `the diff shows ${field}`);
    }
    // Only the authored change differs between the two sides.
    const { spec: _liveSpec, ...liveRest } = live;
    const { spec: _wouldBeSpec, ...wouldBeRest } = wouldBe;
    assert.deepEqual(liveRest, wouldBeRest);
    const after = await adminGet(plane, 'east', OBJECT);
    assert.equal((after as Http).spec.http[0]?.timeout, '5s', 'a dry run never writes');
    assert.deepEqual(
      (after?.metadata as { resourceVersion: string }).resourceVersion,
      (stored?.metadata as { resourceVersion: string }).resourceVersion,
    );
  });

  it('shows a conflict with its owner and what forcing would store', async () => {
    const admin = plane.cluster('west').rest('admin');
    const seeded = await admin.request(`${OBJECT}?fieldManager=team-a`, {
      method: 'PATCH',
      body: DOCUMENT,
      contentType: 'application/apply-patch+yaml',
    });
    assert.equal(seeded.status, 201, seeded.body);
    const plan = await planApply(RETRIES, ['west'], environment);
    const [west] = plan.clusters;
    assert.equal(west?.outcome, 'failed');
    assert.equal(west?.failure?.kind, 'conflict');
    assert.deepEqual(
      west?.failure?.conflicts.map((conflict) => conflict.explanation),
      ['field .spec.http is owned by manager team-a (Apply)'],
    );
    assert.deepEqual(west?.changedFields, ['spec.http[0].retries', 'spec.http[0].timeout']);
    const forced = parse(west?.wouldBeYaml ?? '') as Http;
    assert.equal(forced.spec.http[0]?.timeout, '10s');
    const live = parse(west?.liveYaml ?? '') as Http;
    assert.equal(live.spec.http[0]?.timeout, '5s');
  });

  it('explains a missing namespace (MESH108), an apiVersion the cluster does not serve, and a schema mismatch', async () => {
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
    // kube-apiserver answers 500 (not 422) when the object does not fit the CRD's structural schema.
    const wrongType = DOCUMENT.replace('  hosts:\n    - details\n', '  hosts: details\n');
    const schema = await planApply(wrongType, ['east'], environment);
    assert.equal(schema.clusters[0]?.failure?.kind, 'invalid', JSON.stringify(schema.clusters[0]?.failure));
    assert.equal(
      schema.clusters[0]?.failure?.message,
      `cluster east rejected VirtualService bookinfo/${NAME}: it does not match the cluster's schema for VirtualService (.spec.hosts: expected list, got &{details}); fix the document and apply again`,
    );
  });
});
