/**
 * Character classes for the RE2 -> JavaScript translation (re2-regexp.ts): RE2's ASCII definitions
 * of `\s` and the POSIX classes, and the emission of a bracket expression as JS `u`-mode syntax.
 * Class bodies are JS class syntax with every literal escaped, so they can be concatenated safely.
 */

/** RE2's `\s`: only these five, unlike JS `\s` which adds `\v` and Unicode spaces. */
export const RE2_WHITESPACE = '\\t\\n\\f\\r ';

/** The POSIX classes RE2 accepts inside brackets (`[[:alpha:]]`), all ASCII. */
export const POSIX_CLASSES: Readonly<Record<string, string>> = {
  alnum: '0-9A-Za-z',
  alpha: 'A-Za-z',
  ascii: '\\x00-\\x7f',
  blank: '\\t ',
  cntrl: '\\x00-\\x1f\\x7f',
  digit: '0-9',
  graph: '\\x21-\\x7e',
  lower: 'a-z',
  print: '\\x20-\\x7e',
  punct: '\\x21-\\x2f\\x3a-\\x40\\x5b-\\x60\\x7b-\\x7e',
  space: '\\x09-\\x0d ',
  upper: 'A-Z',
  word: '0-9A-Za-z_',
  xdigit: '0-9A-Fa-f',
};

/** Unicode general categories RE2 knows by name; any other `\p{Name}` is a script. */
export const GENERAL_CATEGORIES: ReadonlySet<string> = new Set(
  'C Cc Cf Co Cs L Ll Lm Lo Lt Lu M Mc Me Mn N Nd Nl No P Pc Pd Pe Pf Pi Po Ps S Sc Sk Sm So Z Zl Zp Zs'.split(
    ' ',
  ),
);

export function hexEscape(codePoint: number): string {
  return `\\u{${codePoint.toString(16)}}`;
}

/** One member of a bracket expression: a code point, a JS class body, or the complement of one. */
export type ClassItem =
  { readonly char: number } | { readonly fragment: string } | { readonly complementOf: string };

/**
 * JS classes cannot contain the complement of another class (RE2's `[\S]`, `[[:^alpha:]]`), so a class
 * with complements becomes an alternation (or, negated, a chain of lookaheads) over plain classes.
 */
export function emitClass(negated: boolean, items: readonly ClassItem[]): string {
  let positive = '';
  const complements: string[] = [];
  for (const item of items) {
    if ('char' in item) positive += hexEscape(item.char);
    else if ('fragment' in item) positive += item.fragment;
    else complements.push(item.complementOf);
  }
  if (complements.length === 0) return `[${negated ? '^' : ''}${positive}]`;
  if (!negated) {
    const alternatives = complements.map((body) => `[^${body}]`);
    if (positive !== '') alternatives.unshift(`[${positive}]`);
    return `(?:${alternatives.join('|')})`;
  }
  // Neither in `positive` nor in any complement: inside every complemented set.
  const guards = complements.slice(0, -1).map((body) => `(?=[${body}])`);
  return `(?:${positive !== '' ? `(?![${positive}])` : ''}${guards.join('')}[${complements.at(-1)}])`;
}
