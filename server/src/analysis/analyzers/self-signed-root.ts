/**
 * MESH303: in a mesh of several clusters, an istiod that signs with its own self-signed root (Secret
 * `istio-ca-secret`, which istiod creates only when no CA is plugged in) and has no `cacerts`: its root
 * is its own, so no other cluster trusts its workloads. Reported on that Secret, known from its metadata.
 */
import { type ResourceAnalyzer } from '../framework/analyzer';
import { KINDS } from '../../../../protocol/kinds';
import {
  CONTROL_PLANE_NAMESPACE,
  PLUGGED_IN_CA_SECRET,
  SELF_SIGNED_CA_SECRET,
} from '../../mesh/derive-cluster-facts';
import { meshOf } from '../../mesh/trust-assessment';
import { istiodDeploymentsIn } from '../model/istiod-deployments';
import { describe } from '../model/resource';

export const selfSignedRoot: ResourceAnalyzer = {
  type: 'resource',
  name: 'self-signed-root',
  codes: ['MESH303'],
  kinds: [KINDS.Secret],
  analyze(resource, ctx) {
    if (
      resource.cluster === null ||
      resource.namespace !== CONTROL_PLANE_NAMESPACE ||
      resource.name !== SELF_SIGNED_CA_SECRET
    )
      return;
    const clusters = ctx.mesh.clusters();
    const own = clusters.find((c) => c.name === resource.cluster);
    if (!own || own.facts.role !== 'primary' || own.facts.trust?.pluggedInCa !== false) return;
    // Without the cluster's Secrets, a missing cacerts is unknown, not absent.
    ctx.mesh.relyOn([KINDS.Secret], own.name);
    const others = clusters.filter((c) => c.name !== own.name && meshOf(c.facts) === meshOf(own.facts));
    if (others.length === 0) return;
    ctx.report({
      code: 'MESH303',
      resource,
      message: `${describe(resource)}: istiod of cluster ${own.name} signs workload certificates with its own self-signed root (${SELF_SIGNED_CA_SECRET}, no ${PLUGGED_IN_CA_SECRET} in ${CONTROL_PLANE_NAMESPACE}), in a mesh with ${others.map((c) => `cluster ${c.name}`).join(', ')}: no other cluster trusts that root, so cross-cluster mTLS fails. Create Secret ${PLUGGED_IN_CA_SECRET} in ${CONTROL_PLANE_NAMESPACE} from the mesh's shared root (root-cert.pem, ca-cert.pem, ca-key.pem, cert-chain.pem), restart istiod, then delete ${SELF_SIGNED_CA_SECRET}.`,
      related: others.flatMap((cluster) =>
        istiodDeploymentsIn(ctx.mesh, cluster.name)
          .slice(0, 1)
          .map((istiod) => ({
            resource: istiod,
            message: `istiod of cluster ${cluster.name}, another cluster of the mesh`,
          })),
      ),
      data: { cluster: own.name },
    });
  },
};
