/**
 * MESH307: a primary without a remote secret for a cluster it must read (multi-primary: every other
 * cluster of the mesh; primary-remote: each remote it serves). Its istiod then never sees that cluster's
 * endpoints: calls from the primary's workloads to services there fail or stay local. Reported on the
 * primary's istiod Deployment (its first, with several revisions), related to the missing cluster.
 */
import { type ResourceAnalyzer } from '../framework/analyzer';
import { KINDS } from '../../../../protocol/kinds';
import { CONTROL_PLANE_NAMESPACE } from '../../mesh/derive-cluster-facts';
import { REMOTE_SECRETS_KIND } from '../../mesh/snapshot';
import { clustersToRead, hasRemoteSecretFor } from '../../mesh/trust-assessment';
import { isIstiodDeployment, istiodDeploymentsIn } from '../model/istiod-deployments';
import { describe } from '../model/resource';

export const remoteSecretCoverage: ResourceAnalyzer = {
  type: 'resource',
  name: 'remote-secret-coverage',
  codes: ['MESH307'],
  kinds: [KINDS.Deployment],
  analyze(resource, ctx) {
    if (!isIstiodDeployment(resource)) return;
    const clusters = ctx.mesh.clusters();
    const own = clusters.find((c) => c.name === resource.cluster);
    if (!own || istiodDeploymentsIn(ctx.mesh, own.name)[0]?.id !== resource.id) return;
    ctx.mesh.relyOn([REMOTE_SECRETS_KIND], own.name);
    const all = clusters.map((c) => c.facts);
    const missing = clustersToRead(own.facts, all).filter((c) => !hasRemoteSecretFor(own.facts, c));
    if (missing.length === 0) return;
    const multiPrimary = all.some((c) => c.name !== own.name && c.role === 'primary');
    ctx.report({
      code: 'MESH307',
      resource,
      message: `${describe(resource)}: primary ${own.name} has no remote secret (istio/multiCluster: "true" in ${CONTROL_PLANE_NAMESPACE}) for ${missing.map((c) => `cluster ${c.name}${c.id !== c.name ? ` (ID ${c.id})` : ''}`).join(', ')}, which it must read ${multiPrimary ? '(in a multi-primary mesh every primary reads every other cluster)' : '(a primary reads each of its remotes)'}: its istiod never discovers the endpoints there. Create each with istioctl create-remote-secret --context=<that cluster's context> --name=<its cluster ID> | kubectl apply -f - --context=${own.name}.`,
      related: missing.flatMap((cluster) =>
        ctx.mesh
          .copiesOfKind(KINDS.Namespace)
          .filter((ns) => ns.cluster === cluster.name && ns.name === CONTROL_PLANE_NAMESPACE)
          .map((ns) => ({
            resource: ns,
            message: `cluster ${cluster.name}, which ${own.name} does not read`,
          })),
      ),
      data: { clusters: missing.map((c) => c.name) },
    });
  },
};
