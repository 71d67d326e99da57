/**
 * A DestinationRule's traffic policies as pilot merges them (MergeTrafficPolicy in
 * pilot/pkg/networking/core/cluster_builder.go). A policy is written at four levels: the top-level
 * `trafficPolicy`, its `portLevelSettings`, a subset's `trafficPolicy` and that one's `portLevelSettings`.
 * Each Envoy cluster (the host without subset, or one subset, on one port) gets, field by field
 * (`loadBalancer`, `outlierDetection`, `connectionPool`, `tls`), the value of the most specific level that
 * sets it: subset port level, subset, top port level, top. A field is replaced whole, never merged: a
 * subset's `loadBalancer` hides the top-level one entirely, while the subset still inherits the top-level
 * `outlierDetection` it does not set.
 */
import { type FieldPath } from '../../yaml/node-locator';
import { type Fields, asArray, asNumber, asRecord, asString } from '../../mesh/object-fields';
import { type MeshResource, specOf } from './resource';

export type PolicyField = 'loadBalancer' | 'outlierDetection' | 'connectionPool' | 'tls';

export interface PolicyLevel {
  /** Path of the policy object: `['spec','trafficPolicy']`, `[..., 'portLevelSettings', 0]`, ... */
  readonly path: FieldPath;
  readonly policy: Fields;
  /** The subset the level belongs to; null for the top-level policy and its port settings. */
  readonly subset: string | null;
  /** The port of a `portLevelSettings` entry; null for a whole policy. */
  readonly port: number | null;
}

/** One Envoy cluster of the rule: traffic to a subset (or to no subset) on a port (or any other port). */
export interface PolicyContext {
  readonly subset: string | null;
  readonly port: number | null;
}

/** Every level at which the rule writes a policy, top level first. */
export function policyLevels(rule: MeshResource): PolicyLevel[] {
  const spec = specOf(rule);
  const levels: PolicyLevel[] = [];
  const visit = (value: unknown, path: FieldPath, subset: string | null): void => {
    const policy = asRecord(value);
    if (!policy) return;
    levels.push({ path, policy, subset, port: null });
    asArray(policy.portLevelSettings).forEach((item, i) => {
      const setting = asRecord(item);
      const port = asNumber(asRecord(setting?.port)?.number);
      if (setting && port !== undefined) {
        levels.push({ path: [...path, 'portLevelSettings', i], policy: setting, subset, port });
      }
    });
  };
  visit(spec.trafficPolicy, ['spec', 'trafficPolicy'], null);
  asArray(spec.subsets).forEach((item, i) => {
    const subset = asRecord(item);
    const name = asString(subset?.name);
    if (subset && name) visit(subset.trafficPolicy, ['spec', 'subsets', i, 'trafficPolicy'], name);
  });
  return levels;
}

/**
 * The Envoy clusters the rule shapes: no subset and each subset, each on every port some level names
 * plus "any other port" (null).
 */
export function policyContexts(
  rule: MeshResource,
  levels: readonly PolicyLevel[] = policyLevels(rule),
): PolicyContext[] {
  const subsets = new Set<string | null>([null]);
  asArray(specOf(rule).subsets).forEach((item) => {
    const name = asString(asRecord(item)?.name);
    if (name) subsets.add(name);
  });
  const ports = new Set<number | null>([null]);
  for (const level of levels) if (level.port !== null) ports.add(level.port);
  return [...subsets].flatMap((subset) => [...ports].map((port) => ({ subset, port })));
}

/** The level whose value of `field` applies to `context`, most specific first; undefined when none sets it. */
export function effectiveLevel(
  levels: readonly PolicyLevel[],
  field: PolicyField,
  context: PolicyContext,
): PolicyLevel | undefined {
  const order: PolicyContext[] = [];
  if (context.subset !== null) {
    if (context.port !== null) order.push({ subset: context.subset, port: context.port });
    order.push({ subset: context.subset, port: null });
  }
  if (context.port !== null) order.push({ subset: null, port: context.port });
  order.push({ subset: null, port: null });
  for (const wanted of order) {
    const level = levels.find((l) => l.subset === wanted.subset && l.port === wanted.port);
    if (level && asRecord(level.policy[field]) !== undefined) return level;
  }
  return undefined;
}

/** "traffic without a subset", "subset v2", "subset v2 on port 9080", "port 9080". */
export function describeContext(context: PolicyContext): string {
  const subset = context.subset === null ? 'traffic without a subset' : `subset ${context.subset}`;
  return context.port === null ? subset : `${subset} on port ${context.port}`;
}

/** The level's place in words: "trafficPolicy", "subset v1's trafficPolicy (port 9080)". */
export function describeLevel(level: PolicyLevel): string {
  const base = level.subset === null ? 'trafficPolicy' : `subset ${level.subset}'s trafficPolicy`;
  return level.port === null ? base : `${base} (portLevelSettings, port ${level.port})`;
}
