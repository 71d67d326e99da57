/**
 * `meshwright analyze --kubeconfig F --context C...`: the live clusters of the simulated demo mesh
 * (simulator/demo) are read once and are the cluster state. The CLI runs as a child process (started
 * asynchronously: the simulator answers from this process). Live and offline give the same findings:
 * the demo clusters' files given with --cluster produce the same diagnostics on the authored document.
 */
import assert from 'node:assert/strict';
import path from 'node:path';
import { startForTest, type SimulatorUnderTest } from '../cluster/sim-harness';
import {
  type BackgroundCliRun as Run,
  FIXTURES,
  REPO_ROOT,
  assertCliBuilt,
  type JsonDiagnosticShape,
  runCliInBackground,
} from './support/cli-process';
import { comparable, expectedIn, sortedByPlace } from './support/expected-diagnostics';
import fs from 'node:fs';

const diagnosticsOf = (run: Run): JsonDiagnosticShape[] =>
  (JSON.parse(run.stdout) as { diagnostics: JsonDiagnosticShape[] }).diagnostics;

describe('meshwright analyze --kubeconfig (live clusters)', function () {
  this.timeout(60_000);
  let sim: SimulatorUnderTest;
  const document = 'live/canary.yaml';
  const expected = sortedByPlace(
    expectedIn(fs.readFileSync(path.join(FIXTURES, document), 'utf8'), document),
  );

  /** The document against the live east and west primaries, as JSON. */
  const analyzeEastAndWest = (): Promise<Run> =>
    meshwright([
      'analyze',
      document,
      '--kubeconfig',
      sim.kubeconfigPath,
      '--context',
      'east',
      '--context',
      'west',
      '--format',
      'json',
    ]);

  before(async () => {
    assertCliBuilt();
    sim = await startForTest({ demo: true });
  });
  after(async () => sim?.stop());

  it("reports the authored document's problems against the live clusters' objects", async () => {
    const run = await analyzeEastAndWest();
    assert.equal(run.status, 1, run.stderr);
    assert.equal(run.stderr, '');
    const diagnostics = diagnosticsOf(run);
    const authored = diagnostics.filter((d) => d.file === document);
    assert.deepEqual(sortedByPlace(authored.map(comparable)), expected);
    // The subset's note points at the live DestinationRule's virtual document, in its cluster.
    const subset = authored.find((d) => /subset v4/.test(d.message));
    assert.deepEqual(
      subset?.related.map((r) => [(r as { file: string }).file, (r as { cluster: string }).cluster]),
      [['meshwright:/east/DestinationRule/bookinfo/reviews.yaml', 'east']],
    );
    // Findings about live objects name their cluster and their virtual document.
    for (const live of diagnostics.filter((d) => d.file !== document)) {
      assert.match(live.file, /^meshwright:\/(east|west)\//);
      assert.ok(live.cluster === 'east' || live.cluster === 'west', JSON.stringify(live));
    }
  });

  it('gives the same findings on the document as the same clusters given as files', async () => {
    const live = await analyzeEastAndWest();
    const demo = path.join(REPO_ROOT, 'simulator', 'demo');
    const offline = await meshwright([
      'analyze',
      document,
      '--cluster',
      `east=${path.join(demo, 'east')}`,
      '--cluster',
      `west=${path.join(demo, 'west')}`,
      '--format',
      'json',
    ]);
    const onDocument = (run: Run) =>
      diagnosticsOf(run)
        .filter((d) => d.file === document)
        .map((d) => [d.code, d.range, d.message]);
    assert.deepEqual(onDocument(live), onDocument(offline));
  });

  it('warns about a cluster it cannot read, and keeps silent what would rely on its objects', async () => {
    const west = sim.simulator.cluster('west');
    await west.stop();
    try {
      const run = await analyzeEastAndWest();
      // "No Service reviewz", "no subset v4" would be said of objects west may well have: not said.
      assert.equal(run.status, 0, run.stderr);
      assert.match(run.stderr, /^meshwright: warning: .*west.*unreachable/m);
      assert.deepEqual(
        diagnosticsOf(run).filter((d) => d.file === document),
        [],
      );
      assert.deepEqual(
        diagnosticsOf(run).map((d) => [d.code, d.cluster]),
        [['MESH010', 'west']],
      );
    } finally {
      await west.start();
    }
  });

  it('--timeout bounds how long a cluster is waited for; the warning says so', async () => {
    const west = sim.simulator.cluster('west');
    west.setFaults({ latencyMs: 5_000 });
    try {
      const run = await meshwright([
        'analyze',
        document,
        '--kubeconfig',
        sim.kubeconfigPath,
        '--timeout',
        '1',
        '--format',
        'json',
        '--require-complete',
      ]);
      assert.equal(run.status, 1, run.stderr);
      assert.match(
        run.stderr,
        /^meshwright: warning: cluster west not answering \(no answer within 1s from 127\.0\.0\.1:\d+\); 0 of \d+ resource types read$/m,
      );
    } finally {
      west.resetFaults();
    }
  });

  it('exits 2 on an unknown context, naming it, and rejects --offline with --kubeconfig', async () => {
    const unknown = await meshwright([
      'analyze',
      document,
      '--kubeconfig',
      sim.kubeconfigPath,
      '--context',
      'north',
    ]);
    assert.equal(unknown.status, 2);
    assert.match(unknown.stderr, /^meshwright: .*north/);
    assert.equal(unknown.stdout, '');
    const both = await meshwright(['analyze', document, '--offline', '--kubeconfig', sim.kubeconfigPath]);
    assert.equal(both.status, 2);
    assert.match(both.stderr, /--offline cannot be combined with --kubeconfig or --context/);
  });
});

const meshwright = (args: readonly string[]) => runCliInBackground(args);
