/**
 * What a Gateway credential Secret holds, without holding it: the data key names and whether they make
 * a usable certificate + private key pair (IST0161). Live discovery drops every Secret's data at
 * ingestion, so it calls `summarizeCredentialSecret` on the full object it just read and keeps only the
 * summary (`withCredentialSummary` on the slimmed object); Secrets that still carry data (`--cluster`
 * files, authored files) are summarised by the analyzer itself. Either way the analyzer reads
 * `credentialSummaryOf`.
 *
 * The check is Istio's (pilot's ExtractCertInfo + Go's tls.X509KeyPair): `cert`/`key` first, else
 * `tls.crt`/`tls.key`, both non-empty, a PEM certificate, a PEM private key that matches it; plus
 * validity dates, which istioctl does not check but which break every TLS handshake just the same.
 * Reasons name keys and dates only: never key material, never a crypto library's message.
 */
import { X509Certificate, createPrivateKey, type KeyObject } from 'node:crypto';
import { type KubeObject } from './snapshot';
import { asRecord } from './object-fields';

/** Where discovery puts the summary on a slimmed Secret: a JSON `CredentialSummary`. */
export const CREDENTIAL_SUMMARY_ANNOTATION = 'meshwright.io/credential-summary';

export interface CredentialSummary {
  /** Names of the Secret's data keys (never their values), sorted. */
  readonly keys: readonly string[];
  readonly certificate: 'valid' | 'invalid';
  /** Why the certificate is unusable; safe to show (keys and dates only). */
  readonly reason?: string;
  /** End of the certificate's validity (ISO 8601), so expiry after summarising is still caught. */
  readonly notAfter?: string;
}

/** The key pairs Istio accepts, in the order it looks for them. */
const KEY_PAIRS: readonly (readonly [cert: string, key: string])[] = [
  ['cert', 'key'],
  ['tls.crt', 'tls.key'],
];

const PEM_CERTIFICATE = '-----BEGIN CERTIFICATE-----';

/**
 * Summarises a Secret as the API returns it (base64 `data`, or plain `stringData` in a file). A Secret
 * without any data summarises as invalid: call this only on full objects, not on metadata-only ones.
 */
export function summarizeCredentialSecret(secret: KubeObject, now: Date = new Date()): CredentialSummary {
  const values = secretValues(secret);
  const keys = [...values.keys()].sort();
  const invalid = (reason: string): CredentialSummary => ({ keys, certificate: 'invalid', reason });

  const pair = KEY_PAIRS.find(([cert, key]) => nonEmpty(values.get(cert)) && nonEmpty(values.get(key)));
  if (!pair) {
    const present = KEY_PAIRS.find(([cert, key]) => values.has(cert) && values.has(key));
    if (present) return invalid(`${present[0]} and ${present[1]} are empty`);
    const found = keys.length > 0 ? keys.join(', ') : 'no keys';
    return invalid(`it has neither tls.crt and tls.key nor cert and key (found: ${found})`);
  }
  const [certKey, keyKey] = pair;
  const certificatePem = values.get(certKey)!;
  const keyPem = values.get(keyKey)!;

  if (!certificatePem.toString('latin1').includes(PEM_CERTIFICATE))
    return invalid(`${certKey} holds no PEM certificate`);
  let certificate: X509Certificate;
  try {
    certificate = new X509Certificate(certificatePem);
  } catch {
    return invalid(`${certKey} holds no valid X.509 certificate`);
  }
  let privateKey: KeyObject;
  try {
    privateKey = createPrivateKey({ key: keyPem, format: 'pem' });
  } catch {
    return invalid(`${keyKey} holds no readable PEM private key (missing, malformed or encrypted)`);
  }
  let matches = false;
  try {
    matches = certificate.checkPrivateKey(privateKey);
  } catch {
    matches = false;
  }
  if (!matches)
    return invalid(`the private key in ${keyKey} does not belong to the certificate in ${certKey}`);

  const notBefore = new Date(Date.parse(certificate.validFrom));
  const validTo = new Date(Date.parse(certificate.validTo));
  const notAfter = Number.isNaN(validTo.getTime()) ? undefined : validTo.toISOString();
  const dates = notAfter ? { notAfter } : {};
  if (!Number.isNaN(notBefore.getTime()) && notBefore > now) {
    return {
      ...invalid(`the certificate in ${certKey} is not valid before ${notBefore.toISOString()}`),
      ...dates,
    };
  }
  const expired = expiryReason({ notAfter }, now, certKey);
  if (expired) return { ...invalid(expired), ...dates };
  return { keys, certificate: 'valid', ...dates };
}

