/**
 * Go's `time.ParseDuration`, which CEL's `duration(string)` uses: a sequence of decimal numbers, each
 * with an optional fraction and a unit (`300ms`, `1.5h`, `2h45m`, `-1.5h`), units ns, us (µs, μs), ms,
 * s, m, h; "0" alone needs no unit. Exact to the nanosecond (bigint), with Go's overflow checks.
 */

const NANOS_PER_UNIT: Readonly<Record<string, bigint>> = {
  ns: 1n,
  us: 1_000n,
  µs: 1_000n, // U+00B5 micro sign
  μs: 1_000n, // U+03BC Greek small letter mu
  ms: 1_000_000n,
  s: 1_000_000_000n,
  m: 60_000_000_000n,
  h: 3_600_000_000_000n,
};

const MAX_MAGNITUDE = 2n ** 63n;

export type DurationParse = { readonly nanos: bigint } | { readonly error: string };

const UNITS_HINT = 'a number with a unit (ns, us, ms, s, m, h), like "1.5s" or "2h45m"';

export function parseGoDuration(text: string): DurationParse {
  const invalid = (why: string): DurationParse => ({
    error: `${JSON.stringify(text)} is not a duration (${why}; expected ${UNITS_HINT})`,
  });
  let rest = text;
  let negative = false;
  if (rest.startsWith('-') || rest.startsWith('+')) {
    negative = rest.startsWith('-');
    rest = rest.slice(1);
  }
  if (rest === '0') return { nanos: 0n };
  if (rest === '') return invalid('empty');

  let total = 0n;
  while (rest !== '') {
    const number = /^([0-9]*)(?:\.([0-9]*))?/.exec(rest);
    const whole = number?.[1] ?? '';
    const fraction = number?.[2];
    if (whole === '' && (fraction === undefined || fraction === '')) return invalid('a number is missing');
    rest = rest.slice(number?.[0].length ?? 0);

    const unitMatch = /^[^0-9.]*/.exec(rest);
    const unitText = unitMatch?.[0] ?? '';
    if (unitText === '') return invalid('missing unit');
    const unit = NANOS_PER_UNIT[unitText];
    if (unit === undefined) return invalid(`unknown unit ${JSON.stringify(unitText)}`);
    rest = rest.slice(unitText.length);

    const wholeValue = whole === '' ? 0n : BigInt(whole);
    if (wholeValue > MAX_MAGNITUDE / unit) return invalid('out of range');
    let value = wholeValue * unit;
    if (fraction) value += fractionInUnit(fraction, unit);
    if (value > MAX_MAGNITUDE) return invalid('out of range');
    total += value;
    if (total > MAX_MAGNITUDE) return invalid('out of range');
  }
  if (negative) return { nanos: -total };
  if (total > MAX_MAGNITUDE - 1n) return invalid('out of range');
  return { nanos: total };
}

/**
 * Go computes the fraction in float64 (`uint64(float64(f) * (float64(unit) / scale))`) after keeping
 * the digits that fit in int64; doing the same keeps `1.0000000001h`-style inputs identical to Go.
 */
function fractionInUnit(digits: string, unit: bigint): bigint {
  let f = 0n;
  let scale = 1;
  let overflow = false;
  for (const digit of digits) {
    if (overflow) continue;
    if (f > (MAX_MAGNITUDE - 1n) / 10n) {
      overflow = true;
      continue;
    }
    const next = f * 10n + BigInt(digit);
    if (next > MAX_MAGNITUDE) {
      overflow = true;
      continue;
    }
    f = next;
    scale *= 10;
  }
  if (f === 0n) return 0n;
  return BigInt(Math.trunc(Number(f) * (Number(unit) / scale)));
}

/** CEL's `string(duration)`: seconds with the shortest exact decimal fraction and an `s`, like `1.5s`. */
export function formatDurationAsCelString(nanos: bigint): string {
  const negative = nanos < 0n;
  const magnitude = negative ? -nanos : nanos;
  const seconds = magnitude / 1_000_000_000n;
  const fraction = (magnitude % 1_000_000_000n).toString().padStart(9, '0').replace(/0+$/, '');
  return `${negative ? '-' : ''}${seconds}${fraction ? `.${fraction}` : ''}s`;
}
