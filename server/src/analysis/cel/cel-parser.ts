/**
 * Recursive-descent parser for CEL, following the grammar of the CEL language definition:
 *
 *   Expr           = ConditionalOr ["?" ConditionalOr ":" Expr]
 *   ConditionalOr  = [ConditionalOr "||"] ConditionalAnd
 *   ConditionalAnd = [ConditionalAnd "&&"] Relation
 *   Relation       = [Relation ("<"|"<="|">="|">"|"=="|"!="|"in")] Addition
 *   Addition       = [Addition ("+"|"-")] Multiplication
 *   Multiplication = [Multiplication ("*"|"/"|"%")] Unary
 *   Unary          = Member | "!" {"!"} Member | "-" {"-"} Member
 *   Member         = Primary | Member "." IDENT ["(" [ExprList] ")"] | Member "[" Expr "]"
 *   Primary        = ["."] IDENT ["(" [ExprList] ")"] | "(" Expr ")" | "[" [ExprList] [","] "]"
 *                  | "{" [MapInits] [","] "}" | LITERAL
 *
 * Message construction (`Type{field: v}`) is outside the subset Kubernetes objects need.
 */
import type { BinaryOperator, CelExpr, ComprehensionMacro } from './cel-ast';
import { CelSyntaxError, type Token, tokenize } from './cel-lexer';
import { CelUint, INT64_MAX, INT64_MIN, UINT64_MAX } from './cel-values';

export { CelSyntaxError } from './cel-lexer';

const RESERVED = new Set([
  'as',
  'break',
  'const',
  'continue',
  'else',
  'for',
  'function',
  'if',
  'import',
  'let',
  'loop',
  'package',
  'namespace',
  'return',
  'var',
]);

const RELATIONS: readonly string[] = ['==', '!=', '<', '<=', '>', '>=', 'in'];
const MAX_DEPTH = 250;

/** Parses a CEL expression; throws CelSyntaxError (with the offset) when the text is not CEL. */
export function parseCel(source: string): CelExpr {
  return new Parser(tokenize(source)).parseAll();
}

class Parser {
  private index = 0;
  private depth = 0;

  constructor(private readonly tokens: readonly Token[]) {}

  parseAll(): CelExpr {
    const expr = this.expression();
    const token = this.peek();
    if (token.kind !== 'eof') this.fail(`unexpected ${describe(token)}`, token);
    // Long operator chains (`a + a + ...`) nest without recursing here, but the evaluator recurses.
    if (treeDepth(expr) > MAX_DEPTH) this.fail('expression nests too deeply', token);
    return expr;
  }

  private peek(): Token {
    return this.tokens[this.index] as Token;
  }

  private advance(): Token {
    const token = this.peek();
    if (token.kind !== 'eof') this.index++;
    return token;
  }

  private isPunct(text: string): boolean {
    const token = this.peek();
    return token.kind === 'punct' && token.text === text;
  }

  private accept(text: string): boolean {
    if (!this.isPunct(text)) return false;
    this.advance();
    return true;
  }

  private expect(text: string): Token {
    if (!this.isPunct(text)) this.fail(`expected "${text}" but found ${describe(this.peek())}`, this.peek());
    return this.advance();
  }

  private fail(reason: string, token: Token): never {
    throw new CelSyntaxError(reason, token.offset);
  }

  private expression(): CelExpr {
    if (++this.depth > MAX_DEPTH) this.fail('expression nests too deeply', this.peek());
    try {
      const condition = this.binaryLevel(0);
      if (!this.isPunct('?')) return condition;
      const offset = this.advance().offset;
      const then = this.binaryLevel(0);
      this.expect(':');
      const otherwise = this.expression();
      return { kind: 'conditional', offset, condition, then, otherwise };
    } finally {
      this.depth--;
    }
  }

  /** Levels 0..4: `||`, `&&`, relations, additive, multiplicative; all left-associative. */
  private binaryLevel(level: number): CelExpr {
    if (level > 4) return this.unary();
    let left = this.binaryLevel(level + 1);
    for (;;) {
      const token = this.peek();
      const operator = operatorAt(level, token);
      if (operator === undefined) return left;
      this.advance();
      const right = this.binaryLevel(level + 1);
      if (operator === '||' || operator === '&&') {
        left = { kind: operator === '||' ? 'or' : 'and', offset: token.offset, left, right };
      } else {
        left = { kind: 'binary', offset: token.offset, operator, left, right };
      }
    }
  }

