/**
 * MESH107: Istio config in a remote cluster, which no control plane reads. A remote's sidecars are served
 * by a primary's istiod, and istiod reads Istio config only from its own cluster (or its config
 * cluster), so a VirtualService applied to a remote does nothing. Two cases:
 * - a cluster's object: every copy that lives in a remote (whichever copy the merged view keeps);
 * - an authored document whose targets name a remote (a modeline, the setting, `--targets`): on the
 *   modeline's cluster name when a modeline names it, else on the document's name.
 */
import { type AnalysisContext, type ResourceAnalyzer } from '../framework/analyzer';
import { ISTIO_CONFIG_KINDS } from '../../../../protocol/kinds';
import { type MeshResource, describe } from '../model/resource';
import { withActions } from '../targets/action-data';
import { type RemoteTarget, describeTargetSource } from '../targets/resolved-targets';

export const remoteClusterConfig: ResourceAnalyzer = {
  type: 'resource',
  name: 'remote-cluster-config',
  codes: ['MESH107'],
  kinds: ISTIO_CONFIG_KINDS,
  scope: 'every-copy',
  analyze(resource, ctx) {
    if (resource.cluster !== null) {
      const cluster = ctx.mesh.clusters().find((candidate) => candidate.name === resource.cluster);
      if (cluster?.facts.role !== 'remote') return;
      reportLiveCopy(resource, { cluster: cluster.name, controlPlane: cluster.facts.controlPlane }, ctx);
      return;
    }
    if (resource.origin !== 'authored') return;
    const targets = ctx.mesh.targetsOf(resource);
    if (targets.remotes.length === 0) return;
    const controlPlanes = [
      ...new Set(targets.remotes.flatMap((remote) => (remote.controlPlane ? [remote.controlPlane] : []))),
    ];
    const keep = targets.clusters.filter((name) => !targets.remotes.some((r) => r.cluster === name));
    const narrowTo = [...new Set([...keep, ...controlPlanes])];
    for (const remote of targets.remotes) {
      ctx.report({
        code: 'MESH107',
        resource,
        location: ctx.mesh.targetNameLocator(resource, remote.cluster),
        message: `${describe(resource)} targets remote cluster ${remote.cluster} (from ${describeTargetSource(targets.source)}), where no control plane reads Istio config: ${servedBy(remote)} Applied there it would have no effect. ${remote.controlPlane ? `Target ${remote.controlPlane} instead, whose istiod serves ${remote.cluster}` : `Target the primary that serves ${remote.cluster}`}.`,
        data: withActions(
          { remote: remote.cluster, controlPlane: remote.controlPlane },
          { narrowTo, apply: controlPlanes },
        ),
      });
    }
  },
};

function reportLiveCopy(resource: MeshResource, remote: RemoteTarget, ctx: AnalysisContext): void {
  const where = remote.controlPlane ?? 'the primary that serves it';
  ctx.report({
    code: 'MESH107',
    resource,
    message: `${describe(resource)} is Istio config in remote cluster ${remote.cluster}, which no control plane reads: ${servedBy(remote)} It has no effect. Apply it to ${where} instead (kubectl --context ${remote.controlPlane ?? '<primary>'} apply) and delete it from ${remote.cluster}.`,
    data: { remote: remote.cluster, controlPlane: remote.controlPlane },
  });
}

function servedBy(remote: RemoteTarget): string {
  return remote.controlPlane
    ? `${remote.cluster} is served by ${remote.controlPlane}'s istiod, which reads Istio config only from ${remote.controlPlane}.`
    : `${remote.cluster} is a remote (no istiod runs there) and its control plane reads Istio config only from its own cluster.`;
}
