/**
 * The service registries a meshNetworks `fromRegistry` may name (IST0126): the built-in ones
 * (`Kubernetes`, `External`), each cluster's ID (istiod's CLUSTER_ID) and each remote secret's data key
 * (`istio/multiCluster: "true"`). Shared by the analyzer, which judges the `istio` ConfigMap among the
 * inputs, and by the check of a `--mesh-networks` file, which is mesh settings rather than a resource.
 */
import { asArray, asRecord, asString } from '../../mesh/object-fields';
import { type MeshResource, labelsOf } from './resource';

const BUILTIN_REGISTRIES = ['Kubernetes', 'External'];
const REMOTE_SECRET_LABEL = 'istio/multiCluster';

export interface UnknownRegistry {
  readonly network: string;
  readonly registry: string;
  /** Index of the endpoint in the network's `endpoints`, for the exact node. */
  readonly endpoint: number;
}

/** Registry ID → where it comes from (for the message). */
export function knownRegistries(
  clusters: readonly { name: string; facts: { id: string } }[],
  secrets: readonly MeshResource[],
): Map<string, string> {
  const known = new Map<string, string>(BUILTIN_REGISTRIES.map((id) => [id, 'built-in']));
  for (const cluster of clusters)
    if (!known.has(cluster.facts.id)) known.set(cluster.facts.id, `cluster ${cluster.name}`);
  for (const secret of secrets) {
    if (labelsOf(secret)[REMOTE_SECRET_LABEL] !== 'true') continue;
    const object = secret.object as { data?: unknown; stringData?: unknown };
    for (const key of Object.keys({ ...asRecord(object.data), ...asRecord(object.stringData) })) {
      if (!known.has(key)) known.set(key, `remote secret ${secret.namespace}/${secret.name}`);
    }
  }
  return known;
}

/** The endpoints of `networks` (the `networks` map of MeshNetworks) whose registry is not known. */
export function unknownRegistries(networks: unknown, known: ReadonlyMap<string, string>): UnknownRegistry[] {
  const unknown: UnknownRegistry[] = [];
  for (const [network, value] of Object.entries(asRecord(networks) ?? {})) {
    asArray(asRecord(value)?.endpoints).forEach((endpoint, index) => {
      const registry = asString(asRecord(endpoint)?.fromRegistry);
      if (registry !== undefined && !known.has(registry))
        unknown.push({ network, registry, endpoint: index });
    });
  }
  return unknown;
}

/** What IST0126 says of `subject` (`ConfigMap istio-system/istio`, `--mesh-networks file`). */
export function unknownRegistriesMessage(
  subject: string,
  unknown: readonly UnknownRegistry[],
  known: ReadonlyMap<string, string>,
): string {
  const list = unknown.map((u) => `network ${u.network} fromRegistry "${u.registry}"`).join(', ');
  const knownList = [...known]
    .map(([id, source]) => (source === 'built-in' ? id : `${id} (${source})`))
    .join(', ');
  return `${subject}: meshNetworks takes endpoints from registries that no cluster has (${list}), so istiod gives ${unknown.length === 1 ? 'that network' : 'those networks'} no endpoints. Known registries: ${knownList}. Use a cluster ID: istiod's CLUSTER_ID, or the data key of the remote secret for that cluster.`;
}
