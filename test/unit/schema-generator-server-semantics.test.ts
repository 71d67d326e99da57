/**
 * The generated JSON schemas judge values as the API server does (the real-cluster schema oracle found
 * where they did not): the server drops the null of an optional, non-nullable field before it validates,
 * keeps and rejects a null list item or required field, bounds `format: int32`, checks `format: byte`, and
 * checks ObjectMeta's label keys and values, annotation keys and finalizers.
 */
import assert from 'node:assert/strict';
import { compileSchemaCheck } from '../../server/src/yaml/schema-fast-check';
import { convertCrdVersion } from '../../tools/schema-generator/crd-to-json-schema';

const GUARDED = {
  type: 'object',
  properties: {
    simple: { type: 'string', enum: ['ROUND_ROBIN', 'RANDOM'] },
    consistentHash: { type: 'object' },
  },
  oneOf: [
    { not: { anyOf: [{ required: ['simple'] }, { required: ['consistentHash'] }] } },
    { required: ['simple'] },
    { required: ['consistentHash'] },
  ],
};

const check = compileSchemaCheck(
  convertCrdVersion({
    group: 'example.istio.io',
    version: 'v1',
    kind: 'Example',
    openAPIV3Schema: {
      type: 'object',
      properties: {
        spec: {
          type: 'object',
          required: ['host'],
          properties: {
            host: { type: 'string' },
            hosts: { type: 'array', items: { type: 'string' } },
            mode: { type: 'string', enum: ['STRICT', 'PERMISSIVE'] },
            labels: { type: 'object', additionalProperties: { type: 'string' } },
            weight: { type: 'integer', format: 'int32' },
            port: { type: 'integer', format: 'int32', minimum: 0, maximum: 4294967295 },
            bytes: { type: 'string', format: 'byte' },
            loadBalancer: GUARDED,
            nullableBalancer: { ...GUARDED, nullable: true },
          },
        },
      },
    },
  }).schema,
) as (value: unknown) => boolean;

function accepts(spec: Record<string, unknown>): boolean {
  return check({ apiVersion: 'example.istio.io/v1', kind: 'Example', metadata: { name: 'a' }, spec });
}

describe('generated schemas follow the API server', () => {
  it('accept null for an optional field, a map value and the spec itself, as if absent', () => {
    for (const field of ['hosts', 'mode', 'weight', 'loadBalancer', 'nullableBalancer'])
      assert.ok(accepts({ host: 'x', [field]: null }), field);
    assert.ok(accepts({ host: 'x', labels: { app: null } }));
    assert.ok(
      check({ apiVersion: 'example.istio.io/v1', kind: 'Example', metadata: { name: 'a' }, spec: null }),
    );
  });

  it('reject null for a required field and for a list item', () => {
    assert.ok(!accepts({ host: null }));
    assert.ok(!accepts({ host: 'x', hosts: [null] }));
  });

  it('judge objects under oneof guards as before', () => {
    assert.ok(accepts({ host: 'x', loadBalancer: { simple: 'RANDOM' } }));
    assert.ok(!accepts({ host: 'x', loadBalancer: { simple: 'RANDOM', consistentHash: {} } }));
    assert.ok(!accepts({ host: 'x', nullableBalancer: { simple: 'RANDOM', consistentHash: {} } }));
    assert.ok(!accepts({ host: 'x', mode: 'strict' }));
  });

  it('bound int32 integers, within tighter bounds of their own', () => {
    assert.ok(accepts({ host: 'x', weight: 2_147_483_647 }));
    assert.ok(!accepts({ host: 'x', weight: 2_147_483_648 }));
    assert.ok(!accepts({ host: 'x', weight: -2_147_483_649 }));
    assert.ok(!accepts({ host: 'x', port: -1 }));
    assert.ok(!accepts({ host: 'x', port: 2_147_483_648 }));
  });

  it('accept only padded, non-empty base64 for format byte', () => {
    for (const bytes of ['aGVsbG8=', 'aGk=', 'aGVs']) assert.ok(accepts({ host: 'x', bytes }), bytes);
    for (const bytes of ['aGVsbG8', '', 'not base64!', 'aGVsbG8-'])
      assert.ok(!accepts({ host: 'x', bytes }), bytes);
  });

  it('check metadata as the server does for every kind', () => {
    const withMetadata = (metadata: Record<string, unknown>): boolean =>
      check({ apiVersion: 'example.istio.io/v1', kind: 'Example', metadata: { name: 'a', ...metadata } });
    for (const metadata of [
      { labels: { app: 'reviews', 'app.kubernetes.io/name': 'reviews', empty: '' } },
      { labels: { app: 'a'.repeat(63) } },
      { annotations: { 'example.com/note': 'any text: spaces, punctuation!' } },
      { finalizers: ['example.com/cleanup'] },
    ])
      assert.ok(withMetadata(metadata), JSON.stringify(metadata));
    for (const metadata of [
      { labels: { 'bad key!': 'x' } },
      { labels: { ['a'.repeat(64)]: 'x' } },
      { labels: { app: 'a'.repeat(64) } },
      { labels: { app: 'bad value!' } },
      { labels: { app: '-reviews' } },
      { annotations: { 'bad key!': 'x' } },
      { annotations: { [`${'a'.repeat(254)}/x`]: 'x' } },
      { finalizers: ['not a finalizer!'] },
    ])
      assert.ok(!withMetadata(metadata), JSON.stringify(metadata));
  });
});
