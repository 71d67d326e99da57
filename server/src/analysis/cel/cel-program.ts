/**
 * Compiles CEL source into a program we can run, once per distinct text (memoised). Besides parsing,
 * compilation checks that the rule stays inside what we implement: only declared variables (`self` for
 * CRD rules) and comprehension variables, only functions we have, regex literals RE2 and JS agree on.
 * A rule outside the subset is reported as unsupported, never evaluated, so our limits can't turn into
 * false violations.
 */
import type { CelExpr } from './cel-ast';
import { CEL_FUNCTIONS, type CelScope, evaluateCel } from './cel-evaluator';
import { CelSyntaxError, parseCel } from './cel-parser';
import { CelError, type CelResult, celValueFromJson, isError } from './cel-values';
import { compileRe2 } from './re2-regexp';

export interface CelProgram {
  readonly source: string;
  readonly ast: CelExpr;
}

export type CelCompilation = { readonly program: CelProgram } | { readonly problem: string };

const compiled = new Map<string, CelCompilation>();
const CACHE_LIMIT = 1024;

/** The variable Kubernetes binds to the node a rule is attached to. */
export const SELF = 'self';

/** Compiles a rule (`self` is its only variable); memoised by source text. */
export function compileCel(source: string): CelCompilation {
  let result = compiled.get(source);
  if (result === undefined) {
    result = compileCelWithVariables(source, [SELF]);
    // Rule files hold a few dozen distinct texts; the bound only guards ad-hoc callers.
    if (compiled.size >= CACHE_LIMIT) compiled.clear();
    compiled.set(source, result);
  }
  return result;
}

/**
 * Compiles an expression over the given variables, without memoising: for callers other than CRD rules
 * (the conformance tests bind `x`, `y`, ...). Run the program with runCelProgramWithBindings.
 */
export function compileCelWithVariables(source: string, variables: readonly string[]): CelCompilation {
  let ast: CelExpr;
  try {
    ast = parseCel(source);
  } catch (error) {
    if (error instanceof CelSyntaxError) return { problem: `syntax error: ${error.message}` };
    throw error;
  }
  const problem = findUnsupported(ast, new Set(variables));
  return problem === undefined ? { program: { source, ast } } : { problem };
}

function findUnsupported(expr: CelExpr, bound: ReadonlySet<string>): string | undefined {
  const inner = (child: CelExpr | undefined, scope = bound): string | undefined =>
    child === undefined ? undefined : findUnsupported(child, scope);
  switch (expr.kind) {
    case 'literal':
      return undefined;
    case 'ident':
      return bound.has(expr.name) ? undefined : `undeclared reference to '${expr.name}'`;
    case 'select':
    case 'has':
    case 'not':
    case 'negate':
      return inner(expr.operand);
    case 'index':
      return inner(expr.operand) ?? inner(expr.index);
    case 'call': {
      const implementation = CEL_FUNCTIONS.get(expr.name);
      if (!(expr.target ? implementation?.member : implementation?.global)) {
        return `function ${expr.target ? '.' : ''}${expr.name}() is not supported`;
      }
      return inner(expr.target) ?? firstOf(expr.args, inner) ?? regexLiteralProblem(expr);
    }
    case 'list':
      return firstOf(expr.elements, inner);
    case 'map':
      return firstOf(expr.entries, (entry) => inner(entry.key) ?? inner(entry.value));
    case 'conditional':
      return inner(expr.condition) ?? inner(expr.then) ?? inner(expr.otherwise);
    case 'and':
    case 'or':
    case 'binary':
      return inner(expr.left) ?? inner(expr.right);
    case 'comprehension': {
      const scope = new Set(bound).add(expr.variable);
      return inner(expr.range) ?? inner(expr.predicate, scope) ?? inner(expr.transform, scope);
    }
  }
}

function firstOf<T>(items: readonly T[], check: (item: T) => string | undefined): string | undefined {
  for (const item of items) {
    const problem = check(item);
    if (problem !== undefined) return problem;
  }
  return undefined;
}

function regexLiteralProblem(expr: Extract<CelExpr, { kind: 'call' }>): string | undefined {
  if (expr.name !== 'matches') return undefined;
  const pattern = expr.target ? expr.args[0] : expr.args[1];
  if (pattern?.kind !== 'literal' || typeof pattern.value !== 'string') return undefined;
  const translation = compileRe2(pattern.value);
  return 'error' in translation
    ? `regular expression ${JSON.stringify(pattern.value)}: ${translation.error}`
    : undefined;
}

/** Runs a program with `self` bound to an already converted value (see celValueFromJson). */
export function runCelProgram(program: CelProgram, self: CelResult): CelResult {
  if (isError(self)) return self;
  return evaluateCel(program.ast, { name: SELF, value: self });
}

/** Runs a program with each variable bound to an already converted value; unbound ones are errors. */
export function runCelProgramWithBindings(
  program: CelProgram,
  bindings: ReadonlyMap<string, CelResult>,
): CelResult {
  let scope: CelScope | undefined;
  for (const [name, value] of bindings) scope = { name, value, parent: scope };
  return evaluateCel(program.ast, scope);
}

/**
 * Compiles (memoised) and runs `source` with `self` bound to a JSON value: the one-call form for tests
 * and for callers with a single expression. Unsupported or malformed expressions give an error value.
 */
export function evaluateCelExpression(source: string, self: unknown): CelResult {
  const compilation = compileCel(source);
  if ('problem' in compilation) return new CelError(compilation.problem);
  return runCelProgram(compilation.program, celValueFromJson(self));
}
