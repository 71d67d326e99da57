/**
 * Every distinct CEL rule of schemas/cel-rules.json, with values of `self` that satisfy it and values
 * that violate it. The table is checked against the file both ways, so regenerating the schemas with
 * a new rule fails here until someone adds cases for it (and thereby checks we evaluate it right).
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import {
  CelError,
  compileCel,
  celValueFromJson,
  loadCelRuleIndex,
  runCelProgram,
} from '../../server/src/analysis/cel';
import { CEL_RULE_CASES as RULES, normaliseCelRule as normalise } from './support/istio-cel-rule-cases';

const rulesFile = JSON.parse(
  fs.readFileSync(path.join(__dirname, '..', '..', 'schemas', 'cel-rules.json'), 'utf8'),
) as { rules: { rule: string }[] };
const distinctRules = [...new Set(rulesFile.rules.map((entry) => entry.rule))];

describe('CEL rules of the Istio CRDs (schemas/cel-rules.json)', () => {
  it('has test cases for every distinct rule in the file, and none for rules that are gone', () => {
    const inFile = new Set(distinctRules.map(normalise));
    const missing = [...inFile].filter((rule) => !(rule in RULES));
    const stale = Object.keys(RULES).filter((rule) => !inFile.has(rule));
    assert.deepEqual(missing, [], 'rules in schemas/cel-rules.json without cases in this table');
    assert.deepEqual(stale, [], 'cases for rules that are no longer in schemas/cel-rules.json');
  });

  it('compiles and indexes every rule of the file (none is outside our CEL subset)', () => {
    const index = loadCelRuleIndex();
    assert.deepEqual(index.skipped, []);
    assert.equal(index.ruleCount, rulesFile.rules.length);
  });

  for (const rule of distinctRules) {
    const cases = RULES[normalise(rule)];
    describe(normalise(rule), () => {
      const compilation = compileCel(rule);
      const evaluate = (self: unknown) => {
        if ('problem' in compilation) assert.fail(`rule does not compile: ${compilation.problem}`);
        return runCelProgram(compilation.program, celValueFromJson(self));
      };

      it('is satisfied by valid values', () => {
        assert.ok(cases, 'no cases for this rule');
        for (const self of cases.satisfied) assert.equal(evaluate(self), true, JSON.stringify(self));
      });

      it('is violated by invalid values, as false or as an evaluation error with its reason', () => {
        assert.ok(cases && cases.violated.length > 0, 'no violating case for this rule');
        for (const { self, error } of cases.violated) {
          const result = evaluate(self);
          if (error === undefined) {
            assert.equal(result, false, JSON.stringify(self));
          } else {
            assert.ok(result instanceof CelError, `expected an error for ${JSON.stringify(self)}`);
            assert.match(result.message, error);
          }
        }
      });
    });
  }
});
