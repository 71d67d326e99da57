/**
 * Translates RE2 syntax (what CEL's `matches` uses) into an equivalent JavaScript RegExp (`u` flag).
 * The two dialects look alike but differ where it matters for validation:
 *  - RE2 `.` excludes only `\n`; JS `.` also excludes `\r`, U+2028, U+2029.
 *  - RE2 `\s` is `[\t\n\f\r ]`; JS `\s` adds `\v` and Unicode spaces.
 *  - RE2 `(?m)` lines end at `\n` only; JS `m` also breaks at `\r`, U+2028, U+2029.
 *  - RE2 allows `\` before any punctuation, lone `{`, `}` and `]`; JS `u` mode rejects those.
 *  - RE2 has `\A`, `\z`, `\Q...\E`, `(?P<name>...)`, `[[:alpha:]]`, `\pL`; JS spells them differently.
 * RE2 features JS cannot express (inline flags after the start, `(?U)`, `\C`) are reported as
 * unsupported rather than approximated; Perl features RE2 rejects (backreferences, lookaround) are
 * syntax errors, as in Kubernetes.
 */

import {
  type ClassItem,
  GENERAL_CATEGORIES,
  POSIX_CLASSES,
  RE2_WHITESPACE,
  emitClass,
  hexEscape,
} from './re2-character-classes';

export type Re2Translation =
  { readonly regexp: RegExp } | { readonly error: string; readonly unsupported: boolean };

class Re2Error extends Error {
  constructor(
    message: string,
    readonly unsupported = false,
  ) {
    super(message);
  }
}

const cache = new Map<string, Re2Translation>();
const CACHE_LIMIT = 512;

/** Compiles an RE2 pattern, memoised: rule patterns are few and reused on every evaluation. */
export function compileRe2(pattern: string): Re2Translation {
  let result = cache.get(pattern);
  if (result === undefined) {
    result = translate(pattern);
    if (cache.size >= CACHE_LIMIT) cache.clear();
    cache.set(pattern, result);
  }
  return result;
}

function translate(pattern: string): Re2Translation {
  try {
    const translator = new Translator(pattern);
    const source = translator.translate();
    return { regexp: new RegExp(source, translator.caseInsensitive ? 'iu' : 'u') };
  } catch (error) {
    if (error instanceof Re2Error) return { error: error.message, unsupported: error.unsupported };
    return {
      error: `invalid regular expression ${JSON.stringify(pattern)}: ${String(error)}`,
      unsupported: false,
    };
  }
}

class Translator {
  private readonly chars: number[];
  private position = 0;
  caseInsensitive = false;
  private dotAll = false;
  private multiLine = false;

  constructor(private readonly pattern: string) {
    this.chars = Array.from(pattern, (c) => c.codePointAt(0) as number);
  }

  translate(): string {
    this.leadingFlags();
    let out = '';
    if (this.peek() === '^' && /^\^\(\?[imsU-]+\)/.test(this.rest())) {
      // `^(?i)…` (the Gateway API's gRPC service names): the anchor matches no character, so flags set
      // right after it govern exactly what they would at the very start.
      out += this.atom();
      this.leadingFlags();
    }
    while (this.position < this.chars.length) out += this.atom();
    return out;
  }

  private peek(offset = 0): string {
    const c = this.chars[this.position + offset];
    return c === undefined ? '' : String.fromCodePoint(c);
  }

  private rest(): string {
    return String.fromCodePoint(...this.chars.slice(this.position));
  }

  /** `(?i)`, `(?s)`, `(?m)` at the very start (or just after a leading `^`) become whole-pattern settings. */
  private leadingFlags(): void {
    for (;;) {
      const match = /^\(\?([imsU-]+)\)/.exec(this.rest());
      if (!match) return;
      let enable = true;
      for (const flag of match[1] ?? '') {
        if (flag === '-') enable = false;
        else if (flag === 'i') this.caseInsensitive = enable;
        else if (flag === 's') this.dotAll = enable;
        else if (flag === 'm') this.multiLine = enable;
        else throw new Re2Error('the ungreedy flag (?U) is not supported', true);
      }
      this.position += match[0].length;
    }
  }

