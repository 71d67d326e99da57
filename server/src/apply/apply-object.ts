/**
 * The object a YAML document asks to apply: parsed, its identity checked (apiVersion, kind, name), the
 * namespace it lands in written into it (so every cluster gets it in the same namespace, whatever the
 * context's default), and the fields only a server sets removed (a document copied from `kubectl get -o
 * yaml` carries them, and an apply with `managedFields` or a stale `resourceVersion` is refused). Bad input
 * becomes a problem message with a line number, never an exception.
 */
import { parseAllDocuments } from 'yaml';
import { nestingBoundExceeded } from '../yaml/yaml-bounds';
import { type ResourceRef } from '../mesh/diagnostic';
import { analysisKindOf, isClusterScoped } from '../../../protocol/kinds';
import { DEFAULT_NAMESPACE } from '../../../protocol/document-identity';

export interface ApplyObject {
  readonly resource: ResourceRef;
  /** The body of the apply patch (JSON-compatible). */
  readonly object: Record<string, unknown>;
}

/** Metadata only the API server writes; sending it would be refused or would act as a precondition. */
const SERVER_METADATA = [
  'managedFields',
  'uid',
  'resourceVersion',
  'creationTimestamp',
  'generation',
  'selfLink',
];

export function applyObjectOf(text: string): ApplyObject | { readonly problem: string } {
  const bound = nestingBoundExceeded(text);
  if (bound) return { problem: bound.message };
  const documents = parseAllDocuments(text, { prettyErrors: false, uniqueKeys: true });
  const list = Array.isArray(documents) ? documents : [documents];
  const present = list.filter((document) => document.contents !== null || document.errors.length > 0);
  if (present.length === 0) return { problem: 'the document is empty: nothing to apply' };
  if (present.length > 1) {
    return { problem: `the text holds ${present.length} YAML documents; apply them one at a time` };
  }
  const [document] = present as [(typeof present)[number]];
  const [error] = document.errors;
  if (error) {
    const offset = error.pos[0];
    const line = text.slice(0, offset).split('\n').length;
    return {
      problem: `the document is not valid YAML (line ${line}): ${firstLine(error.message)}; fix it before applying`,
    };
  }
  const value: unknown = document.toJS({ maxAliasCount: 100 });
  if (!isRecord(value)) return { problem: 'the document is not a Kubernetes object (a YAML mapping)' };
  const { apiVersion, kind } = value;
  const metadata = isRecord(value.metadata) ? { ...value.metadata } : {};
  if (typeof apiVersion !== 'string' || apiVersion === '' || typeof kind !== 'string' || kind === '') {
    return { problem: 'the document has no apiVersion and kind: Meshwright cannot tell what to apply' };
  }
  if (typeof metadata.name !== 'string' || metadata.name === '') {
    return {
      problem: `the ${kind} has no metadata.name; server-side apply needs a name (generateName is not supported)`,
    };
  }
  const clusterScoped = isClusterScoped(analysisKindOf(apiVersion, kind));
  let namespace = '';
  if (clusterScoped) delete metadata.namespace;
  else {
    namespace =
      typeof metadata.namespace === 'string' && metadata.namespace !== ''
        ? metadata.namespace
        : DEFAULT_NAMESPACE;
    metadata.namespace = namespace;
  }
  for (const field of SERVER_METADATA) delete metadata[field];
  const { status: _status, ...rest } = value;
  return {
    resource: { apiVersion, kind, namespace, name: metadata.name },
    object: { ...rest, metadata },
  };
}

/** `VirtualService bookinfo/reviews`, for messages. */
export function describeResource(resource: ResourceRef): string {
  return `${resource.kind} ${resource.namespace ? `${resource.namespace}/` : ''}${resource.name}`;
}

function firstLine(message: string): string {
  return message.split('\n')[0] ?? message;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
