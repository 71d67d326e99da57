/**
 * A snapshot's objects grouped the way the sidebar asks for them: per cluster, per namespace, its
 * Namespace object, Services, Pods and mesh config (Istio's and the Gateway API's). Built once per cluster snapshot (immutable, and kept
 * by the next topology snapshot when that cluster did not change, so a WeakMap keyed by it is a safe
 * cache that survives other clusters' changes): expanding tree nodes of a 50-cluster mesh does not walk
 * its 100,000 objects again.
 */
import { apiGroupOf, isIstioGroup } from '../../../protocol/kinds';
import { GATEWAY_API_GROUP } from '../analysis/model/gateway-api';
import { type ClusterSnapshot, type KubeObject, type TopologySnapshot } from '../mesh/snapshot';

export interface NamespaceObjects {
  /** The Namespace object itself; absent when only its contents were read (RBAC). */
  namespace: KubeObject | undefined;
  readonly services: KubeObject[];
  readonly pods: KubeObject[];
  /**
   * Every object of an Istio API group (VirtualService, DestinationRule, PeerAuthentication, ...) or of
   * the Gateway API (Gateway, HTTPRoute, ReferenceGrant, ...): Istio reads both as its config.
   */
  readonly meshConfig: KubeObject[];
}

export interface ClusterIndex {
  readonly cluster: ClusterSnapshot;
  readonly namespaces: ReadonlyMap<string, NamespaceObjects>;
}

const indexes = new WeakMap<ClusterSnapshot, ClusterIndex>();

/** The cluster's index in this snapshot; undefined when the snapshot has no such cluster. */
export function clusterIndex(snapshot: TopologySnapshot, clusterName: string): ClusterIndex | undefined {
  const cluster = snapshot.clusters.find((candidate) => candidate.name === clusterName);
  return cluster ? indexOf(cluster) : undefined;
}

export function indexOf(cluster: ClusterSnapshot): ClusterIndex {
  let index = indexes.get(cluster);
  if (!index) indexes.set(cluster, (index = { cluster, namespaces: groupByNamespace(cluster.objects) }));
  return index;
}

export function isIstioConfig(object: KubeObject): boolean {
  return isIstioGroup(apiGroupOf(object.apiVersion));
}

/** Istio config or a Gateway API object (the standard group; Istio reads no other). */
export function isMeshConfig(object: KubeObject): boolean {
  const group = apiGroupOf(object.apiVersion);
  return isIstioGroup(group) || group === GATEWAY_API_GROUP;
}

function groupByNamespace(objects: readonly KubeObject[]): Map<string, NamespaceObjects> {
  const namespaces = new Map<string, NamespaceObjects>();
  const entry = (name: string): NamespaceObjects => {
    let found = namespaces.get(name);
    if (!found) {
      found = { namespace: undefined, services: [], pods: [], meshConfig: [] };
      namespaces.set(name, found);
    }
    return found;
  };
  for (const object of objects) {
    if (object.apiVersion === 'v1' && object.kind === 'Namespace') {
      entry(object.metadata.name).namespace = object;
      continue;
    }
    const namespace = object.metadata.namespace;
    if (!namespace) continue; // Nodes, webhooks: not under a namespace.
    if (object.apiVersion === 'v1' && object.kind === 'Service') entry(namespace).services.push(object);
    else if (object.apiVersion === 'v1' && object.kind === 'Pod') entry(namespace).pods.push(object);
    else if (isMeshConfig(object)) entry(namespace).meshConfig.push(object);
  }
  return namespaces;
}
