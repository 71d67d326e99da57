/**
 * MESH106: a VirtualService routes to (or a DestinationRule configures) a host whose Service exists in
 * some clusters only, while other clusters run callers: there the name does not resolve (Kubernetes DNS
 * knows only local Services), so their calls fail before reaching the mesh, even though the endpoints
 * are merged across clusters. Silent when a ServiceEntry serves the host, when the Service is authored
 * (about to be applied), in a single-cluster mesh, and when mesh config turns on DNS proxying
 * (`defaultConfig.proxyMetadata.ISTIO_META_DNS_CAPTURE: "true"`), with which the sidecar answers for every
 * service istiod knows. One report per host, on its first mention.
 */
import { type ResourceAnalyzer } from '../framework/analyzer';
import { KINDS } from '../../../../protocol/kinds';
import { asRecord, asString } from '../../mesh/object-fields';
import { describe } from '../model/resource';
import {
  callerClusters,
  clusterList,
  distinctDestinationHosts,
  servicePresence,
} from '../model/service-presence';

export const serviceMissingInClusters: ResourceAnalyzer = {
  type: 'resource',
  name: 'service-missing-in-clusters',
  codes: ['MESH106'],
  kinds: [KINDS.VirtualService, KINDS.DestinationRule],
  requires: ['kubernetes'],
  analyze(resource, ctx) {
    if (ctx.mesh.clusters().length < 2 || dnsProxyingOn(ctx.mesh.meshConfig.mesh)) return;
    const callers = callerClusters(ctx.mesh);
    for (const destination of distinctDestinationHosts(ctx.mesh, resource)) {
      const presence = servicePresence(ctx.mesh, destination.written, resource.namespace);
      if (!presence || presence.copies.size === 0 || presence.authored || presence.serviceEntries.length > 0)
        continue;
      const missing = [...callers].filter((cluster) => !presence.copies.has(cluster)).sort();
      if (missing.length === 0) continue;
      const service = [...presence.copies.values()][0]!;
      const name = `${service.namespace}/${service.name}`;
      ctx.report({
        code: 'MESH106',
        resource,
        path: destination.path,
        message: `${describe(resource)}: Service ${name} (${presence.host}) exists only in ${clusterList(presence.copies.keys())}, so callers in ${clusterList(missing)} cannot resolve the name and their calls fail. Create Service ${name} in ${clusterList(missing)} too (it needs no pods there; the mesh routes to the other clusters' endpoints), or turn on DNS proxying (ISTIO_META_DNS_CAPTURE).`,
        related: [...presence.copies].map(([cluster, copy]) => ({
          resource: copy,
          message: `Service ${name} in cluster ${cluster}`,
        })),
        data: { host: presence.host, missing, present: [...presence.copies.keys()].sort() },
      });
    }
  },
};

/** Mesh-wide DNS proxying: the sidecars resolve every host istiod knows, local Service or not. */
function dnsProxyingOn(mesh: Readonly<Record<string, unknown>>): boolean {
  const metadata = asRecord(asRecord(mesh.defaultConfig)?.proxyMetadata);
  return asString(metadata?.ISTIO_META_DNS_CAPTURE)?.toLowerCase() === 'true';
}
