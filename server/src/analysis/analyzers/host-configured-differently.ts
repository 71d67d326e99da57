/**
 * MESH203: different objects configure one host differently in different primaries, e.g. east has
 * DestinationRule bookinfo/ratings and west bookinfo/ratings-west, with other subsets, load balancer, TLS
 * mode or outlierDetection (DestinationRules), or other routes (mesh VirtualServices). Callers then get
 * another behaviour depending on their cluster, and since the objects have different names, comparing an
 * object's copies (MESH201) does not see it.
 *
 * One group per host and kind. Per primary: the objects its view has for the host. Silent when every
 * primary uses the same objects (then MESH201 compares them) or when the configuration comes out the same.
 * Reported on the authored documents involved, else on the live objects, naming what differs per primary.
 */
import { joinNames } from '../../text/join-names';
import { type AnalysisContext, type GroupAnalyzer } from '../framework/analyzer';
import { normalizeHost } from '../model/hosts';
import { KINDS } from '../../../../protocol/kinds';
import { destinationRuleHost } from '../model/mesh-index';
import { asArray, asRecord, asString, asStringArray } from '../../mesh/object-fields';
import { copiesPerPrimary, describeCallers, describePrimaries } from '../model/primary-views';
import { type MeshResource, describe, identityOf, qualifiedName, specOf } from '../model/resource';
import { isBoundToMesh } from '../model/virtual-service-routes';
import { sameJson } from '../../text/same-json';

export const hostConfiguredDifferently: GroupAnalyzer = {
  type: 'group',
  name: 'host-configured-differently',
  codes: ['MESH203'],
  kinds: [KINDS.DestinationRule, KINDS.VirtualService],
  scope: 'every-copy',
  groupKeys(resource) {
    if (resource.groupKind === KINDS.DestinationRule) return [`dr|${destinationRuleHost(resource)}`];
    if (!isBoundToMesh(resource)) return [];
    return [
      ...new Set(
        asStringArray(specOf(resource).hosts).map((h) => `vs|${normalizeHost(h, resource.namespace)}`),
      ),
    ];
  },
  analyzeGroup(key, members, ctx) {
    const [kind, host = ''] = key.split('|') as ['dr' | 'vs', string];
    const perPrimary = objectsPerPrimary(members, ctx);
    if (perPrimary.size < 2) return;
    const identitySets = new Set(
      [...perPrimary.values()].map((objects) => objects.map(identityOf).join(',')),
    );
    if (identitySets.size < 2) return;
    const summaries = new Map(
      [...perPrimary].map(([primary, objects]) => [primary, summarize(kind, objects)]),
    );
    if (new Set([...summaries.values()].map((s) => JSON.stringify(s))).size < 2) return;
    const involved = [...new Set([...perPrimary.values()].flat())];
    const subjects = involved.some((o) => o.cluster === null)
      ? involved.filter((o) => o.cluster === null)
      : involved;
    for (const subject of subjects) {
      const mine = [...perPrimary].filter(([, objects]) => objects.includes(subject)).map(([p]) => p);
      const own = summaries.get(mine[0]!)!;
      const others = [...perPrimary].filter(([primary]) => !sameJson(summaries.get(primary), own));
      if (others.length === 0) continue;
      // Primaries using the same objects the same way are one entry of the message.
      const grouped = new Map<string, { primaries: string[]; text: string }>();
      for (const [primary, objects] of others) {
        const used = objects.map((o) => `${o.kind} ${qualifiedName(o)}`).join(' and ');
        const text = `${used} (${differingAspects(own, summaries.get(primary)!)})`;
        const entry = grouped.get(text) ?? { primaries: [], text };
        entry.primaries.push(primary);
        grouped.set(text, entry);
      }
      const detail = [...grouped.values()]
        .map(
          (entry) =>
            `${joinNames(entry.primaries)} ${entry.primaries.length === 1 ? 'uses' : 'use'} ${entry.text}`,
        )
        .join('; ');
      const otherPrimaries = others.map(([primary]) => primary);
      ctx.report({
        code: 'MESH203',
        resource: subject,
        path: hostPath(subject, host),
        message: `${describe(subject)} configures ${host} for ${describePrimaries(mine)}, but other objects configure it differently elsewhere: ${detail}. ${describeCallers(ctx.mesh, mine)} and ${describeCallers(ctx.mesh, otherPrimaries)} are treated differently. Configure ${host} with one object, the same in every primary.`,
        related: others.flatMap(([primary, objects]) =>
          objects.map((object) => ({
            resource: object,
            path: hostPath(object, host),
            message: `${describe(object)}, read by primary ${primary}`,
          })),
        ),
        data: { host, primaries: mine, differing: otherPrimaries },
      });
    }
  },
};

