/**
 * Our CEL implementation against the CEL conformance suite, pinned: @bufbuild/cel-spec 0.6.1 ships
 * cel-spec v0.25.1's data. Every case of a claimed section either passes, is refused by our compiler as
 * unsupported (a CRD rule like it would be skipped, never reported), or is a known difference listed
 * below with its reason. A wrong answer anywhere else fails the test.
 */
import assert from 'node:assert/strict';
import {
  type ConformanceTally,
  type SectionFigures,
  tallyConformanceSections,
} from './support/cel-conformance/tally-conformance-sections';

/**
 * The sections that exercise what Kubernetes' CEL environment offers CRD rules. Left out, because CRD
 * objects are JSON and never protobuf messages: dynamic, enums, namespace, proto2, proto2_ext, proto3,
 * wrappers (messages, enums, wrapper types, containers); type_deductions (the checker's deduced
 * types: we do not type-check); block_ext (cel.block, a compiler-internal form, not rule syntax);
 * unknowns (partial evaluation; empty in this release).
 */
const CLAIMED_SECTIONS = [
  'basic',
  'bindings_ext',
  'comparisons',
  'conversions',
  'encoders_ext',
  'fields',
  'fp_math',
  'integer_math',
  'lists',
  'logic',
  'macros',
  'macros2',
  'math_ext',
  'optionals',
  'parse',
  'plumbing',
  'string',
  'string_ext',
  'timestamps',
] as const;

/**
 * Cases where we knowingly answer differently, by case path, with the reason. Empty: every wrong
 * answer the data found has been fixed. A listed case that stops failing fails the test, so the list
 * cannot go stale.
 */
const KNOWN_DIFFERENCES: ReadonlyMap<string, string> = new Map<string, string>([]);

/**
 * The figures per section. `outside` counts cases that bind a variable to bytes or a protobuf message.
 * Supporting more CEL moves cases from unsupported to pass: update the figures and docs/analysis.md.
 */
const PINNED_FIGURES: Readonly<Record<(typeof CLAIMED_SECTIONS)[number], SectionFigures>> = {
  basic: { pass: 36, fail: 0, unsupported: 7, outside: 0 },
  bindings_ext: { pass: 0, fail: 0, unsupported: 5, outside: 0 },
  comparisons: { pass: 314, fail: 0, unsupported: 91, outside: 1 },
  conversions: { pass: 69, fail: 0, unsupported: 40, outside: 0 },
  encoders_ext: { pass: 0, fail: 0, unsupported: 4, outside: 0 },
  fields: { pass: 43, fail: 0, unsupported: 17, outside: 0 },
  fp_math: { pass: 30, fail: 0, unsupported: 0, outside: 0 },
  integer_math: { pass: 64, fail: 0, unsupported: 0, outside: 0 },
  lists: { pass: 39, fail: 0, unsupported: 0, outside: 0 },
  logic: { pass: 30, fail: 0, unsupported: 0, outside: 0 },
  macros: { pass: 44, fail: 0, unsupported: 0, outside: 0 },
  macros2: { pass: 0, fail: 0, unsupported: 46, outside: 0 },
  math_ext: { pass: 0, fail: 0, unsupported: 199, outside: 0 },
  optionals: { pass: 0, fail: 0, unsupported: 70, outside: 0 },
  parse: { pass: 97, fail: 0, unsupported: 122, outside: 0 },
  plumbing: { pass: 5, fail: 0, unsupported: 0, outside: 0 },
  string: { pass: 45, fail: 0, unsupported: 6, outside: 0 },
  string_ext: { pass: 37, fail: 0, unsupported: 172, outside: 0 },
  timestamps: { pass: 19, fail: 0, unsupported: 57, outside: 0 },
};

describe('CEL conformance (cel-spec v0.25.1 via @bufbuild/cel-spec 0.6.1)', () => {
  let tally: ConformanceTally;
  before(() => {
    tally = tallyConformanceSections(CLAIMED_SECTIONS);
  });

  it('gives no wrong answer outside the known differences, and every known difference still differs', () => {
    const unexpected = tally.wrongAnswers
      .filter((wrong) => !KNOWN_DIFFERENCES.has(wrong.path))
      .map(
        (wrong) =>
          `${wrong.path}: ${wrong.expr} gave ${wrong.outcome.actual}, expected ${wrong.outcome.expected}`,
      );
    assert.deepEqual(unexpected, []);
    const stillDiffering = new Set(tally.wrongAnswers.map((wrong) => wrong.path));
    assert.deepEqual(
      [...KNOWN_DIFFERENCES.keys()].filter((path) => !stillDiffering.has(path)),
      [],
      'a known difference now passes or is unsupported: remove it from the list',
    );
  });

  it('matches the pinned pass / fail / unsupported figures per section', () => {
    const rows = CLAIMED_SECTIONS.map((section) => {
      const { pass, fail, unsupported, outside } = tally.figures.get(section) ?? {};
      return `  ${section.padEnd(13)} pass ${String(pass).padStart(3)}  fail ${String(fail).padStart(2)}  unsupported ${String(unsupported).padStart(3)}  outside ${outside}`;
    });
    console.log(`    CEL conformance figures:\n${rows.join('\n')}`);
    assert.deepEqual(Object.fromEntries(tally.figures), PINNED_FIGURES);
  });
});
