/**
 * MESH101: a DestinationRule's `loadBalancer.localityLbSetting` sets `failover` or `failoverPriority`
 * (and is not `enabled: false`), but some Envoy cluster that uses this load balancer gets no
 * `outlierDetection`: Envoy then never ejects the unhealthy local endpoints and traffic never fails over.
 *
 * Judged as pilot merges policies (model/traffic-policy-levels.ts): field by field, a subset or port
 * level inherits the `outlierDetection` of the levels above it, and a `loadBalancer` written at one level
 * applies only to the clusters that do not override it. So a subset's failover is fine with a top-level
 * `outlierDetection`, while a top-level failover with `outlierDetection` only in subset v1 still fails
 * for traffic without a subset and for the other subsets; the message names them.
 */
import { type ResourceAnalyzer } from '../framework/analyzer';
import { KINDS } from '../../../../protocol/kinds';
import { type KnownLocality, describeRegions, knownLocalities } from '../model/localities';
import { asArray, asRecord, asString } from '../../mesh/object-fields';
import { type MeshResource, describe } from '../model/resource';
import {
  type PolicyContext,
  type PolicyLevel,
  describeContext,
  describeLevel,
  effectiveLevel,
  policyContexts,
  policyLevels,
} from '../model/traffic-policy-levels';

export const localityFailoverOutlierDetection: ResourceAnalyzer = {
  type: 'resource',
  name: 'locality-failover-outlier-detection',
  codes: ['MESH101'],
  kinds: [KINDS.DestinationRule],
  analyze(resource, ctx) {
    const levels = policyLevels(resource);
    const contexts = policyContexts(resource, levels);
    let localities: readonly KnownLocality[] | undefined;
    // Only asked when a failover is found: the answer depends on every Node of the mesh.
    const regions = (region: string): string => {
      localities ??= ctx.mesh.hasKubernetesState ? knownLocalities(ctx.mesh) : [];
      const known = localities.filter((locality) => locality.region === region);
      return known.length === 0 ? region : describeRegions(known);
    };
    for (const level of levels) {
      const failover = activeFailover(level, regions);
      if (!failover) continue;
      const governed = contexts.filter((c) => effectiveLevel(levels, 'loadBalancer', c) === level);
      const uncovered = governed.filter((c) => !effectiveLevel(levels, 'outlierDetection', c));
      if (uncovered.length === 0) continue;
      ctx.report({
        code: 'MESH101',
        resource,
        path: [...level.path, 'loadBalancer', 'localityLbSetting', failover.field],
        target: 'key',
        message: message(resource, level, failover, uncovered, uncovered.length === governed.length),
        data: { field: failover.field, uncovered },
      });
    }
  },
};

interface Failover {
  readonly field: 'failover' | 'failoverPriority';
  /** "from us-east to us-west", "to endpoints with other topology.istio.io/network". */
  readonly effect: string;
}

function activeFailover(level: PolicyLevel, regions: (region: string) => string): Failover | undefined {
  const setting = asRecord(asRecord(level.policy.loadBalancer)?.localityLbSetting);
  if (!setting || setting.enabled === false) return undefined;
  const failover = asArray(setting.failover)
    .map(asRecord)
    .filter((entry) => entry !== undefined);
  if (failover.length > 0) {
    const pairs = failover.map(
      (entry) => `from ${regions(asString(entry.from) ?? '?')} to ${regions(asString(entry.to) ?? '?')}`,
    );
    return { field: 'failover', effect: pairs.join(', ') };
  }
  const priority = asArray(setting.failoverPriority).filter((key) => typeof key === 'string');
  if (priority.length > 0) {
    return { field: 'failoverPriority', effect: `to endpoints that differ in ${priority.join(', ')}` };
  }
  return undefined;
}

function message(
  resource: MeshResource,
  level: PolicyLevel,
  failover: Failover,
  uncovered: readonly PolicyContext[],
  none: boolean,
): string {
  const where = none
    ? `no outlierDetection applies to it (none in this traffic policy${level.subset === null && level.port === null ? '' : ' or the ones it inherits from'})`
    : `no outlierDetection applies to ${uncovered.map(describeContext).join(', ')}`;
  return `${describe(resource)} sets localityLbSetting.${failover.field} in its ${describeLevel(level)} but ${where}: Envoy never ejects unhealthy endpoints, so traffic never fails over ${failover.effect}. Add outlierDetection to the same traffic policy (e.g. consecutive5xxErrors: 5, interval: 10s, baseEjectionTime: 30s).`;
}
