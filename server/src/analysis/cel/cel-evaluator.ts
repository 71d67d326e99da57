/**
 * Tree-walking CEL evaluator. Follows the CEL spec where the semantics decide a verdict:
 *  - errors are values; functions and operators are strict (an error operand gives an error), except
 *    `&&`, `||`, `?:` and `all`/`exists`, which ignore an error when the other operands decide
 *    (`false && error` is false, `error || true` is true);
 *  - `has(a.f)` tests presence of `f` in map `a` and is an error when `a` itself is missing;
 *  - selecting or indexing a missing key is an error ("no such key"), not null;
 *  - a field name may use Kubernetes' property-name escapes (`self.__namespace__`).
 */
import { arithmetic, negate } from './cel-arithmetic';
import type { CelExpr } from './cel-ast';
import { celCompare, celEquals } from './cel-comparison';
import type { CelFunctionTable } from './cel-function-table';
import { CONVERSION_FUNCTIONS } from './cel-conversion-functions';
import { KUBERNETES_FUNCTIONS } from './cel-kubernetes-functions';
import { unescapeFieldName } from './kubernetes-field-names';
import { STRING_FUNCTIONS } from './cel-string-functions';
import {
  ArrayCelList,
  CelError,
  CelList,
  CelMap,
  type CelResult,
  CelUint,
  type CelValue,
  EntriesCelMap,
  celTypeName,
  displayValue,
  isError,
  noSuchOverload,
} from './cel-values';

/** Every function our CEL subset implements; the compiler rejects calls to anything else. */
export const CEL_FUNCTIONS: CelFunctionTable = new Map([
  ...CONVERSION_FUNCTIONS,
  ...STRING_FUNCTIONS,
  ...KUBERNETES_FUNCTIONS,
]);

/** Variable bindings: the root activation (`self`) and one frame per enclosing comprehension. */
export interface CelScope {
  readonly name: string;
  readonly value: CelResult;
  readonly parent?: CelScope;
}

export function evaluateCel(expr: CelExpr, scope: CelScope | undefined): CelResult {
  switch (expr.kind) {
    case 'literal':
      return expr.value;
    case 'ident':
      return lookup(scope, expr.name);
    case 'select':
      return selectField(evaluateCel(expr.operand, scope), expr.field);
    case 'has':
      return hasField(evaluateCel(expr.operand, scope), expr.field);
    case 'index':
      return strict2(evaluateCel(expr.operand, scope), evaluateCel(expr.index, scope), indexInto);
    case 'call':
      return call(expr, scope);
    case 'list':
      return listLiteral(expr.elements, scope);
    case 'map':
      return mapLiteral(expr.entries, scope);
    case 'conditional': {
      const condition = evaluateCel(expr.condition, scope);
      if (isError(condition)) return condition;
      if (typeof condition !== 'boolean') return noSuchOverload('_?_:_', condition);
      return evaluateCel(condition ? expr.then : expr.otherwise, scope);
    }
    case 'and':
    case 'or':
      return logical(expr.kind, evaluateCel(expr.left, scope), () => evaluateCel(expr.right, scope));
    case 'not': {
      const operand = evaluateCel(expr.operand, scope);
      if (isError(operand)) return operand;
      return typeof operand === 'boolean' ? !operand : noSuchOverload('!_', operand);
    }
    case 'negate': {
      const operand = evaluateCel(expr.operand, scope);
      return isError(operand) ? operand : negate(operand);
    }
    case 'binary':
      return strict2(evaluateCel(expr.left, scope), evaluateCel(expr.right, scope), (left, right) =>
        binary(expr.operator, left, right),
      );
    case 'comprehension':
      return comprehension(expr, scope);
  }
}

function lookup(scope: CelScope | undefined, name: string): CelResult {
  for (let frame = scope; frame; frame = frame.parent) if (frame.name === name) return frame.value;
  return new CelError(`undeclared reference to '${name}'`);
}

function strict2(
  left: CelResult,
  right: CelResult,
  body: (l: CelValue, r: CelValue) => CelResult,
): CelResult {
  if (isError(left)) return left;
  if (isError(right)) return right;
  return body(left, right);
}

/**
 * `&&` and `||` are commutative with respect to errors: whichever side decides the result wins, and an
 * error (or a non-bool) only surfaces when nothing decides. The right side is evaluated lazily.
 */
function logical(kind: 'and' | 'or', left: CelResult, evaluateRight: () => CelResult): CelResult {
  const decisive = kind === 'or';
  if (left === decisive) return decisive;
  const right = evaluateRight();
  if (right === decisive) return decisive;
  if (left === !decisive && right === !decisive) return !decisive;
  if (isError(left)) return left;
  if (isError(right)) return right;
  return noSuchOverload(kind === 'and' ? '_&&_' : '_||_', left, right);
}

function selectField(operand: CelResult, field: string): CelResult {
  if (isError(operand)) return operand;
  if (!(operand instanceof CelMap)) {
    return new CelError(`type '${celTypeName(operand)}' does not support field selection (.${field})`);
  }
  const value = fieldOf(operand, field);
  return value === undefined ? new CelError(`no such key: ${field}`) : value;
}

function fieldOf(map: CelMap, field: string): CelResult | undefined {
  const value = map.get(field);
  if (value !== undefined) return value;
  const unescaped = unescapeFieldName(field);
  return unescaped === undefined ? undefined : map.get(unescaped);
}

function hasField(operand: CelResult, field: string): CelResult {
  if (isError(operand)) return operand;
  if (!(operand instanceof CelMap)) {
    return new CelError(`has() cannot test field '${field}' on type '${celTypeName(operand)}'`);
  }
  return fieldOf(operand, field) !== undefined;
}

