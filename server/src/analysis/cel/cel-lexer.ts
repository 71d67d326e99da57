/**
 * CEL lexer (https://github.com/google/cel-spec/blob/master/doc/langdef.md#syntax): identifiers,
 * keywords, int/uint/double literals, quoted strings (single, double, triple, raw) with CEL's escapes,
 * operators and punctuation. Bytes literals are outside our subset and rejected with a clear error.
 */

export type TokenKind = 'ident' | 'int' | 'uint' | 'double' | 'string' | 'punct' | 'eof';

export interface Token {
  readonly kind: TokenKind;
  /** Punctuation or identifier text; the decoded contents for strings. */
  readonly text: string;
  /** For int and uint tokens: the magnitude (the sign is a separate `-` token). */
  readonly integer?: bigint;
  readonly double?: number;
  /** Offset of the token's first character in the expression. */
  readonly offset: number;
}

export class CelSyntaxError extends Error {
  constructor(
    readonly reason: string,
    readonly offset: number,
  ) {
    super(`${reason} (at offset ${offset})`);
  }
}

const PUNCTUATION = ['==', '!=', '<=', '>=', '&&', '||', '<', '>', '!', '+', '-', '*', '/', '%', '?', ':'];
const SINGLE_PUNCTUATION = new Set(['(', ')', '[', ']', '{', '}', '.', ',']);

export function tokenize(source: string): Token[] {
  return new Lexer(source).tokens();
}

class Lexer {
  private position = 0;

  constructor(private readonly source: string) {}

  tokens(): Token[] {
    const tokens: Token[] = [];
    for (;;) {
      this.skipWhitespaceAndComments();
      if (this.position >= this.source.length) {
        tokens.push({ kind: 'eof', text: '', offset: this.position });
        return tokens;
      }
      tokens.push(this.next());
    }
  }

  private skipWhitespaceAndComments(): void {
    for (;;) {
      const rest = this.source.slice(this.position);
      const match = /^(?:[ \t\n\f\r]+|\/\/[^\n]*)/.exec(rest);
      if (!match) return;
      this.position += match[0].length;
    }
  }

  private next(): Token {
    const start = this.position;
    const rest = this.source.slice(start);
    const c = rest[0] as string;

    const stringPrefix = /^([rRbB]{0,2})(["'])/.exec(rest);
    if (stringPrefix && /^(?:[rR]?|[bB]?|[rR][bB]|[bB][rR])$/.test(stringPrefix[1] ?? '')) {
      const prefix = (stringPrefix[1] ?? '').toLowerCase();
      if (prefix.includes('b')) throw new CelSyntaxError('bytes literals are not supported', start);
      this.position += prefix.length;
      return { kind: 'string', text: this.stringBody(prefix.includes('r')), offset: start };
    }
    if (/^[A-Za-z_]/.test(c)) {
      const ident = /^[A-Za-z_][A-Za-z0-9_]*/.exec(rest)?.[0] ?? c;
      this.position += ident.length;
      return { kind: 'ident', text: ident, offset: start };
    }
    if (/^(?:[0-9]|\.[0-9])/.test(rest)) return this.number(rest, start);
    if (SINGLE_PUNCTUATION.has(c)) {
      this.position++;
      return { kind: 'punct', text: c, offset: start };
    }
    const operator = PUNCTUATION.find((p) => rest.startsWith(p));
    if (operator) {
      this.position += operator.length;
      return { kind: 'punct', text: operator, offset: start };
    }
    throw new CelSyntaxError(`unexpected character ${JSON.stringify(c)}`, start);
  }

  private number(rest: string, start: number): Token {
    const hex = /^0[xX]([0-9a-fA-F]+)([uU]?)/.exec(rest);
    if (hex) {
      this.position += hex[0].length;
      const integer = BigInt(`0x${hex[1]}`);
      return { kind: hex[2] ? 'uint' : 'int', text: hex[0], integer, offset: start };
    }
    const double = /^(?:[0-9]*\.[0-9]+(?:[eE][+-]?[0-9]+)?|[0-9]+[eE][+-]?[0-9]+)/.exec(rest);
    if (double) {
      this.position += double[0].length;
      return { kind: 'double', text: double[0], double: Number(double[0]), offset: start };
    }
    const decimal = /^([0-9]+)([uU]?)/.exec(rest);
    const digits = decimal?.[1] ?? '';
    this.position += decimal?.[0].length ?? 0;
    return {
      kind: decimal?.[2] ? 'uint' : 'int',
      text: decimal?.[0] ?? '',
      integer: BigInt(digits),
      offset: start,
    };
  }

  /** Reads a quoted string starting at the opening quote; returns its decoded value. */
  private stringBody(raw: boolean): string {
    const start = this.position;
    const quote = this.source[start] as string;
    const triple = this.source.startsWith(quote.repeat(3), start);
    const delimiter = triple ? quote.repeat(3) : quote;
    this.position += delimiter.length;
    let value = '';
    for (;;) {
      if (this.position >= this.source.length) throw new CelSyntaxError('unterminated string literal', start);
      if (this.source.startsWith(delimiter, this.position)) {
        this.position += delimiter.length;
        return value;
      }
      const c = this.source[this.position] as string;
      if (!triple && (c === '\n' || c === '\r')) {
        throw new CelSyntaxError('newline in a quoted string (use a triple-quoted string)', this.position);
      }
      if (c === '\\' && !raw) {
        value += this.escape();
        continue;
      }
      value += c;
      this.position++;
    }
  }

  private escape(): string {
    const start = this.position;
    const c = this.source[start + 1] ?? '';
    const simple: Record<string, string> = {
      a: '\x07',
      b: '\b',
      f: '\f',
      n: '\n',
      r: '\r',
      t: '\t',
      v: '\v',
      '\\': '\\',
      '?': '?',
      '"': '"',
      "'": "'",
      '`': '`',
    };
    const simpleValue = simple[c];
    if (simpleValue !== undefined) {
      this.position += 2;
      return simpleValue;
    }
    const patterns: readonly [RegExp, number][] = [
      [/^\\[xX]([0-9a-fA-F]{2})/, 16],
      [/^\\u([0-9a-fA-F]{4})/, 16],
      [/^\\U([0-9a-fA-F]{8})/, 16],
      [/^\\([0-3][0-7]{2})/, 8],
    ];
    const rest = this.source.slice(start, start + 10);
    for (const [pattern, radix] of patterns) {
      const match = pattern.exec(rest);
      if (!match) continue;
      const codePoint = parseInt(match[1] ?? '', radix);
      if (codePoint > 0x10ffff || (codePoint >= 0xd800 && codePoint <= 0xdfff)) {
        throw new CelSyntaxError(`invalid code point in escape ${match[0]}`, start);
      }
      this.position += match[0].length;
      return String.fromCodePoint(codePoint);
    }
    throw new CelSyntaxError(`invalid escape sequence \\${c}`, start);
  }
}
