/**
 * Where an object carries annotations that the annotation checks judge: its own metadata, and for a
 * Deployment also its pod template, whose annotations end up on Pods (so they are judged as a Pod's).
 * The kinds are those istioctl's annotation analyzers read: Namespace, Service, Pod, Deployment.
 */
import { type FieldPath } from '../../yaml/node-locator';
import { KINDS } from '../../../../protocol/kinds';
import { type Fields, asRecord, asStringMap } from '../../mesh/object-fields';
import { podTemplateOf } from './pod-templates';
import { type MeshResource } from './resource';
import { type Labels } from './selectors';

export const ANNOTATED_KINDS: readonly string[] = [
  KINDS.Namespace,
  KINDS.Service,
  KINDS.Pod,
  KINDS.Deployment,
];

/** The injector's record on every pod it injected. */
const SIDECAR_STATUS = 'sidecar.istio.io/status';

export interface AnnotationSite {
  /** The kind the annotations apply to: the object's, or `Pod` for a pod template. */
  readonly kind: string;
  /** "Deployment bookinfo/reviews-v1's pod template", for messages; null for the object itself. */
  readonly label: string | null;
  readonly annotationsPath: FieldPath;
  readonly annotations: Fields;
  readonly labels: Labels;
  /** The injector has processed this pod (it carries `sidecar.istio.io/status`). */
  readonly injected: boolean;
}

export function annotationSitesOf(resource: MeshResource): AnnotationSite[] {
  const metadata = asRecord((resource.object as Fields).metadata) ?? {};
  const annotations = asRecord(metadata.annotations) ?? {};
  const sites: AnnotationSite[] = [
    {
      kind: resource.kind,
      label: null,
      annotationsPath: ['metadata', 'annotations'],
      annotations,
      labels: asStringMap(metadata.labels),
      injected: resource.groupKind === KINDS.Pod && SIDECAR_STATUS in annotations,
    },
  ];
  if (resource.groupKind === KINDS.Deployment) {
    const template = podTemplateOf(resource)!;
    sites.push({
      kind: 'Pod',
      label: 'pod template',
      annotationsPath: [...template.metadataPath, 'annotations'],
      annotations: template.annotations,
      labels: template.labels,
      injected: SIDECAR_STATUS in template.annotations,
    });
  }
  return sites;
}
