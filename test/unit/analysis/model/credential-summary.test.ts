import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import {
  CREDENTIAL_SUMMARY_ANNOTATION,
  attachedCredentialSummary,
  credentialSummaryOf,
  summarizeCredentialSecret,
  withCredentialSummary,
} from '../../../../server/src/mesh/credential-summary';
import { type KubeObject } from '../../../../server/src/mesh/snapshot';
import { FIXTURES } from '../fixture-cases';

/** TEST-ONLY certificates and keys, generated once (see generate.mjs next to them). */
const CERTIFICATES = path.join(FIXTURES, 'IST0161/test-only-certificates');
const read = (name: string): string => fs.readFileSync(path.join(CERTIFICATES, name), 'utf8');
const VALID = read('test-only-bookinfo-valid.crt');
const EXPIRED = read('test-only-bookinfo-expired.crt');
const KEY = read('test-only-bookinfo.key');
const OTHER_KEY = read('test-only-other.key');
const NOW = new Date('2025-06-01T00:00:00Z');

function secret(data: Record<string, string>, encoding: 'data' | 'stringData' = 'data'): KubeObject {
  const values =
    encoding === 'data'
      ? Object.fromEntries(Object.entries(data).map(([k, v]) => [k, Buffer.from(v).toString('base64')]))
      : data;
  return {
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: { name: 'bookinfo-credential', namespace: 'istio-system' },
    type: 'kubernetes.io/tls',
    [encoding]: values,
  };
}

/** No part of the key material may appear in what the summary says. */
function assertNoKeyMaterial(text: string): void {
  assert.ok(!text.includes('PRIVATE KEY') && !text.includes('BEGIN'), text);
  for (const pem of [KEY, OTHER_KEY, VALID]) {
    const body = pem.split('\n').filter((line) => line && !line.startsWith('-----'));
    for (const line of body) assert.ok(!text.includes(line.slice(0, 16)), text);
  }
}

describe('summarizeCredentialSecret', () => {
  it('accepts a certificate with its own key, in data or stringData, and records its expiry', () => {
    for (const encoding of ['data', 'stringData'] as const) {
      const summary = summarizeCredentialSecret(secret({ 'tls.crt': VALID, 'tls.key': KEY }, encoding), NOW);
      assert.deepEqual(summary, {
        keys: ['tls.crt', 'tls.key'],
        certificate: 'valid',
        notAfter: '2124-01-01T00:00:00.000Z',
      });
    }
  });

  it('prefers cert/key over tls.crt/tls.key, as pilot does', () => {
    const summary = summarizeCredentialSecret(
      secret({ cert: VALID, key: KEY, 'tls.crt': 'garbage', 'tls.key': 'garbage' }),
      NOW,
    );
    assert.equal(summary.certificate, 'valid');
  });

  it('says why a certificate is unusable, naming keys and dates only', () => {
    const cases: [Record<string, string>, string][] = [
      [
        { 'tls.crt': EXPIRED, 'tls.key': KEY },
        'the certificate in tls.crt expired on 2021-01-01T00:00:00.000Z',
      ],
      [
        { 'tls.crt': VALID, 'tls.key': OTHER_KEY },
        'the private key in tls.key does not belong to the certificate in tls.crt',
      ],
      [{ 'tls.crt': 'not a certificate', 'tls.key': KEY }, 'tls.crt holds no PEM certificate'],
      [
        { 'tls.crt': '-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n', 'tls.key': KEY },
        'tls.crt holds no valid X.509 certificate',
      ],
      [
        { 'tls.crt': VALID, 'tls.key': KEY.replace(/\n[A-Za-z0-9+/]{20}/, '\n!!!!') },
        'tls.key holds no readable PEM private key',
      ],
      [{ 'tls.crt': '', 'tls.key': '' }, 'tls.crt and tls.key are empty'],
      [{ 'ca.crt': VALID }, 'it has neither tls.crt and tls.key nor cert and key (found: ca.crt)'],
      [{}, 'found: no keys'],
    ];
    for (const [data, reason] of cases) {
      const summary = summarizeCredentialSecret(secret(data), NOW);
      assert.equal(summary.certificate, 'invalid', reason);
      assert.ok(summary.reason?.includes(reason), `${summary.reason} should contain ${reason}`);
      assertNoKeyMaterial(JSON.stringify(summary));
    }
  });

  it('rejects a certificate that is not valid yet', () => {
    const summary = summarizeCredentialSecret(
      secret({ 'tls.crt': VALID, 'tls.key': KEY }),
      new Date('2023-06-01T00:00:00Z'),
    );
    assert.equal(summary.certificate, 'invalid');
    assert.match(summary.reason ?? '', /not valid before 2024-01-01T00:00:00.000Z/);
  });
});

describe('credential summary on a slimmed Secret (the discovery contract)', () => {
  it('round-trips through the annotation without any data', () => {
    const full = secret({ 'tls.crt': EXPIRED, 'tls.key': KEY });
    const summary = summarizeCredentialSecret(full, NOW);
    const { data: _data, ...withoutData } = full;
    const slimmed = withCredentialSummary(withoutData as KubeObject, summary);
    assert.equal(slimmed.data, undefined);
    assert.deepEqual(attachedCredentialSummary(slimmed), summary);
    assertNoKeyMaterial(JSON.stringify(slimmed));
    assert.deepEqual(credentialSummaryOf(slimmed, false, NOW), summary);
  });

  it('re-judges a valid attached summary for expiry at analysis time', () => {
    const summary = summarizeCredentialSecret(secret({ 'tls.crt': VALID, 'tls.key': KEY }), NOW);
    const slimmed = withCredentialSummary(secret({}), summary);
    assert.equal(credentialSummaryOf(slimmed, false, NOW)?.certificate, 'valid');
    const later = credentialSummaryOf(slimmed, false, new Date('2124-06-01T00:00:00Z'));
    assert.equal(later?.certificate, 'invalid');
    assert.match(later?.reason ?? '', /expired on 2124-01-01/);
  });

  it('judges real data over an attached summary, which may be stale', () => {
    const stale = summarizeCredentialSecret(secret({ 'tls.crt': EXPIRED, 'tls.key': KEY }), NOW);
    const renewed = withCredentialSummary(secret({ 'tls.crt': VALID, 'tls.key': KEY }), stale);
    assert.equal(credentialSummaryOf(renewed, true, NOW)?.certificate, 'valid');
    assert.equal(credentialSummaryOf(renewed, false, NOW)?.certificate, 'invalid');
  });

  it('knows nothing about a data-less Secret without a summary, and ignores a malformed one', () => {
    const slimmed = secret({ 'tls.crt': '', 'tls.key': '' });
    assert.equal(credentialSummaryOf(slimmed, false, NOW), null);
    const malformed: KubeObject = {
      ...slimmed,
      metadata: {
        ...slimmed.metadata,
        annotations: { [CREDENTIAL_SUMMARY_ANNOTATION]: '{"certificate":"maybe"}' },
      },
    };
    assert.equal(attachedCredentialSummary(malformed), null);
    assert.equal(credentialSummaryOf(malformed, false, NOW), null);
  });
});
