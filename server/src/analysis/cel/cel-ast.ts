/**
 * The CEL abstract syntax tree. Macros (`has`, `all`, `exists`, `exists_one`, `map`, `filter`) are
 * resolved by the parser into their own node kinds, as cel-go expands them at parse time, so the
 * evaluator never mistakes them for function calls. Every node keeps its offset in the source text.
 */
import { CelUint, type CelValue } from './cel-values';

export type BinaryOperator = '+' | '-' | '*' | '/' | '%' | '==' | '!=' | '<' | '<=' | '>' | '>=' | 'in';

export type ComprehensionMacro = 'all' | 'exists' | 'exists_one' | 'map' | 'filter';

export type CelExpr =
  | { readonly kind: 'literal'; readonly offset: number; readonly value: CelValue }
  | { readonly kind: 'ident'; readonly offset: number; readonly name: string }
  | { readonly kind: 'select'; readonly offset: number; readonly operand: CelExpr; readonly field: string }
  | { readonly kind: 'has'; readonly offset: number; readonly operand: CelExpr; readonly field: string }
  | { readonly kind: 'index'; readonly offset: number; readonly operand: CelExpr; readonly index: CelExpr }
  | {
      readonly kind: 'call';
      readonly offset: number;
      readonly name: string;
      /** The receiver of a member call (`x.size()`); absent for a global call (`size(x)`). */
      readonly target?: CelExpr;
      readonly args: readonly CelExpr[];
    }
  | { readonly kind: 'list'; readonly offset: number; readonly elements: readonly CelExpr[] }
  | {
      readonly kind: 'map';
      readonly offset: number;
      readonly entries: readonly { readonly key: CelExpr; readonly value: CelExpr }[];
    }
  | {
      readonly kind: 'conditional';
      readonly offset: number;
      readonly condition: CelExpr;
      readonly then: CelExpr;
      readonly otherwise: CelExpr;
    }
  | { readonly kind: 'and' | 'or'; readonly offset: number; readonly left: CelExpr; readonly right: CelExpr }
  | { readonly kind: 'not' | 'negate'; readonly offset: number; readonly operand: CelExpr }
  | {
      readonly kind: 'binary';
      readonly offset: number;
      readonly operator: BinaryOperator;
      readonly left: CelExpr;
      readonly right: CelExpr;
    }
  | {
      readonly kind: 'comprehension';
      readonly offset: number;
      readonly macro: ComprehensionMacro;
      readonly range: CelExpr;
      readonly variable: string;
      /** The condition of all/exists/exists_one/filter and of the three-argument map. */
      readonly predicate?: CelExpr;
      /** The result expression of map. */
      readonly transform?: CelExpr;
    };

/**
 * A fully parenthesised rendering, for tests and messages: `((a + b) * c)`, `a.b`, `has(a.b)`,
 * `a.all(x, p)`. Literals render as CEL source (`1`, `2u`, `1.5`, `"s"`).
 */
export function formatCelExpr(expr: CelExpr): string {
  switch (expr.kind) {
    case 'literal':
      return formatLiteral(expr.value);
    case 'ident':
      return expr.name;
    case 'select':
      return `${formatCelExpr(expr.operand)}.${expr.field}`;
    case 'has':
      return `has(${formatCelExpr(expr.operand)}.${expr.field})`;
    case 'index':
      return `${formatCelExpr(expr.operand)}[${formatCelExpr(expr.index)}]`;
    case 'call': {
      const args = expr.args.map(formatCelExpr).join(', ');
      return expr.target ? `${formatCelExpr(expr.target)}.${expr.name}(${args})` : `${expr.name}(${args})`;
    }
    case 'list':
      return `[${expr.elements.map(formatCelExpr).join(', ')}]`;
    case 'map':
      return `{${expr.entries.map((e) => `${formatCelExpr(e.key)}: ${formatCelExpr(e.value)}`).join(', ')}}`;
    case 'conditional':
      return `(${formatCelExpr(expr.condition)} ? ${formatCelExpr(expr.then)} : ${formatCelExpr(expr.otherwise)})`;
    case 'and':
      return `(${formatCelExpr(expr.left)} && ${formatCelExpr(expr.right)})`;
    case 'or':
      return `(${formatCelExpr(expr.left)} || ${formatCelExpr(expr.right)})`;
    case 'not':
      return `!${formatCelExpr(expr.operand)}`;
    case 'negate':
      return `-${formatCelExpr(expr.operand)}`;
    case 'binary':
      return `(${formatCelExpr(expr.left)} ${expr.operator} ${formatCelExpr(expr.right)})`;
    case 'comprehension': {
      const parts = [expr.variable, expr.predicate, expr.transform]
        .filter((part) => part !== undefined)
        .map((part) => (typeof part === 'string' ? part : formatCelExpr(part)));
      return `${formatCelExpr(expr.range)}.${expr.macro}(${parts.join(', ')})`;
    }
  }
}

function formatLiteral(value: CelValue): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number') return Number.isInteger(value) ? value.toFixed(1) : String(value);
  if (typeof value === 'bigint') return String(value);
  if (value instanceof CelUint) return `${value.value}u`;
  if (value === null || typeof value === 'boolean') return String(value);
  return `<${value.constructor.name}>`;
}
