/**
 * What a remote secret says about the cluster it reaches, without keeping its credential. A remote secret
 * (`istio/multiCluster: "true"` in istio-system) holds, under each cluster ID, a kubeconfig with the remote
 * API server's URL, its CA and a bearer token. Trust checks need the URL (has the server moved?), the CA's
 * fingerprint and the token's validity; so the kubeconfig is parsed in memory, those facts are taken, and
 * the token goes no further than this module. Its claims are read unverified: they say when the token
 * expires, not whether it is genuine (only the remote API server can tell, see remote-access-review.ts).
 *
 * Live discovery calls `summarizeRemoteSecret` on the Secret it just read and keeps only the slimmed copy
 * with the summary attached (`withRemoteSecretSummary`); Secrets from files (`--cluster NAME=DIR`) still
 * carry their data and are summarised when their facts are derived. Either way `remoteSecretSummaryOf`.
 */
import { parseBoundedYamlValue } from '../text/bounded-yaml-value';
import { fingerprintOfCa } from './certificate-bundle';
import { asArray, asNumber, asRecord, asString } from './object-fields';
import { type KubeObject } from './snapshot';

/** Where discovery puts the summaries on a slimmed remote secret: JSON, data key → RemoteAccessSummary. */
export const REMOTE_SECRET_SUMMARY_ANNOTATION = 'meshwright.io/remote-secret-summary';

/** The unverified claims of a bearer token that say whose it is and how long it lasts. */
export interface TokenClaims {
  /** ISO 8601; absent for tokens without `exp` (legacy service-account tokens never expire). */
  readonly expires?: string;
  readonly issued?: string;
  /** `system:serviceaccount:istio-system:istio-reader-service-account`. */
  readonly subject?: string;
}

export interface RemoteAccessSummary {
  /** The remote API server's URL, or null when the kubeconfig names none. */
  readonly server: string | null;
  /** SHA-256 fingerprint of the CA the kubeconfig trusts for that server, when it carries one. */
  readonly caFingerprint: string | null;
  /** How the kubeconfig authenticates: a token's claims, or the other kinds by name only. */
  readonly credential: 'token' | 'client-certificate' | 'exec' | 'none';
  /** The token's claims; null when there is no token or it is no JWT. */
  readonly token: TokenClaims | null;
  /** Why the kubeconfig could not be read, when it could not; safe to show. */
  readonly problem?: string;
}

/** The summary of every data key of a Secret read whole; the values themselves are not returned. */
export function summarizeRemoteSecret(secret: KubeObject): Record<string, RemoteAccessSummary> {
  const summaries: Record<string, RemoteAccessSummary> = {};
  for (const [key, value] of secretTexts(secret)) summaries[key] = summarizeKubeconfig(value);
  return summaries;
}

/** A copy of `slimmed` (a Secret without data) carrying `summaries` in its annotations. */
export function withRemoteSecretSummary(
  slimmed: KubeObject,
  summaries: Record<string, RemoteAccessSummary>,
): KubeObject {
  return {
    ...slimmed,
    metadata: {
      ...slimmed.metadata,
      annotations: {
        ...(slimmed.metadata.annotations ?? {}),
        [REMOTE_SECRET_SUMMARY_ANNOTATION]: JSON.stringify(summaries),
      },
    },
  };
}

/**
 * The summary of one key as the analysis sees it: from real data when the Secret has it (files), else
 * from the summary discovery attached, else null (unknown).
 */
export function remoteSecretSummaryOf(secret: KubeObject, key: string): RemoteAccessSummary | null {
  const texts = secretTexts(secret);
  const text = texts.get(key);
  if (text !== undefined && text.length > 0) return summarizeKubeconfig(text);
  const attached = secret.metadata.annotations?.[REMOTE_SECRET_SUMMARY_ANNOTATION];
  if (typeof attached !== 'string') return null;
  try {
    return readSummary(asRecord(asRecord(JSON.parse(attached))?.[key]));
  } catch {
    return null;
  }
}

