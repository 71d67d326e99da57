/**
 * MESH102: a DestinationRule's `localityLbSetting` (at any traffic policy level, unless `enabled: false`)
 * - names in `failover` a `from` or `to` region, or in `distribute` a `from` or `to` locality, where no
 *   cluster of the mesh has nodes (and no WorkloadEntry / ServiceEntry endpoint declares that locality):
 *   the rule never applies, or sends traffic nowhere;
 * - gives one `distribute` entry `to` weights that do not total 100 (Istio's validation refuses it).
 * Localities come from the nodes' labels (model/localities.ts); without any node carrying a region label
 * the localities are unknown and only the weights are checked.
 */
import { type FieldPath } from '../../yaml/node-locator';
import { type AnalysisContext, type ResourceAnalyzer } from '../framework/analyzer';
import { KINDS } from '../../../../protocol/kinds';
import {
  type KnownLocality,
  describeLocalities,
  describeRegions,
  knownLocalities,
  localityMatches,
} from '../model/localities';
import { type Fields, asArray, asNumber, asRecord, asString } from '../../mesh/object-fields';
import { type MeshResource, describe } from '../model/resource';
import { describeLevel, policyLevels } from '../model/traffic-policy-levels';

export const localityLbSettings: ResourceAnalyzer = {
  type: 'resource',
  name: 'locality-lb-settings',
  codes: ['MESH102'],
  kinds: [KINDS.DestinationRule],
  analyze(resource, ctx) {
    const settings = policyLevels(resource).flatMap((level) => {
      const setting = asRecord(asRecord(level.policy.loadBalancer)?.localityLbSetting);
      if (!setting || setting.enabled === false) return [];
      return [
        { setting, path: [...level.path, 'loadBalancer', 'localityLbSetting'], where: describeLevel(level) },
      ];
    });
    if (settings.length === 0) return;
    const localities = ctx.mesh.hasKubernetesState ? knownLocalities(ctx.mesh) : [];
    for (const { setting, path, where } of settings) {
      const check = new LocalityCheck(resource, ctx, localities, where);
      asArray(setting.failover).forEach((item, i) => {
        const entry = asRecord(item);
        check.region(asString(entry?.from), [...path, 'failover', i, 'from'], 'from');
        check.region(asString(entry?.to), [...path, 'failover', i, 'to'], 'to');
      });
      asArray(setting.distribute).forEach((item, i) => {
        const entry = asRecord(item);
        if (!entry) return;
        const entryPath = [...path, 'distribute', i];
        check.locality(asString(entry.from), [...entryPath, 'from'], 'from', 'value');
        const to = asRecord(entry.to) ?? {};
        for (const pattern of Object.keys(to))
          check.locality(pattern, [...entryPath, 'to', pattern], 'to', 'key');
        check.weights(to, entry, [...entryPath, 'to']);
      });
    }
  },
};

class LocalityCheck {
  constructor(
    private readonly resource: MeshResource,
    private readonly ctx: AnalysisContext,
    private readonly localities: readonly KnownLocality[],
    private readonly where: string,
  ) {}

  /** A failover region. */
  region(region: string | undefined, path: FieldPath, role: 'from' | 'to'): void {
    if (!region || this.localities.length === 0 || region.includes('*')) return;
    if (this.localities.some((locality) => locality.region === region)) return;
    const consequence =
      role === 'to'
        ? `traffic never fails over to ${region}: there are no endpoints there`
        : `this failover rule never applies: no caller runs in ${region}`;
    this.ctx.report({
      code: 'MESH102',
      resource: this.resource,
      path,
      message: `${describe(this.resource)} names region ${region} in localityLbSetting.failover (${this.where}), but no cluster of the mesh has nodes in ${region}, so ${consequence}. Regions with nodes: ${describeRegions(this.localities)}. Name one of them, or check the nodes' topology.kubernetes.io/region labels.`,
      data: { region, role },
    });
  }

  /** A distribute locality pattern `region/zone/subzone` with `*` wildcards. */
  locality(pattern: string | undefined, path: FieldPath, role: 'from' | 'to', target: 'key' | 'value'): void {
    if (!pattern || this.localities.length === 0) return;
    if (this.localities.some((locality) => localityMatches(pattern, locality))) return;
    const depth = pattern.split('/').length;
    const consequence =
      role === 'to'
        ? 'its weight goes nowhere: no endpoint is in that locality'
        : 'this distribute rule never applies: no caller runs there';
    this.ctx.report({
      code: 'MESH102',
      resource: this.resource,
      path,
      target,
      message: `${describe(this.resource)} names locality ${pattern} in localityLbSetting.distribute (${this.where}), but no cluster of the mesh has nodes there, so ${consequence}. Localities with nodes: ${describeLocalities(this.localities, depth)}. Use region/zone/subzone as the nodes' labels give them (* for any).`,
      data: { locality: pattern, role },
    });
  }

  /** The `to` weights of one `from` must total 100. */
  weights(to: Fields, entry: Fields, path: FieldPath): void {
    const weights = Object.values(to).map((weight) => asNumber(weight) ?? 0);
    if (weights.length === 0) return;
    const total = weights.reduce((sum, weight) => sum + weight, 0);
    if (total === 100) return;
    const from = asString(entry.from) ?? '?';
    this.ctx.report({
      code: 'MESH102',
      resource: this.resource,
      path,
      target: 'key',
      message: `${describe(this.resource)}: the localityLbSetting.distribute weights from ${from} (${this.where}) total ${total}, not 100, so Istio's validation rejects the DestinationRule ("total locality weight ${total} != 100"). Make the weights of this entry add up to 100.`,
      data: { from, total },
    });
  }
}
