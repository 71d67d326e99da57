/**
 * Which hosts are cluster-local, as pilot's ClusterLocalProvider decides: mesh config
 * `serviceSettings[].settings.clusterLocal` for its `hosts` (exact or `*.` wildcards), plus the defaults
 * `*.kube-system.svc.cluster.local` and `kubernetes.default.svc.cluster.local` unless a `clusterLocal:
 * false` entry overrides them. The most specific matching host decides. Traffic to a cluster-local host
 * stays in the caller's cluster: it only reaches endpoints there.
 */
import { hostCovers, isWildcardHost, normalizeHost } from './hosts';
import { type MeshConfigView } from './mesh-config';
import { asArray, asRecord, asStringArray } from '../../mesh/object-fields';

const DEFAULT_CLUSTER_LOCAL = ['*.kube-system.svc.cluster.local', 'kubernetes.default.svc.cluster.local'];

export interface ClusterLocalRule {
  readonly host: string;
  readonly clusterLocal: boolean;
  /** `serviceSettings[i].hosts[j]`, or null for a default of Istio. */
  readonly path: readonly (string | number)[] | null;
}

export function clusterLocalRules(meshConfig: MeshConfigView): ClusterLocalRule[] {
  const rules: ClusterLocalRule[] = [];
  const overridden = new Set<string>();
  asArray(meshConfig.mesh.serviceSettings).forEach((item, i) => {
    const entry = asRecord(item);
    const clusterLocal = asRecord(entry?.settings)?.clusterLocal === true;
    asStringArray(entry?.hosts).forEach((written, j) => {
      const host = normalizeHost(written, '');
      rules.push({ host, clusterLocal, path: ['serviceSettings', i, 'hosts', j] });
      if (clusterLocal) return;
      for (const fallback of DEFAULT_CLUSTER_LOCAL) {
        if (host === fallback || (isWildcardHost(fallback) && host.endsWith(fallback.slice(1))))
          overridden.add(fallback);
      }
    });
  });
  for (const fallback of DEFAULT_CLUSTER_LOCAL) {
    if (!overridden.has(fallback)) rules.push({ host: fallback, clusterLocal: true, path: null });
  }
  return rules;
}

/**
 * The rule that decides for `host`: an exact match, else the longest covering wildcard; a later entry
 * for the same host replaces an earlier one (pilot keeps them in a map).
 */
export function clusterLocalRuleFor(
  rules: readonly ClusterLocalRule[],
  host: string,
): ClusterLocalRule | undefined {
  let exact: ClusterLocalRule | undefined;
  let best: ClusterLocalRule | undefined;
  for (const rule of rules) {
    if (rule.host === host) exact = rule;
    else if (isWildcardHost(rule.host) && hostCovers(rule.host, host)) {
      if (!best || rule.host.length >= best.host.length) best = rule;
    }
  }
  return exact ?? best;
}
