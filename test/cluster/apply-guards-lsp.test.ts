/**
 * The language server's apply guards over stdio (the built dist/server/server.js) against the demo mesh:
 * while edge is still in its first sync (every answer slowed down), an apply to it is refused because its
 * role is not known yet, and nothing reaches it; once the topology knows edge, the same apply is refused as
 * a remote cluster (MESH107). An apply must send back the token of the dry run the user saw: without it,
 * with another text, or to a cluster that was not planned, nothing is written anywhere.
 */
import assert from 'node:assert/strict';
import { pathToFileURL } from 'node:url';
import {
  APPLY_PLAN_REQUEST,
  APPLY_REQUEST,
  type ApplyParams,
  type ApplyPlanParams,
  type ApplyPlanResult,
  type ApplyResult,
  TOPOLOGY_REQUEST,
  type TopologyView,
} from '../../protocol/requests';
import { LspTestClient } from '../lsp/support/lsp-test-client';
import { waitFor, type SimulatorUnderTest } from './sim-harness';
import { APPLY_FIXTURES, fixture, startDemo } from './apply-support';

describe('language server: apply guards (role known, plan token)', function () {
  this.timeout(120_000);
  let sim: SimulatorUnderTest;
  let client: LspTestClient;

  const stateOf = async (cluster: string): Promise<string | undefined> => {
    const view = (await client.connection.sendRequest(TOPOLOGY_REQUEST)) as TopologyView;
    return view.health.find((health) => health.cluster === cluster)?.state;
  };
  /** Whether the cluster's store holds a VirtualService of that name, asked of the simulator itself. */
  const stored = (cluster: string, name: string): boolean =>
    sim.simulator
      .cluster(cluster)
      .objects()
      .some((object) => object.kind === 'VirtualService' && object.metadata.name === name);
  const documentNamed = (name: string) => ({
    uri: pathToFileURL(`${APPLY_FIXTURES}/details-virtualservice.yaml`).href,
    text: fixture('details-virtualservice.yaml').replace('name: details', `name: ${name}`),
  });
  const plan = async (document: ApplyPlanParams['document'], clusters: string[]): Promise<ApplyPlanResult> =>
    (await client.connection.sendRequest(APPLY_PLAN_REQUEST, { document, clusters })) as ApplyPlanResult;
  const apply = async (params: Omit<ApplyParams, 'force'>): Promise<ApplyResult> =>
    (await client.connection.sendRequest(APPLY_REQUEST, { ...params, force: false })) as ApplyResult;
  const verdicts = (result: ApplyResult | ApplyPlanResult) =>
    result.clusters.map((cluster) => [cluster.cluster, cluster.outcome, cluster.failure?.kind ?? null]);

  before(async () => {
    sim = await startDemo();
    // edge answers slowly, so its first sync lasts long enough to ask for an apply during it.
    sim.simulator.cluster('edge').setFaults({ latencyMs: 1_500 });
    client = await LspTestClient.start({
      settings: { validation: { enable: true }, kubeconfig: sim.kubeconfigPath, contexts: [] },
    });
  });
  after(async () => {
    await client?.stop();
    await sim?.stop();
  });

  it('refuses an apply to edge while its first sync is in progress, and nothing reaches edge', async () => {
    await waitFor(async () => (await stateOf('edge')) === 'connecting', 'edge to be connecting', 15_000);
    const document = documentNamed('details-early');
    const planned = await plan(document, ['edge']);
    assert.deepEqual(verdicts(planned), [['edge', 'failed', 'role-unknown']]);
    const report = await apply({ document, clusters: ['edge'], planToken: planned.planToken ?? '' });
    assert.deepEqual(verdicts(report), [['edge', 'failed', 'role-unknown']]);
    assert.equal(
      report.clusters[0]?.failure?.message,
      'role of edge not known yet (first sync in progress); try again when the Topology view shows it',
    );
    assert.equal(await stateOf('edge'), 'connecting', 'the refusal came during the first sync');
    assert.equal(stored('edge', 'details-early'), false);
  });

  it('refuses edge as a remote cluster once the topology knows it', async () => {
    await waitFor(async () => (await stateOf('edge')) === 'synced', 'edge to be synced', 90_000);
    sim.simulator.cluster('edge').resetFaults();
    const document = documentNamed('details-late');
    const planned = await plan(document, ['edge']);
    const report = await apply({ document, clusters: ['edge'], planToken: planned.planToken ?? '' });
    assert.deepEqual(verdicts(report), [['edge', 'failed', 'remote-cluster']]);
    assert.equal(stored('edge', 'details-late'), false);
  });

  it('refuses an apply without the dry run token, with another text, or to a cluster not planned', async () => {
    await waitFor(async () => (await stateOf('east')) === 'synced', 'east to be synced', 30_000);
    const document = documentNamed('details-sealed');
    const planned = await plan(document, ['east']);
    assert.deepEqual(verdicts(planned), [['east', 'create', null]]);
    const token = planned.planToken ?? '';

    const withoutToken = await apply({ document, clusters: ['east'] } as unknown as ApplyParams);
    assert.deepEqual(verdicts(withoutToken), [['east', 'failed', 'plan-mismatch']]);
    assert.match(withoutToken.clusters[0]?.failure?.message ?? '', /no planToken from a dry run/);

    const edited = { ...document, text: document.text.replace('timeout: 5s', 'timeout: 50s') };
    const otherText = await apply({ document: edited, clusters: ['east'], planToken: token });
    assert.deepEqual(verdicts(otherText), [['east', 'failed', 'plan-mismatch']]);
    assert.match(otherText.clusters[0]?.failure?.message ?? '', /not the one the dry run was made of/);

    const unplanned = await apply({ document, clusters: ['east', 'west'], planToken: token });
    assert.deepEqual(verdicts(unplanned), [
      ['east', 'failed', 'plan-mismatch'],
      ['west', 'failed', 'plan-mismatch'],
    ]);
    assert.match(unplanned.clusters[1]?.failure?.message ?? '', /the dry run did not include west/);
    assert.equal(stored('east', 'details-sealed'), false);
    assert.equal(stored('west', 'details-sealed'), false);

    const sealed = await apply({ document, clusters: ['east'], planToken: token });
    assert.deepEqual(verdicts(sealed), [['east', 'created', null]]);
    assert.equal(stored('east', 'details-sealed'), true);
  });
});
