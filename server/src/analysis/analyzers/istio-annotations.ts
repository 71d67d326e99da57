/**
 * IST0108 / IST0135 / IST0107 / IST0125: the Istio annotations (`*.istio.io/*`) of Namespaces, Services,
 * Pods and Deployments (their pod templates judged as Pods), against the table in
 * model/istio-annotations.ts: an unknown name, a deprecated one, one on a kind it does not apply to, a
 * value the injector or istiod cannot use. Same order as istioctl's annotations analyzer: an unknown
 * annotation gets nothing else, and a misplaced one gets no value check. What Istio writes itself
 * (isWrittenByIstio) is not judged at all.
 */
import { type ResourceAnalyzer } from '../framework/analyzer';
import { invalidAnnotationValue } from '../model/annotation-values';
import { ANNOTATED_KINDS, type AnnotationSite, annotationSitesOf } from '../model/annotation-sites';
import {
  ISTIO_LABELS,
  type IstioAnnotation,
  closestAnnotation,
  isIstioAnnotationName,
  isWrittenByIstio,
  istioAnnotation,
} from '../model/istio-annotations';
import { annotationText } from '../model/pod-templates';
import { type MeshResource, describe } from '../model/resource';
import { SIDECAR_INJECT } from '../model/sidecar-injection';

export const istioAnnotations: ResourceAnalyzer = {
  type: 'resource',
  name: 'istio-annotations',
  codes: ['IST0107', 'IST0108', 'IST0125', 'IST0135'],
  kinds: ANNOTATED_KINDS,
  requires: ['kubernetes'],
  analyze(resource, ctx) {
    for (const site of annotationSitesOf(resource)) {
      for (const [name, raw] of Object.entries(site.annotations)) {
        if (!isIstioAnnotationName(name) || isWrittenByIstio(name, site.kind)) continue;
        const report = (code: string, target: 'key' | 'value', message: string): void =>
          ctx.report({ code, resource, path: [...site.annotationsPath, name], target, message });
        const definition = istioAnnotation(name);
        if (!definition) {
          report('IST0108', 'key', unknownMessage(resource, site, name));
          continue;
        }
        if (definition.deprecated && !(name === SIDECAR_INJECT && SIDECAR_INJECT in site.labels)) {
          report(
            'IST0135',
            'key',
            `${where(resource, site)} uses the deprecated annotation ${name}, which may stop working in a future Istio version; ${definition.deprecated}.`,
          );
        }
        if (!appliesTo(definition, site.kind)) {
          report('IST0107', 'key', misplacedMessage(resource, site, definition));
          continue;
        }
        const value = annotationText(raw);
        const problem =
          definition.value && value !== undefined ? invalidAnnotationValue(value, definition.value) : null;
        if (problem) {
          report(
            'IST0125',
            'value',
            `${where(resource, site)} has an invalid ${name} annotation: ${problem}. Istio ignores it or fails to inject the pod; fix the value.`,
          );
        }
      }
    }
  },
};

function appliesTo(definition: IstioAnnotation, kind: string): boolean {
  return definition.resources.includes('Any') || definition.resources.includes(kind);
}

/** "Deployment bookinfo/reviews-v1's pod template" or "Namespace bookinfo". */
function where(resource: MeshResource, site: AnnotationSite): string {
  return site.label ? `${describe(resource)}'s ${site.label}` : describe(resource);
}

function unknownMessage(resource: MeshResource, site: AnnotationSite, name: string): string {
  const base = `${where(resource, site)} has the annotation ${name}, which is not an Istio annotation, so Istio ignores it`;
  const labelKinds = ISTIO_LABELS.get(name);
  if (labelKinds) {
    return `${base}: ${name} is a label (on ${labelKinds.join(', ')}); move it to ${labelsPath(site)}.`;
  }
  const suggestion = closestAnnotation(name);
  if (suggestion) return `${base}; did you mean ${suggestion}?`;
  return `${base}; check its name against Istio's annotation reference, or remove it.`;
}

function misplacedMessage(resource: MeshResource, site: AnnotationSite, definition: IstioAnnotation): string {
  const kinds = definition.resources.join(', ');
  const base = `${where(resource, site)} has the annotation ${definition.name}, which applies only to ${kinds}, so it has no effect here`;
  if (site.kind === 'Deployment' && definition.resources.includes('Pod')) {
    return `${base}; move it to the pod template (spec.template.metadata.annotations).`;
  }
  const labelKinds = ISTIO_LABELS.get(definition.name);
  if (labelKinds?.includes(site.kind)) {
    return `${base}; on a ${site.kind}, ${definition.name} is a label: move it to ${labelsPath(site)}.`;
  }
  return `${base}; put it on a ${kinds} or remove it.`;
}

function labelsPath(site: AnnotationSite): string {
  return site.label ? 'spec.template.metadata.labels' : 'metadata.labels';
}
