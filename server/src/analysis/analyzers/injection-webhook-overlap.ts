/**
 * IST0139 (overlap): two of Istio's injection webhooks in one cluster select the same pods, so injection
 * may run twice (a stale non-revisioned `istio-sidecar-injector` next to the `default` revision tag is
 * the classic case after a revision upgrade). As istioctl does it: every namespace label set Istio uses
 * (none, `istio-injection=enabled|disabled`, each with or without `istio.io/rev=<revision>` for every
 * revision and tag the webhooks name) is combined with every pod label set (none,
 * `sidecar.istio.io/inject=true|false`, with or without `istio.io/rev`); more than one webhook matching a
 * combination is an overlap. One group per cluster (authored configurations form their own group).
 */
import { type GroupAnalyzer } from '../framework/analyzer';
import {
  INJECTION_LABEL,
  type InjectionWebhook,
  POD_INJECT_LABEL,
  REVISION_LABEL,
  isIstioInjectionConfiguration,
  revisionsOf,
  webhooksOf,
} from '../model/injection-webhooks';
import { KINDS } from '../../../../protocol/kinds';
import { type MeshResource } from '../model/resource';
import { type Labels, formatLabels, labelSelectorMatches } from '../model/selectors';

interface Overlap {
  readonly others: Set<InjectionWebhook>;
  /** The first label combination found that both select, to show the user. */
  example: { namespace: Labels; pod: Labels } | null;
}

export const injectionWebhookOverlap: GroupAnalyzer = {
  type: 'group',
  name: 'injection-webhook-overlap',
  codes: ['IST0139'],
  kinds: [KINDS.MutatingWebhookConfiguration],
  requires: ['kubernetes'],
  groupKeys(resource) {
    if (!isIstioInjectionConfiguration(resource)) return [];
    return [resource.cluster === null ? 'authored' : `cluster:${resource.cluster}`];
  },
  analyzeGroup(_key, members, ctx) {
    // One configuration per name: a cluster has one; several authored copies of it are one object.
    const configurations = new Map<string, MeshResource>();
    for (const member of members)
      if (!configurations.has(member.name)) configurations.set(member.name, member);
    const webhooks = [...configurations.values()].flatMap(webhooksOf);
    if (webhooks.length < 2) return;
    const revisions = [...new Set([...configurations.values()].flatMap(revisionsOf))].sort();
    const namespaceLabelSets = withRevisions(
      [{}, { [INJECTION_LABEL]: 'enabled' }, { [INJECTION_LABEL]: 'disabled' }],
      revisions,
    );
    const podLabelSets = withRevisions(
      [{}, { [POD_INJECT_LABEL]: 'true' }, { [POD_INJECT_LABEL]: 'false' }],
      revisions,
    );

    const overlaps = new Map<InjectionWebhook, Overlap>();
    for (const namespace of namespaceLabelSets) {
      for (const pod of podLabelSets) {
        const matching = webhooks.filter(
          (webhook) =>
            labelSelectorMatches(webhook.namespaceSelector, namespace) &&
            labelSelectorMatches(webhook.objectSelector, pod),
        );
        if (matching.length < 2) continue;
        for (const webhook of matching) {
          let overlap = overlaps.get(webhook);
          if (!overlap) overlaps.set(webhook, (overlap = { others: new Set(), example: null }));
          for (const other of matching) if (other !== webhook) overlap.others.add(other);
          overlap.example ??= { namespace, pod };
        }
      }
    }

    for (const [webhook, overlap] of overlaps) {
      const others = [...overlap.others];
      const example = overlap.example!;
      const where = webhook.configuration.cluster ? ` in cluster ${webhook.configuration.cluster}` : '';
      ctx.report({
        code: 'IST0139',
        resource: webhook.configuration,
        path: [...webhook.path, 'name'],
        message: `Injection webhook ${webhookName(webhook)}${where} overlaps with ${others.map(webhookName).join(', ')}: ${labelled('a pod', example.pod)} in ${labelled('a namespace', example.namespace)} is selected by both, so the sidecar may be injected twice. Remove the stale injector (e.g. the old revision's or the non-revisioned istio-sidecar-injector once a default revision tag exists) or narrow its namespaceSelector/objectSelector.`,
        related: others.map((other) => ({
          resource: other.configuration,
          path: [...other.path, 'name'],
          message: `overlapping webhook ${webhookName(other)}`,
        })),
        data: { webhook: webhookName(webhook), overlapsWith: others.map(webhookName) },
      });
    }
  },
};

/** "a pod labelled sidecar.istio.io/inject=true", "a namespace without Istio labels". */
function labelled(subject: string, labels: Labels): string {
  return Object.keys(labels).length === 0
    ? `${subject} without Istio labels`
    : `${subject} labelled ${formatLabels(labels)}`;
}

/** `configuration/webhook`, as istioctl names them. */
function webhookName(webhook: InjectionWebhook): string {
  return `${webhook.configuration.name}/${webhook.name}`;
}

/** The label sets, plus each of them with `istio.io/rev=<revision>` for every revision. */
function withRevisions(bases: readonly Labels[], revisions: readonly string[]): Labels[] {
  return [
    ...bases,
    ...revisions.flatMap((revision) => bases.map((base) => ({ ...base, [REVISION_LABEL]: revision }))),
  ];
}
