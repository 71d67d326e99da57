/**
 * MESH205: a VirtualService route uses a subset that the DestinationRule defines in some primaries only.
 * VirtualServices and DestinationRules take effect on the client side, with the caller's primary's
 * config: callers whose primary has no such subset get 503 (no healthy upstream / no route) for that
 * route, even where the subset's pods run.
 *
 * Judged for each copy of the VirtualService in the primaries that read it (an authored document: those
 * it targets; a cluster's copy: its own primary unless a document replaces it), with the DestinationRule
 * pilot picks in each primary's view (sidecars in the VirtualService's namespace). A subset no primary
 * defines is IST0101's. Related locations: each primary's rule, at the subset or at its subsets.
 */
import { type RelatedReport, type ResourceAnalyzer } from '../framework/analyzer';
import { KINDS } from '../../../../protocol/kinds';
import { asArray, asRecord, asString } from '../../mesh/object-fields';
import {
  describeCallers,
  describePrimaries,
  destinationRulesPerPrimary,
  primariesReading,
} from '../model/primary-views';
import { type MeshResource, describe, qualifiedName, specOf } from '../model/resource';
import { destinationsOf } from '../model/virtual-service-routes';
import { withActions } from '../targets/action-data';

export const subsetInSomePrimaries: ResourceAnalyzer = {
  type: 'resource',
  name: 'subset-in-some-primaries',
  codes: ['MESH205'],
  kinds: [KINDS.VirtualService],
  scope: 'every-copy',
  analyze(resource, ctx) {
    const destinations = destinationsOf(resource).filter((d) => d.subset !== undefined);
    if (destinations.length === 0) return;
    const reading = primariesReading(ctx.mesh, resource);
    if (reading.length === 0) return;
    const primaries = ctx.mesh.primaries().map((primary) => primary.name);
    const rulesByHost = new Map<string, Map<string, MeshResource[]>>();
    for (const destination of destinations) {
      const subset = destination.subset!;
      const host = ctx.mesh.normalizeHost(destination.host, resource.namespace);
      let rules = rulesByHost.get(host);
      if (!rules)
        rulesByHost.set(host, (rules = destinationRulesPerPrimary(ctx.mesh, host, resource.namespace)));
      const defining = (primary: string): MeshResource | undefined =>
        rules.get(primary)?.find((rule) => subsetIndex(rule, subset) !== -1);
      const definedIn = primaries.filter((primary) => defining(primary));
      const missingIn = reading.filter((primary) => !defining(primary));
      if (definedIn.length === 0 || missingIn.length === 0) continue;
      const fixes = missingIn.map((primary) => {
        const rule = rules.get(primary)?.[0];
        return rule
          ? `${primary}'s DestinationRule ${qualifiedName(rule)}`
          : `a DestinationRule for ${host} in ${primary} (it has none)`;
      });
      const related: RelatedReport[] = [];
      const linked = new Set<MeshResource>();
      for (const primary of primaries) {
        const rule = defining(primary);
        if (rule && linked.has(rule)) continue;
        if (rule) {
          linked.add(rule);
          related.push({
            resource: rule,
            path: ['spec', 'subsets', subsetIndex(rule, subset), 'name'],
            message: `${describeRule(rule, primary)} defines subset ${subset}`,
          });
          continue;
        }
        for (const other of rules.get(primary) ?? []) {
          if (linked.has(other)) continue;
          linked.add(other);
          related.push({
            resource: other,
            path: asArray(specOf(other).subsets).length > 0 ? ['spec', 'subsets'] : ['spec', 'host'],
            message: `${describeRule(other, primary)} has no subset ${subset}`,
          });
        }
      }
      const keep = reading.filter((primary) => !missingIn.includes(primary));
      ctx.report({
        code: 'MESH205',
        resource,
        path: destination.path.concat('subset'),
        message: `Subset ${subset} of ${host} exists in ${describePrimaries(definedIn)} but not in ${describePrimaries(missingIn)}: ${describeCallers(ctx.mesh, missingIn)} get 503 (no route) for this route of ${describe(resource)}. Add the subset to ${fixes.join(' and ')}${resource.cluster === null ? ", or narrow this document's targets" : ''}.`,
        related,
        data: withActions(
          { host, subset, definedIn, missingIn },
          resource.cluster === null ? { narrowTo: keep } : {},
        ),
      });
    }
  },
};

function subsetIndex(rule: MeshResource, subset: string): number {
  return asArray(specOf(rule).subsets).findIndex((entry) => asString(asRecord(entry)?.name) === subset);
}

function describeRule(rule: MeshResource, primary: string): string {
  return rule.cluster === null
    ? `DestinationRule ${qualifiedName(rule)} (authored, for ${primary})`
    : `${primary}'s DestinationRule ${qualifiedName(rule)}`;
}
