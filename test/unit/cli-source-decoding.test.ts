import assert from 'node:assert/strict';
import { decodeSource, firstInvalidUtf8 } from '../../server/src/cli/source-decoding';

const URI = 'file:///work/x.yaml';
const bytes = (...parts: (string | number[])[]): Buffer =>
  Buffer.concat(
    parts.map((part) => (typeof part === 'string' ? Buffer.from(part, 'utf8') : Buffer.from(part))),
  );

function problemOf(input: Buffer): { message: string; start: { line: number; character: number } } {
  const decoded = decodeSource(input, URI);
  assert.ok('problem' in decoded, 'expected a problem');
  assert.equal(decoded.problem.code, 'MESH001');
  assert.equal(decoded.problem.severity, 'error');
  assert.equal(decoded.problem.uri, URI);
  assert.equal(decoded.problem.range.end.character, decoded.problem.range.start.character + 1);
  return { message: decoded.problem.message, start: decoded.problem.range.start };
}

describe('cli input: decodeSource', () => {
  it('decodes UTF-8, multi-byte characters included', () => {
    assert.deepEqual(decodeSource(bytes('name: café ✓ 🚀\n'), URI), { text: 'name: café ✓ 🚀\n' });
  });

  it('drops a UTF-8 byte-order mark, so positions match the editor', () => {
    assert.deepEqual(decodeSource(bytes([0xef, 0xbb, 0xbf], 'a: 1\n'), URI), { text: 'a: 1\n' });
  });

  it('decodes UTF-16 with a byte-order mark, both byte orders', () => {
    const text = 'kind: Gateway\n';
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    const be = Buffer.from(le.subarray(2)).swap16();
    assert.deepEqual(decodeSource(le, URI), { text });
    assert.deepEqual(decodeSource(Buffer.concat([Buffer.from([0xfe, 0xff]), be]), URI), { text });
  });

  it('reports a binary file at its first NUL byte', () => {
    const problem = problemOf(bytes('a: 1\nb: x', [0x00, 0x01], 'rest'));
    assert.deepEqual(problem.start, { line: 1, character: 4 });
    assert.match(problem.message, /^binary file, not YAML text/);
  });

  it('reports invalid UTF-8 at the first bad byte, in UTF-16 columns', () => {
    // `name: ` is 6 code units and `🚀` two more: the bad byte after them is at character 8 on line 1.
    const problem = problemOf(bytes('a: 1\nname: 🚀', [0xe9], 'x\n'));
    assert.deepEqual(problem.start, { line: 1, character: 8 });
    assert.match(
      problem.message,
      /^not UTF-8 text \(byte 0xE9 here is not valid UTF-8\); save the file as UTF-8/,
    );
  });

  it('reports a UTF-16 file that holds invalid code units', () => {
    // A lone high surrogate (0xD800) followed by a regular character.
    const problem = problemOf(Buffer.from([0xff, 0xfe, 0x00, 0xd8, 0x41, 0x00]));
    assert.deepEqual(problem.start, { line: 0, character: 0 });
    assert.match(problem.message, /not valid UTF-16LE text/);
  });

  it('handles an empty file', () => {
    assert.deepEqual(decodeSource(Buffer.alloc(0), URI), { text: '' });
  });
});

describe('cli input: firstInvalidUtf8', () => {
  const cases: [string, number[], number][] = [
    ['valid ASCII', [0x61, 0x62], -1],
    ['valid 2, 3 and 4-byte sequences', [0xc3, 0xa9, 0xe2, 0x9c, 0x93, 0xf0, 0x9f, 0x9a, 0x80], -1],
    ['a lone continuation byte', [0x61, 0x80], 1],
    ['an overlong 2-byte form', [0xc0, 0xaf], 0],
    ['an overlong 3-byte form', [0x61, 0xe0, 0x80, 0xaf], 1],
    ['a UTF-16 surrogate', [0xed, 0xa0, 0x80], 0],
    ['a code point above U+10FFFF', [0xf4, 0x90, 0x80, 0x80], 0],
    ['a sequence cut by the end of the file', [0x61, 0x62, 0xe2, 0x9c], 2],
    ['a Latin-1 byte', [0x63, 0x61, 0x66, 0xe9], 3],
  ];
  for (const [name, input, expected] of cases) {
    it(`finds ${name} at ${expected}`, () => {
      assert.equal(firstInvalidUtf8(Uint8Array.from(input)), expected);
    });
  }
});
