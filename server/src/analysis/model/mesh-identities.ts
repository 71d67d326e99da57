/**
 * The cluster IDs and network names a mesh knows, with where each comes from, for the checks that
 * judge a value written in config (`topology.istio.io/cluster: west`) against the topology.
 *
 * Cluster IDs are istiod's CLUSTER_ID of each cluster of the input (the facts' `id`, which is not the
 * kubeconfig context name), plus the IDs remote secrets name (a cluster the input does not include may
 * still be part of the mesh). Networks come from the control plane namespaces' and other namespaces'
 * `topology.istio.io/network` labels, east-west gateways, `meshNetworks`, and WorkloadEntry / ServiceEntry
 * endpoints.
 */
import { CLUSTER_LABEL, NETWORK_LABEL } from '../../mesh/derive-cluster-facts';
import { type KubeObject } from '../../mesh/snapshot';
import { type MeshQueries } from '../framework/mesh-queries';
import { KINDS } from '../../../../protocol/kinds';
import { type ClusterInfo } from './mesh-index';
import { asArray, asRecord, asString } from '../../mesh/object-fields';
import { annotationsOf, labelsOf, specOf } from './resource';

export { CLUSTER_LABEL, NETWORK_LABEL };
export const REMOTE_SECRET_LABEL = 'istio/multiCluster';
export const CLUSTER_ANNOTATION = 'networking.istio.io/cluster';

/** Cluster ID → where it is known from ("cluster east", "remote secret istio-system/x in cluster east"). */
export function knownClusterIds(mesh: MeshQueries): Map<string, string> {
  const known = new Map<string, string>();
  for (const cluster of mesh.clusters()) known.set(cluster.facts.id, `cluster ${cluster.name}`);
  for (const secret of mesh.ofKind(KINDS.Secret)) {
    if (labelsOf(secret)[REMOTE_SECRET_LABEL] !== 'true') continue;
    const where = `remote secret ${secret.namespace}/${secret.name}${secret.cluster ? ` in cluster ${secret.cluster}` : ''}`;
    for (const key of remoteSecretKeys(secret.object)) if (!known.has(key)) known.set(key, where);
    const annotated = annotationsOf(secret)[CLUSTER_ANNOTATION];
    if (annotated && !known.has(annotated)) known.set(annotated, where);
  }
  return known;
}

/** Network → where it is known from. */
export function knownNetworks(mesh: MeshQueries): Map<string, string> {
  const known = new Map<string, string>();
  const add = (network: string | undefined, where: string): void => {
    if (network && !known.has(network)) known.set(network, where);
  };
  for (const cluster of mesh.clusters()) {
    add(cluster.facts.network ?? undefined, `cluster ${cluster.name}`);
    for (const gateway of cluster.facts.eastWestGateways)
      add(gateway.network, `east-west gateway of cluster ${cluster.name}`);
  }
  for (const namespace of mesh.ofKind(KINDS.Namespace)) {
    add(
      labelsOf(namespace)[NETWORK_LABEL],
      `namespace ${namespace.name}${namespace.cluster ? ` in cluster ${namespace.cluster}` : ''}`,
    );
  }
  for (const network of Object.keys(asRecord(mesh.meshConfig.meshNetworks.networks) ?? {}))
    add(network, 'meshNetworks');
  for (const entry of mesh.ofKind(KINDS.WorkloadEntry)) {
    add(asString(specOf(entry).network), `WorkloadEntry ${entry.namespace}/${entry.name}`);
  }
  for (const serviceEntry of mesh.ofKind(KINDS.ServiceEntry)) {
    for (const endpoint of asArray(specOf(serviceEntry).endpoints)) {
      add(
        asString(asRecord(endpoint)?.network),
        `ServiceEntry ${serviceEntry.namespace}/${serviceEntry.name}`,
      );
    }
  }
  return known;
}

/** The data keys of a remote secret (each the ID of the cluster its kubeconfig reaches); never the values. */
export function remoteSecretKeys(secret: KubeObject): string[] {
  return Object.keys({ ...asRecord(secret.data), ...asRecord(secret.stringData) });
}

/** The cluster of the input whose context name is `name`. */
export function clusterNamed(clusters: readonly ClusterInfo[], name: string): ClusterInfo | undefined {
  return clusters.find((cluster) => cluster.name === name);
}

/** The cluster of the input whose ID (istiod's CLUSTER_ID) is `id`. */
export function clusterWithId(clusters: readonly ClusterInfo[], id: string): ClusterInfo | undefined {
  return clusters.find((cluster) => cluster.facts.id === id);
}

/** "east (ID cluster-east)" when the ID differs from the name, else "east". */
export function describeClusterId(cluster: ClusterInfo): string {
  return cluster.facts.id === cluster.name ? cluster.name : `${cluster.name} (ID ${cluster.facts.id})`;
}
