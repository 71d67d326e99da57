import assert from 'node:assert/strict';
import {
  CelDuration,
  CelError,
  CelList,
  CelMap,
  type CelResult,
  CelUint,
  evaluateCelExpression,
} from '../../server/src/analysis/cel';

/** A plain rendering of a CEL result for deepEqual: lists as arrays, maps as objects, errors tagged. */
function plain(value: CelResult): unknown {
  if (value instanceof CelError) return { error: value.message };
  if (value instanceof CelList) return [...value].map(plain);
  if (value instanceof CelMap) {
    return Object.fromEntries([...value.keys()].map((key) => [String(key), plain(value.get(key) ?? null)]));
  }
  if (value instanceof CelUint) return { uint: value.value };
  if (value instanceof CelDuration) return { nanos: value.nanos };
  return value;
}

function run(source: string, self: unknown = null): unknown {
  return plain(evaluateCelExpression(source, self));
}

function errorOf(source: string, self: unknown = null): string {
  const result = evaluateCelExpression(source, self);
  assert.ok(result instanceof CelError, `expected an error from ${source}, got ${String(plain(result))}`);
  return result.message;
}

describe('CEL evaluator', () => {
  describe('arithmetic', () => {
    it('computes int, uint and double arithmetic with CEL precedence', () => {
      assert.equal(run('1 + 2 * 3 - 4'), 3n);
      assert.deepEqual(run('2u * 3u + 1u'), { uint: 7n });
      assert.equal(run('1.5 * 2.0'), 3);
      assert.equal(run('"ab" + "cd"'), 'abcd');
      assert.deepEqual(run('[1] + [2, 3]'), [1n, 2n, 3n]);
    });

    it('truncates int division toward zero and keeps the dividend sign for %', () => {
      assert.equal(run('-7 / 2'), -3n);
      assert.equal(run('-7 % 2'), -1n);
      assert.equal(run('7 % -2'), 1n);
    });

    it('reports overflow, division by zero and modulus by zero as errors', () => {
      assert.equal(errorOf('9223372036854775807 + 1'), 'integer overflow');
      assert.equal(errorOf('-9223372036854775808 - 1'), 'integer overflow');
      assert.equal(errorOf('-(-9223372036854775808)'), 'integer overflow');
      assert.equal(errorOf('0u - 1u'), 'integer overflow');
      assert.equal(errorOf('1 / 0'), 'division by zero');
      assert.equal(errorOf('1 % 0'), 'modulus by zero');
      assert.equal(run('1.0 / 0.0'), Infinity);
    });

    it('does not mix numeric types in arithmetic', () => {
      assert.match(errorOf('1 + 1.0'), /no such overload: _\+_\(int, double\)/);
      assert.match(errorOf('1 + 1u'), /no such overload/);
      assert.match(errorOf('1.5 % 1.0'), /no such overload/);
      assert.match(errorOf('"a" - "b"'), /no such overload/);
    });
  });

  describe('comparison', () => {
    it('compares int, uint and double with each other, an integer meeting a double as a double (cel-go)', () => {
      assert.equal(run('1 == 1.0'), true);
      assert.equal(run('1u == 1'), true);
      assert.equal(run('1 < 1.5'), true);
      assert.equal(run('2 > 1.5'), true);
      assert.equal(run('-1 < 0u'), true);
      // Conformance comparisons/*_lossy_double: beyond 2^53 the integer is rounded to a double first.
      assert.equal(run('9007199254740993 > 9007199254740992.0'), false);
      assert.equal(run('9007199254740993 == 9007199254740992.0'), true);
      assert.equal(run('dyn(9223372036854775807) < 9223372036854775808.0'), false);
      assert.equal(run('18446744073709551615u >= 18446744073709551616.0'), true);
      assert.equal(run('1.0 / 0.0 > 9223372036854775807'), true);
    });

    it('treats NaN as unordered and unequal', () => {
      assert.equal(run('0.0 / 0.0 == 0.0 / 0.0'), false);
      assert.equal(run('0.0 / 0.0 < 1'), false);
      assert.equal(run('0.0 / 0.0 >= 1'), false);
    });

    it('uses heterogeneous equality: different types are unequal, not an error', () => {
      assert.equal(run('1 == "1"'), false);
      assert.equal(run('null == null'), true);
      assert.equal(run('[1, "a"] == [1.0, "a"]'), true);
      assert.equal(run('{"a": 1} == {"a": 1.0}'), true);
      assert.equal(run('{"a": 1} != {"a": 2}'), true);
      assert.equal(run('self == {"x": [1]}', { x: [1] }), true);
    });

    it('orders strings by code point, bools and durations', () => {
      assert.equal(run('"a" < "b"'), true);
      assert.equal(run('"\\uffff" < "\\U0001F600"'), true);
      assert.equal(run('false < true'), true);
      assert.equal(run("duration('1s') > duration('999ms')"), true);
      assert.match(errorOf('"a" < 1'), /no such overload: _<_\(string, int\)/);
      assert.match(errorOf('[1] < [2]'), /no such overload/);
    });

    it('tests membership with in for lists and map keys', () => {
      assert.equal(run('"http" in ["http", "https"]'), true);
      assert.equal(run('1 in [1.0]'), true);
      assert.equal(run('"a" in {"a": 1}'), true);
      assert.equal(run('"b" in self', { a: 1 }), false);
      assert.match(errorOf('1 in "abc"'), /no such overload/);
    });
  });

  describe('logic', () => {
    it('absorbs an error on either side of && and || when the other side decides', () => {
      assert.equal(run('false && 1 / 0 > 0'), false);
      assert.equal(run('1 / 0 > 0 && false'), false);
      assert.equal(run('true || self.missing'), true);
      assert.equal(run('self.missing || true', {}), true);
      assert.equal(errorOf('self.missing && true', {}), 'no such key: missing');
      assert.equal(errorOf('false || 1 / 0 > 0'), 'division by zero');
    });

    it('treats a non-bool operand of && and || like an error', () => {
      assert.equal(run('1 && false'), false);
      assert.match(errorOf('1 && true'), /no such overload: _&&_\(int, bool\)/);
    });

    it('evaluates only the chosen branch of a ternary', () => {
      assert.equal(run('true ? 1 : 1 / 0'), 1n);
      assert.equal(run('false ? 1 / 0 : 2'), 2n);
      assert.match(errorOf('1 ? 2 : 3'), /no such overload/);
      assert.equal(errorOf('self.x ? 2 : 3', {}), 'no such key: x');
    });

    it('negates bools only', () => {
      assert.equal(run('!false'), true);
      assert.equal(run('!!true'), true);
      assert.match(errorOf('!1'), /no such overload: !_\(int\)/);
    });
  });

  describe('fields, has() and indexing', () => {
    const self = { a: { b: 1, n: null }, list: ['x', 'y'], 'dotted.key': true };

    it('selects fields and reports missing ones as "no such key"', () => {
      assert.equal(run('self.a.b', self), 1n);
      assert.equal(errorOf('self.a.c', self), 'no such key: c');
      assert.match(errorOf('self.list.x', self), /type 'list' does not support field selection/);
    });

    it('finds a null value in a map literal, by selection and by index', () => {
      // Conformance fields/map_fields/map_value_null: null is a value, not a missing key.
      assert.equal(run('{true: null}[true]'), null);
      assert.equal(run("{'a': null}.a"), null);
      assert.equal(errorOf("{'a': null}.b"), 'no such key: b');
    });

    it('tests presence with has(), and errors when an intermediate field is missing', () => {
      assert.equal(run('has(self.a)', self), true);
      assert.equal(run('has(self.zzz)', self), false);
      assert.equal(run('has(self.a.b)', self), true);
      assert.equal(errorOf('has(self.zzz.b)', self), 'no such key: zzz');
      assert.equal(run('has(self.zzz) && has(self.zzz.b)', self), false);
    });

    it('resolves Kubernetes-escaped property names', () => {
      const target = { namespace: 'bookinfo', 'x-header': 'a', 'a.b': 'b', 'c/d': 'c', e__f: 'd' };
      assert.equal(run('self.__namespace__', target), 'bookinfo');
      assert.equal(run('self.x__dash__header', target), 'a');
      assert.equal(run('self.a__dot__b + self.c__slash__d + self.e__underscores__f', target), 'bcd');
      assert.equal(run('has(self.__namespace__)', target), true);
      assert.equal(run('has(self.__namespace__)', {}), false);
      assert.equal(errorOf('self.no__dash__such', target), 'no such key: no__dash__such');
    });

    it('treats null-valued fields as absent, as the API server prunes them', () => {
      assert.equal(run('has(self.a.n)', self), false);
      assert.equal(run('self.a.size()', self), 1n);
    });

    it('indexes lists and maps', () => {
      assert.equal(run('self.list[1]', self), 'y');
      assert.equal(run('self.list[1u]', self), 'y');
      assert.equal(run('self["dotted.key"]', self), true);
      assert.equal(errorOf('self.list[2]', self), 'index out of range: 2');
      assert.equal(errorOf('self.list[-1]', self), 'index out of range: -1');
      assert.equal(errorOf('self["nope"]', self), 'no such key: "nope"');
      assert.equal(run('{1: "one"}[1u]'), 'one');
      assert.equal(run('{1: "one"}[1.0]'), 'one');
      assert.match(errorOf('{1.5: "x"}'), /unsupported map key type: double/);
      assert.match(errorOf('{"a": 1, "a": 2}'), /repeated map key: "a"/);
    });
  });

  describe('comprehensions', () => {
    it('all() is false as soon as one element is false, even if another errors', () => {
      assert.equal(run('[1, 2, 3].all(x, x > 0)'), true);
      assert.equal(run('[0, "a"].all(x, x > 0)'), false);
      assert.equal(run('["a", 0].all(x, x > 0)'), false);
      assert.match(errorOf('["a", 1].all(x, x > 0)'), /no such overload/);
      assert.equal(run('[].all(x, false)'), true);
    });

    it('exists() is true as soon as one element is true, even if another errors', () => {
      assert.equal(run('["a", 1].exists(x, x > 0)'), true);
      assert.equal(run('[0].exists(x, x > 0)'), false);
      assert.match(errorOf('["a", 0].exists(x, x > 0)'), /no such overload/);
    });

    it('exists_one() counts exactly one match and propagates errors', () => {
      assert.equal(run('[1, 2, 1].exists_one(x, x == 2)'), true);
      assert.equal(run('[1, 2, 1].exists_one(x, x == 1)'), false);
      assert.match(errorOf('["a", 1].exists_one(x, x > 0)'), /no such overload/);
    });

    it('iterates over map keys', () => {
      assert.equal(run('self.all(k, k.startsWith("x"))', { xa: 1, xb: 2 }), true);
      assert.deepEqual(run('self.map(k, k + "!")', { a: 1, b: 2 }), ['a!', 'b!']);
    });

    it('supports map() with and without a filter, and filter()', () => {
      assert.deepEqual(run('[1, 2, 3].map(x, x * 10)'), [10n, 20n, 30n]);
      assert.deepEqual(run('[1, 2, 3].map(x, x > 1, x * 10)'), [20n, 30n]);
      assert.deepEqual(run('[1, 2, 3].filter(x, x % 2 == 1)'), [1n, 3n]);
    });

    it('scopes nested variables and shadows outer ones', () => {
      assert.equal(run('self.all(l1, self.exists_one(l2, l1.n == l2.n))', [{ n: 1 }, { n: 2 }]), true);
      assert.equal(run('self.all(l1, self.exists_one(l2, l1.n == l2.n))', [{ n: 1 }, { n: 1 }]), false);
      assert.deepEqual(run('[1].map(x, [2].map(x, x))'), [[2n]]);
    });

    it('rejects iterating over scalars', () => {
      assert.match(errorOf('self.all(x, true)', 'str'), /all\(\) cannot iterate over type 'string'/);
    });
  });

  describe('functions', () => {
    it('computes size() in both forms, counting code points', () => {
      assert.equal(run('size("héllo😀")'), 6n);
      assert.equal(run('"abc".size()'), 3n);
      assert.equal(run('self.size()', [1, 2]), 2n);
      assert.equal(run('size(self)', { a: 1, b: 2 }), 2n);
      assert.match(errorOf('size(1)'), /no such overload: size\(int\)/);
    });

    it('implements contains, startsWith, endsWith', () => {
      assert.equal(run('"10.0.0.0/8".contains("/")'), true);
      assert.equal(run('"unix:///tmp/s".startsWith("unix://")'), true);
      assert.equal(run('"dir/".endsWith("/")'), true);
      assert.match(errorOf('"a".contains(1)'), /no such overload: contains\(string, int\)/);
    });

    it('implements substring with code point indices and range errors', () => {
      assert.equal(run('"tacocat".substring(4)'), 'cat');
      assert.equal(run('"tacocat".substring(0, 4)'), 'taco');
      assert.equal(run('"😀ab".substring(1, 2)'), 'a');
      assert.equal(run('"abc".substring(3, 3)'), '');
      assert.equal(errorOf('"unix://".substring(7, 8)'), 'index out of range: 8');
      assert.equal(errorOf('"abc".substring(-1)'), 'index out of range: -1');
      assert.equal(errorOf('"abc".substring(2, 1)'), 'invalid substring range. start: 2, end: 1');
      // Conformance string_ext/type_errors/substring_ternary_invalid_argument.
      assert.match(
        errorOf("'hello'.substring(1, 2, 3)"),
        /no such overload: substring\(string, int, int, int\)/,
      );
    });

    it('implements lowerAscii, upperAscii and trim', () => {
      assert.equal(run('"TacoCÆt".lowerAscii()'), 'tacocÆt');
      assert.equal(run('"tacoçat".upperAscii()'), 'TACOçAT');
      assert.equal(run('" \\t trim\\n ".trim()'), 'trim');
    });

    it('implements matches in both forms with RE2 semantics', () => {
      assert.equal(run('"abc".matches("^a.c$")'), true);
      assert.equal(run('matches("xabcx", "b")'), true);
      assert.equal(run('"a\\rc".matches("^a.c$")'), true);
      assert.match(errorOf('"a".matches("(a")'), /invalid regular expression/);
    });

    it('converts with int(), uint(), double(), string() and bool()', () => {
      assert.equal(run('int("443")'), 443n);
      assert.equal(run('int("-5")'), -5n);
      assert.equal(run('int(2.9)'), 2n);
      assert.equal(run('int(-2.9)'), -2n);
      assert.equal(run('int(5u)'), 5n);
      assert.equal(errorOf('int("abc")'), '"abc" is not an integer');
      assert.equal(errorOf('int(" 1")'), '" 1" is not an integer');
      assert.match(errorOf('int("9223372036854775808")'), /out of the range of int/);
      assert.match(errorOf('int(1e19)'), /out of the range of int/);
      assert.deepEqual(run('uint(3)'), { uint: 3n });
      assert.match(errorOf('uint(-1)'), /out of the range of uint/);
      // cel-go's bounds: any negative double is out of uint's range; -2^63 is out of int's
      // (conformance conversions/int/double_int_min_range).
      assert.match(errorOf('uint(-0.5)'), /out of the range of uint/);
      assert.match(errorOf('int(-9223372036854775808.0)'), /out of the range of int/);
      assert.equal(run('double("1.5e2")'), 150);
      assert.equal(run('double(3)'), 3);
      assert.equal(run('string(42)'), '42');
      assert.equal(run('string(1.5)'), '1.5');
      assert.equal(run('string(1000000.0)'), '1e+06');
      assert.equal(run('string(0.00001)'), '1e-05');
      assert.equal(run('string(true)'), 'true');
      assert.equal(run("string(duration('1m30s'))"), '90s');
      assert.equal(run("string(duration('1.5ms'))"), '0.0015s');
      assert.equal(run('bool("true")'), true);
      assert.equal(errorOf('bool("yes")'), '"yes" is not a bool');
      assert.match(errorOf('string([1])'), /no such overload: string\(list\)/);
    });

    it('builds durations and compares them', () => {
      assert.deepEqual(run("duration('2h45m')"), { nanos: 9_900_000_000_000n });
      assert.equal(run("duration('0.5ms') >= duration('1ms')"), false);
      assert.equal(run("duration('1ms') >= duration('1ms')"), true);
      assert.deepEqual(run("duration('1s') + duration('1ms')"), { nanos: 1_001_000_000n });
      assert.deepEqual(run("-duration('1s')"), { nanos: -1_000_000_000n });
      assert.match(errorOf("duration('5x')"), /"5x" is not a duration \(unknown unit "x"/);
      assert.match(errorOf('duration(5)'), /no such overload: duration\(int\)/);
    });

    it('works on URLs as the Kubernetes URL library does', () => {
      assert.equal(run('url("https://example.com:80/p").getScheme()'), 'https');
      assert.equal(run('url("https://example.com:80/p").getHost()'), 'example.com:80');
      assert.equal(run('url("https://[::1]:80/").getHostname()'), '::1');
      assert.equal(run('url("https://example.com:80/").getPort()'), '80');
      assert.equal(run('url("/absolute-path").getScheme()'), '');
      assert.equal(run('url("https://example.com/a%20b").getEscapedPath()'), '/a%20b');
      assert.deepEqual(run('url("https://e.com/?k=a&k=b&j=c+d").getQuery()'), { k: ['a', 'b'], j: ['c d'] });
      assert.equal(run('isURL("../relative-path")'), false);
      assert.match(errorOf('url("example.com/x")'), /"example.com\/x" is not a URL: invalid URI for request/);
      assert.match(errorOf('isURL(1)'), /no such overload: isURL\(int\)/);
      assert.match(errorOf('"x".getScheme()'), /no such overload: getScheme\(string\)/);
    });

    it('passes dyn() through', () => {
      assert.equal(run('dyn(1) == 1'), true);
    });
  });

  describe('unsupported expressions', () => {
    it('refuses unknown functions and variables at compile time', () => {
      assert.match(errorOf('self.frobnicate()', 'x'), /function \.frobnicate\(\) is not supported/);
      assert.match(errorOf('oldSelf == self'), /undeclared reference to 'oldSelf'/);
      assert.match(errorOf('"a".matches("(?=a)")'), /regular expression "\(\?=a\)"/);
    });

    it('reports a syntax error as a problem, not an exception', () => {
      assert.match(errorOf('self +'), /syntax error: unexpected end of expression/);
    });
  });
});