  private atom(): string {
    const c = this.peek();
    this.position++;
    switch (c) {
      case '\\':
        return this.escapeOutsideClass();
      case '.':
        return this.dotAll ? '[\\s\\S]' : '[^\\n]';
      case '^':
        return this.multiLine ? '(?<![^\\n])' : '^';
      case '$':
        return this.multiLine ? '(?![^\\n])' : '$';
      case '(':
        return this.groupOpening();
      case '[':
        return this.bracketExpression();
      case '{':
        return this.repetitionOrBrace();
      case '}':
      case ']':
        // Literal in RE2, a syntax error in JS `u` mode unless escaped.
        return `\\${c}`;
      default:
        // `)`, `|`, quantifiers and literal characters mean the same in both dialects.
        return c;
    }
  }

  private groupOpening(): string {
    const rest = this.rest();
    if (!rest.startsWith('?')) return '(';
    const named = /^\?P?<([A-Za-z_][A-Za-z0-9_]*)>/.exec(rest);
    if (named) {
      this.position += named[0].length;
      return `(?<${named[1]}>`;
    }
    if (rest.startsWith('?:')) {
      this.position += 2;
      return '(?:';
    }
    if (/^\?[imsU-]+[:)]/.test(rest)) {
      throw new Re2Error('inline flags are supported only at the start of the pattern', true);
    }
    throw new Re2Error(`invalid or unsupported Perl syntax: (${rest.slice(0, 3)}`);
  }

  /** `{n}`, `{n,}`, `{n,m}` are repetitions (at most 1000); any other `{` is a literal. */
  private repetitionOrBrace(): string {
    const match = /^(\d+)(,(\d*))?\}/.exec(this.rest());
    if (!match) return '\\{';
    const min = Number(match[1]);
    const max = match[3] ? Number(match[3]) : min;
    if (min > 1000 || max > 1000 || max < min) throw new Re2Error(`invalid repeat count: {${match[0]}`);
    this.position += match[0].length;
    return `{${match[0]}`;
  }

  private escapeOutsideClass(): string {
    const c = this.peek();
    switch (c) {
      case 'A':
        this.position++;
        return '(?<![\\s\\S])';
      case 'z':
        this.position++;
        return '(?![\\s\\S])';
      case 'b':
      case 'B':
        this.position++;
        return `\\${c}`;
      case 'Q':
        return this.quotedLiteral();
      case 'C':
        throw new Re2Error('\\C (any byte) is not supported', true);
    }
    const item = this.classItemEscape();
    if ('char' in item) return hexEscape(item.char);
    if ('fragment' in item) return `[${item.fragment}]`;
    return `[^${item.complementOf}]`;
  }

  private quotedLiteral(): string {
    this.position++;
    let out = '';
    while (this.position < this.chars.length && !(this.peek() === '\\' && this.peek(1) === 'E')) {
      out += hexEscape(this.chars[this.position] as number);
      this.position++;
    }
    if (this.position < this.chars.length) this.position += 2;
    return out.length > 0 ? `(?:${out})` : '';
  }

  /** An escape valid both inside and outside brackets; the backslash is already consumed. */
  private classItemEscape(): ClassItem {
    const c = this.peek();
    if (c === '') throw new Re2Error('trailing backslash at end of expression');
    this.position++;
    switch (c) {
      case 'd':
        return { fragment: '0-9' };
      case 'D':
        return { complementOf: '0-9' };
      case 'w':
        return { fragment: '0-9A-Za-z_' };
      case 'W':
        return { complementOf: '0-9A-Za-z_' };
      case 's':
        return { fragment: RE2_WHITESPACE };
      case 'S':
        return { complementOf: RE2_WHITESPACE };
      case 'p':
      case 'P':
        return this.unicodeClass(c === 'P');
      case 'a':
        return { char: 0x07 };
      case 'f':
        return { char: 0x0c };
      case 't':
        return { char: 0x09 };
      case 'n':
        return { char: 0x0a };
      case 'r':
        return { char: 0x0d };
      case 'v':
        return { char: 0x0b };
      case 'x':
        return { char: this.hexCharacter() };
    }
    if (/[0-7]/.test(c)) {
      if (c !== '0' && !/[0-7]/.test(this.peek())) {
        throw new Re2Error(`backreferences are not supported in RE2: \\${c}`);
      }
      let digits = c;
      while (digits.length < 3 && /[0-7]/.test(this.peek())) {
        digits += this.peek();
        this.position++;
      }
      return { char: parseInt(digits, 8) };
    }
    if (/[!-/:-@[-`{-~]/.test(c)) return { char: c.codePointAt(0) as number };
    throw new Re2Error(`invalid escape sequence: \\${c}`);
  }

  private hexCharacter(): number {
    const braced = /^\{([0-9A-Fa-f]{1,8})\}/.exec(this.rest());
    const plain = /^[0-9A-Fa-f]{2}/.exec(this.rest());
    const digits = braced ? braced[1] : plain?.[0];
    if (digits === undefined) throw new Re2Error('invalid escape sequence: \\x');
    this.position += (braced ?? plain)?.[0].length ?? 0;
    const value = parseInt(digits, 16);
    if (value > 0x10ffff) throw new Re2Error(`invalid escape sequence: \\x{${digits}}`);
    return value;
  }

  private unicodeClass(negatedByLetter: boolean): ClassItem {
    let name: string;
    const braced = /^\{(\^?)([A-Za-z_]+)\}/.exec(this.rest());
    let negated = negatedByLetter;
    if (braced) {
      name = braced[2] ?? '';
      if (braced[1]) negated = !negated;
      this.position += braced[0].length;
    } else {
      name = this.peek();
      if (!/[A-Za-z]/.test(name)) throw new Re2Error('invalid character class range: \\p');
      this.position++;
    }
    const property = name === 'Any' || GENERAL_CATEGORIES.has(name) ? name : `Script=${name}`;
    return { fragment: `\\${negated ? 'P' : 'p'}{${property}}` };
  }

  /** A `[...]` expression, emitted with every literal escaped so JS `u` mode accepts it verbatim. */
  private bracketExpression(): string {
    const negated = this.peek() === '^';
    if (negated) this.position++;
    const items: ClassItem[] = [];
    let first = true;
    for (;;) {
      const c = this.peek();
      if (c === '') throw new Re2Error(`missing closing ] in ${JSON.stringify(this.pattern)}`);
      if (c === ']' && !first) {
        this.position++;
        break;
      }
      first = false;
      const item = this.bracketItem();
      if ('char' in item && this.peek() === '-' && this.peek(1) !== ']' && this.peek(1) !== '') {
        this.position++;
        const high = this.bracketItem();
        if (!('char' in high) || high.char < item.char) throw new Re2Error('invalid character class range');
        items.push({ fragment: `${hexEscape(item.char)}-${hexEscape(high.char)}` });
      } else {
        items.push(item);
      }
    }
    return emitClass(negated, items);
  }

  private bracketItem(): ClassItem {
    const c = this.peek();
    this.position++;
    if (c === '\\') return this.classItemEscape();
    if (c === '[') {
      const posix = /^:(\^?)([a-z]+):\]/.exec(this.rest());
      if (posix) {
        const body = POSIX_CLASSES[posix[2] ?? ''];
        if (body === undefined) throw new Re2Error(`invalid character class range: [:${posix[2]}:]`);
        this.position += posix[0].length;
        return posix[1] ? { complementOf: body } : { fragment: body };
      }
    }
    return { char: c.codePointAt(0) as number };
  }
}
