/**
 * MESH105: a VirtualService routes to a host that mesh config makes cluster-local
 * (`serviceSettings[].settings.clusterLocal`, model/cluster-local-hosts.ts) while the route expects
 * endpoints in another cluster. Cluster-local traffic only reaches endpoints in the caller's own cluster,
 * so:
 * - a route to a subset selecting `topology.istio.io/cluster: X` (or a network) gets no endpoints for
 *   callers outside X (outside that network);
 * - a route to a host whose endpoints run in some clusters only gets no endpoints for callers in the
 *   clusters that have the Service but none of its pods.
 * Callers are the clusters that run sidecars or ambient workloads (model/service-presence.ts).
 */
import { type FieldPath } from '../../yaml/node-locator';
import { type ResourceAnalyzer } from '../framework/analyzer';
import { type ClusterLocalRule, clusterLocalRuleFor, clusterLocalRules } from '../model/cluster-local-hosts';
import { KINDS } from '../../../../protocol/kinds';
import { CLUSTER_LABEL, NETWORK_LABEL } from '../model/mesh-identities';
import { asArray, asRecord, asString, asStringMap } from '../../mesh/object-fields';
import { type MeshResource, describe, specOf } from '../model/resource';
import {
  callerClusters,
  clusterList,
  destinationHostsOf,
  endpointsByCluster,
  servicePresence,
} from '../model/service-presence';

export const clusterLocalRoutes: ResourceAnalyzer = {
  type: 'resource',
  name: 'cluster-local-routes',
  codes: ['MESH105'],
  kinds: [KINDS.VirtualService],
  requires: ['kubernetes'],
  analyze(resource, ctx) {
    const clusters = ctx.mesh.clusters();
    if (clusters.length < 2) return;
    const rules = clusterLocalRules(ctx.mesh.meshConfig);
    const callers = callerClusters(ctx.mesh);
    const reportedHosts = new Set<string>();
    for (const destination of destinationHostsOf(resource)) {
      const host = ctx.mesh.normalizeHost(destination.written, resource.namespace);
      const rule = clusterLocalRuleFor(rules, host);
      if (!rule?.clusterLocal) continue;
      const why = `cluster-local (${describeRule(rule)}), so each caller only reaches endpoints in its own cluster`;
      const report = (path: FieldPath, problem: string, data: Record<string, unknown>): void =>
        ctx.report({
          code: 'MESH105',
          resource,
          path,
          message: `${describe(resource)} routes to ${host}, which is ${why}: ${problem} Remove ${host} from clusterLocal in mesh config (serviceSettings) if traffic must cross clusters, or route without expecting other clusters' endpoints.`,
          data: { host, ...data },
        });

      if (destination.subset !== undefined && destination.subsetPath) {
        const pinned = subsetTopology(
          ctx.mesh.destinationRulesFor(host, resource.namespace),
          destination.subset,
        );
        if (pinned) {
          const outside = clusters
            .filter((c) => callers.has(c.name))
            .filter((c) => (pinned.label === CLUSTER_LABEL ? c.facts.id : c.facts.network) !== pinned.value)
            .map((c) => c.name);
          if (outside.length > 0) {
            report(
              destination.subsetPath,
              `subset ${destination.subset} selects ${pinned.label}: ${pinned.value}, so callers in ${clusterList(outside)} get no endpoints and their requests fail (503).`,
              { subset: destination.subset, clusters: outside.sort() },
            );
          }
          continue;
        }
      }
      if (destination.subset !== undefined || reportedHosts.has(host)) continue;
      const presence = servicePresence(ctx.mesh, destination.written, resource.namespace);
      if (!presence) continue;
      const endpoints = endpointsByCluster(ctx.mesh, presence);
      if (endpoints.size === 0) continue;
      const stranded = [...presence.copies.keys()].filter((c) => callers.has(c) && !endpoints.has(c));
      if (stranded.length === 0) continue;
      reportedHosts.add(host);
      report(
        destination.path,
        `its endpoints run only in ${clusterList(endpoints.keys())}, so callers in ${clusterList(stranded)} get no endpoints and their requests fail (503).`,
        { clusters: stranded.sort(), endpointClusters: [...endpoints.keys()].sort() },
      );
    }
  },
};

/** The cluster or network label a subset of the applicable DestinationRules pins, if any. */
function subsetTopology(
  rules: readonly MeshResource[],
  subsetName: string,
): { label: string; value: string } | undefined {
  for (const rule of rules) {
    for (const item of asArray(specOf(rule).subsets)) {
      const subset = asRecord(item);
      if (asString(subset?.name) !== subsetName) continue;
      const labels = asStringMap(subset?.labels);
      if (labels[CLUSTER_LABEL] !== undefined) return { label: CLUSTER_LABEL, value: labels[CLUSTER_LABEL] };
      if (labels[NETWORK_LABEL] !== undefined) return { label: NETWORK_LABEL, value: labels[NETWORK_LABEL] };
    }
  }
  return undefined;
}

function describeRule(rule: ClusterLocalRule): string {
  return rule.path === null
    ? `Istio's default for ${rule.host}`
    : `mesh config serviceSettings[${rule.path[1]}] host ${rule.host}`;
}
