/**
 * Public API of Meshwright's CEL module: the CRDs' `x-kubernetes-validations` rules that JSON Schema
 * cannot express, evaluated the way the Kubernetes API server does.
 *
 *   const rules = loadCelRuleIndex();                       // once (reads schemas/cel-rules.json)
 *   const violations = evaluateCelRules(apiVersion, kind, object, rules);
 *   // -> [{ path: ['spec', 'http', 0, 'timeout'], message: 'must be a valid duration greater than 1ms', ... }]
 *
 * Everything except loadCelRuleIndex is pure and synchronous.
 */
export { evaluateCelRules, type CelViolation } from './evaluate-cel-rules';
export {
  CelRuleIndex,
  type CelRuleRecord,
  type CelRulesFile,
  type CelRulePathNode,
  type IndexedCelRule,
  type SkippedCelRule,
} from './cel-rule-index';
export { loadCelRuleIndex, CEL_RULES_FILE } from './cel-rules-loader';
export {
  compileCel,
  compileCelWithVariables,
  evaluateCelExpression,
  runCelProgram,
  runCelProgramWithBindings,
  type CelCompilation,
  type CelProgram,
} from './cel-program';
export { parseCel, CelSyntaxError } from './cel-parser';
export { tokenize, type Token, type TokenKind } from './cel-lexer';
export { formatCelExpr, type CelExpr } from './cel-ast';
export {
  CelDuration,
  CelError,
  CelList,
  CelMap,
  CelUint,
  CelUrl,
  celValueFromJson,
  type CelResult,
  type CelValue,
} from './cel-values';