function indexInto(operand: CelValue, index: CelValue): CelResult {
  if (operand instanceof CelList) {
    const position = listPosition(index);
    if (position === undefined) return noSuchOverload('_[_]', operand, index);
    if (position < 0n || position >= BigInt(operand.size))
      return new CelError(`index out of range: ${position}`);
    return operand.at(Number(position));
  }
  if (operand instanceof CelMap) {
    // A key may hold null (`{true: null}[true]`), so only undefined means absent.
    const value = operand.get(index);
    return value === undefined ? new CelError(`no such key: ${displayValue(index)}`) : value;
  }
  return noSuchOverload('_[_]', operand, index);
}

/** Lists are indexed by int, uint, or a double with an integral value (heterogeneous numbers). */
function listPosition(index: CelValue): bigint | undefined {
  if (typeof index === 'bigint') return index;
  if (index instanceof CelUint) return index.value;
  if (typeof index === 'number' && Number.isInteger(index)) return BigInt(index);
  return undefined;
}

function binary(operator: string, left: CelValue, right: CelValue): CelResult {
  switch (operator) {
    case '==':
      return celEquals(left, right);
    case '!=':
      return !celEquals(left, right);
    case 'in':
      return contains(right, left);
    case '<':
    case '<=':
    case '>':
    case '>=': {
      const order = celCompare(left, right, `_${operator}_`);
      if (isError(order)) return order;
      if (operator === '<') return order < 0;
      if (operator === '<=') return order <= 0;
      if (operator === '>') return order > 0;
      return order >= 0;
    }
    case '+':
    case '-':
    case '*':
    case '/':
    case '%':
      return arithmetic(operator, left, right);
  }
  return noSuchOverload(operator, left, right);
}

function contains(container: CelValue, element: CelValue): CelResult {
  if (container instanceof CelList) {
    for (const item of container) if (celEquals(item, element)) return true;
    return false;
  }
  if (container instanceof CelMap) return container.get(element) !== undefined;
  return noSuchOverload('@in', element, container);
}

function call(expr: Extract<CelExpr, { kind: 'call' }>, scope: CelScope | undefined): CelResult {
  const target = expr.target ? evaluateCel(expr.target, scope) : undefined;
  if (isError(target)) return target;
  const args: CelValue[] = [];
  for (const argument of expr.args) {
    const value = evaluateCel(argument, scope);
    if (isError(value)) return value;
    args.push(value);
  }
  const implementation = CEL_FUNCTIONS.get(expr.name);
  if (target !== undefined) {
    const member = implementation?.member;
    return member ? member(target, args) : new CelError(`unknown function: ${expr.name} (as a method)`);
  }
  const global = implementation?.global;
  return global ? global(args) : new CelError(`unknown function: ${expr.name}`);
}

function listLiteral(elements: readonly CelExpr[], scope: CelScope | undefined): CelResult {
  const values: CelValue[] = [];
  for (const element of elements) {
    const value = evaluateCel(element, scope);
    if (isError(value)) return value;
    values.push(value);
  }
  return new ArrayCelList(values);
}

function mapLiteral(
  entries: readonly { readonly key: CelExpr; readonly value: CelExpr }[],
  scope: CelScope | undefined,
): CelResult {
  const pairs: [CelValue, CelValue][] = [];
  for (const entry of entries) {
    const key = evaluateCel(entry.key, scope);
    if (isError(key)) return key;
    const value = evaluateCel(entry.value, scope);
    if (isError(value)) return value;
    pairs.push([key, value]);
  }
  return EntriesCelMap.of(pairs);
}

function comprehension(
  expr: Extract<CelExpr, { kind: 'comprehension' }>,
  scope: CelScope | undefined,
): CelResult {
  const range = evaluateCel(expr.range, scope);
  if (isError(range)) return range;
  let items: Iterable<CelResult>;
  if (range instanceof CelList) items = range;
  else if (range instanceof CelMap) items = range.keys();
  else return new CelError(`${expr.macro}() cannot iterate over type '${celTypeName(range)}'`);

  const test = (item: CelResult, body: CelExpr): CelResult =>
    evaluateCel(body, { name: expr.variable, value: item, parent: scope });

  switch (expr.macro) {
    case 'all':
    case 'exists': {
      // all() stops at the first false and exists() at the first true; an error only matters when
      // no element decides, just as with a chain of && or ||.
      const decisive = expr.macro === 'exists';
      let firstProblem: CelResult | undefined;
      for (const item of items) {
        const result = test(item, expr.predicate as CelExpr);
        if (result === decisive) return decisive;
        if (typeof result !== 'boolean') firstProblem ??= result;
      }
      if (firstProblem === undefined) return !decisive;
      return isError(firstProblem) ? firstProblem : noSuchOverload(expr.macro, firstProblem);
    }
    case 'exists_one': {
      let count = 0;
      for (const item of items) {
        const result = test(item, expr.predicate as CelExpr);
        if (isError(result)) return result;
        if (typeof result !== 'boolean') return noSuchOverload('exists_one', result);
        if (result) count++;
      }
      return count === 1;
    }
    case 'map':
    case 'filter': {
      const out: CelValue[] = [];
      for (const item of items) {
        if (expr.predicate) {
          const keep = test(item, expr.predicate);
          if (isError(keep)) return keep;
          if (typeof keep !== 'boolean') return noSuchOverload(expr.macro, keep);
          if (!keep) continue;
        }
        const value = expr.macro === 'filter' ? item : test(item, expr.transform as CelExpr);
        if (isError(value)) return value;
        out.push(value);
      }
      return new ArrayCelList(out);
    }
  }
}
