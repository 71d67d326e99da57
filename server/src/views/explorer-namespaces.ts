/**
 * The Topology tree's lazy children, from a snapshot: a cluster's namespaces, and a namespace's Services
 * (with their endpoints in every cluster of the mesh, since Istio merges same-named Services) and its Istio
 * and Gateway API objects (with the `meshwright:/` URI of their read-only live copy, and a route's
 * parents); a namespace comes with its data-plane mode and waypoints. Problem badges come from the
 * LiveProblemIndex. Pure: the language server's explorer feature answers its requests with these.
 */
import { serviceHost } from '../analysis/model/hosts';
import { asArray, asNumber, asRecord, asString, asStringMap } from '../mesh/object-fields';
import { labelsMatch } from '../analysis/model/selectors';
import { liveObjectUri } from '../yaml/live-object-document';
import {
  type ExplorerConfigObject,
  type ExplorerNamespace,
  type ExplorerService,
  type ServiceEndpoints,
} from '../../../protocol/requests';
import { clusterIndex, indexOf, type NamespaceObjects } from './explorer-snapshot-index';
import { type LiveProblemIndex } from './explorer-problems';
import { namespaceDataPlane } from './namespace-data-plane';
import { gatewayRoleOf, routeParentUris } from './route-parents';
import { type KubeObject, type TopologySnapshot } from '../mesh/snapshot';

export interface ClusterNamespaces {
  readonly known: boolean;
  readonly namespaces: readonly ExplorerNamespace[];
}

export interface NamespaceContents {
  readonly known: boolean;
  readonly services: readonly ExplorerService[];
  readonly configObjects: readonly ExplorerConfigObject[];
}

export function clusterNamespaces(
  snapshot: TopologySnapshot,
  cluster: string,
  problems: LiveProblemIndex,
): ClusterNamespaces {
  const index = clusterIndex(snapshot, cluster);
  if (!index) return { known: false, namespaces: [] };
  const namespaces = [...index.namespaces]
    .map(([name, objects]): ExplorerNamespace => ({
      name,
      injection: injectionOf(objects),
      ...namespaceDataPlane(index.cluster, name, objects.namespace),
      services: objects.services.length,
      configObjects: objects.meshConfig.length,
      problems: problems.ofNamespace(cluster, name),
    }))
    .sort((a, b) => a.name.localeCompare(b.name));
  return { known: true, namespaces };
}

export function namespaceContents(
  snapshot: TopologySnapshot,
  cluster: string,
  namespace: string,
  problems: LiveProblemIndex,
): NamespaceContents {
  const index = clusterIndex(snapshot, cluster);
  if (!index) return { known: false, services: [], configObjects: [] };
  const objects = index.namespaces.get(namespace);
  if (!objects) return { known: true, services: [], configObjects: [] };
  const services = objects.services
    .map((service): ExplorerService => {
      const uri = liveObjectUri(cluster, 'Service', namespace, service.metadata.name);
      return {
        name: service.metadata.name,
        host: serviceHost(service.metadata.name, namespace),
        uri,
        ports: portsOf(service),
        endpoints: endpointsAcrossClusters(snapshot, namespace, service.metadata.name),
        problems: problems.ofObject(uri),
      };
    })
    .sort((a, b) => a.name.localeCompare(b.name));
  const configObjects = objects.meshConfig
    .map((object): ExplorerConfigObject => {
      const uri = liveObjectUri(cluster, object.kind, namespace, object.metadata.name);
      return {
        apiVersion: object.apiVersion,
        kind: object.kind,
        namespace,
        name: object.metadata.name,
        uri,
        parentUris: routeParentUris(cluster, object),
        gatewayRole: gatewayRoleOf(object),
        problems: problems.ofObject(uri),
      };
    })
    .sort((a, b) => a.kind.localeCompare(b.kind) || a.name.localeCompare(b.name));
  return { known: true, services, configObjects };
}

/** Per cluster holding a Service of this name in this namespace: the pods its selector picks there. */
function endpointsAcrossClusters(
  snapshot: TopologySnapshot,
  namespace: string,
  name: string,
): ServiceEndpoints[] {
  const endpoints: ServiceEndpoints[] = [];
  for (const cluster of snapshot.clusters) {
    const objects = indexOf(cluster).namespaces.get(namespace);
    const service = objects?.services.find((candidate) => candidate.metadata.name === name);
    if (!objects || !service) continue;
    endpoints.push({ cluster: cluster.name, ...podsSelectedBy(service, objects) });
  }
  return endpoints;
}

function podsSelectedBy(service: KubeObject, objects: NamespaceObjects): { ready: number; total: number } {
  const selector = asStringMap(asRecord(service.spec)?.selector);
  // A Service without a selector has hand-made Endpoints, which Meshwright does not read.
  if (Object.keys(selector).length === 0) return { ready: 0, total: 0 };
  let ready = 0;
  let total = 0;
  for (const pod of objects.pods) {
    if (!labelsMatch(selector, pod.metadata.labels ?? {})) continue;
    total++;
    if (asString(asRecord(pod.status)?.phase) === 'Running') ready++;
  }
  return { ready, total };
}

function portsOf(service: KubeObject): ExplorerService['ports'] {
  return asArray(asRecord(service.spec)?.ports).flatMap((entry) => {
    const port = asRecord(entry);
    const number = asNumber(port?.port);
    if (!port || number === undefined) return [];
    return [{ name: asString(port.name) ?? null, port: number, protocol: asString(port.protocol) ?? 'TCP' }];
  });
}

function injectionOf(objects: NamespaceObjects): string | null {
  const labels = objects.namespace?.metadata.labels ?? {};
  const revision = labels['istio.io/rev'];
  if (revision) return `rev=${revision}`;
  return labels['istio-injection'] ?? null;
}
