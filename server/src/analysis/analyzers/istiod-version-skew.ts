/**
 * MESH308: the istiod versions (image tags) of a mesh's primaries more than one minor release apart.
 * Istio supports skew of one minor release between control planes sharing config and endpoints; beyond
 * that, config one understands the other ignores, and proxies connected to the older one miss features.
 */
import { type ResourceAnalyzer } from '../framework/analyzer';
import { KINDS } from '../../../../protocol/kinds';
import { meshOf, minorDistance, minorVersion } from '../../mesh/trust-assessment';
import { imagePath, isIstiodDeployment, istiodDeploymentsIn } from '../model/istiod-deployments';
import { describe } from '../model/resource';

export const istiodVersionSkew: ResourceAnalyzer = {
  type: 'resource',
  name: 'istiod-version-skew',
  codes: ['MESH308'],
  kinds: [KINDS.Deployment],
  analyze(resource, ctx) {
    if (!isIstiodDeployment(resource)) return;
    const clusters = ctx.mesh.clusters();
    const own = clusters.find((c) => c.name === resource.cluster);
    const ownVersion = own?.facts.trust?.istiods.find((i) => i.name === resource.name)?.version ?? null;
    const ownMinor = minorVersion(ownVersion);
    if (!own || own.facts.role !== 'primary' || !ownMinor) return;
    const far = clusters
      .filter(
        (c) => c.name !== own.name && c.facts.role === 'primary' && meshOf(c.facts) === meshOf(own.facts),
      )
      .flatMap((cluster) =>
        (cluster.facts.trust?.istiods ?? []).flatMap((istiod) => {
          const minor = minorVersion(istiod.version);
          return minor && minorDistance(ownMinor, minor) > 1 ? [{ cluster, istiod }] : [];
        }),
      );
    if (far.length === 0) return;
    ctx.report({
      code: 'MESH308',
      resource,
      path: imagePath(resource),
      message: `${describe(resource)} runs istiod ${ownVersion}, more than one minor release from ${far.map(({ cluster, istiod }) => `${istiod.name} ${istiod.version} in cluster ${cluster.name}`).join(', ')}: Istio supports one minor release of skew between the mesh's control planes; config the newer one understands is ignored by the older, and their proxies behave differently. Upgrade the older control plane (one minor release at a time, with revisions).`,
      related: far.flatMap(({ cluster, istiod }) =>
        istiodDeploymentsIn(ctx.mesh, cluster.name)
          .filter((d) => d.name === istiod.name)
          .map((d) => ({
            resource: d,
            path: imagePath(d),
            message: `istiod ${istiod.version} in cluster ${cluster.name}`,
          })),
      ),
      data: {
        version: ownVersion,
        others: far.map(({ cluster, istiod }) => ({ cluster: cluster.name, version: istiod.version })),
      },
    });
  },
};
