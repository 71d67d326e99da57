/**
 * The differential test against live API servers: what offline istioctl cannot see (it reads no
 * Services, Namespaces, Nodes, Pods or Secrets from files and skips the 21 analyzers that need them) is
 * compared here, with istioctl reading a real kube-apiserver as it reads a user's cluster.
 *
 * - The demo mesh: `istioctl analyze --context east --remote-contexts west --remote-contexts edge` and
 *   `meshwright analyze --kubeconfig`, both over demo/workspace, against the shared demo plane.
 * - Every IST fixture case and part of the generated corpus, each seeded into a private server, analysed
 *   by both tools from the server alone, and taken out again (support/live-differential.ts).
 *
 * Findings (code, kind, namespace, name) must agree except for the departures listed in
 * departures.ts (LIVE_DEPARTURES) with their reasons.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { LIVE_DEPARTURES } from './departures';
import { reportAgreement } from './support/agreement-report';
import { RealControlPlane } from './support/control-plane';
import {
  type CaseResult,
  type DiffCase,
  checkDepartures,
  compareCase,
  describeDifference,
  runMeshwrightLive,
} from './support/differential';
import { writeCorpus } from './support/ist-corpus';
import { istFixtureCases } from './support/ist-fixture-cases';
import { REPOSITORY, findIstioctl, runIstioctlLive } from './support/istioctl';
import { type LiveCaseResult, runLiveDifferential } from './support/live-differential';
import { sharedDemoControlPlane } from './support/shared-control-plane';

const SEED = 20260827;
/**
 * Fewer corpus cases than offline: a live case costs about a second (seeding, two analyses, reset)
 * where an offline one costs a few milliseconds, and the suite must stay within minutes on two cores.
 */
const PER_FAMILY = 8;
/** Servers the cases are spread over: on two cores more only share the same CPU. */
const LANES = 3;

const DEMO_WORKSPACE = path.join(REPOSITORY, 'demo', 'workspace');

const fixtures = istFixtureCases();
const corpusDirectory = fs.mkdtempSync(path.join(os.tmpdir(), 'meshwright-ist-live-corpus-'));
const corpus: DiffCase[] = writeCorpus(corpusDirectory, { seed: SEED, perFamily: PER_FAMILY }).map(
  (generated) => ({ id: generated.id, group: `corpus/${generated.family}`, files: [generated.file] }),
);
const groups = ['demo', ...new Set([...fixtures, ...corpus].map((diffCase) => diffCase.group))];

describe('istioctl differential (live): IST codes against the real istioctl reading real API servers', function () {
  this.timeout(420_000);

  let results: CaseResult[] = [];
  let caseResults: LiveCaseResult[] = [];
  let plane: RealControlPlane | undefined;

  before(async () => {
    const binary = findIstioctl();
    const demo = await sharedDemoControlPlane();
    const kubeconfig = demo.kubeconfig('admin');
    const demoCase: DiffCase = { id: 'demo', group: 'demo', files: [DEMO_WORKSPACE] };
    const [theirs, ours] = await Promise.all([
      runIstioctlLive(
        binary,
        { kubeconfig, context: 'east', remoteContexts: ['west', 'edge'], files: [DEMO_WORKSPACE] },
        { timeoutMs: 150_000 },
      ),
      runMeshwrightLive(kubeconfig, [], [DEMO_WORKSPACE]),
    ]);
    const demoResult = compareCase(demoCase, theirs, ours, () => true);

    plane = await RealControlPlane.start(
      Array.from({ length: LANES }, (_, index) => ({ name: `live-${index}`, objects: [] })),
    );
    const started = Date.now();
    caseResults = await runLiveDifferential(binary, plane, [...fixtures, ...corpus]);
    results = [demoResult, ...caseResults];
    // Every case's differences, listed or not, for comparing one run with another.
    const dump = process.env.MESHWRIGHT_LIVE_DIFFERENCES;
    if (dump) {
      const lines = results.flatMap((result) => result.differences.map(describeDifference));
      fs.writeFileSync(dump, `${lines.sort().join('\n')}\n`);
    }
    reportAgreement('live', results, [
      `live cases: ${caseResults.length} in ${((Date.now() - started) / 1000).toFixed(0)} s over ${LANES} API servers`,
      ...refusalLines(caseResults),
    ]);
  });

  after(async () => {
    await plane?.stop();
    fs.rmSync(corpusDirectory, { recursive: true, force: true });
  });

  for (const group of groups) {
    it(group, () => {
      const differences = results
        .filter((result) => result.case.group === group)
        .flatMap((result) => result.differences);
      const { unexplained } = checkDepartures(differences, LIVE_DEPARTURES);
      assert.deepEqual(
        unexplained.map(describeDifference),
        [],
        'differences from live istioctl that LIVE_DEPARTURES in test/real/departures.ts does not list (fix Meshwright, or list it with its reason)',
      );
    });
  }

  it('every listed live departure still occurs', () => {
    const { stale } = checkDepartures(
      results.flatMap((result) => result.differences),
      LIVE_DEPARTURES,
    );
    assert.deepEqual(
      stale.map(
        (departure) => `${departure.side} ${departure.code} ${departure.cases.source}: ${departure.reason}`,
      ),
      [],
      'live departures that no longer occur: remove them from test/real/departures.ts',
    );
  });
});

/** The objects the server refused, by reason: neither tool saw them, so the reader should know. */
function refusalLines(results: readonly LiveCaseResult[]): string[] {
  const refusals = results.flatMap((result) =>
    result.refused.map((refusal) => `${result.case.id}: ${refusal.object}: ${refusal.reason}`),
  );
  return refusals.length === 0
    ? ['objects the API server refused: none']
    : [
        `objects the API server refused (${refusals.length}; neither tool saw them, or, where said, their status):`,
        ...refusals.map((line) => `  ${line}`),
      ];
}