  private unary(): CelExpr {
    const token = this.peek();
    if (this.accept('!')) return { kind: 'not', offset: token.offset, operand: this.unaryOperand('!') };
    if (this.accept('-')) {
      const next = this.peek();
      // `-` directly before a number is part of the literal, so the most negative int is expressible.
      if (next.kind === 'int' || next.kind === 'double') {
        this.advance();
        const literal = this.numberLiteral(next, true);
        return this.memberSuffixes(literal);
      }
      return { kind: 'negate', offset: token.offset, operand: this.unaryOperand('-') };
    }
    return this.member();
  }

  /** After `!` or `-` only the same operator may repeat before the member (`!!a`, `--a`). */
  private unaryOperand(operator: '!' | '-'): CelExpr {
    return this.isPunct(operator) ? this.unary() : this.member();
  }

  private member(): CelExpr {
    return this.memberSuffixes(this.primary());
  }

  private memberSuffixes(start: CelExpr): CelExpr {
    let expr = start;
    for (;;) {
      const token = this.peek();
      if (this.accept('.')) {
        const name = this.identifier();
        if (this.accept('(')) {
          const args = this.argumentList(')');
          expr = this.memberCall(expr, name, args, token);
        } else {
          expr = { kind: 'select', offset: token.offset, operand: expr, field: name };
        }
      } else if (this.accept('[')) {
        const index = this.expression();
        this.expect(']');
        expr = { kind: 'index', offset: token.offset, operand: expr, index };
      } else {
        return expr;
      }
    }
  }

  private primary(): CelExpr {
    const token = this.peek();
    switch (token.kind) {
      case 'int':
      case 'uint':
      case 'double':
        this.advance();
        return this.numberLiteral(token, false);
      case 'string':
        this.advance();
        return { kind: 'literal', offset: token.offset, value: token.text };
      case 'ident':
        return this.identOrCall();
      case 'eof':
        return this.fail('unexpected end of expression', token);
    }
    if (this.isPunct('.')) return this.identOrCall();
    if (this.accept('(')) {
      const inner = this.expression();
      this.expect(')');
      return inner;
    }
    if (this.accept('[')) {
      return { kind: 'list', offset: token.offset, elements: this.argumentList(']') };
    }
    if (this.accept('{')) return this.mapLiteral(token);
    return this.fail(`unexpected ${describe(token)}`, token);
  }

  private identOrCall(): CelExpr {
    const token = this.peek();
    this.accept('.');
    const name = this.identifier();
    if (name === 'true' || name === 'false')
      return { kind: 'literal', offset: token.offset, value: name === 'true' };
    if (name === 'null') return { kind: 'literal', offset: token.offset, value: null };
    if (this.isPunct('{')) this.fail('message construction is not supported', this.peek());
    if (!this.accept('(')) return { kind: 'ident', offset: token.offset, name };
    const args = this.argumentList(')');
    if (name === 'has') {
      const [argument] = args;
      if (args.length !== 1 || argument?.kind !== 'select') {
        this.fail('has() needs a field selection argument, like has(self.field)', token);
      }
      return { kind: 'has', offset: token.offset, operand: argument.operand, field: argument.field };
    }
    return { kind: 'call', offset: token.offset, name, args };
  }

  /** `true`, `false`, `null` and `in` are keywords; the other reserved words may not name anything. */
  private identifier(): string {
    const token = this.advance();
    if (token.kind !== 'ident' || token.text === 'in')
      this.fail(`expected a name but found ${describe(token)}`, token);
    if (RESERVED.has(token.text)) this.fail(`reserved identifier: ${token.text}`, token);
    return token.text;
  }

  private argumentList(close: ')' | ']'): CelExpr[] {
    const args: CelExpr[] = [];
    while (!this.accept(close)) {
      args.push(this.expression());
      if (this.accept(close)) break;
      this.expect(',');
    }
    return args;
  }

