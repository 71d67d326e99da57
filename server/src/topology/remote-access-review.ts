/**
 * `meshwright check --verify-remote-secrets`: uses each remote secret's own credential, as istiod would,
 * to ask the remote API server who it is (SelfSubjectReview) and whether it may read what istiod reads
 * (SelfSubjectAccessReview: get, list and watch of each resource). An explicit user action: the secrets
 * are read whole for it, their credentials are held in memory for the requests and dropped; no message
 * built here contains a token, a key or a response body other than a Status reason.
 */
import https from 'node:https';
import { parseBoundedYamlValue } from '../text/bounded-yaml-value';
import { asArray, asRecord, asString } from '../mesh/object-fields';
import { type KubeObject } from '../mesh/snapshot';

export interface RemoteAccessResult {
  /** The primary holding the secret, the secret's name and its data key (the remote cluster's ID). */
  readonly primary: string;
  readonly secret: string;
  readonly key: string;
  readonly server: string | null;
  /** The identity the server saw (SelfSubjectReview), else the token's `sub` claim; null when unknown. */
  readonly identity: string | null;
  /** `get pods`, ...: allowed reads. */
  readonly allowed: readonly string[];
  /** `watch endpointslices.discovery.k8s.io`, ...: reads istiod needs that were denied. */
  readonly missing: readonly string[];
  /** Why the server could not be used (unreachable, 401, TLS); absent when it answered. */
  readonly error?: string;
}

/** What istiod reads in a cluster it discovers (istio-reader-clusterrole), as [group, resource]. */
export const ISTIOD_READS: readonly (readonly [group: string, resource: string])[] = [
  ['', 'namespaces'],
  ['', 'nodes'],
  ['', 'pods'],
  ['', 'services'],
  ['', 'endpoints'],
  ['', 'secrets'],
  ['discovery.k8s.io', 'endpointslices'],
];
const VERBS = ['get', 'list', 'watch'] as const;
const REQUEST_TIMEOUT_MS = 10_000;

/** The credential of one kubeconfig, only ever in memory. */
interface RemoteCredential {
  readonly server: string;
  readonly ca?: Buffer;
  readonly insecure: boolean;
  readonly token?: string;
  readonly cert?: Buffer;
  readonly key?: Buffer;
}

/** Verifies every key of the remote secrets of one primary, in parallel. */
export async function verifyRemoteSecrets(
  primary: string,
  secrets: readonly KubeObject[],
  timeoutMs = REQUEST_TIMEOUT_MS,
): Promise<RemoteAccessResult[]> {
  const work: Promise<RemoteAccessResult>[] = [];
  for (const secret of secrets) {
    if (secret.metadata.labels?.['istio/multiCluster'] !== 'true') continue;
    for (const [key, text] of secretTexts(secret)) {
      work.push(verifyOne({ primary, secret: secret.metadata.name, key }, text, timeoutMs));
    }
  }
  return Promise.all(work);
}

async function verifyOne(
  where: { primary: string; secret: string; key: string },
  kubeconfig: string,
  timeoutMs: number,
): Promise<RemoteAccessResult> {
  const parsed = credentialOf(kubeconfig);
  const failed = (server: string | null, error: string, identity: string | null = null) => ({
    ...where,
    server,
    identity,
    allowed: [],
    missing: [],
    error,
  });
  if ('problem' in parsed) return failed(parsed.server, parsed.problem);
  const credential = parsed.credential;
  const claimed = tokenSubject(credential.token);
  const review = await post(
    credential,
    '/apis/authentication.k8s.io/v1/selfsubjectreviews',
    {
      apiVersion: 'authentication.k8s.io/v1',
      kind: 'SelfSubjectReview',
    },
    timeoutMs,
  ).catch((error: unknown) => ({ error: describeError(error) }));
  if ('error' in review) return failed(credential.server, review.error, claimed);
  if (review.status === 401) {
    return failed(
      credential.server,
      'the server refused the credential (401 Unauthorized): the token expired or is not valid, or its service account was deleted',
      claimed,
    );
  }
  const username = asString(asRecord(asRecord(asRecord(review.body)?.status)?.userInfo)?.username);
  const identity = username ?? claimed;

  const checks = ISTIOD_READS.flatMap(([group, resource]) =>
    VERBS.map((verb) => ({ group, resource, verb })),
  );
  const answers = await Promise.all(
    checks.map((check) =>
      post(
        credential,
        '/apis/authorization.k8s.io/v1/selfsubjectaccessreviews',
        {
          apiVersion: 'authorization.k8s.io/v1',
          kind: 'SelfSubjectAccessReview',
          spec: { resourceAttributes: { group: check.group, resource: check.resource, verb: check.verb } },
        },
        timeoutMs,
      ).catch(() => null),
    ),
  );
  const allowed: string[] = [];
  const missing: string[] = [];
  checks.forEach((check, index) => {
    const answer = answers[index];
    const name = `${check.verb} ${check.resource}${check.group ? `.${check.group}` : ''}`;
    const ok = answer && answer.status < 300 && asRecord(asRecord(answer.body)?.status)?.allowed === true;
    (ok ? allowed : missing).push(name);
  });
  return { ...where, server: credential.server, identity, allowed, missing };
}

