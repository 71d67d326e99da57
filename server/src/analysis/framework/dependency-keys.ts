/**
 * The vocabulary of incremental analysis. Every object *provides* keys (its kind, its identity, the hosts
 * it serves, the namespace its workloads are in, ...); every query an analyzer makes *records* the keys
 * whose change could change its answer. When objects change, the session re-runs exactly the analyses
 * that recorded one of the keys the old or new objects provide. Both sides are built here so they agree.
 *
 * Hosts use suffix keys so wildcards stay precise: `reviews.bookinfo.svc.cluster.local` provides
 * `host:` for itself and `under:` for each of its suffixes; `*.bookinfo.svc.cluster.local` provides
 * `wild:.bookinfo.svc.cluster.local`. An exact lookup watches its host and every wildcard that could
 * cover it; a wildcard lookup watches everything under its suffix and every wildcard above it.
 */
import { hostSuffixes, isWildcardHost } from '../model/hosts';
import { KINDS, isIstioGroup } from '../../../../protocol/kinds';
import { ISTIO_SYSTEM, MESH_CONFIGMAP_NAME } from '../model/mesh-config';
import { destinationRuleHost } from '../model/mesh-index';
import { type MeshResource } from '../model/resource';
import { hostEntriesOf } from '../model/service-ports';
import { isWorkloadKind } from '../model/workloads';

export const MESH_CONFIG_KEY = 'meshconfig';
/** Nodes, namespaces' network labels and control-plane objects: what workloads' topology labels derive from. */
export const TOPOLOGY_KEY = 'topology';
export const ALL_WORKLOADS_KEY = 'workloads:*';

export function kindKey(groupKind: string): string {
  return `kind:${groupKind}`;
}

export function objectKey(groupKind: string, namespace: string, name: string): string {
  return `obj:${groupKind}/${namespace}/${name}`;
}

export function workloadsKey(namespace: string): string {
  return `workloads:${namespace}`;
}

/** A namespace's existence in one cluster (MeshIndex.namespaceInCluster): any object of it there. */
export function clusterNamespaceKey(cluster: string, namespace: string): string {
  return `clusterns:${cluster}/${namespace}`;
}

/** Host namespaces: `svc` for Services and ServiceEntries, `dr` for DestinationRule hosts. */
export type HostSpace = 'svc' | 'dr';

export function hostProvidedKeys(space: HostSpace, host: string): string[] {
  if (isWildcardHost(host)) {
    const suffix = host.slice(1);
    return [
      `${space}:wild:${suffix}`,
      ...hostSuffixes(host)
        .filter((s) => s !== suffix)
        .map((s) => `${space}:under:${s}`),
    ];
  }
  return [`${space}:host:${host}`, ...hostSuffixes(host).map((s) => `${space}:under:${s}`)];
}

export function hostLookupKeys(space: HostSpace, host: string): string[] {
  if (isWildcardHost(host)) {
    const suffix = host.slice(1);
    return [
      `${space}:under:${suffix}`,
      `${space}:wild:${suffix}`,
      ...hostSuffixes(host).map((s) => `${space}:wild:${s}`),
    ];
  }
  return [`${space}:host:${host}`, ...hostSuffixes(host).map((s) => `${space}:wild:${s}`)];
}

export function keysProvidedBy(resource: MeshResource): string[] {
  const keys = [
    kindKey(resource.groupKind),
    objectKey(resource.groupKind, resource.namespace, resource.name),
  ];
  for (const entry of hostEntriesOf(resource)) keys.push(...hostProvidedKeys('svc', entry.host));
  if (resource.groupKind === KINDS.DestinationRule)
    keys.push(...hostProvidedKeys('dr', destinationRuleHost(resource)));
  if (isWorkloadKind(resource.groupKind)) keys.push(workloadsKey(resource.namespace), ALL_WORKLOADS_KEY);
  const namespace = resource.groupKind === KINDS.Namespace ? resource.name : resource.namespace;
  if (resource.cluster !== null && namespace) keys.push(clusterNamespaceKey(resource.cluster, namespace));
  const controlPlaneObject = resource.namespace === ISTIO_SYSTEM && !isIstioGroup(resource.group);
  if (resource.groupKind === KINDS.Node || resource.groupKind === KINDS.Namespace || controlPlaneObject) {
    keys.push(TOPOLOGY_KEY);
  }
  if (resource.groupKind === KINDS.ConfigMap && resource.name.startsWith(MESH_CONFIGMAP_NAME)) {
    keys.push(MESH_CONFIG_KEY);
  }
  return keys;
}
