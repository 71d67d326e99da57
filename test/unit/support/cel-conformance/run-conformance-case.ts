/**
 * Runs one conformance case through our CEL implementation and classifies the outcome:
 *  - pass: the expected value (exactly) or, when an error is expected, an error;
 *  - unsupported: our compiler refused the expression (syntax, function or variable outside our
 *    subset), which for a CRD rule means it is skipped, never reported;
 *  - fail: a wrong answer (wrong value, an error instead of a value, a value instead of an error);
 *  - outside: the case binds a variable to what a Kubernetes object cannot hold (bytes, a protobuf
 *    message) or uses a matcher we do not model (unknowns, deduced types), so it says nothing about us.
 * Error messages are not compared: the suite's messages are cel-go's internal codes, not a contract.
 */
import type { IncrementalTest } from '@bufbuild/cel-spec/testdata/tests.js';
import {
  CelError,
  type CelResult,
  type CelValue,
  compileCelWithVariables,
  runCelProgramWithBindings,
} from '../../../../server/src/analysis/cel';
import { celValueOfProto, describeCelResult, isUnrepresentable, sameCelValue } from './conformance-values';

export type ConformanceOutcome =
  | { readonly kind: 'pass' }
  | { readonly kind: 'unsupported'; readonly reason: string }
  | { readonly kind: 'fail'; readonly expected: string; readonly actual: string }
  | { readonly kind: 'outside'; readonly reason: string };

type Expectation =
  | { readonly value: CelValue }
  | { readonly error: true }
  /** Bytes, a type or a message: whatever we answer is wrong, unless we refuse the expression. */
  | { readonly unrepresentable: string }
  | { readonly outside: string };

export function runConformanceCase(test: IncrementalTest): ConformanceOutcome {
  const { original } = test;
  const expectation = expectationOf(test);
  if ('outside' in expectation) return { kind: 'outside', reason: expectation.outside };

  const bindings = new Map<string, CelResult>();
  for (const [name, bound] of Object.entries(original.bindings)) {
    if (bound.kind.case !== 'value') return { kind: 'outside', reason: `binding ${name} is not a value` };
    const converted = celValueOfProto(bound.kind.value);
    if (isUnrepresentable(converted)) {
      return { kind: 'outside', reason: `binding ${name} is ${converted.unrepresentable}` };
    }
    bindings.set(name, converted);
  }
  const declared = new Set([...bindings.keys(), ...original.typeEnv.map((declaration) => declaration.name)]);

  const compilation = compileCelWithVariables(original.expr, [...declared]);
  if ('problem' in compilation) return { kind: 'unsupported', reason: compilation.problem };
  const actual = runCelProgramWithBindings(compilation.program, bindings);

  if ('unrepresentable' in expectation) {
    return { kind: 'fail', expected: `<${expectation.unrepresentable}>`, actual: describeCelResult(actual) };
  }
  if ('error' in expectation) {
    return actual instanceof CelError
      ? { kind: 'pass' }
      : { kind: 'fail', expected: 'an error', actual: describeCelResult(actual) };
  }
  return sameCelValue(actual, expectation.value)
    ? { kind: 'pass' }
    : { kind: 'fail', expected: describeCelResult(expectation.value), actual: describeCelResult(actual) };
}

function expectationOf(test: IncrementalTest): Expectation {
  const matcher = test.original.resultMatcher;
  switch (matcher.case) {
    case undefined:
      // The suite's default matcher is the value true.
      return { value: true };
    case 'value': {
      const expected = celValueOfProto(matcher.value);
      return isUnrepresentable(expected) ? expected : { value: expected };
    }
    case 'evalError':
    case 'anyEvalErrors':
      return { error: true };
    case 'typedResult':
    case 'unknown':
    case 'anyUnknowns':
      return { outside: `${matcher.case} matcher` };
  }
}
