/**
 * The identity of the Kubernetes object a YAML document declares: apiVersion, kind, metadata.name and the
 * namespace it lands in. Diagnostics carry it so a report can say which object is at fault even when the
 * file holds many. Pure and tolerant: a document broken *after* its identity still has one; a document
 * broken before `kind`, a scalar, a list or an empty document has none.
 */
import { type Document, isAlias, isMap, isScalar, parseDocument } from 'yaml';
import { type ResourceRef } from './resource-ref';
import { analysisKindOf, isClusterScoped } from './kinds';

/** Kubernetes puts an object without `metadata.namespace` into the namespace of the request, by default `default`. */
export const DEFAULT_NAMESPACE = 'default';

export interface DocumentIdentity {
  readonly resource: ResourceRef;
  /** `metadata.annotations` with string values (suppression reads them). */
  readonly annotations: Readonly<Record<string, string>>;
}

/**
 * Reads the identity from one YAML document (a segment's text, see yaml-segments.ts).
 * `apiVersion` and `kind` must be non-empty strings; a missing `metadata.name` reads as `''`
 * (the object is still identifiable by kind, and schema validation reports the missing name).
 * A cluster-scoped kind (Namespace, Node, ...) has the namespace `''`, as in the analysis engine.
 */
export function resourceIdentity(
  segmentText: string,
  defaultNamespace: string = DEFAULT_NAMESPACE,
): ResourceRef | undefined {
  return documentIdentity(segmentText, defaultNamespace)?.resource;
}

/** resourceIdentity plus the object's annotations, from one parse. */
export function documentIdentity(
  segmentText: string,
  defaultNamespace: string = DEFAULT_NAMESPACE,
): DocumentIdentity | undefined {
  // Errors are not fatal to us: `yaml` keeps every node it could read before and around the error.
  const document = parseDocument(segmentText, { prettyErrors: false, uniqueKeys: false });
  const root = document.contents;
  if (!isMap(root)) return undefined;

  const apiVersion = stringAt(document, root.get('apiVersion', true));
  const kind = stringAt(document, root.get('kind', true));
  if (!apiVersion || !kind) return undefined;

  const metadata = resolved(document, root.get('metadata', true));
  const name = isMap(metadata) ? stringAt(document, metadata.get('name', true)) : undefined;
  const namespace = isMap(metadata) ? stringAt(document, metadata.get('namespace', true)) : undefined;
  const clusterScoped = isClusterScoped(analysisKindOf(apiVersion, kind));
  const annotations: Record<string, string> = {};
  const annotationMap = isMap(metadata) ? resolved(document, metadata.get('annotations', true)) : undefined;
  if (isMap(annotationMap)) {
    for (const pair of annotationMap.items) {
      const key = stringAt(document, pair.key);
      const value = stringAt(document, pair.value);
      if (key !== undefined && value !== undefined) annotations[key] = value;
    }
  }
  return {
    resource: {
      apiVersion,
      kind,
      namespace: clusterScoped ? '' : namespace || defaultNamespace,
      name: name ?? '',
    },
    annotations,
  };
}

/** A string scalar's value (through an alias if need be); numbers, maps, nulls are not an identity. */
function stringAt(document: Document, node: unknown): string | undefined {
  const target = resolved(document, node);
  return isScalar(target) && typeof target.value === 'string' ? target.value : undefined;
}

function resolved(document: Document, node: unknown): unknown {
  return isAlias(node) ? node.resolve(document) : node;
}
