/**
 * MESH204 (client against server): a DestinationRule read by one primary turns TLS off (`tls.mode:
 * DISABLE`) for a host whose workloads are served by another primary that makes them STRICT. The
 * DestinationRule applies on the client side (the caller's primary), PeerAuthentication on the server
 * side (the primary serving the workload's cluster): the callers send plaintext and the servers refuse it.
 *
 * The host's workloads are the pods each cluster's copy of its Service selects; a cluster is served by its
 * control plane (a primary serves itself, a remote is served by its primary). Each serving primary
 * resolves the pods' mode with its own PeerAuthentications (model/peer-authentication-modes.ts).
 */
import { joinNames } from '../../text/join-names';
import { type ResourceAnalyzer } from '../framework/analyzer';
import { KINDS } from '../../../../protocol/kinds';
import { destinationRuleHost } from '../model/mesh-index';
import { asArray, asRecord, asString } from '../../mesh/object-fields';
import { peerAuthenticationsPerPrimary, workloadMode } from '../model/peer-authentication-modes';
import { describeCallers, describePrimaries, primariesReading } from '../model/primary-views';
import { type MeshResource, describe, qualifiedName, specOf } from '../model/resource';
import { endpointsByCluster, servicePresence } from '../model/service-presence';

export const mtlsDisabledAgainstStrict: ResourceAnalyzer = {
  type: 'resource',
  name: 'mtls-disabled-against-strict',
  codes: ['MESH204'],
  kinds: [KINDS.DestinationRule],
  requires: ['kubernetes'],
  scope: 'every-copy',
  analyze(rule, ctx) {
    const disabled = disabledTlsPaths(rule);
    if (disabled.length === 0) return;
    const reading = primariesReading(ctx.mesh, rule);
    if (reading.length === 0) return;
    const host = destinationRuleHost(rule);
    const presence = servicePresence(ctx.mesh, host, rule.namespace);
    if (!presence) return;
    const controlPlaneOf = new Map(ctx.mesh.clusters().map((c) => [c.name, c.facts.controlPlane]));
    const policies = peerAuthenticationsPerPrimary(ctx.mesh);
    const root = ctx.mesh.meshConfig.rootNamespace;
    /** Serving primary → its clusters with STRICT endpoints, and the policies that make them so. */
    const strict = new Map<string, { clusters: Set<string>; sources: Set<MeshResource> }>();
    for (const [cluster, pods] of endpointsByCluster(ctx.mesh, presence)) {
      const serving = controlPlaneOf.get(cluster);
      if (!serving || !policies.has(serving)) continue;
      for (const pod of pods) {
        const mode = workloadMode(policies.get(serving)!, pod.namespace, pod.labels, root);
        if (mode.mode !== 'STRICT') continue;
        const entry = strict.get(serving) ?? {
          clusters: new Set<string>(),
          sources: new Set<MeshResource>(),
        };
        entry.clusters.add(cluster);
        if (mode.source) entry.sources.add(mode.source);
        strict.set(serving, entry);
      }
    }
    // Cross-primary: a primary reading this rule against another primary serving STRICT workloads.
    const servers = [...strict.keys()].filter((serving) => reading.some((client) => client !== serving));
    if (servers.length === 0) return;
    const clients = reading.filter((client) => servers.some((serving) => serving !== client));
    const endpoints = servers.flatMap((serving) => [...strict.get(serving)!.clusters]);
    const sources = [...new Set(servers.flatMap((serving) => [...strict.get(serving)!.sources]))];
    for (const path of disabled) {
      ctx.report({
        code: 'MESH204',
        resource: rule,
        path,
        message: `${describe(rule)} disables TLS for ${host} in ${describePrimaries(clients)}, but its workloads in ${joinNames([...new Set(endpoints)])} are served by ${describePrimaries(servers)}, where ${sources.length > 0 ? joinNames(sources.map((s) => `PeerAuthentication ${qualifiedName(s)}`)) : 'PeerAuthentication'} makes them STRICT: ${describeCallers(ctx.mesh, clients)} send plaintext and those servers refuse it. Use tls.mode ISTIO_MUTUAL (or leave tls unset for auto mTLS) in every primary's DestinationRule for ${host}.`,
        related: sources.map((source) => ({
          resource: source,
          path: ['spec', 'mtls', 'mode'],
          message: `${describe(source)}: STRICT`,
        })),
        data: { host, clients, servers },
      });
    }
  },
};

/** Traffic policies of the rule that set `tls.mode: DISABLE` (top level, its ports, its subsets). */
function disabledTlsPaths(rule: MeshResource): (string | number)[][] {
  const found: (string | number)[][] = [];
  const check = (policy: unknown, path: (string | number)[]): void => {
    const record = asRecord(policy);
    if (asString(asRecord(record?.tls)?.mode) === 'DISABLE') found.push([...path, 'tls', 'mode']);
    asArray(record?.portLevelSettings).forEach((port, i) => {
      if (asString(asRecord(asRecord(port)?.tls)?.mode) === 'DISABLE')
        found.push([...path, 'portLevelSettings', i, 'tls', 'mode']);
    });
  };
  const spec = specOf(rule);
  check(spec.trafficPolicy, ['spec', 'trafficPolicy']);
  asArray(spec.subsets).forEach((subset, i) =>
    check(asRecord(subset)?.trafficPolicy, ['spec', 'subsets', i, 'trafficPolicy']),
  );
  return found;
}
