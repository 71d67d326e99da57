/**
 * One agreement figure over every istioctl differential suite of a run (offline and live): each suite
 * hands its results here, and a root `after` hook, registered once when this module is first loaded,
 * prints each suite's table and then the combined one; the reporter repeats the combined
 * `istioctl agreement: A/B (X.XXX)` after mocha's summary (agreement-reporter.ts).
 */
import { recordAgreementLine } from './agreement-line';
import { type CaseResult, renderReport } from './differential';

interface Section {
  readonly label: string;
  readonly results: readonly CaseResult[];
  readonly notes: readonly string[];
}

const sections: Section[] = [];

/** Adds a suite's results to the run's report; `notes` are printed under its table. */
export function reportAgreement(
  label: string,
  results: readonly CaseResult[],
  notes: readonly string[] = [],
): void {
  sections.push({ label, results, notes });
}

// Loaded from a test file at its top level, so this is a hook of the root suite: it runs once, after
// every suite of the run.
after(() => {
  if (sections.length === 0) return;
  const lines: string[] = [];
  for (const section of sections) {
    lines.push('', `istioctl differential, ${section.label}:`, renderReport(section.results, section.label));
    lines.push(...section.notes);
  }
  const combined = renderReport(sections.flatMap((s) => s.results));
  lines.push('', 'istioctl differential, all suites:', combined);
  console.log(lines.join('\n'));
  recordAgreementLine(combined.trimEnd().split('\n').at(-1) ?? '');
});
