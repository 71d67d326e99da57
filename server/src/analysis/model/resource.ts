/**
 * The engine's view of one Kubernetes or Istio object, whatever it came from:
 * - `authored`: a document being written (a positional CLI file, a workspace file in the editor);
 * - `cluster-file`: the state of a cluster given as files (`--cluster east=DIR`), with positions;
 * - `live`: an object from a live cluster's TopologySnapshot, without a file: its diagnostics go to the
 *   virtual document `meshwright:/<cluster>/<kind>/<namespace>/<name>.yaml`;
 * - `builtin`: an object the engine assumes (offline mode's default ingress gateway); never reported on.
 * Analyzers read `object` and never care which origin it is; the source turns a field path into a range.
 */
import { type Range } from '../../mesh/diagnostic';
import { type KubeObject } from '../../mesh/snapshot';
import { type FieldPath, type LocateOptions } from '../../yaml/node-locator';

export type ResourceOrigin = 'authored' | 'cluster-file' | 'live' | 'builtin';

/** Where an object's text is: turns field paths into ranges in `uri`. */
export interface ResourceSource {
  readonly uri: string;
  locate(path: FieldPath, options?: LocateOptions): Range;
}

export interface MeshResource {
  /** Unique within a session; stable while the object's document text does not change. */
  readonly id: number;
  readonly apiVersion: string;
  readonly group: string;
  readonly kind: string;
  /** `Kind.group`, see kinds.ts. */
  readonly groupKind: string;
  readonly name: string;
  /** The namespace the object lands in; '' for cluster-scoped kinds. */
  readonly namespace: string;
  readonly object: KubeObject;
  /** The cluster the object lives in; null for authored documents. */
  readonly cluster: string | null;
  readonly origin: ResourceOrigin;
  readonly source: ResourceSource;
  /** False when diagnostics about it must not be shown: builtin objects, documents with syntax errors. */
  readonly reportable: boolean;
}

/** `Kind.group/namespace/name`: the same object in another cluster or file has the same identity. */
export function identityOf(resource: Pick<MeshResource, 'groupKind' | 'namespace' | 'name'>): string {
  return `${resource.groupKind}/${resource.namespace}/${resource.name}`;
}

/** `namespace/name`, or just the name for cluster-scoped objects: how messages name an object. */
export function qualifiedName(resource: Pick<MeshResource, 'namespace' | 'name'>): string {
  return resource.namespace ? `${resource.namespace}/${resource.name}` : resource.name;
}

/** "VirtualService bookinfo/reviews" (plus " in cluster east" for a cluster's object). */
export function describe(resource: MeshResource): string {
  const where = resource.cluster ? ` in cluster ${resource.cluster}` : '';
  return `${resource.kind} ${qualifiedName(resource)}${where}`;
}

export function labelsOf(resource: MeshResource): Readonly<Record<string, string>> {
  return resource.object.metadata.labels ?? {};
}

export function annotationsOf(resource: MeshResource): Readonly<Record<string, string>> {
  return resource.object.metadata.annotations ?? {};
}

/** `spec` as a record (an absent or non-object spec reads as empty). */
export function specOf(resource: MeshResource): Readonly<Record<string, unknown>> {
  const spec = resource.object.spec;
  return typeof spec === 'object' && spec !== null && !Array.isArray(spec)
    ? (spec as Record<string, unknown>)
    : {};
}