function credentialOf(
  text: string,
): { credential: RemoteCredential } | { problem: string; server: string | null } {
  let config: Record<string, unknown> | undefined;
  try {
    config = asRecord(parseBoundedYamlValue(text)) as Record<string, unknown> | undefined;
  } catch {
    config = undefined;
  }
  if (!config) return { problem: 'its value is not a kubeconfig', server: null };
  const contexts = asArray(config.contexts).map(asRecord);
  const current = asString(config['current-context']);
  const context = asRecord((contexts.find((c) => asString(c?.name) === current) ?? contexts[0])?.context);
  const pick = (list: unknown, name: string | undefined) => {
    const entries = asArray(list).map(asRecord);
    return (
      entries.find((e) => name !== undefined && asString(e?.name) === name) ??
      (entries.length === 1 ? entries[0] : undefined)
    );
  };
  const cluster = asRecord(pick(config.clusters, asString(context?.cluster))?.cluster);
  const user = asRecord(pick(config.users, asString(context?.user))?.user);
  const server = asString(cluster?.server) ?? null;
  if (!server) return { problem: 'its kubeconfig names no server', server: null };
  if (user?.exec !== undefined || user?.['auth-provider'] !== undefined) {
    return { problem: 'it authenticates through a credential plugin, which check does not run', server };
  }
  const data = (value: unknown) => (typeof value === 'string' ? Buffer.from(value, 'base64') : undefined);
  const token = asString(user?.token);
  const cert = data(user?.['client-certificate-data']);
  const key = data(user?.['client-key-data']);
  if (!token && !(cert && key))
    return { problem: 'its kubeconfig carries no token or client certificate', server };
  const ca = data(cluster?.['certificate-authority-data']);
  return {
    credential: {
      server,
      insecure: cluster?.['insecure-skip-tls-verify'] === true,
      ...(ca ? { ca } : {}),
      ...(token ? { token } : {}),
      ...(cert && key ? { cert, key } : {}),
    },
  };
}

function post(
  credential: RemoteCredential,
  path: string,
  body: unknown,
  timeoutMs: number,
): Promise<{ status: number; body: unknown }> {
  return new Promise((resolve, reject) => {
    const url = new URL(path, credential.server.endsWith('/') ? credential.server : `${credential.server}/`);
    const payload = Buffer.from(JSON.stringify(body));
    const request = https.request(
      url,
      {
        method: 'POST',
        ...(credential.ca ? { ca: credential.ca } : {}),
        ...(credential.cert ? { cert: credential.cert, key: credential.key } : {}),
        rejectUnauthorized: !credential.insecure,
        headers: {
          'Content-Type': 'application/json',
          Accept: 'application/json',
          'Content-Length': payload.length,
          ...(credential.token ? { Authorization: `Bearer ${credential.token}` } : {}),
        },
        timeout: timeoutMs,
      },
      (response) => {
        const chunks: Buffer[] = [];
        let size = 0;
        response.on('data', (chunk: Buffer) => {
          size += chunk.length;
          if (size > 1024 * 1024) request.destroy(new Error('answer too large'));
          else chunks.push(chunk);
        });
        response.on('end', () => {
          let parsed: unknown = null;
          try {
            parsed = JSON.parse(Buffer.concat(chunks).toString('utf8'));
          } catch {
            parsed = null;
          }
          resolve({ status: response.statusCode ?? 0, body: parsed });
        });
        response.on('error', reject);
      },
    );
    request.on('timeout', () => request.destroy(new Error(`no answer within ${timeoutMs / 1000} s`)));
    request.on('error', reject);
    request.end(payload);
  });
}

/** A network or TLS failure as a short reason: its code and message, which never hold a header. */
function describeError(error: unknown): string {
  const code = (error as { code?: unknown })?.code;
  const message = error instanceof Error ? error.message : String(error);
  return `unreachable: ${typeof code === 'string' && !message.includes(code) ? `${code} ` : ''}${message}`;
}

function tokenSubject(token: string | undefined): string | null {
  const payload = token?.split('.')[1];
  if (!payload) return null;
  try {
    return asString(asRecord(JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')))?.sub) ?? null;
  } catch {
    return null;
  }
}

function secretTexts(secret: KubeObject): Map<string, string> {
  const texts = new Map<string, string>();
  for (const [key, value] of Object.entries(asRecord(secret.data) ?? {}))
    if (typeof value === 'string') texts.set(key, Buffer.from(value, 'base64').toString('utf8'));
  for (const [key, value] of Object.entries(asRecord(secret.stringData) ?? {}))
    if (typeof value === 'string') texts.set(key, value);
  return texts;
}
