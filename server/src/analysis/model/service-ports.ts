/**
 * The hosts and ports a Service or ServiceEntry provides, normalised: what a route destination, a
 * DestinationRule host or an IST0112 port check is resolved against.
 */
import { normalizeHost, serviceHost } from './hosts';
import { KINDS } from '../../../../protocol/kinds';
import { asArray, asNumber, asRecord, asString, asStringArray } from '../../mesh/object-fields';
import { type MeshResource, qualifiedName, specOf } from './resource';

export interface ServicePort {
  readonly number: number;
  readonly name: string;
  /** `TCP`/`UDP` for a Service (plus appProtocol when set), Istio protocol for a ServiceEntry. */
  readonly protocol: string;
  readonly appProtocol: string | undefined;
  /** The field path of this port in its resource, for related locations. */
  readonly path: readonly (string | number)[];
}

export interface HostEntry {
  readonly resource: MeshResource;
  /** Normalised host (may be a wildcard for ServiceEntries). */
  readonly host: string;
  readonly ports: readonly ServicePort[];
  /** Path of the host in the resource: `['spec','hosts',2]`, or `['metadata','name']` for a Service. */
  readonly path: readonly (string | number)[];
}

export function hostEntriesOf(resource: MeshResource): readonly HostEntry[] {
  if (resource.groupKind === KINDS.Service) {
    return [
      {
        resource,
        host: serviceHost(resource.name, resource.namespace),
        ports: servicePorts(resource),
        path: ['metadata', 'name'],
      },
    ];
  }
  if (resource.groupKind === KINDS.ServiceEntry) {
    const ports = serviceEntryPorts(resource);
    return asStringArray(specOf(resource).hosts).map((host, index) => ({
      resource,
      host: normalizeHost(host, resource.namespace),
      ports,
      path: ['spec', 'hosts', index],
    }));
  }
  return [];
}

function servicePorts(resource: MeshResource): ServicePort[] {
  return asArray(specOf(resource).ports).flatMap((item, index) => {
    const port = asRecord(item);
    const number = asNumber(port?.port);
    if (!port || number === undefined) return [];
    return [
      {
        number,
        name: asString(port.name) ?? '',
        protocol: (asString(port.protocol) ?? 'TCP').toUpperCase(),
        appProtocol: asString(port.appProtocol),
        path: ['spec', 'ports', index],
      },
    ];
  });
}

function serviceEntryPorts(resource: MeshResource): ServicePort[] {
  return asArray(specOf(resource).ports).flatMap((item, index) => {
    const port = asRecord(item);
    const number = asNumber(port?.number);
    if (!port || number === undefined) return [];
    return [
      {
        number,
        name: asString(port.name) ?? '',
        protocol: (asString(port.protocol) ?? '').toUpperCase(),
        appProtocol: undefined,
        path: ['spec', 'ports', index],
      },
    ];
  });
}

/** "Service bookinfo/reviews (cluster east)". */
export function describeProvider(entry: HostEntry): string {
  const where = entry.resource.cluster ? ` (cluster ${entry.resource.cluster})` : '';
  return `${entry.resource.kind} ${qualifiedName(entry.resource)}${where}`;
}

/** "Service bookinfo/reviews and ServiceEntry bookinfo/reviews-ext", each object named once. */
export function describeProviders(entries: readonly HostEntry[]): string {
  const names = [
    ...new Set(entries.map((entry) => `${entry.resource.kind} ${qualifiedName(entry.resource)}`)),
  ];
  return names.join(' and ');
}
