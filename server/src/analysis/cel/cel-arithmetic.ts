/**
 * CEL arithmetic: int and uint are 64-bit and overflow is an error (never wrap-around), division and
 * modulus by zero are errors, doubles follow IEEE 754. Operands of different numeric types do not mix
 * (`1 + 1.0` is "no such overload"), exactly as in CEL.
 */
import {
  ArrayCelList,
  CelDuration,
  CelError,
  CelList,
  type CelResult,
  CelUint,
  type CelValue,
  INT64_MAX,
  INT64_MIN,
  UINT64_MAX,
  noSuchOverload,
} from './cel-values';

export type ArithmeticOperator = '+' | '-' | '*' | '/' | '%';

const OVERFLOW = 'integer overflow';

function checkedInt(value: bigint): CelResult {
  return value < INT64_MIN || value > INT64_MAX ? new CelError(OVERFLOW) : value;
}

function checkedUint(value: bigint): CelResult {
  return value < 0n || value > UINT64_MAX ? new CelError(OVERFLOW) : new CelUint(value);
}

function checkedDuration(nanos: bigint): CelResult {
  return nanos < INT64_MIN || nanos > INT64_MAX ? new CelError(OVERFLOW) : new CelDuration(nanos);
}

function integerOperation(operator: ArithmeticOperator, a: bigint, b: bigint): bigint | CelError {
  switch (operator) {
    case '+':
      return a + b;
    case '-':
      return a - b;
    case '*':
      return a * b;
    case '/':
      // bigint division truncates toward zero, as Go and CEL do.
      return b === 0n ? new CelError('division by zero') : a / b;
    case '%':
      return b === 0n ? new CelError('modulus by zero') : a % b;
  }
}

export function arithmetic(operator: ArithmeticOperator, left: CelValue, right: CelValue): CelResult {
  if (typeof left === 'bigint' && typeof right === 'bigint') {
    const result = integerOperation(operator, left, right);
    return result instanceof CelError ? result : checkedInt(result);
  }
  if (left instanceof CelUint && right instanceof CelUint) {
    const result = integerOperation(operator, left.value, right.value);
    return result instanceof CelError ? result : checkedUint(result);
  }
  if (typeof left === 'number' && typeof right === 'number' && operator !== '%') {
    switch (operator) {
      case '+':
        return left + right;
      case '-':
        return left - right;
      case '*':
        return left * right;
      case '/':
        return left / right;
    }
  }
  if (operator === '+' && typeof left === 'string' && typeof right === 'string') return left + right;
  if (operator === '+' && left instanceof CelList && right instanceof CelList) {
    return new ArrayCelList([...left, ...right] as CelValue[]);
  }
  if (left instanceof CelDuration && right instanceof CelDuration && (operator === '+' || operator === '-')) {
    return checkedDuration(operator === '+' ? left.nanos + right.nanos : left.nanos - right.nanos);
  }
  return noSuchOverload(OPERATOR_NAMES[operator], left, right);
}

export function negate(operand: CelValue): CelResult {
  if (typeof operand === 'bigint') return checkedInt(-operand);
  if (typeof operand === 'number') return -operand;
  if (operand instanceof CelDuration) return checkedDuration(-operand.nanos);
  return noSuchOverload('-_', operand);
}

const OPERATOR_NAMES: Readonly<Record<ArithmeticOperator, string>> = {
  '+': '_+_',
  '-': '_-_',
  '*': '_*_',
  '/': '_/_',
  '%': '_%_',
};
