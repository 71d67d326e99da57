/**
 * `meshwright analyze --kubeconfig` against a partly read mesh (the simulated demo, simulator/demo): a
 * type the credentials may not list, or a cluster that does not answer, leaves objects unknown, not
 * absent. The checks that need them stay silent instead of reporting what is not there ("missing in
 * primary west"), MESH010 says what was not read, the JSON's `clusters` section gives each cluster's
 * state, and `--require-complete` fails the run.
 */
import assert from 'node:assert/strict';
import path from 'node:path';
import { startForTest, type SimulatorUnderTest } from '../cluster/sim-harness';
import {
  type BackgroundCliRun as Run,
  REPO_ROOT,
  assertCliBuilt,
  type JsonDiagnosticShape,
  runCliInBackground,
} from './support/cli-process';

interface JsonClusterShape {
  readonly name: string;
  readonly source: string;
  readonly state: string;
  readonly complete: boolean;
  readonly reachable: boolean | null;
  readonly unread: readonly string[];
  readonly reason: string | null;
}

interface Report {
  readonly version: number;
  readonly diagnostics: readonly JsonDiagnosticShape[];
  readonly clusters: readonly JsonClusterShape[];
}

describe('meshwright analyze --kubeconfig against a partly read mesh', function () {
  this.timeout(60_000);
  let sim: SimulatorUnderTest;
  const workspace = path.join('demo', 'workspace');

  const analyze = async (...extra: string[]): Promise<{ run: Run; report: Report }> => {
    const run = await meshwright([
      'analyze',
      workspace,
      '--kubeconfig',
      sim.kubeconfigPath,
      '--format',
      'json',
      ...extra,
    ]);
    return { run, report: JSON.parse(run.stdout) as Report };
  };
  const aboutWest = (diagnostic: JsonDiagnosticShape): boolean =>
    /primar(y|ies)[^:]*west/.test(diagnostic.message);
  const west = (report: Report): JsonClusterShape | undefined =>
    report.clusters.find((cluster) => cluster.name === 'west');

  before(async () => {
    assertCliBuilt();
    sim = await startForTest({ demo: true });
  });
  afterEach(async () => {
    const cluster = sim.simulator.cluster('west');
    cluster.resetFaults();
    await cluster.start();
  });
  after(async () => sim?.stop());

  it('reads every cluster whole when nothing is refused: complete clusters, the real MESH205 about west', async () => {
    const { run, report } = await analyze('--fail-on', 'none', '--require-complete');
    assert.equal(run.status, 0, run.stderr);
    assert.equal(report.version, 1);
    assert.deepEqual(
      report.clusters.map((cluster) => [cluster.name, cluster.state, cluster.complete]),
      [
        ['east', 'synced', true],
        ['west', 'synced', true],
        ['edge', 'synced', true],
      ],
    );
    assert.ok(report.diagnostics.some((d) => d.code === 'MESH205' && aboutWest(d)));
    assert.ok(!report.diagnostics.some((d) => d.code === 'MESH010'));
  });

  it("says nothing about west's DestinationRules when they cannot be listed (403), and says why", async () => {
    sim.simulator
      .cluster('west')
      .setFaults({ forbidden: [{ resource: 'destinationrules', group: 'networking.istio.io' }] });
    const { run, report } = await analyze('--fail-on', 'none');
    assert.equal(run.status, 0, run.stderr);
    const false202 = report.diagnostics.filter((d) => d.code === 'MESH202' && aboutWest(d));
    assert.deepEqual(false202, []);
    assert.deepEqual(
      report.diagnostics.filter((d) => d.code === 'MESH205' && aboutWest(d)),
      [],
    );
    const info = report.diagnostics.filter((d) => d.code === 'MESH010');
    assert.equal(info.length, 1);
    assert.equal(info[0]?.severity, 'info');
    assert.equal(info[0]?.cluster, 'west');
    assert.match(info[0]?.message ?? '', /destinationrules\.networking\.istio\.io could not be read.*403/);
    assert.deepEqual(west(report), {
      name: 'west',
      source: 'live',
      state: 'degraded',
      complete: false,
      reachable: true,
      unread: ['destinationrules.networking.istio.io'],
      reason: west(report)?.reason,
    });
    assert.match(west(report)?.reason ?? '', /RBAC: cannot list destinationrules/);
    assert.match(run.stderr, /warning: cluster west: RBAC/);

    const required = await analyze('--fail-on', 'none', '--require-complete');
    assert.equal(required.run.status, 1, required.run.stderr);
  });

  it('reports no finding made of what an unreachable cluster would have said (no false IST0173)', async () => {
    await sim.simulator.cluster('west').stop();
    const { run, report } = await analyze('--fail-on', 'none');
    assert.equal(run.status, 0, run.stderr);
    assert.deepEqual(
      report.diagnostics.filter((d) => d.code === 'IST0173'),
      [],
    );
    const cluster = west(report);
    assert.equal(cluster?.state, 'unreachable');
    assert.equal(cluster?.reachable, false);
    assert.equal(cluster?.complete, false);
    assert.ok(cluster?.unread.includes('pods'));
    assert.ok(cluster?.unread.includes('destinationrules.networking.istio.io'));
    const info = report.diagnostics.filter((d) => d.code === 'MESH010');
    assert.equal(info.length, 1, 'one MESH010 for the whole cluster, not one per type');
    assert.equal(info[0]?.cluster, 'west');

    const text = await meshwright([
      'analyze',
      workspace,
      '--kubeconfig',
      sim.kubeconfigPath,
      '--fail-on',
      'none',
    ]);
    assert.match(text.stderr, /partial analysis: cluster west unreachable/);
    const required = await analyze('--fail-on', 'none', '--require-complete');
    assert.equal(required.run.status, 1);
  });
});

const meshwright = (args: readonly string[]) => runCliInBackground(args, { cwd: REPO_ROOT });
