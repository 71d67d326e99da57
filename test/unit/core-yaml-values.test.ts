/**
 * The fast reader of plain values must read every scalar as `yaml` (and so yaml-language-server and the
 * positioned parse) reads it under YAML 1.2's core schema, including where js-yaml's own core schema
 * differs (`0b101`, signed hex and octal, `-.5`).
 */
import assert from 'node:assert/strict';
import { parse } from 'yaml';
import { loadCoreValue } from '../../server/src/yaml/core-yaml-values';

const SCALARS = [
  '0b101',
  '-0x1F',
  '+0o7',
  '0o17',
  '0o8',
  '0x1f',
  '012',
  '+12',
  '-.5',
  '.5',
  '1.',
  '1e5',
  '1E+5',
  '1.5e3',
  '1_000',
  '99999999999999999999999',
  '.inf',
  '-.Inf',
  '+.INF',
  '.NaN',
  '~',
  '',
  'Null',
  'NULL',
  'nULL',
  'yes',
  'on',
  'True',
  'FALSE',
  'tRUE',
  '"12"',
  "'true'",
  '2024-01-01',
  '12:30',
];

describe('plain values read with YAML 1.2 core scalars', () => {
  for (const scalar of SCALARS) {
    it(`reads \`value: ${scalar}\` as yaml does`, () => {
      const text = `value: ${scalar}\n`;
      const read = loadCoreValue(text);
      assert.ok(read.ok);
      const expected = (parse(text) as { value: unknown }).value;
      const actual = (read.value as { value: unknown }).value;
      assert.ok(
        Object.is(actual, expected),
        `${String(actual)} (${typeof actual}) vs ${String(expected)} (${typeof expected})`,
      );
    });
  }

  it('honours << merge keys like the positioned parse', () => {
    const text = 'spec:\n  <<: {port: 80}\n  host: a\n';
    assert.deepEqual(loadCoreValue(text), { ok: true, value: parse(text, { merge: true }) });
  });

  it('answers not ok, without throwing, for a document js-yaml cannot read', () => {
    assert.deepEqual(loadCoreValue('a: [unclosed\n'), { ok: false });
    assert.deepEqual(loadCoreValue('a: 1\na: 2\n'), { ok: false });
  });

  it('gives the same read for the same text (the schema check and the analysis share it)', () => {
    const text = 'kind: Gateway\nspec:\n  selector: {istio: ingressgateway}\n';
    assert.equal(loadCoreValue(text), loadCoreValue(text));
  });
});