/** "the certificate in tls.crt expired on ..." when `notAfter` has passed; null otherwise. */
export function expiryReason(
  summary: Pick<CredentialSummary, 'notAfter'>,
  now: Date,
  certKey = 'the Secret',
): string | null {
  if (!summary.notAfter) return null;
  const notAfter = new Date(summary.notAfter);
  if (Number.isNaN(notAfter.getTime()) || notAfter > now) return null;
  return `the certificate in ${certKey} expired on ${notAfter.toISOString()}`;
}

/** A copy of `slimmed` (a Secret without data) carrying `summary` in its annotations. */
export function withCredentialSummary(slimmed: KubeObject, summary: CredentialSummary): KubeObject {
  return {
    ...slimmed,
    metadata: {
      ...slimmed.metadata,
      annotations: {
        ...(slimmed.metadata.annotations ?? {}),
        [CREDENTIAL_SUMMARY_ANNOTATION]: JSON.stringify(summary),
      },
    },
  };
}

/** The summary attached by discovery, or null when there is none (or it is malformed). */
export function attachedCredentialSummary(secret: KubeObject): CredentialSummary | null {
  const text = secret.metadata.annotations?.[CREDENTIAL_SUMMARY_ANNOTATION];
  if (typeof text !== 'string') return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return null;
  }
  const record = asRecord(parsed);
  if (!record || (record.certificate !== 'valid' && record.certificate !== 'invalid')) return null;
  const keys = Array.isArray(record.keys)
    ? record.keys.filter((k): k is string => typeof k === 'string')
    : [];
  return {
    keys,
    certificate: record.certificate,
    ...(typeof record.reason === 'string' ? { reason: record.reason } : {}),
    ...(typeof record.notAfter === 'string' ? { notAfter: record.notAfter } : {}),
  };
}

/**
 * The summary of a Secret as the analysis sees it. `hasData`: the object's values are real (files), not
 * emptied by discovery (live). Real, non-empty values are judged here; otherwise the summary discovery
 * attached is used (a valid one re-judged for expiry at `now`); a file Secret with only empty values and
 * no summary is judged as it is (empty), a live one without a summary is unknown (null).
 */
export function credentialSummaryOf(
  secret: KubeObject,
  hasData: boolean,
  now: Date = new Date(),
): CredentialSummary | null {
  if (hasData && [...secretValues(secret).values()].some((value) => value.length > 0)) {
    return summarizeCredentialSecret(secret, now);
  }
  const attached = attachedCredentialSummary(secret);
  if (attached) {
    const expired = attached.certificate === 'valid' ? expiryReason(attached, now) : null;
    return expired ? { ...attached, certificate: 'invalid', reason: expired } : attached;
  }
  return hasData ? summarizeCredentialSecret(secret, now) : null;
}

/** Decoded values by key: `data` is base64, `stringData` plain text and wins, as the API server merges them. */
function secretValues(secret: KubeObject): Map<string, Buffer> {
  const values = new Map<string, Buffer>();
  for (const [key, value] of Object.entries(asRecord(secret.data) ?? {})) {
    values.set(key, typeof value === 'string' ? Buffer.from(value, 'base64') : Buffer.alloc(0));
  }
  for (const [key, value] of Object.entries(asRecord(secret.stringData) ?? {})) {
    values.set(key, typeof value === 'string' ? Buffer.from(value, 'utf8') : Buffer.alloc(0));
  }
  return values;
}

function nonEmpty(value: Buffer | undefined): value is Buffer {
  return value !== undefined && value.length > 0;
}
