/**
 * CRD field defaults applied before CEL rules, as the API server does: the Gateway API leaves `group`
 * and `kind` of references to defaults, and its rules read them.
 */
import assert from 'node:assert/strict';
import { CelRuleIndex, evaluateCelRules, loadCelRuleIndex } from '../../server/src/analysis/cel';
import { applyDefaults, indexDefaults } from '../../server/src/analysis/cel/cel-defaults';

const HTTP_ROUTE = {
  apiVersion: 'gateway.networking.k8s.io/v1',
  kind: 'HTTPRoute',
  metadata: { name: 'reviews', namespace: 'bookinfo' },
  spec: {
    parentRefs: [
      { name: 'ingress', sectionName: 'http' },
      { name: 'ingress', sectionName: 'https' },
    ],
    rules: [{ backendRefs: [{ name: 'reviews', port: 9080 }] }],
  },
};

describe('CRD field defaults before CEL rules', () => {
  const tree = indexDefaults([
    { apiVersion: 'x/v1', kind: 'K', path: ['spec', 'refs', '[]'], field: 'group', value: '' },
    { apiVersion: 'x/v1', kind: 'K', path: ['spec'], field: 'rules', value: [{ matches: [{}] }] },
    {
      apiVersion: 'x/v1',
      kind: 'K',
      path: ['spec', 'rules', '[]', 'matches', '[]'],
      field: 'type',
      value: 'Exact',
    },
    { apiVersion: 'x/v1', kind: 'K', path: ['spec', 'labels', '{}'], field: 'weight', value: 1 },
    { apiVersion: 'x/v1', kind: 'K', path: ['spec'], field: 'broken' },
  ]).get('x/v1 K');

  it('sets absent and null fields of objects that exist, outer defaults first, without changing the input', () => {
    assert.ok(tree);
    const input = {
      spec: {
        refs: [{ name: 'a' }, { name: 'b', group: 'g' }, { name: 'c', group: null }],
        labels: { a: {} },
      },
    };
    const copy = structuredClone(input);
    assert.deepEqual(applyDefaults(input, tree), {
      spec: {
        refs: [
          { name: 'a', group: '' },
          { name: 'b', group: 'g' },
          { name: 'c', group: '' },
        ],
        labels: { a: { weight: 1 } },
        rules: [{ matches: [{ type: 'Exact' }] }],
      },
    });
    assert.deepEqual(input, copy);
  });

  it('creates no object that is absent, and skips malformed entries', () => {
    assert.ok(tree);
    assert.deepEqual(applyDefaults({ metadata: {} }, tree), { metadata: {} });
    assert.deepEqual(applyDefaults({ spec: {} }, tree), {
      spec: { rules: [{ matches: [{ type: 'Exact' }] }] },
    });
    assert.equal(applyDefaults('text', tree), 'text');
  });

  it('judges Gateway API objects with their defaults, as the API server does', () => {
    const rules = loadCelRuleIndex();
    // parentRefs default to group gateway.networking.k8s.io, kind Gateway; backendRefs to group "", kind Service.
    assert.deepEqual(evaluateCelRules(HTTP_ROUTE.apiVersion, HTTP_ROUTE.kind, HTTP_ROUTE, rules), []);
    // The same parent twice, both without a listener: a rule that compares the defaulted group and kind.
    const twice = structuredClone(HTTP_ROUTE);
    twice.spec.parentRefs = [{ name: 'ingress' }, { name: 'ingress' }] as typeof twice.spec.parentRefs;
    const violations = evaluateCelRules(twice.apiVersion, twice.kind, twice, rules);
    assert.deepEqual(
      violations.map((violation) => [violation.path.join('.'), violation.ruleMessage, violation.reason]),
      [
        [
          'spec.parentRefs',
          'sectionName must be unique when parentRefs includes 2 or more references to the same parent',
          undefined,
        ],
      ],
    );
  });

  it('still reads a rules file without defaults', () => {
    const index = CelRuleIndex.fromFile({ rules: [] });
    assert.equal(index.defaultsFor('gateway.networking.k8s.io/v1', 'HTTPRoute'), undefined);
  });
});
