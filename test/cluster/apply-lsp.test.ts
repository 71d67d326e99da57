/**
 * `meshwright/applyPlan` and `meshwright/apply` over stdio (the built dist/server/server.js) against the
 * demo mesh: the remote cluster is refused once the topology knows it, the dry run stores nothing, the
 * apply creates the object (checked with kubectl), progress arrives per cluster through the work-done
 * token, bad params get a clear problem, and the log says per cluster what happened without a token.
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
import { CancellationTokenSource } from 'vscode-jsonrpc';
import { LspTestClient } from '../lsp/support/lsp-test-client';
import { waitFor, type SimulatorUnderTest } from './sim-harness';
import { APPLY_FIXTURES, assertNoToken, fixture, kubectlGet, startDemo } from './apply-support';

describe('language server: dry run and apply requests', function () {
  this.timeout(90_000);
  let sim: SimulatorUnderTest;
  let client: LspTestClient;

  before(async () => {
    sim = await startDemo();
    client = await LspTestClient.start({
      settings: { validation: { enable: true }, kubeconfig: sim.kubeconfigPath, contexts: [] },
      progressSupport: true,
    });
    // The remote cluster is known from the topology: wait for discovery to have read every cluster.
    await waitFor(
      async () => {
        const view = (await client.connection.sendRequest(TOPOLOGY_REQUEST)) as TopologyView;
        return view.health.length === 3 && view.health.every((health) => health.state === 'synced');
      },
      'the topology to be synced',
      30_000,
    );
  });
  after(async () => {
    await client?.stop();
    await sim?.stop();
  });

  const document = {
    uri: pathToFileURL(`${APPLY_FIXTURES}/details-virtualservice.yaml`).href,
    text: fixture('details-virtualservice.yaml'),
  };

  it('plans per cluster, refusing the remote, with progress through the work-done token', async () => {
    const params: ApplyPlanParams = { document, clusters: ['east', 'west', 'edge'], workDoneToken: 'plan-1' };
    const plan = (await client.connection.sendRequest(APPLY_PLAN_REQUEST, params)) as ApplyPlanResult;
    assert.deepEqual(
      plan.clusters.map((cluster) => [cluster.cluster, cluster.outcome, cluster.failure?.kind ?? null]),
      [
        ['east', 'create', null],
        ['west', 'create', null],
        ['edge', 'failed', 'remote-cluster'],
      ],
    );
    assert.equal(await kubectlGet(sim, 'east', 'virtualservice', 'bookinfo', 'details'), null);
    const reports = client.progress.filter((report) => report.token === 'plan-1');
    assert.equal(reports[0]?.value.kind, 'begin');
    assert.equal(reports.at(-1)?.value.kind, 'end');
    assert.ok(
      reports.some((report) => report.value.message === 'dry run on west (2 of 3)'),
      JSON.stringify(reports),
    );
  });

  /** The dry run the user would have seen first: its token is what the apply must send back. */
  const planTokenOf = async (source: typeof document, clusters: string[]): Promise<string> => {
    const params: ApplyPlanParams = { document: source, clusters };
    const plan = (await client.connection.sendRequest(APPLY_PLAN_REQUEST, params)) as ApplyPlanResult;
    assert.ok(plan.planToken, JSON.stringify(plan));
    return plan.planToken;
  };

  it('applies to the confirmed clusters and logs each outcome without a token', async () => {
    const params: ApplyParams = {
      document,
      clusters: ['east', 'west'],
      force: false,
      planToken: await planTokenOf(document, ['east', 'west']),
      workDoneToken: 'apply-1',
    };
    const report = (await client.connection.sendRequest(APPLY_REQUEST, params)) as ApplyResult;
    assert.deepEqual(
      report.clusters.map((cluster) => [cluster.cluster, cluster.outcome]),
      [
        ['east', 'created'],
        ['west', 'created'],
      ],
    );
    for (const cluster of ['east', 'west']) {
      assert.notEqual(await kubectlGet(sim, cluster, 'virtualservice', 'bookinfo', 'details'), null);
    }
    const line = await client.waitForLog(/^apply of VirtualService bookinfo\/details/);
    assert.equal(
      line,
      `apply of VirtualService bookinfo/details (${document.uri}): east: created; west: created`,
    );
    assert.ok(
      client.progress.some(
        (entry) => entry.token === 'apply-1' && entry.value.message === 'applying to west (2 of 2)',
      ),
    );
    assertNoToken(sim, client.serverLog);
  });

  it('cancelled while west is being read: east is applied, west untouched, and the answer says so', async () => {
    const cancelled = { ...document, text: document.text.replace('name: details', 'name: details-cancel') };
    const planToken = await planTokenOf(cancelled, ['east', 'west']);
    sim.simulator.cluster('west').setFaults({ latencyMs: 5_000 });
    const source = new CancellationTokenSource();
    const subscription = setInterval(() => {
      const west = client.progress.find(
        (entry) => entry.token === 'apply-2' && entry.value.message?.includes('west'),
      );
      if (west) source.cancel();
    }, 20);
    let report: ApplyResult;
    try {
      const params: ApplyParams = {
        document: cancelled,
        clusters: ['east', 'west'],
        force: false,
        planToken,
        workDoneToken: 'apply-2',
      };
      report = (await client.connection.sendRequest(APPLY_REQUEST, params, source.token)) as ApplyResult;
    } finally {
      clearInterval(subscription);
      sim.simulator.cluster('west').resetFaults();
    }
    assert.deepEqual(
      report.clusters.map((cluster) => [cluster.cluster, cluster.outcome, cluster.failure?.kind ?? null]),
      [
        ['east', 'created', null],
        ['west', 'failed', 'cancelled'],
      ],
    );
    assert.equal(
      report.clusters[1]?.failure?.message,
      'cancelled before cluster west was written to; nothing changed there',
    );
    assert.equal(await kubectlGet(sim, 'west', 'virtualservice', 'bookinfo', 'details-cancel'), null);
  });

  it('answers a request without clusters with a problem, not an error', async () => {
    const plan = (await client.connection.sendRequest(APPLY_PLAN_REQUEST, {
      document,
      clusters: [],
    })) as ApplyPlanResult;
    assert.equal(plan.problem, 'no cluster to apply to: pick at least one target');
    assert.deepEqual(plan.clusters, []);
  });
});
