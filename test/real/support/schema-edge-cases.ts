/**
 * Hand-written cases of the schema oracle's corpus, on a minimal VirtualService: what no mutation of the
 * fixtures reaches, because the server checks it for every kind (object names, ObjectMeta) or because no
 * fixture carries the field (`format: byte`), and what authors put where the server never looks
 * (`status`).
 */
import { type Json, withValueAt } from './schema-mutations';

export interface EdgeCase {
  readonly origin: 'name' | 'metadata' | 'format' | 'status';
  readonly value: Json;
}

const NAMES = ['Bad_Name', 'a'.repeat(253), 'a'.repeat(254), 'reviews.v2', '-reviews', 'reviews-'];

/** ObjectMeta as the server checks it: label keys and values, annotation keys, finalizers. */
const METADATA: readonly (readonly [string, Json])[] = [
  ['labels', { 'app.kubernetes.io/name': 'reviews', version: 'v1' }],
  ['labels', { 'bad key!': 'x' }],
  ['labels', { app: 'a'.repeat(63) }],
  ['labels', { app: 'a'.repeat(64) }],
  ['labels', { app: 'bad value!' }],
  ['labels', { app: '' }],
  ['labels', { app: 3 }],
  ['annotations', { 'example.com/note': 'any text at all: spaces, punctuation!' }],
  ['annotations', { 'bad key!': 'x' }],
  ['finalizers', ['example.com/cleanup']],
  ['finalizers', ['not a finalizer!']],
];

/** The one `format: byte` field a document can carry (status aside): base64 or not. */
const BYTES = ['aGVsbG8=', 'aGVsbG8', 'not base64!', ''];

/** Written by Istio's status controller; what an author writes there never reaches the server's checks. */
const STATUSES: readonly Json[] = [
  { observedGeneration: 'first' },
  { conditions: 'none' },
  { unknownStatusField: 1 },
];

export function virtualServiceEdgeCases(minimal: Json): EdgeCase[] {
  const withoutName = withValueAt(minimal, ['metadata', 'name'], undefined);
  return [
    ...NAMES.map((name) => ({
      origin: 'name' as const,
      value: withValueAt(minimal, ['metadata', 'name'], name),
    })),
    { origin: 'name', value: withValueAt(withoutName, ['metadata', 'generateName'], 'reviews-') },
    ...METADATA.map(([field, value]) => ({
      origin: 'metadata' as const,
      value: withValueAt(minimal, ['metadata', field], value),
    })),
    ...BYTES.map((bytes) => ({
      origin: 'format' as const,
      value: withValueAt(minimal, ['spec'], {
        hosts: ['reviews'],
        http: [{ directResponse: { status: 200, body: { bytes } } }],
      }),
    })),
    ...STATUSES.map((status) => ({
      origin: 'status' as const,
      value: withValueAt(minimal, ['status'], status),
    })),
  ];
}
