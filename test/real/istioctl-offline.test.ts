/**
 * The differential test: istioctl (built from Istio's Go modules by `npm run build:real-clusters`) is the
 * reference for IST codes. Every IST fixture case and a generated corpus are analysed offline by both
 * tools; each case's findings (code, kind, namespace, name) must agree, except for the departures listed
 * in departures.ts with their reasons.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DEPARTURES } from './departures';
import {
  type CaseResult,
  type DiffCase,
  ISTIOCTL_OFFLINE_SKIPPED,
  checkDepartures,
  describeDifference,
  runDifferential,
} from './support/differential';
import { reportAgreement } from './support/agreement-report';
import { writeCorpus } from './support/ist-corpus';
import { istFixtureCases } from './support/ist-fixture-cases';
import { findIstioctl, istioctlSkippedAnalyzers } from './support/istioctl';

const SEED = 20260827;
const PER_FAMILY = 30;

const fixtures = istFixtureCases();
const corpusDirectory = fs.mkdtempSync(path.join(os.tmpdir(), 'meshwright-ist-corpus-'));
const corpus: DiffCase[] = writeCorpus(corpusDirectory, { seed: SEED, perFamily: PER_FAMILY }).map(
  (generated) => ({
    id: generated.id,
    group: `corpus/${generated.family}`,
    files: [generated.file],
  }),
);
const groups = [...new Set([...fixtures, ...corpus].map((diffCase) => diffCase.group))];

let results: CaseResult[] | undefined;

describe('istioctl differential (offline): IST codes against the real istioctl', function () {
  this.timeout(300_000);

  let binary = '';
  before(async () => {
    binary = findIstioctl();
    results = await runDifferential(binary, [...fixtures, ...corpus], { pool: 3 });
    reportAgreement('offline', results);
  });

  it('istioctl skips offline exactly the analyzers the comparison leaves out', async () => {
    // The comparison sets aside the codes of these analyzers; a new istioctl that runs more of them
    // offline must widen the comparison, not pass unnoticed.
    assert.deepEqual(
      (await istioctlSkippedAnalyzers(binary, corpus[0]!.files[0]!)).sort(),
      [...ISTIOCTL_OFFLINE_SKIPPED].sort(),
    );
  });

  for (const group of groups) {
    it(group, () => {
      const differences = results!
        .filter((result) => result.case.group === group)
        .flatMap((result) => result.differences);
      const { unexplained } = checkDepartures(differences, DEPARTURES);
      assert.deepEqual(
        unexplained.map(describeDifference),
        [],
        'differences from istioctl that test/real/departures.ts does not list (fix Meshwright, or list it with its reason)',
      );
    });
  }

  it('every listed departure still occurs', () => {
    const { stale } = checkDepartures(
      results!.flatMap((result) => result.differences),
      DEPARTURES,
    );
    assert.deepEqual(
      stale.map(
        (departure) => `${departure.side} ${departure.code} ${departure.cases.source}: ${departure.reason}`,
      ),
      [],
      'departures that no longer occur: remove them from test/real/departures.ts',
    );
  });
});

after(() => {
  fs.rmSync(corpusDirectory, { recursive: true, force: true });
});
