/**
 * IST0134: a ServiceEntry without `addresses` has a port whose protocol is TCP or unset. Sidecars route
 * plain TCP by destination IP and port only, so without an address the entry either captures every
 * connection to that port or none reaches it.
 *
 * As istioctl (serviceentry/protocoladdresses.go), not reported when addresses are allocated
 * automatically: mesh config `defaultConfig.proxyMetadata.ISTIO_META_DNS_AUTO_ALLOCATE: "true"` (DNS
 * proxy auto allocation). Also not reported when istiod's IP allocation visibly applies to the entry: its
 * `status.addresses` holds allocated addresses (a live object), or it carries the
 * `networking.istio.io/enable-autoallocate-ip: "true"` label.
 */
import { type ResourceAnalyzer } from '../framework/analyzer';
import { KINDS } from '../../../../protocol/kinds';
import { type MeshConfigView } from '../model/mesh-config';
import { asArray, asNumber, asRecord, asString } from '../../mesh/object-fields';
import { type MeshResource, describe, labelsOf, specOf } from '../model/resource';

const AUTO_ALLOCATE_METADATA = 'ISTIO_META_DNS_AUTO_ALLOCATE';
const AUTO_ALLOCATE_LABEL = 'networking.istio.io/enable-autoallocate-ip';

export const serviceEntryAddresses: ResourceAnalyzer = {
  type: 'resource',
  name: 'serviceentry-addresses',
  codes: ['IST0134'],
  kinds: [KINDS.ServiceEntry],
  analyze(resource, ctx) {
    if (asArray(specOf(resource).addresses).length > 0 || allocatedByIstiod(resource)) return;
    if (dnsAutoAllocation(ctx.mesh.meshConfig)) return;
    asArray(specOf(resource).ports).forEach((item, i) => {
      const port = asRecord(item);
      if (!port) return;
      const protocol = asString(port.protocol)?.toUpperCase();
      if (protocol !== undefined && protocol !== 'TCP') return;
      const number = asNumber(port.number);
      const what = protocol === undefined ? 'has no protocol (treated as TCP)' : 'is TCP';
      ctx.report({
        code: 'IST0134',
        resource,
        path: protocol === undefined ? ['spec', 'ports', i] : ['spec', 'ports', i, 'protocol'],
        message: `${describe(resource)} port ${number ?? `#${i}`} ${what} and the entry has no addresses: sidecars tell TCP services apart by destination IP only, so this entry claims port ${number ?? 'it'} for every destination address (or clashes with other services on that port). Add spec.addresses (the service's IPs or CIDR), or enable DNS auto allocation (meshConfig.defaultConfig.proxyMetadata.${AUTO_ALLOCATE_METADATA}: "true").`,
        data: { port: number },
      });
    });
  },
};

function allocatedByIstiod(resource: MeshResource): boolean {
  if (labelsOf(resource)[AUTO_ALLOCATE_LABEL] === 'true') return true;
  return asArray(asRecord(resource.object.status)?.addresses).length > 0;
}

function dnsAutoAllocation(meshConfig: MeshConfigView): boolean {
  const metadata = asRecord(asRecord(meshConfig.mesh.defaultConfig)?.proxyMetadata);
  const value = metadata?.[AUTO_ALLOCATE_METADATA];
  return value === true || (typeof value === 'string' && value.toLowerCase() === 'true');
}
