import assert from 'node:assert/strict';
import { CelSyntaxError, tokenize } from '../../server/src/analysis/cel';

function kinds(source: string): string[] {
  return tokenize(source).map((t) => `${t.kind}:${t.text}`);
}

function stringValue(source: string): string {
  const [token] = tokenize(source);
  assert.equal(token?.kind, 'string', `expected a string token for ${source}`);
  return token.text;
}

function syntaxError(source: string): CelSyntaxError {
  try {
    tokenize(source);
  } catch (error) {
    if (error instanceof CelSyntaxError) return error;
    throw error;
  }
  assert.fail(`expected a syntax error for ${source}`);
}

describe('CEL lexer', () => {
  it('splits identifiers, keywords and two-character operators', () => {
    assert.deepEqual(kinds('a.b_1 <= 2 && !c in d || e != f'), [
      'ident:a',
      'punct:.',
      'ident:b_1',
      'punct:<=',
      'int:2',
      'punct:&&',
      'punct:!',
      'ident:c',
      'ident:in',
      'ident:d',
      'punct:||',
      'ident:e',
      'punct:!=',
      'ident:f',
      'eof:',
    ]);
  });

  it('records each token offset and skips // comments', () => {
    const tokens = tokenize('a // note\n  + b');
    assert.deepEqual(
      tokens.map((t) => [t.text, t.offset]),
      [
        ['a', 0],
        ['+', 12],
        ['b', 14],
        ['', 15],
      ],
    );
  });

  it('reads int, hex, uint and double literals', () => {
    const tokens = tokenize('42 0x1F 7u 0xFFu 1.5 .5 1e3 2.5E-2');
    assert.deepEqual(
      tokens.slice(0, -1).map((t) => [t.kind, t.integer ?? t.double]),
      [
        ['int', 42n],
        ['int', 31n],
        ['uint', 7n],
        ['uint', 255n],
        ['double', 1.5],
        ['double', 0.5],
        ['double', 1000],
        ['double', 0.025],
      ],
    );
  });

  it('decodes every CEL escape in quoted strings', () => {
    assert.equal(stringValue(String.raw`"a\tb\nc\\d\"e\'f\?\`"`), 'a\tb\nc\\d"e\'f?`');
    assert.equal(stringValue(String.raw`'\a\b\f\r\v'`), '\x07\b\f\r\v');
    assert.equal(stringValue(String.raw`"\x41\X42\u00e9\U0001F600\101"`), 'ABé😀A');
  });

  it('reads single, double, triple-quoted and raw strings', () => {
    assert.equal(stringValue(`'it"s'`), 'it"s');
    assert.equal(stringValue(`"it's"`), "it's");
    assert.equal(stringValue(`"""two\nlines "quoted" """`), 'two\nlines "quoted" ');
    assert.equal(stringValue(`'''a'b'''`), "a'b");
    assert.equal(stringValue(String.raw`r"\d+\n"`), String.raw`\d+\n`);
    assert.equal(stringValue(String.raw`R'\.'`), String.raw`\.`);
  });

  it('rejects malformed strings with the offset of the problem', () => {
    assert.equal(syntaxError('"abc').reason, 'unterminated string literal');
    assert.equal(syntaxError('x + "a\nb"').offset, 6);
    assert.match(syntaxError(String.raw`"\q"`).reason, /invalid escape sequence \\q/);
    assert.match(syntaxError(String.raw`"\uD800"`).reason, /invalid code point/);
    assert.match(syntaxError(`b"bytes"`).reason, /bytes literals are not supported/);
  });

  it('rejects characters CEL does not use', () => {
    const error = syntaxError('a # b');
    assert.equal(error.offset, 2);
    assert.match(error.reason, /unexpected character "#"/);
  });
});