function summarizeKubeconfig(text: string): RemoteAccessSummary {
  let parsed: unknown;
  try {
    parsed = parseBoundedYamlValue(text);
  } catch {
    return unreadable('its value is not a kubeconfig (YAML)');
  }
  const config = asRecord(parsed);
  if (!config) return unreadable('its value is not a kubeconfig');
  const contexts = asArray(config.contexts).map(asRecord);
  const currentName = asString(config['current-context']);
  const context = asRecord(
    (contexts.find((entry) => asString(entry?.name) === currentName) ?? contexts[0])?.context,
  );
  const cluster = asRecord(named(config.clusters, asString(context?.cluster))?.cluster);
  const user = asRecord(named(config.users, asString(context?.user))?.user);
  if (!cluster) return unreadable('its kubeconfig names no cluster');
  const ca = asString(cluster['certificate-authority-data']);
  const token = asString(user?.token);
  return {
    server: asString(cluster.server) ?? null,
    caFingerprint: ca ? fingerprintOfCa(ca) : null,
    credential: token
      ? 'token'
      : asString(user?.['client-certificate-data'])
        ? 'client-certificate'
        : user?.exec !== undefined || user?.['auth-provider'] !== undefined
          ? 'exec'
          : 'none',
    token: token ? tokenClaims(token) : null,
  };
}

/** The entry of a kubeconfig list with that name, else the only one. */
function named(list: unknown, name: string | undefined): Record<string, unknown> | undefined {
  const entries = asArray(list).map(asRecord);
  const found = entries.find((entry) => name !== undefined && asString(entry?.name) === name);
  return (found ?? (entries.length === 1 ? entries[0] : undefined)) as Record<string, unknown> | undefined;
}

/** The claims of a JWT's payload, unverified; null when the token is no JWT. */
function tokenClaims(token: string): TokenClaims | null {
  const parts = token.split('.');
  if (parts.length !== 3) return null;
  let payload: Record<string, unknown> | undefined;
  try {
    payload = asRecord(JSON.parse(Buffer.from(parts[1]!, 'base64url').toString('utf8')));
  } catch {
    return null;
  }
  if (!payload) return null;
  const expires = asNumber(payload.exp);
  const issued = asNumber(payload.iat);
  const subject = asString(payload.sub);
  return {
    ...(expires !== undefined ? { expires: isoSeconds(expires) } : {}),
    ...(issued !== undefined ? { issued: isoSeconds(issued) } : {}),
    ...(subject !== undefined ? { subject } : {}),
  };
}

function isoSeconds(seconds: number): string {
  return new Date(seconds * 1000).toISOString();
}

function unreadable(problem: string): RemoteAccessSummary {
  return { server: null, caFingerprint: null, credential: 'none', token: null, problem };
}

/** A summary read back from its JSON, keeping only known fields (nothing else can slip through). */
function readSummary(record: Record<string, unknown> | undefined): RemoteAccessSummary | null {
  if (!record) return null;
  const credential = asString(record.credential);
  const token = asRecord(record.token);
  const problem = asString(record.problem);
  return {
    server: asString(record.server) ?? null,
    caFingerprint: asString(record.caFingerprint) ?? null,
    credential:
      credential === 'token' || credential === 'client-certificate' || credential === 'exec'
        ? credential
        : 'none',
    token: token
      ? {
          ...(asString(token.expires) ? { expires: asString(token.expires) } : {}),
          ...(asString(token.issued) ? { issued: asString(token.issued) } : {}),
          ...(asString(token.subject) ? { subject: asString(token.subject) } : {}),
        }
      : null,
    ...(problem ? { problem } : {}),
  };
}

/** Decoded values by key: `data` is base64, `stringData` plain text and wins, as the API server merges them. */
function secretTexts(secret: KubeObject): Map<string, string> {
  const texts = new Map<string, string>();
  for (const [key, value] of Object.entries(asRecord(secret.data) ?? {}))
    texts.set(key, typeof value === 'string' ? Buffer.from(value, 'base64').toString('utf8') : '');
  for (const [key, value] of Object.entries(asRecord(secret.stringData) ?? {}))
    texts.set(key, typeof value === 'string' ? value : '');
  return texts;
}
