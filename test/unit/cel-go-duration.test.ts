import assert from 'node:assert/strict';
import { CelError, evaluateCelExpression } from '../../server/src/analysis/cel';

const SECOND = 1_000_000_000n;
const MINUTE = 60n * SECOND;
const HOUR = 60n * MINUTE;
const MS = 1_000_000n;

/** duration(text) in nanoseconds, through CEL's own int(duration) conversion. */
function nanos(text: string): bigint | string {
  const result = evaluateCelExpression('int(duration(self))', text);
  if (result instanceof CelError) return result.message;
  assert.equal(typeof result, 'bigint');
  return result as bigint;
}

describe('CEL duration() (Go time.ParseDuration)', () => {
  // Cases from Go's own time package tests, so we accept and reject exactly what the API server does.
  const valid: readonly [string, bigint][] = [
    ['0', 0n],
    ['5s', 5n * SECOND],
    ['-5s', -5n * SECOND],
    ['+5s', 5n * SECOND],
    ['-0', 0n],
    ['5.6s', 5n * SECOND + 600n * MS],
    ['5.s', 5n * SECOND],
    ['.5s', 500n * MS],
    ['1.004s', SECOND + 4n * MS],
    ['100.00100s', 100n * SECOND + MS],
    ['10ns', 10n],
    ['11us', 11_000n],
    ['12µs', 12_000n],
    ['12μs', 12_000n],
    ['13ms', 13n * MS],
    ['15m', 15n * MINUTE],
    ['16h', 16n * HOUR],
    ['1.5h', 90n * MINUTE],
    ['-1.5h', -90n * MINUTE],
    ['2h45m', 2n * HOUR + 45n * MINUTE],
    ['10.5s4m', 4n * MINUTE + 10n * SECOND + 500n * MS],
    ['-2m3.4s', -(2n * MINUTE + 3n * SECOND + 400n * MS)],
    ['1h2m3s4ms5us6ns', HOUR + 2n * MINUTE + 3n * SECOND + 4n * MS + 5_000n + 6n],
    ['9007199254740993ns', 9007199254740993n],
    ['9223372036854775807ns', 2n ** 63n - 1n],
    ['9223372036s854ms775us807ns', 2n ** 63n - 1n],
    ['-9223372036854775808ns', -(2n ** 63n)],
    ['-9223372036854775.808us', -(2n ** 63n)],
    ['-2562047h47m16.854775808s', -(2n ** 63n)],
    ['0.3333333333333333333h', 20n * MINUTE],
    ['0.100000000000000000000h', 6n * MINUTE],
    ['0.830103483285477580700h', 49n * MINUTE + 48n * SECOND + 372_539_827n],
  ];
  for (const [text, expected] of valid) {
    it(`parses ${JSON.stringify(text)}`, () => assert.equal(nanos(text), expected));
  }

  const invalid: readonly [string, RegExp][] = [
    ['', /empty/],
    ['3', /missing unit/],
    ['-', /empty/],
    ['s', /a number is missing/],
    ['.', /a number is missing/],
    ['-.', /a number is missing/],
    ['.s', /a number is missing/],
    ['1d', /unknown unit "d"/],
    ['5x', /unknown unit "x"/],
    ['1 s', /unknown unit " s"/],
    ['\uFFFD', /a number is missing/],
    ['9223372036854775808ns', /out of range/],
    ['-9223372036854775809ns', /out of range/],
    ['9223372036854776us', /out of range/],
    ['3000000h', /out of range/],
    ['9223372036854775.808us', /out of range/],
    ['9223372036854ms775us808ns', /out of range/],
  ];
  for (const [text, reason] of invalid) {
    it(`rejects ${JSON.stringify(text)} with the reason`, () => {
      const message = nanos(text);
      assert.equal(typeof message, 'string');
      assert.match(message as string, reason);
      assert.ok((message as string).startsWith(`${JSON.stringify(text)} is not a duration`));
    });
  }

  it('tells how to write a duration when one is invalid', () => {
    assert.match(String(nanos('5x')), /expected a number with a unit \(ns, us, ms, s, m, h\), like "1\.5s"/);
  });
});
