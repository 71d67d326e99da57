/**
 * The real apply against the demo mesh in meshwright-sim (TLS, @kubernetes/client-node), checked with the
 * real kubectl: it creates and updates with field manager `meshwright`, explains 409 conflicts (with the
 * manager that created an object, and with another server-side applier) and takes the fields over only
 * when forced, and reports per cluster what did and did not change when a cluster is down, too slow, or
 * the user cancels. No message carries a token.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { applyDocument } from '../../server/src/apply/apply-execution';
import { type ApplyEnvironment } from '../../server/src/apply/apply-targets';
import { type ApplyReport } from '../../protocol/apply';
import { type SimulatorUnderTest } from './sim-harness';
import { applyEnvironment, assertNoToken, fixture, kubectlGet, managersOf, startDemo } from './apply-support';

type Spec = { spec: { http: { timeout?: string; retries?: unknown }[]; subsets?: { name: string }[] } };

describe('apply: server-side apply to the clusters (meshwright/apply)', function () {
  this.timeout(60_000);
  let sim: SimulatorUnderTest;
  let environment: ApplyEnvironment;
  const reports: ApplyReport[] = [];
  const apply = async (...args: Parameters<typeof applyDocument>): Promise<ApplyReport> => {
    const report = await applyDocument(...args);
    reports.push(report);
    return report;
  };
  const outcomes = (report: ApplyReport): string[][] =>
    report.clusters.map((cluster) => [cluster.cluster, cluster.outcome]);

  before(async () => {
    sim = await startDemo();
    environment = await applyEnvironment(sim);
  });
  after(async () => {
    assertNoToken(sim, [JSON.stringify(reports)]);
    await sim?.stop();
  });

  it('creates the object in every target with field manager meshwright, then updates it', async () => {
    const created = await apply(fixture('details-virtualservice.yaml'), ['east', 'west'], environment);
    assert.deepEqual(outcomes(created), [
      ['east', 'created'],
      ['west', 'created'],
    ]);
    for (const cluster of ['east', 'west']) {
      const stored = await kubectlGet(sim, cluster, 'virtualservice', 'bookinfo', 'details');
      assert.equal((stored as Spec | null)?.spec.http[0]?.timeout, '5s');
      assert.deepEqual(managersOf(stored), ['meshwright (Apply)']);
    }
    const again = await apply(fixture('details-virtualservice.yaml'), ['east', 'west'], environment);
    assert.deepEqual(outcomes(again), [
      ['east', 'unchanged'],
      ['west', 'unchanged'],
    ]);
    const changed = await apply(fixture('details-virtualservice-retries.yaml'), ['west'], environment);
    assert.deepEqual(outcomes(changed), [['west', 'changed']]);
    assert.deepEqual(changed.clusters[0]?.changedFields, ['spec.http[0].retries', 'spec.http[0].timeout']);
    const west = (await kubectlGet(sim, 'west', 'virtualservice', 'bookinfo', 'details')) as Spec;
    assert.equal(west.spec.http[0]?.timeout, '10s');
    const east = (await kubectlGet(sim, 'east', 'virtualservice', 'bookinfo', 'details')) as Spec;
    assert.equal(east.spec.http[0]?.timeout, '5s', 'east was not a target');
  });

  it('refuses a conflicting field without force, and takes it over when forced in that cluster only', async () => {
    const refused = await apply(fixture('reviews-destinationrule.yaml'), ['east', 'west'], environment);
    assert.deepEqual(outcomes(refused), [
      ['east', 'unchanged'],
      ['west', 'failed'],
    ]);
    const failure = refused.clusters[1]?.failure;
    assert.equal(failure?.kind, 'conflict');
    assert.match(
      failure?.message ?? '',
      /^conflict in cluster west for DestinationRule bookinfo\/reviews: field \.spec\.subsets is owned by manager kubectl-client-side-apply \(Update\); force the apply/,
    );
    const before = (await kubectlGet(sim, 'west', 'destinationrule', 'bookinfo', 'reviews')) as Spec;
    assert.equal(before.spec.subsets?.length, 2, 'nothing written without force');

    const forced = await apply(fixture('reviews-destinationrule.yaml'), ['west'], environment, {
      force: true,
    });
    assert.deepEqual(outcomes(forced), [['west', 'changed']]);
    assert.deepEqual(forced.clusters[0]?.changedFields, ['spec.subsets']);
    const after = await kubectlGet(sim, 'west', 'destinationrule', 'bookinfo', 'reviews');
    assert.deepEqual(
      (after as Spec).spec.subsets?.map((subset) => subset.name),
      ['v1', 'v2', 'v3'],
    );
    assert.ok(managersOf(after).includes('meshwright (Apply)'), managersOf(after).join(', '));
  });

  it('explains a conflict with another server-side applier (kubectl --server-side --field-manager)', async () => {
    const file = path.join(sim.workDir, 'team-a.yaml');
    fs.writeFileSync(
      file,
      fixture('details-virtualservice.yaml').replace('name: details', 'name: details-team'),
    );
    const kubectl = await sim.kubectl(
      '--context',
      'east',
      'apply',
      '--server-side',
      '--field-manager',
      'team-a',
      '-f',
      file,
    );
    assert.equal(kubectl.code, 0, kubectl.stderr);
    const document = fixture('details-virtualservice-retries.yaml').replace(
      'name: details',
      'name: details-team',
    );
    const refused = await apply(document, ['east'], environment);
    assert.equal(refused.clusters[0]?.failure?.kind, 'conflict');
    assert.deepEqual(
      refused.clusters[0]?.failure?.conflicts.map((conflict) => [conflict.manager, conflict.operation]),
      [['team-a', 'Apply']],
    );
    assert.match(refused.clusters[0]?.failure?.message ?? '', /is owned by manager team-a \(Apply\)/);
    const forced = await apply(document, ['east'], environment, { force: true });
    assert.equal(forced.clusters[0]?.outcome, 'changed');
    const stored = (await kubectlGet(sim, 'east', 'virtualservice', 'bookinfo', 'details-team')) as Spec;
    assert.equal(stored.spec.http[0]?.timeout, '10s');
  });

  it('applies to the clusters that answer and reports the one that is down', async () => {
    const document = fixture('details-virtualservice.yaml').replace('name: details', 'name: details-down');
    await sim.simulator.cluster('west').stop();
    let report: ApplyReport;
    try {
      report = await apply(document, ['west', 'east'], environment);
    } finally {
      await sim.simulator.cluster('west').start();
    }
    assert.deepEqual(outcomes(report), [
      ['west', 'failed'],
      ['east', 'created'],
    ]);
    assert.equal(report.clusters[0]?.failure?.kind, 'unreachable');
    assert.match(
      report.clusters[0]?.failure?.message ?? '',
      /^cluster west is unreachable \(ECONNREFUSED 127\.0\.0\.1:\d+\)/,
    );
    assert.equal(await kubectlGet(sim, 'west', 'virtualservice', 'bookinfo', 'details-down'), null);
    assert.notEqual(await kubectlGet(sim, 'east', 'virtualservice', 'bookinfo', 'details-down'), null);
  });

  it('reports a cluster that does not answer in time next to the one that was applied', async () => {
    const slow = await applyEnvironment(sim, 500);
    const document = fixture('details-virtualservice.yaml').replace('name: details', 'name: details-slow');
    sim.simulator.cluster('west').setFaults({ latencyMs: 3_000 });
    let report: ApplyReport;
    try {
      report = await apply(document, ['east', 'west'], slow);
    } finally {
      sim.simulator.cluster('west').resetFaults();
    }
    assert.deepEqual(outcomes(report), [
      ['east', 'created'],
      ['west', 'failed'],
    ]);
    assert.equal(report.clusters[1]?.failure?.kind, 'timeout');
    assert.match(report.clusters[1]?.failure?.message ?? '', /^cluster west did not answer within 0\.5s/);
  });

  it('stops at a cancel: what was applied is reported, the rest is not attempted', async () => {
    const document = fixture('details-virtualservice.yaml').replace('name: details', 'name: details-cancel');
    const controller = new AbortController();
    const report = await apply(document, ['east', 'west'], environment, {
      signal: controller.signal,
      // The user presses Cancel as the progress notification turns to west.
      onProgress: (progress) => {
        if (progress.cluster === 'west') controller.abort();
      },
    });
    assert.deepEqual(outcomes(report), [
      ['east', 'created'],
      ['west', 'not-attempted'],
    ]);
    assert.equal(
      report.clusters[1]?.failure?.message,
      'cancelled before cluster west was written to; nothing changed there',
    );
    assert.notEqual(await kubectlGet(sim, 'east', 'virtualservice', 'bookinfo', 'details-cancel'), null);
    assert.equal(await kubectlGet(sim, 'west', 'virtualservice', 'bookinfo', 'details-cancel'), null);
  });
});
