/**
 * MESH301: the clusters of one mesh must trust a common root, or workloads of one cannot verify the
 * certificates of the other and every cross-cluster mTLS handshake fails while each cluster works alone.
 * Each cluster's `istio-ca-root-cert` (istio-system) lists the roots its workloads trust; its copy gets a
 * diagnostic naming the clusters it shares no root with (error) or a different but overlapping set
 * (warning: a root rotation in progress, fine while it lasts), with related locations to theirs.
 */
import { type ResourceAnalyzer, type RelatedReport } from '../framework/analyzer';
import { KINDS } from '../../../../protocol/kinds';
import { CONTROL_PLANE_NAMESPACE, ROOT_CERT_CONFIGMAP, ROOT_CERT_KEY } from '../../mesh/derive-cluster-facts';
import { describeRoot, meshOf, rootRelation, type RootRelation } from '../../mesh/trust-assessment';
import { type ClusterInfo } from '../model/mesh-index';
import { describe } from '../model/resource';

export const sharedTrustRoots: ResourceAnalyzer = {
  type: 'resource',
  name: 'shared-trust-roots',
  codes: ['MESH301'],
  kinds: [KINDS.ConfigMap],
  analyze(resource, ctx) {
    if (
      resource.cluster === null ||
      resource.namespace !== CONTROL_PLANE_NAMESPACE ||
      resource.name !== ROOT_CERT_CONFIGMAP
    )
      return;
    const clusters = ctx.mesh.clusters();
    const own = clusters.find((c) => c.name === resource.cluster);
    const ownRoots = own?.facts.trust?.roots;
    if (!own || !ownRoots || ownRoots.length === 0) return;
    const others = clusters.filter(
      (c) =>
        c.name !== own.name &&
        meshOf(c.facts) === meshOf(own.facts) &&
        (c.facts.trust?.roots?.length ?? 0) > 0,
    );
    const related = (cluster: ClusterInfo): RelatedReport[] =>
      ctx.mesh
        .copies(KINDS.ConfigMap, CONTROL_PLANE_NAMESPACE, ROOT_CERT_CONFIGMAP)
        .filter((copy) => copy.cluster === cluster.name)
        .map((copy) => ({
          resource: copy,
          path: ['data', ROOT_CERT_KEY],
          message: `roots of cluster ${cluster.name}: ${rootsOf(cluster)}`,
        }));
    const withRelation = (relation: RootRelation) =>
      others.filter((c) => rootRelation(ownRoots, c.facts.trust!.roots!) === relation);

    const disjoint = withRelation('disjoint');
    if (disjoint.length > 0) {
      ctx.report({
        code: 'MESH301',
        resource,
        path: ['data', ROOT_CERT_KEY],
        target: 'key',
        message: `${describe(resource)}: cluster ${own.name} trusts ${rootsOf(own)}, and shares no root with ${disjoint.map((c) => `cluster ${c.name} (${rootsOf(c)})`).join(', ')}: workloads cannot verify each other's certificates, so every cross-cluster mTLS call fails the TLS handshake. Plug the same root into every cluster (Secret cacerts in istio-system with a shared root-cert.pem and an intermediate per cluster) and restart istiod.`,
        related: disjoint.flatMap(related),
        data: { clusters: disjoint.map((c) => c.name) },
      });
    }
    const overlapping = withRelation('overlapping');
    if (overlapping.length > 0) {
      ctx.report({
        code: 'MESH301',
        severity: 'warning',
        resource,
        path: ['data', ROOT_CERT_KEY],
        target: 'key',
        message: `${describe(resource)}: cluster ${own.name} trusts ${rootsOf(own)}, ${overlapping.map((c) => `cluster ${c.name} ${rootsOf(c)}`).join(', ')}: the sets differ but share a root, as during a root rotation. Finish the rotation in every cluster (each trusting old and new roots until all workload certificates are reissued, then the new one only).`,
        related: overlapping.flatMap(related),
        data: { clusters: overlapping.map((c) => c.name), rotation: true },
      });
    }
  },
};

function rootsOf(cluster: ClusterInfo): string {
  const roots = cluster.facts.trust?.roots ?? [];
  return roots.map(describeRoot).join(' and ');
}
