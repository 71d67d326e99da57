/**
 * Runs whole sections of the CEL conformance suite (`@bufbuild/cel-spec`) through our implementation
 * and tallies the outcomes per section, keeping every wrong answer with its case path so a test can
 * name it.
 */
import { getConformanceSuite, type IncrementalTestSuite } from '@bufbuild/cel-spec/testdata/tests.js';
import { type ConformanceOutcome, runConformanceCase } from './run-conformance-case';

export interface SectionFigures {
  pass: number;
  fail: number;
  unsupported: number;
  outside: number;
}

export interface WrongAnswer {
  /** `section/subsection/test`, as the suite names them. */
  readonly path: string;
  readonly expr: string;
  readonly outcome: Extract<ConformanceOutcome, { kind: 'fail' }>;
}

export interface ConformanceTally {
  readonly figures: ReadonlyMap<string, SectionFigures>;
  readonly wrongAnswers: readonly WrongAnswer[];
}

/** Tallies the named top-level sections; throws on a name the suite does not have. */
export function tallyConformanceSections(sectionNames: readonly string[]): ConformanceTally {
  const suite = getConformanceSuite();
  const figures = new Map<string, SectionFigures>();
  const wrongAnswers: WrongAnswer[] = [];
  for (const name of sectionNames) {
    const section = suite.suites.find((candidate) => candidate.name === name);
    if (section === undefined) throw new Error(`the conformance suite has no section "${name}"`);
    const counts: SectionFigures = { pass: 0, fail: 0, unsupported: 0, outside: 0 };
    walk(section, name, (path, expr, outcome) => {
      counts[outcome.kind]++;
      if (outcome.kind === 'fail') wrongAnswers.push({ path, expr, outcome });
    });
    figures.set(name, counts);
  }
  return { figures, wrongAnswers };
}

function walk(
  suite: IncrementalTestSuite,
  path: string,
  record: (path: string, expr: string, outcome: ConformanceOutcome) => void,
): void {
  for (const test of suite.tests)
    record(`${path}/${test.name}`, test.original.expr, runConformanceCase(test));
  for (const child of suite.suites) walk(child, `${path}/${child.name}`, record);
}
