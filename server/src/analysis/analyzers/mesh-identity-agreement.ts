/**
 * MESH110 (mesh identity): the clusters of one mesh disagree on the mesh ID or the trust domain, as
 * their `istio` ConfigMaps (istio-system, `mesh` key) give them. Each cluster's copy gets a diagnostic
 * naming the clusters that differ, with related locations to their copies.
 *
 * The mesh ID defaults to the trust domain when unset (as in Istio). A trust domain difference is
 * accepted when each side lists the other's in `trustDomainAliases` (the documented migration path).
 */
import { type ResourceAnalyzer } from '../framework/analyzer';
import { KINDS } from '../../../../protocol/kinds';
import { type ClusterInfo } from '../model/mesh-index';
import { ISTIO_SYSTEM, MESH_CONFIGMAP_NAME, settingsFromConfigMap } from '../model/mesh-config';
import { asRecord, asStringArray } from '../../mesh/object-fields';
import { type MeshResource, describe } from '../model/resource';

export const meshIdentityAgreement: ResourceAnalyzer = {
  type: 'resource',
  name: 'mesh-identity-agreement',
  codes: ['MESH110'],
  kinds: [KINDS.ConfigMap],
  analyze(resource, ctx) {
    if (
      resource.cluster === null ||
      resource.namespace !== ISTIO_SYSTEM ||
      resource.name !== MESH_CONFIGMAP_NAME
    )
      return;
    const clusters = ctx.mesh.clusters().filter((c) => c.facts.trustDomain !== null);
    const own = clusters.find((c) => c.name === resource.cluster);
    if (!own || clusters.length < 2) return;
    const others = clusters.filter((c) => c.name !== own.name);
    const copyOf = (cluster: ClusterInfo): MeshResource | undefined =>
      ctx.mesh
        .copies(KINDS.ConfigMap, ISTIO_SYSTEM, MESH_CONFIGMAP_NAME)
        .find((c) => c.cluster === cluster.name);
    const relatedTo = (differing: readonly ClusterInfo[], what: (c: ClusterInfo) => string) =>
      differing.flatMap((cluster) => {
        const copy = copyOf(cluster);
        return copy
          ? [
              {
                resource: copy,
                path: ['data', 'mesh'],
                message: `mesh config of cluster ${cluster.name}: ${what(cluster)}`,
              },
            ]
          : [];
      });

    const meshIdDiffers = others.filter((c) => meshIdOf(c) !== meshIdOf(own));
    if (meshIdDiffers.length > 0) {
      ctx.report({
        code: 'MESH110',
        resource,
        path: ['data', 'mesh'],
        target: 'key',
        message: `${describe(resource)} gives cluster ${own.name} mesh ID ${meshIdOf(own)}, but ${meshIdDiffers.map((c) => `cluster ${c.name} has ${meshIdOf(c)}`).join(', ')}: clusters with different mesh IDs are not one mesh (istiod does not merge their service discovery as one mesh and telemetry splits). Give every cluster the same meshConfig.defaultConfig.meshId (values.global.meshID) and reinstall.`,
        related: relatedTo(meshIdDiffers, (c) => `mesh ID ${meshIdOf(c)}`),
        data: { field: 'meshId', value: meshIdOf(own), clusters: meshIdDiffers.map((c) => c.name) },
      });
    }

    const ownAliases = aliasesOf(resource);
    const trustDiffers = others.filter((cluster) => {
      if (cluster.facts.trustDomain === own.facts.trustDomain) return false;
      const theirCopy = copyOf(cluster);
      const accepted =
        ownAliases.includes(cluster.facts.trustDomain!) &&
        theirCopy !== undefined &&
        aliasesOf(theirCopy).includes(own.facts.trustDomain!);
      return !accepted;
    });
    if (trustDiffers.length > 0) {
      ctx.report({
        code: 'MESH110',
        resource,
        path: ['data', 'mesh'],
        target: 'key',
        message: `${describe(resource)} gives cluster ${own.name} trust domain ${own.facts.trustDomain}, but ${trustDiffers.map((c) => `cluster ${c.name} has ${c.facts.trustDomain}`).join(', ')}: workload identities (spiffe://<trust domain>/ns/...) then differ, so mTLS and AuthorizationPolicies between these clusters reject each other's workloads. Use one trustDomain everywhere, or list the other clusters' trust domains in trustDomainAliases on every side.`,
        related: relatedTo(trustDiffers, (c) => `trust domain ${c.facts.trustDomain}`),
        data: {
          field: 'trustDomain',
          value: own.facts.trustDomain,
          clusters: trustDiffers.map((c) => c.name),
        },
      });
    }
  },
};

/** The mesh ID, defaulting to the trust domain as Istio does. */
function meshIdOf(cluster: ClusterInfo): string {
  return cluster.facts.meshId ?? cluster.facts.trustDomain ?? 'cluster.local';
}

function aliasesOf(configMap: MeshResource): readonly string[] {
  const parsed = settingsFromConfigMap(configMap.object);
  return parsed.ok ? asStringArray(asRecord(parsed.mesh)?.trustDomainAliases) : [];
}
