/**
 * Builds MeshResources from their three origins: objects of a parsed YAML document (authored files,
 * cluster files), live objects of a TopologySnapshot, and builtin objects.
 */
import { type KubeObject } from '../../mesh/snapshot';
import { type PlacedSegment } from '../../yaml/yaml-file';
import { type SegmentObject } from '../../yaml/parsed-segment';
import { analysisKindOf, apiGroupOf, isClusterScoped } from '../../../../protocol/kinds';
import { asRecord, asStringMap } from '../../mesh/object-fields';
import { type MeshResource, type ResourceOrigin, identityOf } from './resource';
import { BuiltinSource, FileSource, LiveObjectSource } from './resource-sources';

export class ResourceFactory {
  private nextId = 1;

  constructor(readonly defaultNamespace: string) {}

  fromSegment(
    uri: string,
    placed: PlacedSegment,
    object: SegmentObject,
    cluster: string | null,
    origin: Extract<ResourceOrigin, 'authored' | 'cluster-file'>,
  ): MeshResource & { readonly source: FileSource } {
    const groupKind = analysisKindOf(object.apiVersion, object.kind);
    const namespace = isClusterScoped(groupKind) ? '' : (object.namespace ?? this.defaultNamespace);
    const metadata = {
      ...(object.value.metadata as Record<string, unknown>),
      ...wellTypedLabelsAndAnnotations(object.value.metadata),
      name: object.name,
      namespace,
    };
    return {
      id: this.nextId++,
      apiVersion: object.apiVersion,
      group: apiGroupOf(object.apiVersion),
      kind: object.kind,
      groupKind,
      name: object.name,
      namespace,
      object: { ...object.value, apiVersion: object.apiVersion, kind: object.kind, metadata } as KubeObject,
      cluster,
      origin,
      source: new FileSource(uri, placed.parsed, object.basePath, placed.segment.startLine),
      reportable: !placed.parsed.hasErrors,
    };
  }

  fromLiveObject(cluster: string, served: KubeObject): MeshResource {
    // An API server validates labels and annotations, but what answers may not be one.
    const fixed = wellTypedLabelsAndAnnotations(served.metadata);
    const object =
      fixed.labels || fixed.annotations ? { ...served, metadata: { ...served.metadata, ...fixed } } : served;
    const groupKind = analysisKindOf(object.apiVersion, object.kind);
    return {
      id: this.nextId++,
      apiVersion: object.apiVersion,
      group: apiGroupOf(object.apiVersion),
      kind: object.kind,
      groupKind,
      name: object.metadata.name,
      namespace: this.liveNamespace(groupKind, object),
      object,
      cluster,
      origin: 'live',
      source: new LiveObjectSource(cluster, object),
      reportable: true,
    };
  }

  /** identityOf(fromLiveObject(…, object)), without building the resource. */
  liveIdentity(object: KubeObject): string {
    const groupKind = analysisKindOf(object.apiVersion, object.kind);
    return identityOf({
      groupKind,
      namespace: this.liveNamespace(groupKind, object),
      name: object.metadata.name,
    });
  }

  private liveNamespace(groupKind: string, object: KubeObject): string {
    return isClusterScoped(groupKind) ? '' : (object.metadata.namespace ?? this.defaultNamespace);
  }

  builtin(object: KubeObject, uri: string): MeshResource {
    const groupKind = analysisKindOf(object.apiVersion, object.kind);
    return {
      id: this.nextId++,
      apiVersion: object.apiVersion,
      group: apiGroupOf(object.apiVersion),
      kind: object.kind,
      groupKind,
      name: object.metadata.name,
      namespace: object.metadata.namespace ?? '',
      object,
      cluster: null,
      origin: 'builtin',
      source: new BuiltinSource(uri),
      reportable: false,
    };
  }
}

/**
 * `metadata.labels` and `metadata.annotations` as the string maps every analyzer reads them through
 * (labelsOf, annotationsOf): a file's text is the user's, so `labels: x` or `annotations: {a: [1]}` must
 * not reach a check that looks a key up in it or splits a value. A number or boolean reads as its text
 * (`version: 1` as "1", as annotationText reads `inject: true`); other values and non-mappings are left
 * out. Well-typed metadata, nearly all of it, is not copied.
 */
function wellTypedLabelsAndAnnotations(metadata: unknown): Record<string, unknown> {
  const record = asRecord(metadata);
  if (!record) return {};
  const fixed: Record<string, unknown> = {};
  for (const field of ['labels', 'annotations'] as const) {
    const value = record[field];
    if (value !== undefined && !isStringMap(value)) fixed[field] = asStringMap(value);
  }
  return fixed;
}

function isStringMap(value: unknown): boolean {
  const record = asRecord(value);
  return record !== undefined && Object.values(record).every((item) => typeof item === 'string');
}
