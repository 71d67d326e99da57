/**
 * The judgements trust checks share, over cluster facts alone: when a date is too close, whether two
 * clusters trust a common root, which clusters a primary must read, how far apart two istiod versions
 * are. The analyzers (MESH30x) and `meshwright check` both use them, so the editor, `analyze` and the
 * checklist agree.
 */
import { type CertificateFact } from './certificate-bundle';
import { type ClusterFacts } from './derive-cluster-facts';

/** A root or CA certificate this close to its end is reported (MESH302). */
export const CERTIFICATE_WARNING_DAYS = 30;
/** A remote secret's token this close to its end is reported (MESH306). */
export const TOKEN_WARNING_DAYS = 7;

const DAY_MS = 24 * 3600 * 1000;

export interface Expiry {
  readonly state: 'expired' | 'expiring' | 'valid';
  /** Days left, rounded (negative: days since it ended). */
  readonly days: number;
  readonly at: string;
}

/** How close `iso` is, judged against a warning window of `warningDays`; null for an unreadable date. */
export function expiryOf(iso: string, warningDays: number, now: Date = new Date()): Expiry | null {
  const at = Date.parse(iso);
  if (Number.isNaN(at)) return null;
  const left = at - now.getTime();
  const state = left <= 0 ? 'expired' : left <= warningDays * DAY_MS ? 'expiring' : 'valid';
  // Rounded: a token made to last 3 days reads "in 3 days" for most of its third day, not "in 2 days".
  return { state, days: Math.round(left / DAY_MS), at: new Date(at).toISOString() };
}

/** "in 3 days", "today", "2 days ago". */
export function describeDays(expiry: Expiry): string {
  if (expiry.state === 'expired')
    return expiry.days === 0 ? 'today' : `${-expiry.days} day${expiry.days === -1 ? '' : 's'} ago`;
  return expiry.days === 0 ? 'within a day' : `in ${expiry.days} day${expiry.days === 1 ? '' : 's'}`;
}

/** The mesh a cluster belongs to: its mesh ID, which defaults to the trust domain as in Istio. */
export function meshOf(facts: ClusterFacts): string {
  return facts.meshId ?? facts.trustDomain ?? 'cluster.local';
}

/** The roots two clusters trust: the same set, some in common (a rotation), or none in common. */
export type RootRelation = 'same' | 'overlapping' | 'disjoint';

export function rootRelation(a: readonly CertificateFact[], b: readonly CertificateFact[]): RootRelation {
  const ours = new Set(a.map((root) => root.fingerprint));
  const theirs = new Set(b.map((root) => root.fingerprint));
  const common = [...ours].filter((fingerprint) => theirs.has(fingerprint)).length;
  if (common === 0) return 'disjoint';
  return common === ours.size && common === theirs.size ? 'same' : 'overlapping';
}

/** A short name for a root in messages: its subject's CN (else the subject) and fingerprint's start. */
export function describeRoot(root: CertificateFact): string {
  const commonName = /CN=([^,]+)/.exec(root.subject)?.[1] ?? root.subject;
  return `${commonName} (SHA-256 ${root.fingerprint.slice(0, 23)}…)`;
}

/**
 * The clusters a primary must have a remote secret for: in a multi-primary mesh every other cluster of
 * the mesh; with a single primary, the remotes it serves. Clusters whose role is unknown are left out.
 */
export function clustersToRead(primary: ClusterFacts, all: readonly ClusterFacts[]): ClusterFacts[] {
  if (primary.role !== 'primary') return [];
  const mesh = all.filter((c) => c.name !== primary.name && meshOf(c) === meshOf(primary));
  const multiPrimary = mesh.some((c) => c.role === 'primary');
  return mesh.filter((c) =>
    multiPrimary
      ? c.role === 'primary' || c.role === 'remote'
      : c.role === 'remote' && c.controlPlane === primary.name,
  );
}

/** Whether a primary has a remote secret naming that cluster (by ID, or by name when keys are names). */
export function hasRemoteSecretFor(primary: ClusterFacts, cluster: ClusterFacts): boolean {
  return primary.remoteSecrets.some(
    (secret) => secret.cluster === cluster.id || secret.cluster === cluster.name,
  );
}

/** `1.24.2`, `1.24.2-distroless`, `release-1.25-...` → [1, 24]; null when no version is readable. */
export function minorVersion(version: string | null): readonly [major: number, minor: number] | null {
  const match = /(\d+)\.(\d+)/.exec(version ?? '');
  return match ? [Number(match[1]), Number(match[2])] : null;
}

/** How many minor releases apart two versions are (different majors count as far apart). */
export function minorDistance(a: readonly [number, number], b: readonly [number, number]): number {
  return a[0] !== b[0] ? Number.POSITIVE_INFINITY : Math.abs(a[1] - b[1]);
}

/** Two API server URLs name the same endpoint (scheme, host case, default port and trailing slash aside). */
export function sameServer(a: string, b: string): boolean {
  const normal = (url: string): string => {
    try {
      const parsed = new URL(url);
      const port = parsed.port || (parsed.protocol === 'http:' ? '80' : '443');
      return `${parsed.protocol}//${parsed.hostname.toLowerCase()}:${port}${parsed.pathname.replace(/\/+$/, '')}`;
    } catch {
      return url.trim().replace(/\/+$/, '');
    }
  };
  return normal(a) === normal(b);
}
