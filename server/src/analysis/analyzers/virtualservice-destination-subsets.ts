/**
 * IST0101: a route or mirror destination names a subset that no DestinationRule for its host defines,
 * judged as pilot picks DestinationRules for the VirtualService's sidecars: the rules of the
 * VirtualService's namespace, else those exported by the service's namespace, else by the root
 * namespace; the most specific host wins. A rule elsewhere that defines the subset is named in the
 * message, since it is the usual cause ("it is defined, just not where it applies").
 */
import { type ResourceAnalyzer } from '../framework/analyzer';
import { KINDS } from '../../../../protocol/kinds';
import { lookupCandidates } from '../model/hosts';
import { asArray, asRecord, asString } from '../../mesh/object-fields';
import { type MeshResource, describe, qualifiedName, specOf } from '../model/resource';
import { destinationsOf } from '../model/virtual-service-routes';

export const virtualServiceDestinationSubsets: ResourceAnalyzer = {
  type: 'resource',
  name: 'virtualservice-destination-subsets',
  codes: ['IST0101'],
  kinds: [KINDS.VirtualService],
  analyze(resource, ctx) {
    for (const destination of destinationsOf(resource)) {
      if (!destination.subset) continue;
      // `reviews.bookinfo` may mean the Service's FQDN: use whichever form DestinationRules are written for.
      const candidates = lookupCandidates(destination.host, resource.namespace);
      let host = candidates[0]!;
      let applied: MeshResource[] = [];
      for (const candidate of candidates) {
        const rules = ctx.mesh.destinationRulesFor(candidate, resource.namespace);
        if (rules.length > 0) {
          host = candidate;
          applied = rules;
          break;
        }
      }
      if (applied.some((rule) => subsetIndex(rule, destination.subset!) !== -1)) continue;

      const elsewhere = ctx.mesh
        .destinationRulesCovering(host)
        .filter((rule) => !applied.includes(rule) && subsetIndex(rule, destination.subset!) !== -1);
      const subset = destination.subset;
      let message: string;
      if (applied.length > 0) {
        const names = applied.map(qualifiedName).join(', ');
        message = `${describe(resource)} routes to subset ${subset} of ${host}, but DestinationRule ${names}, which applies to it, does not define that subset; add the subset to DestinationRule ${names} or fix the name.`;
      } else {
        message = `${describe(resource)} routes to subset ${subset} of ${host}, but no DestinationRule for that host defines it; add a DestinationRule for ${host} with subset ${subset}, or fix the name.`;
      }
      if (elsewhere.length > 0) {
        message += ` DestinationRule ${elsewhere.map(qualifiedName).join(', ')} defines it but does not apply to sidecars in namespace ${resource.namespace} (only rules in that namespace, the service's namespace or the root namespace do, if exported).`;
      }
      ctx.report({
        code: 'IST0101',
        resource,
        path: [...destination.path, 'subset'],
        message,
        related: [
          ...applied.map((rule) => ({
            resource: rule,
            path: ['spec', 'subsets'],
            message: `subsets of DestinationRule ${qualifiedName(rule)}`,
          })),
          ...elsewhere.map((rule) => ({
            resource: rule,
            path: ['spec', 'subsets', subsetIndex(rule, subset), 'name'],
            message: `subset ${subset} in DestinationRule ${qualifiedName(rule)}, which does not apply here`,
          })),
        ],
        data: { host, subset, destinationRules: applied.map(qualifiedName) },
      });
    }
  },
};

export function subsetIndex(rule: MeshResource, name: string): number {
  return asArray(specOf(rule).subsets).findIndex((subset) => asString(asRecord(subset)?.name) === name);
}
