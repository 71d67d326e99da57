/**
 * MESH109: an Istio object labelled `istio.io/rev=<rev>` meant for primaries where no control plane of
 * that revision runs. istiod reads only the config of its own revision (and unlabelled config), so there
 * the object is ignored. A revision tag (`istio.io/tag` on an `istio-revision-tag-<tag>` webhook of the
 * cluster) stands for the revision it points at. An authored document is judged in the primaries it
 * targets; a cluster's object in its own cluster (when that is a primary: remotes are MESH107's).
 */
import { type ResourceAnalyzer } from '../framework/analyzer';
import { REVISION_LABEL, resolveRevisionTag } from '../model/injection-webhooks';
import { ISTIO_CONFIG_KINDS, KINDS } from '../../../../protocol/kinds';
import { describePrimaries, describeCallers } from '../model/primary-views';
import { describe, labelsOf } from '../model/resource';
import { withActions } from '../targets/action-data';

export const revisionNotRunning: ResourceAnalyzer = {
  type: 'resource',
  name: 'revision-not-running',
  codes: ['MESH109'],
  kinds: ISTIO_CONFIG_KINDS,
  scope: 'every-copy',
  analyze(resource, ctx) {
    const revision = labelsOf(resource)[REVISION_LABEL];
    if (!revision || resource.origin === 'builtin') return;
    const targets = ctx.mesh.targetsOf(resource);
    if (targets.primaries.length === 0) return;
    const byName = new Map(ctx.mesh.clusters().map((cluster) => [cluster.name, cluster]));
    let webhooks: ReturnType<typeof ctx.mesh.ofKind> | undefined;
    const runs = (primary: string): boolean => {
      const revisions = byName.get(primary)?.facts.revisions ?? [];
      if (revisions.includes(revision)) return true;
      webhooks ??= ctx.mesh.ofKind(KINDS.MutatingWebhookConfiguration);
      const tagged = resolveRevisionTag(
        revision,
        webhooks.filter((webhook) => webhook.cluster === primary),
      );
      return tagged !== undefined && revisions.includes(tagged);
    };
    const missing = targets.primaries.filter((primary) => !runs(primary));
    if (missing.length === 0) return;
    const running = missing
      .map(
        (primary) =>
          `${primary} runs ${(byName.get(primary)?.facts.revisions ?? []).join(', ') || 'no revision'}`,
      )
      .join('; ');
    const where =
      resource.cluster === null
        ? `${describePrimaries(missing)}, which it targets`
        : describePrimaries(missing);
    ctx.report({
      code: 'MESH109',
      resource,
      path: ['metadata', 'labels', REVISION_LABEL],
      message: `${describe(resource)} is labelled ${REVISION_LABEL}=${revision}, but no control plane of revision ${revision} runs in ${where} (${running}): istiod reads only the config of its own revision, so ${describeCallers(ctx.mesh, missing)} do not get it. Use a revision that runs there, remove the label${resource.cluster === null ? ", or narrow this document's targets" : ''}.`,
      data: withActions(
        { revision, missing },
        resource.cluster === null
          ? { narrowTo: targets.clusters.filter((name) => !missing.includes(name)) }
          : {},
      ),
    });
  },
};
