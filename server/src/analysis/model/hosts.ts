/**
 * Host names as Istio resolves them.
 *
 * - A short name (`reviews`) resolves in the namespace of the resource that wrote it:
 *   `reviews.bookinfo.svc.cluster.local` (pilot's ResolveShortnameToFQDN). `reviews.bookinfo.svc` is
 *   completed with the cluster domain.
 * - `reviews.bookinfo` is what Kubernetes DNS resolves for a plain client. Pilot does *not* expand it for
 *   routing, so it is kept literal as a host (conflicts, keys); only when a reference is looked up is it
 *   also tried as the Service `reviews.bookinfo.svc.cluster.local` (see `lookupCandidates`).
 * - `*.example.com` matches every name ending in `.example.com` (any depth), and `*` matches all.
 *   Two hosts overlap when either covers the other.
 */

export const CLUSTER_DOMAIN = 'cluster.local';
const SERVICE_SUFFIX = `.svc.${CLUSTER_DOMAIN}`;

export function serviceHost(name: string, namespace: string): string {
  return `${name}.${namespace}${SERVICE_SUFFIX}`.toLowerCase();
}

export function isWildcardHost(host: string): boolean {
  return host.startsWith('*');
}

/** The host a resource in `namespace` means by `host`. */
export function normalizeHost(host: string, namespace: string): string {
  const trimmed = host.trim().toLowerCase().replace(/\.$/, '');
  if (trimmed === '*' || isIpAddress(trimmed)) return trimmed;
  if (!trimmed.includes('.')) return namespace ? serviceHost(trimmed, namespace) : trimmed;
  if (trimmed.endsWith('.svc')) return `${trimmed}.${CLUSTER_DOMAIN}`;
  return trimmed;
}

/** Normalised host plus the Service it may denote as `name.namespace` (Kubernetes DNS search path). */
export function lookupCandidates(host: string, namespace: string): readonly string[] {
  const normalized = normalizeHost(host, namespace);
  const labels = normalized.split('.');
  if (labels.length === 2 && !isWildcardHost(normalized) && !isIpAddress(normalized)) {
    return [normalized, `${normalized}${SERVICE_SUFFIX}`];
  }
  return [normalized];
}

/** `reviews.bookinfo.svc.cluster.local` → { name: reviews, namespace: bookinfo }; other hosts → undefined. */
export function serviceOfHost(host: string): { name: string; namespace: string } | undefined {
  if (!host.endsWith(SERVICE_SUFFIX)) return undefined;
  const labels = host.slice(0, -SERVICE_SUFFIX.length).split('.');
  if (labels.length !== 2 || !labels[0] || !labels[1] || labels[0] === '*') return undefined;
  return { name: labels[0], namespace: labels[1] };
}

/** Istio's host.Name.Matches: true when one host covers the other (wildcards either side). */
export function hostsOverlap(a: string, b: string): boolean {
  if (a === b) return true;
  const aWild = isWildcardHost(a);
  const bWild = isWildcardHost(b);
  if (aWild && bWild) {
    const aSuffix = a.slice(1);
    const bSuffix = b.slice(1);
    return aSuffix.length > bSuffix.length ? aSuffix.endsWith(bSuffix) : bSuffix.endsWith(aSuffix);
  }
  if (aWild) return b.endsWith(a.slice(1));
  if (bWild) return a.endsWith(b.slice(1));
  return false;
}

/** Istio's host.Name.SubsetOf: every name `host` matches is matched by `pattern`. */
export function hostCovers(pattern: string, host: string): boolean {
  if (pattern === host) return true;
  if (!isWildcardHost(pattern)) return false;
  const suffix = pattern.slice(1);
  return isWildcardHost(host) ? host.slice(1).endsWith(suffix) : host.endsWith(suffix);
}

/**
 * How specific a host pattern is (more is better), for choosing between a DestinationRule for
 * `reviews.bookinfo.svc.cluster.local` and one for `*.bookinfo.svc.cluster.local`.
 */
export function hostSpecificity(host: string): number {
  return isWildcardHost(host) ? host.length : Number.MAX_SAFE_INTEGER;
}

/**
 * The suffixes of a host, broadest first: `a.b.c` → ['', '.c', '.b.c']. A wildcard `*.b.c` covers a host
 * exactly when its suffix `.b.c` is among them; the engine uses them as dependency keys.
 */
export function hostSuffixes(host: string): readonly string[] {
  const base = isWildcardHost(host) ? host.slice(1) : host;
  const suffixes = [''];
  let index = base.length;
  for (;;) {
    index = base.lastIndexOf('.', index - 1);
    if (index <= 0) break;
    suffixes.push(base.slice(index));
  }
  return suffixes;
}

function isIpAddress(host: string): boolean {
  return /^\d{1,3}(\.\d{1,3}){3}(\/\d+)?$/.test(host) || host.includes(':');
}
