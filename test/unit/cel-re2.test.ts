import assert from 'node:assert/strict';
import { CelError, evaluateCelExpression } from '../../server/src/analysis/cel';

/** `text.matches(pattern)` through CEL; the pattern comes from data so no CEL escaping is involved. */
function matches(text: string, pattern: string): boolean | string {
  const result = evaluateCelExpression('self.text.matches(self.pattern)', { text, pattern });
  if (result instanceof CelError) return result.message;
  assert.equal(typeof result, 'boolean');
  return result as boolean;
}

describe('CEL matches() (RE2 translated to JavaScript)', () => {
  it('searches anywhere unless the pattern is anchored', () => {
    assert.equal(matches('xabcx', 'abc'), true);
    assert.equal(matches('xabcx', '^abc$'), false);
    assert.equal(matches('abc', '^abc$'), true);
    assert.equal(matches('anything', ''), true);
  });

  it('lets . match \\r but not \\n, and everything with (?s)', () => {
    assert.equal(matches('a\rb', '^a.b$'), true);
    assert.equal(matches('a\u2028b', '^a.b$'), true);
    assert.equal(matches('a\nb', '^a.b$'), false);
    assert.equal(matches('a\nb', '(?s)^a.b$'), true);
  });

  it('matches . and classes by code point', () => {
    assert.equal(matches('😀', '^.$'), true);
    assert.equal(matches('é', '^\\pL$'), true);
    assert.equal(matches('α', '^\\p{Greek}$'), true);
    assert.equal(matches('a', '^\\PL$'), false);
  });

  it('keeps \\s to the ASCII whitespace RE2 defines', () => {
    assert.equal(matches(' \t\n\f\r', '^\\s+$'), true);
    assert.equal(matches('\v', '\\s'), false);
    assert.equal(matches('\u00a0', '\\s'), false);
    assert.equal(matches('\u00a0', '^\\S$'), true);
    assert.equal(matches('x', '^[\\S]$'), true);
    assert.equal(matches(' ', '^[\\S]$'), false);
    assert.equal(matches(' ', '^[^\\S]$'), true);
    assert.equal(matches('x', '^[^\\S]$'), false);
  });

  it('accepts escaped punctuation and lone braces and brackets that JS u-mode rejects', () => {
    assert.equal(matches('a-b', '^a\\-b$'), true);
    assert.equal(matches('a_b', '^a\\_b$'), true);
    assert.equal(matches('a{', '^a{$'), true);
    assert.equal(matches('a{,2}', '^a{,2}$'), true);
    assert.equal(matches('}]', '^}]$'), true);
    assert.equal(matches('a.b', '^a\\.b$'), true);
    assert.equal(matches('a/b', '^a/b$'), true);
  });

  it('translates RE2-only syntax', () => {
    assert.equal(matches('abc', '\\Aabc\\z'), true);
    assert.equal(matches('abc\n', '\\Aabc\\z'), false);
    assert.equal(matches('a.*b', '^\\Qa.*b\\E$'), true);
    assert.equal(matches('aXb', '^\\Qa.*b\\E$'), false);
    assert.equal(matches('ab', '^(?P<first>a)b$'), true);
    assert.equal(matches('ABC', '(?i)^abc$'), true);
    assert.equal(matches('A', '\\x{41}'), true);
    assert.equal(matches('A', '\\101'), true);
    assert.equal(matches('\x07', '\\a'), true);
  });

  it('supports POSIX classes, including negated ones', () => {
    assert.equal(matches('abcXYZ', '^[[:alpha:]]+$'), true);
    assert.equal(matches('ab1', '^[[:alpha:]]+$'), false);
    assert.equal(matches('ab', '^[[:^digit:]]+$'), true);
    assert.equal(matches('a1', '^[[:^digit:]]+$'), false);
    assert.equal(matches('-', '^[[:punct:]]$'), true);
  });

  it('treats ] first in a class as a literal', () => {
    assert.equal(matches(']', '^[]a]$'), true);
    assert.equal(matches('b', '^[^]a]$'), true);
    assert.equal(matches(']', '^[^]a]$'), false);
  });

  it('ends (?m) lines at \\n only, as RE2 does', () => {
    assert.equal(matches('x\nabc', '(?m)^abc$'), true);
    assert.equal(matches('x\rabc', '(?m)^abc$'), false);
  });

  it('supports bounded repetition up to RE2 limit', () => {
    assert.equal(matches('aaa', '^a{2,3}$'), true);
    assert.equal(matches('aaaa', '^a{2,3}$'), false);
    assert.match(String(matches('a', 'a{1001}')), /invalid repeat count/);
  });

  it('rejects what RE2 rejects and what JS cannot express', () => {
    assert.match(String(matches('aa', '(a)\\1')), /backreferences are not supported/);
    assert.match(String(matches('a', '(?=a)')), /invalid or unsupported Perl syntax/);
    assert.match(String(matches('a', '[a')), /missing closing \]/);
    assert.match(String(matches('a', 'a\\')), /trailing backslash/);
    assert.match(String(matches('a', '\\m')), /invalid escape sequence: \\m/);
    assert.match(String(matches('a', 'a(?i)b')), /inline flags are supported only at the start/);
    assert.match(String(matches('a', '(?U)a+')), /ungreedy flag/);
    assert.match(String(matches('a', '[z-a]')), /invalid character class range/);
    assert.match(String(matches('a', 'a**')), /invalid regular expression/);
  });
});
