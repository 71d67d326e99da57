/**
 * The pod a workload object describes: a Pod itself, or the pod template of a Deployment. Analyzers about
 * pods (annotations, the proxy's UID, injection) read both through this one view, with the field paths
 * of the template, so a diagnostic lands on the Deployment's `spec.template...` node.
 */
import { type FieldPath } from '../../yaml/node-locator';
import { PROXY_CONTAINER } from './injector-proxy-image';
import { KINDS } from '../../../../protocol/kinds';
import { type Fields, asArray, asRecord, asString, asStringMap } from '../../mesh/object-fields';
import { type MeshResource } from './resource';
import { type Labels } from './selectors';

export interface PodTemplate {
  /** `['metadata']` for a Pod, `['spec','template','metadata']` for a Deployment. */
  readonly metadataPath: FieldPath;
  /** `['spec']` for a Pod, `['spec','template','spec']` for a Deployment. */
  readonly specPath: FieldPath;
  readonly labels: Labels;
  /** Raw annotation values (a document may hold a boolean where a string belongs). */
  readonly annotations: Fields;
  readonly spec: Fields;
}

export interface PodContainer {
  readonly name: string;
  readonly container: Fields;
  /** Path of the container in its resource. */
  readonly path: FieldPath;
}

/**
 * Read once per resource (resources never change: an edit makes a new one): several analyzers look at
 * every pod of every cluster, and at 50 clusters re-reading them cost about half a second of the first
 * analysis. Null: not a workload.
 */
const templates = new WeakMap<MeshResource, PodTemplate | null>();
const containerLists = new WeakMap<PodTemplate, Map<string, readonly PodContainer[]>>();

/** The pod of a Pod or a Deployment; undefined for other kinds. */
export function podTemplateOf(resource: MeshResource): PodTemplate | undefined {
  const known = templates.get(resource);
  if (known !== undefined) return known ?? undefined;
  const template = readPodTemplate(resource);
  templates.set(resource, template ?? null);
  return template;
}

function readPodTemplate(resource: MeshResource): PodTemplate | undefined {
  const object = resource.object as Fields;
  if (resource.groupKind === KINDS.Pod) {
    const metadata = asRecord(object.metadata) ?? {};
    return {
      metadataPath: ['metadata'],
      specPath: ['spec'],
      labels: asStringMap(metadata.labels),
      annotations: asRecord(metadata.annotations) ?? {},
      spec: asRecord(object.spec) ?? {},
    };
  }
  if (resource.groupKind === KINDS.Deployment) {
    const template = asRecord(asRecord(object.spec)?.template) ?? {};
    const metadata = asRecord(template.metadata) ?? {};
    return {
      metadataPath: ['spec', 'template', 'metadata'],
      specPath: ['spec', 'template', 'spec'],
      labels: asStringMap(metadata.labels),
      annotations: asRecord(metadata.annotations) ?? {},
      spec: asRecord(template.spec) ?? {},
    };
  }
  return undefined;
}

/** The pod's `containers` (or `initContainers`), each with its path. */
export function containersOf(
  pod: PodTemplate,
  field: 'containers' | 'initContainers' = 'containers',
): readonly PodContainer[] {
  let lists = containerLists.get(pod);
  if (!lists) {
    lists = new Map();
    containerLists.set(pod, lists);
  }
  let containers = lists.get(field);
  if (!containers) {
    containers = asArray(pod.spec[field]).flatMap((item, index) => {
      const container = asRecord(item);
      if (!container) return [];
      return [{ name: asString(container.name) ?? '', container, path: [...pod.specPath, field, index] }];
    });
    lists.set(field, containers);
  }
  return containers;
}

/** True when the pod has the injected proxy, as a regular container or a native sidecar (`initContainers`). */
export function hasProxyContainer(pod: PodTemplate): boolean {
  const isProxy = (container: PodContainer): boolean => container.name === PROXY_CONTAINER;
  return containersOf(pod).some(isProxy) || containersOf(pod, 'initContainers').some(isProxy);
}

/** An annotation value as text (`true` written unquoted is still read as "true"). */
export function annotationText(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return undefined;
}
