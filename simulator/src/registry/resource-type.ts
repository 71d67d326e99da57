/**
 * What the simulated API server knows about one resource (a kind in a group): how it is addressed,
 * which versions are served, how server-side apply treats its lists, and how `kubectl get` prints it.
 */
import { type KubeObject } from '../model/kube-object';

/** One column of a `meta.k8s.io/v1` Table, as `kubectl get` prints it. */
export interface TableColumn {
  name: string;
  type: string;
  format: string;
  description: string;
  priority: number;
}

export interface TableSpec {
  /** The columns after Name (the Name column is always first). */
  columns: readonly TableColumn[];
  /** Cells for `columns`, in order (the Name cell is added by the printer). */
  cells(object: KubeObject, now: Date): unknown[];
}

export interface ResourceType {
  /** '' for the core group. */
  group: string;
  kind: string;
  listKind: string;
  plural: string;
  singular: string;
  shortNames: readonly string[];
  categories: readonly string[];
  namespaced: boolean;
  /** Served versions, the preferred one first. */
  versions: readonly string[];
  /** Objects are stored in this version and converted on the way out (Istio's versions share one schema). */
  storageVersion: string;
  /** With a status subresource, writes to the main resource keep the stored status. */
  statusSubresource: boolean;
  /**
   * Lists merged by key by server-side apply and strategic merge patch: path (`spec.ports`,
   * `spec.template.spec.containers[].ports`) to key fields. Other lists are atomic.
   */
  associativeLists: Readonly<Record<string, readonly string[]>>;
  /** Lists of scalars merged as sets (`metadata.finalizers`). */
  setLists: readonly string[];
  /** Field selector labels supported besides `metadata.name` and `metadata.namespace`. */
  fieldLabels: Readonly<Record<string, (object: KubeObject) => string>>;
  table: TableSpec;
  /** Defined by a CustomResourceDefinition (Istio): pruned of unknown fields, validated against its schema. */
  custom: boolean;
}

/** `destinationrules.networking.istio.io` or `pods`: how the API server names a resource in messages. */
export function qualifiedResource(resource: ResourceType): string {
  return resource.group === '' ? resource.plural : `${resource.plural}.${resource.group}`;
}

/** `DestinationRule.networking.istio.io` or `Pod`: how validation errors name a kind. */
export function qualifiedKind(resource: ResourceType): string {
  return resource.group === '' ? resource.kind : `${resource.kind}.${resource.group}`;
}

export function resourceKey(resource: ResourceType): string {
  return `${resource.group}/${resource.plural}`;
}

/** Lists keyed by these fields on every object's metadata. */
export const METADATA_ASSOCIATIVE_LISTS: Readonly<Record<string, readonly string[]>> = {
  'metadata.ownerReferences': ['uid'],
};
export const METADATA_SET_LISTS: readonly string[] = ['metadata.finalizers'];
