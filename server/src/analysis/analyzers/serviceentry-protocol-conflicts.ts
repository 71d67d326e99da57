/**
 * IST0177: several ServiceEntries define the same host and port number with different protocols. A
 * sidecar that sees them all uses one protocol for that host and port, so the other entries' traffic is
 * handled with the wrong one (HTTP parsed as opaque TLS or the reverse).
 *
 * Entries conflict only where a namespace sees both (exportTo). An unset protocol is its own value: it
 * means protocol sniffing, which differs from a declared one. A group analyzer: one group per host.
 */
import { type GroupAnalyzer } from '../framework/analyzer';
import { exportToOf, exportsOverlap } from '../model/export-to';
import { KINDS } from '../../../../protocol/kinds';
import { type MeshConfigView } from '../model/mesh-config';
import { type MeshResource, describe, qualifiedName } from '../model/resource';
import { type ServicePort, hostEntriesOf } from '../model/service-ports';

export const serviceEntryProtocolConflicts: GroupAnalyzer = {
  type: 'group',
  name: 'serviceentry-protocol-conflicts',
  codes: ['IST0177'],
  kinds: [KINDS.ServiceEntry],
  groupKeys(resource) {
    return [...new Set(hostEntriesOf(resource).map((entry) => entry.host))];
  },
  analyzeGroup(host, members, ctx) {
    if (members.length < 2) return;
    const meshConfig = ctx.mesh.meshConfig;
    const entries = members.flatMap((member) => hostEntriesOf(member).filter((entry) => entry.host === host));
    for (const entry of entries) {
      for (const port of entry.ports) {
        const clashes = entries.flatMap((other) => {
          if (other.resource === entry.resource || !seeEachOther(entry.resource, other.resource, meshConfig))
            return [];
          const theirs = other.ports.find((candidate) => candidate.number === port.number);
          return theirs && theirs.protocol !== port.protocol ? [{ other, port: theirs }] : [];
        });
        if (clashes.length === 0) continue;
        const others = clashes.map(
          ({ other, port: theirs }) => `${describe(other.resource)} (${protocolName(theirs)})`,
        );
        ctx.report({
          code: 'IST0177',
          resource: entry.resource,
          path: port.protocol ? [...port.path, 'protocol'] : port.path,
          message: `${describe(entry.resource)} gives ${host} port ${port.number} protocol ${protocolName(port)}, but ${others.join(', ')} ${clashes.length === 1 ? 'gives' : 'give'} it another protocol. Sidecars that see both entries use one protocol for this host and port, so traffic meant for the other entry is handled with the wrong one: use the same protocol in every entry, or merge them into one ServiceEntry.`,
          related: clashes.map(({ other, port: theirs }) => ({
            resource: other.resource,
            path: theirs.protocol ? [...theirs.path, 'protocol'] : theirs.path,
            message: `${describe(other.resource)} declares ${protocolName(theirs)} for port ${port.number}`,
          })),
          data: {
            host,
            port: port.number,
            entries: clashes.map(({ other }) => qualifiedName(other.resource)),
          },
        });
      }
    }
  },
};

function protocolName(port: ServicePort): string {
  return port.protocol || 'unset';
}

function seeEachOther(a: MeshResource, b: MeshResource, meshConfig: MeshConfigView): boolean {
  return exportsOverlap(
    { exportTo: exportToOf(a, meshConfig), namespace: a.namespace },
    { exportTo: exportToOf(b, meshConfig), namespace: b.namespace },
  );
}