/** Per primary, the objects of the group its view holds (sorted by identity); primaries with none absent. */
function objectsPerPrimary(
  members: readonly MeshResource[],
  ctx: AnalysisContext,
): Map<string, MeshResource[]> {
  const result = new Map<string, MeshResource[]>();
  const seen = new Set<string>();
  for (const member of members) {
    const identity = identityOf(member);
    if (seen.has(identity)) continue;
    seen.add(identity);
    const copies = ctx.mesh.copies(member.groupKind, member.namespace, member.name);
    for (const [primary, copy] of copiesPerPrimary(ctx.mesh, copies)) {
      if (!members.includes(copy)) continue; // Read there, but an edit moved it to another host.
      result.set(primary, [...(result.get(primary) ?? []), copy]);
    }
  }
  for (const objects of result.values()) objects.sort((a, b) => identityOf(a).localeCompare(identityOf(b)));
  return result;
}

interface Summary {
  readonly subsets?: string;
  readonly loadBalancer?: string;
  readonly tlsMode?: string;
  readonly outlierDetection?: string;
  readonly routes?: string;
}

const ASPECTS: readonly (readonly [keyof Summary, string])[] = [
  ['subsets', 'subsets'],
  ['loadBalancer', 'load balancer'],
  ['tlsMode', 'TLS mode'],
  ['outlierDetection', 'outlierDetection'],
  ['routes', 'routes'],
];

function summarize(kind: 'dr' | 'vs', objects: readonly MeshResource[]): Summary {
  if (kind === 'vs') {
    return {
      routes: JSON.stringify(objects.map((o) => ['http', 'tcp', 'tls'].map((s) => specOf(o)[s] ?? null))),
    };
  }
  const policies = objects.map((o) => asRecord(specOf(o).trafficPolicy) ?? {});
  const subsets = objects.flatMap((o) =>
    asArray(specOf(o).subsets).map((entry) => {
      const subset = asRecord(entry);
      return `${asString(subset?.name) ?? '?'}${JSON.stringify(subset?.labels ?? {})}`;
    }),
  );
  return {
    subsets: subsets.sort().join(' '),
    loadBalancer: JSON.stringify(policies.map((p) => p.loadBalancer ?? null)),
    tlsMode: policies.map((p) => asString(asRecord(p.tls)?.mode) ?? 'unset').join(','),
    outlierDetection: JSON.stringify(policies.map((p) => p.outlierDetection ?? null)),
  };
}

function differingAspects(a: Summary, b: Summary): string {
  const differing = ASPECTS.filter(([field]) => a[field] !== b[field]).map(([field, label]) =>
    field === 'tlsMode' ? `TLS mode ${b.tlsMode} instead of ${a.tlsMode}` : `other ${label}`,
  );
  return differing.length > 0 ? joinNames(differing) : 'other settings';
}

function hostPath(resource: MeshResource, host: string): (string | number)[] {
  if (resource.groupKind === KINDS.DestinationRule) return ['spec', 'host'];
  const index = asStringArray(specOf(resource).hosts).findIndex(
    (h) => normalizeHost(h, resource.namespace) === host,
  );
  return index === -1 ? ['spec', 'hosts'] : ['spec', 'hosts', index];
}
