import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import {
  CelRuleIndex,
  type CelRuleRecord,
  type CelViolation,
  evaluateCelRules,
  loadCelRuleIndex,
} from '../../server/src/analysis/cel';

const FIXTURES = path.join(__dirname, '..', 'fixtures', 'cel');

/** `spec.http[0].timeout`, `tagOverrides["source.canonical_service"]`: how fixtures name paths. */
function formatPath(segments: readonly (string | number)[]): string {
  return segments
    .map((segment, i) => {
      if (typeof segment === 'number') return `[${segment}]`;
      if (/^[A-Za-z_][A-Za-z0-9_]*$/.test(segment)) return i === 0 ? segment : `.${segment}`;
      return `[${JSON.stringify(segment)}]`;
    })
    .join('');
}

function describeViolations(violations: readonly CelViolation[]): string[] {
  return violations.map((v) => `${formatPath(v.path)} -> ${v.message}`).sort();
}

function index(rules: Partial<CelRuleRecord>[]): CelRuleIndex {
  return CelRuleIndex.fromFile({
    rules: rules.map((rule) => ({
      apiVersion: 'example.io/v1',
      kind: 'Thing',
      path: [],
      message: 'bad',
      ...rule,
    })),
  });
}

describe('evaluateCelRules', () => {
  describe('on the Istio fixtures (test/fixtures/cel)', () => {
    const rules = loadCelRuleIndex();
    for (const file of fs.readdirSync(FIXTURES).filter((name) => name.endsWith('.yaml'))) {
      // Each document states its expected violations in `# expect: <path> -> <message>` comment lines.
      const documents = fs.readFileSync(path.join(FIXTURES, file), 'utf8').split(/^---$/m);
      documents.forEach((text, position) => {
        const object = parse(text) as { apiVersion: string; kind: string; metadata: { name: string } };
        const expected = [...text.matchAll(/^# expect: (.*)$/gm)].map((m) => m[1] ?? '');
        it(`${file} #${position + 1} ${object.kind} ${object.metadata.name}`, () => {
          assert.ok(expected.length > 0, 'the fixture document declares no `# expect:` line');
          const actual = describeViolations(evaluateCelRules(object.apiVersion, object.kind, object, rules));
          assert.deepEqual(actual, expected[0] === 'none' ? [] : [...expected].sort());
        });
      });
    }
  });

  it('reports real array indices and map keys, and the rule with each violation', () => {
    const rules = index([
      { path: ['spec', 'items', '[]', 'labels', '{}'], rule: 'self.size() < 3', message: 'label too long' },
    ]);
    const violations = evaluateCelRules(
      'example.io/v1',
      'Thing',
      {
        spec: {
          items: [{ labels: { a: 'ok' } }, { labels: { b: 'long', c: 'ok' } }, { labels: { d: 'longer' } }],
        },
      },
      rules,
    );
    assert.deepEqual(
      violations.map((v) => [v.path, v.message, v.ruleMessage, v.rule, v.reason]),
      [
        [
          ['spec', 'items', 1, 'labels', 'b'],
          'label too long',
          'label too long',
          'self.size() < 3',
          undefined,
        ],
        [
          ['spec', 'items', 2, 'labels', 'd'],
          'label too long',
          'label too long',
          'self.size() < 3',
          undefined,
        ],
      ],
    );
  });

  it('applies a rule only where its node exists (absent and null nodes are skipped)', () => {
    const rules = index([{ path: ['spec', 'timeout'], rule: "duration(self) >= duration('1ms')" }]);
    assert.deepEqual(evaluateCelRules('example.io/v1', 'Thing', { spec: {} }, rules), []);
    assert.deepEqual(evaluateCelRules('example.io/v1', 'Thing', { spec: { timeout: null } }, rules), []);
    assert.deepEqual(evaluateCelRules('example.io/v1', 'Thing', {}, rules), []);
    assert.equal(evaluateCelRules('example.io/v1', 'Thing', { spec: { timeout: '0s' } }, rules).length, 1);
  });

  it('turns an evaluation error into a violation carrying the rule message and the reason', () => {
    const rules = index([
      {
        path: ['spec', 'timeout'],
        rule: "duration(self) >= duration('1ms')",
        message: 'must be a valid duration',
      },
    ]);
    const [violation] = evaluateCelRules('example.io/v1', 'Thing', { spec: { timeout: 5 } }, rules);
    assert.equal(violation?.reason, 'no such overload: duration(int)');
    assert.equal(violation?.message, 'must be a valid duration: no such overload: duration(int)');
  });

  it('does not walk into nodes of the wrong shape', () => {
    const rules = index([{ path: ['spec', 'items', '[]', 'name'], rule: 'self != ""' }]);
    assert.deepEqual(
      evaluateCelRules('example.io/v1', 'Thing', { spec: { items: 'not-a-list' } }, rules),
      [],
    );
    assert.deepEqual(evaluateCelRules('example.io/v1', 'Thing', { spec: ['x'] }, rules), []);
    assert.deepEqual(evaluateCelRules('example.io/v1', 'Thing', 'just a string', rules), []);
    assert.deepEqual(evaluateCelRules('example.io/v1', 'Thing', null, rules), []);
  });

  it('only evaluates rules of the object apiVersion and kind', () => {
    const rules = index([{ path: ['spec'], rule: 'false' }]);
    assert.equal(evaluateCelRules('example.io/v1', 'Thing', { spec: {} }, rules).length, 1);
    assert.deepEqual(evaluateCelRules('example.io/v2', 'Thing', { spec: {} }, rules), []);
    assert.deepEqual(evaluateCelRules('example.io/v1', 'Other', { spec: {} }, rules), []);
  });

  it('reports a non-boolean rule result as a violation with a reason', () => {
    const rules = index([{ path: ['spec'], rule: 'self.size()' }]);
    const [violation] = evaluateCelRules('example.io/v1', 'Thing', { spec: { a: 1 } }, rules);
    assert.equal(violation?.reason, 'the rule did not evaluate to true or false');
  });

  it('uses the Kubernetes default message for a rule without one', () => {
    const rules = CelRuleIndex.fromFile({
      rules: [{ apiVersion: 'example.io/v1', kind: 'Thing', path: ['spec'], rule: 'has(self.name)' }],
    });
    const [violation] = evaluateCelRules('example.io/v1', 'Thing', { spec: {} }, rules);
    assert.equal(violation?.message, 'failed rule: has(self.name)');
  });
});

describe('CelRuleIndex', () => {
  it('skips, with a reason, rules outside our CEL subset and malformed entries, and keeps the rest', () => {
    const rules = CelRuleIndex.fromFile({
      rules: [
        { apiVersion: 'example.io/v1', kind: 'Thing', path: ['spec'], rule: 'self.frob()', message: 'm' },
        { apiVersion: 'example.io/v1', kind: 'Thing', path: ['spec'], rule: 'oldSelf == self', message: 'm' },
        { apiVersion: 'example.io/v1', kind: 'Thing', path: ['spec'], rule: 'self +', message: 'm' },
        { apiVersion: 'example.io/v1', kind: 'Thing', path: 'spec', rule: 'true', message: 'm' },
        'garbage',
        {
          apiVersion: 'example.io/v1',
          kind: 'Thing',
          path: ['spec'],
          rule: 'has(self.a)',
          message: 'needs a',
        },
      ],
    });
    assert.deepEqual(
      rules.skipped.map((s) => s.problem),
      [
        'function .frob() is not supported',
        "undeclared reference to 'oldSelf'",
        'syntax error: unexpected end of expression (at offset 6)',
        'rule entry path is not a list of strings',
        'rule entry is not an object',
      ],
    );
    assert.equal(rules.ruleCount, 1);
    // Only the supported rule speaks: the skipped ones, which would fail on this object, report nothing.
    assert.deepEqual(
      evaluateCelRules('example.io/v1', 'Thing', { spec: {} }, rules).map((violation) => violation.message),
      ['needs a'],
    );
  });

  it('does not throw on a file without rules', () => {
    for (const file of [null, 42, {}, { rules: 'x' }]) {
      const rules = CelRuleIndex.fromFile(file);
      assert.equal(rules.ruleCount, 0);
      assert.equal(rules.skipped[0]?.problem, 'the CEL rules file has no "rules" array');
    }
  });

  it('loads the bundled schemas/cel-rules.json once per directory', () => {
    assert.equal(loadCelRuleIndex(), loadCelRuleIndex());
    assert.ok(loadCelRuleIndex().rulesFor('networking.istio.io/v1', 'VirtualService'));
    assert.equal(loadCelRuleIndex().rulesFor('networking.istio.io/v1', 'NoSuchKind'), undefined);
  });

  it('explains a missing rules file and how to restore it', () => {
    assert.throws(
      () => loadCelRuleIndex(path.join(FIXTURES, 'no-such-schemas-dir')),
      /cannot read the CRDs' CEL rules from .*cel-rules\.json .*reinstall Meshwright, or run `npm run generate:schemas`/,
    );
  });
});
