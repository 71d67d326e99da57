/**
 * IST0136: an Istio annotation of an alpha-phase feature (Namespaces, Services, Pods, Deployments and
 * their pod templates): it may change or go away. As istioctl does, the annotations Istio writes itself
 * are exempt, and so are those the injector copies onto the pods it injects.
 */
import { type ResourceAnalyzer } from '../framework/analyzer';
import { ANNOTATED_KINDS, annotationSitesOf } from '../model/annotation-sites';
import { isIstioAnnotationName, istioAnnotation } from '../model/istio-annotations';
import { describe } from '../model/resource';

export const alphaAnnotations: ResourceAnalyzer = {
  type: 'resource',
  name: 'alpha-annotations',
  codes: ['IST0136'],
  kinds: ANNOTATED_KINDS,
  requires: ['kubernetes'],
  analyze(resource, ctx) {
    for (const site of annotationSitesOf(resource)) {
      for (const name of Object.keys(site.annotations)) {
        if (!isIstioAnnotationName(name)) continue;
        const definition = istioAnnotation(name);
        if (definition?.maturity !== 'Alpha') continue;
        if (definition.alphaExempt === 'always') continue;
        if (definition.alphaExempt === 'injected-pods' && site.injected) continue;
        const where = site.label ? `${describe(resource)}'s ${site.label}` : describe(resource);
        ctx.report({
          code: 'IST0136',
          resource,
          path: [...site.annotationsPath, name],
          target: 'key',
          message: `${where} uses ${name}, an annotation of an alpha-phase feature: it may be incompletely supported and change or go away in a future Istio version; prefer a stable alternative where one exists, or suppress IST0136 for this object.`,
        });
      }
    }
  },
};
