/**
 * The CEL the Gateway API CRDs use beyond Istio's: the strings extension's `split`, Kubernetes' `isIP`,
 * and an RE2 case-insensitive flag right after a leading `^`.
 */
import assert from 'node:assert/strict';
import { CelError, CelList, type CelResult, evaluateCelExpression } from '../../server/src/analysis/cel';

function plain(value: CelResult): unknown {
  if (value instanceof CelError) return { error: value.message };
  if (value instanceof CelList) return [...value].map(plain);
  return value;
}

function run(source: string, self: unknown = null): unknown {
  return plain(evaluateCelExpression(source, self));
}

describe('CEL functions of the Gateway API rules', () => {
  it('split() cuts as Go strings.Split and SplitN do', () => {
    assert.deepEqual(run('"example.com/team".split("/")'), ['example.com', 'team']);
    assert.deepEqual(run('"team".split("/")'), ['team']);
    assert.deepEqual(run('"".split("/")'), ['']);
    assert.deepEqual(run('"a/b/c".split("/", 2)'), ['a', 'b/c']);
    assert.deepEqual(run('"a/b/c".split("/", 0)'), []);
    assert.deepEqual(run('"a/b/c".split("/", -1)'), ['a', 'b', 'c']);
    assert.deepEqual(run('"ab".split("")'), ['a', 'b']);
    assert.equal(run('self.split("/")[0].size() < 253', 'a/b'), true);
    assert.ok((run('"a".split(1)') as { error?: string }).error);
  });

  it('isIP() accepts IPv4 and IPv6 addresses as Kubernetes does', () => {
    for (const address of ['10.0.0.1', '::1', '2001:db8::1', 'fe80::1:2']) {
      assert.equal(run('isIP(self)', address), true, address);
    }
    for (const text of ['example.com', '10.0.0', '010.0.0.1', '10.0.0.1/24', 'fe80::1%eth0', '', '*.a']) {
      assert.equal(run('isIP(self)', text), false, text);
    }
    // IPv4-mapped IPv6 addresses are refused, however written.
    for (const mapped of ['::ffff:10.0.0.1', '::ffff:a00:1', '0:0:0:0:0:ffff:10.0.0.1']) {
      assert.equal(run('isIP(self)', mapped), false, mapped);
    }
    assert.ok((run('isIP(1)') as { error?: string }).error);
  });

  it('matches() takes (?i) right after a leading ^ for the whole pattern', () => {
    const rule = String.raw`self.matches(r"""^(?i)\.?[a-z_][a-z_0-9]*(\.[a-z_][a-z_0-9]*)*$""")`;
    assert.equal(run(rule, 'Foo.Bar_1'), true);
    assert.equal(run(rule, '.foo'), true);
    assert.equal(run(rule, 'foo..bar'), false);
    assert.equal(run(rule, '1foo'), false);
    // Elsewhere inline flags stay unsupported rather than approximated.
    assert.match((run('self.matches("a(?i)b")', 'ab') as { error: string }).error, /inline flags/);
  });
});