  private mapLiteral(open: Token): CelExpr {
    const entries: { key: CelExpr; value: CelExpr }[] = [];
    while (!this.accept('}')) {
      const key = this.expression();
      this.expect(':');
      const value = this.expression();
      entries.push({ key, value });
      if (this.accept('}')) break;
      this.expect(',');
    }
    return { kind: 'map', offset: open.offset, entries };
  }

  private memberCall(target: CelExpr, name: string, args: CelExpr[], dot: Token): CelExpr {
    const macro = COMPREHENSION_ARITY[name];
    if (macro === undefined || !macro.includes(args.length)) {
      return { kind: 'call', offset: dot.offset, name, target, args };
    }
    const [variable, second, third] = args;
    if (variable?.kind !== 'ident') this.fail(`${name}() needs a variable name as its first argument`, dot);
    const base = {
      kind: 'comprehension',
      offset: dot.offset,
      range: target,
      variable: variable.name,
    } as const;
    if (name !== 'map') return { ...base, macro: name as ComprehensionMacro, predicate: second };
    // map(x, f) transforms every element; map(x, p, f) transforms those for which p holds.
    return third === undefined
      ? { ...base, macro: 'map', transform: second }
      : { ...base, macro: 'map', predicate: second, transform: third };
  }

  private numberLiteral(token: Token, negative: boolean): CelExpr {
    if (token.kind === 'double') {
      const value = token.double ?? NaN;
      return { kind: 'literal', offset: token.offset, value: negative ? -value : value };
    }
    const magnitude = token.integer ?? 0n;
    if (token.kind === 'uint') {
      if (negative) this.fail('unsigned literals cannot be negative', token);
      if (magnitude > UINT64_MAX) this.fail(`uint literal out of range: ${token.text}`, token);
      return { kind: 'literal', offset: token.offset, value: new CelUint(magnitude) };
    }
    const value = negative ? -magnitude : magnitude;
    if (value < INT64_MIN || value > INT64_MAX) this.fail(`int literal out of range: ${token.text}`, token);
    return { kind: 'literal', offset: token.offset, value };
  }
}

const COMPREHENSION_ARITY: Readonly<Record<string, readonly number[]>> = {
  all: [2],
  exists: [2],
  exists_one: [2],
  map: [2, 3],
  filter: [2],
};

function operatorAt(level: number, token: Token): BinaryOperator | '||' | '&&' | undefined {
  const text = token.kind === 'punct' || (token.kind === 'ident' && token.text === 'in') ? token.text : '';
  switch (level) {
    case 0:
      return text === '||' ? '||' : undefined;
    case 1:
      return text === '&&' ? '&&' : undefined;
    case 2:
      return RELATIONS.includes(text) ? (text as BinaryOperator) : undefined;
    case 3:
      return text === '+' || text === '-' ? text : undefined;
    case 4:
      return text === '*' || text === '/' || text === '%' ? text : undefined;
  }
  return undefined;
}

/** The depth of the tree, computed without recursion so that a huge tree cannot overflow the stack. */
function treeDepth(root: CelExpr): number {
  let deepest = 0;
  const pending: [CelExpr, number][] = [[root, 1]];
  for (let item = pending.pop(); item; item = pending.pop()) {
    const [expr, depth] = item;
    deepest = Math.max(deepest, depth);
    for (const child of childrenOf(expr)) pending.push([child, depth + 1]);
  }
  return deepest;
}

function childrenOf(expr: CelExpr): CelExpr[] {
  switch (expr.kind) {
    case 'literal':
    case 'ident':
      return [];
    case 'select':
    case 'has':
    case 'not':
    case 'negate':
      return [expr.operand];
    case 'index':
      return [expr.operand, expr.index];
    case 'call':
      return expr.target ? [expr.target, ...expr.args] : [...expr.args];
    case 'list':
      return [...expr.elements];
    case 'map':
      return expr.entries.flatMap((entry) => [entry.key, entry.value]);
    case 'conditional':
      return [expr.condition, expr.then, expr.otherwise];
    case 'and':
    case 'or':
    case 'binary':
      return [expr.left, expr.right];
    case 'comprehension':
      return [expr.range, expr.predicate, expr.transform].filter((child) => child !== undefined);
  }
}

function describe(token: Token): string {
  if (token.kind === 'eof') return 'end of expression';
  if (token.kind === 'string') return 'a string';
  return `"${token.text}"`;
}
