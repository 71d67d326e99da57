/**
 * Builds MeshResources from their three origins: objects of a parsed YAML document (authored files,
 * cluster files), live objects of a TopologySnapshot, and builtin objects.
 */
import { type KubeObject } from '../../topology/snapshot';
import { type PlacedSegment } from '../../yaml/yaml-file';
import { type SegmentObject } from '../../yaml/parsed-segment';
import { analysisKindOf, apiGroupOf, isClusterScoped } from './kinds';
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
    const metadata = { ...(object.value.metadata as Record<string, unknown>), name: object.name, namespace };
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

  fromLiveObject(cluster: string, object: KubeObject): MeshResource {
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
