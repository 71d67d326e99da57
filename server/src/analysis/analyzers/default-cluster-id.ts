/**
 * MESH110 (cluster IDs): istiod of a multicluster mesh runs with the chart's default cluster ID
 * `Kubernetes` (`values.global.multiCluster.clusterName` never set), or with the same ID as another
 * cluster. Cluster IDs name clusters in remote secrets, `topology.istio.io/cluster` labels and
 * meshNetworks: two clusters with one ID are indistinguishable and their endpoints collide. Reported on
 * istiod's `CLUSTER_ID` env value. "Multicluster" means more than one cluster in the input, or a cluster
 * that holds remote secrets.
 */
import { type ResourceAnalyzer } from '../framework/analyzer';
import { KINDS } from '../../../../protocol/kinds';
import { ISTIO_SYSTEM } from '../model/mesh-config';
import { asArray, asRecord, asString } from '../../mesh/object-fields';
import { describe } from '../model/resource';
import { podTemplateOf } from '../model/pod-templates';

const DEFAULT_CLUSTER_ID = 'Kubernetes';

export const defaultClusterId: ResourceAnalyzer = {
  type: 'resource',
  name: 'default-cluster-id',
  codes: ['MESH110'],
  kinds: [KINDS.Deployment],
  analyze(resource, ctx) {
    if (resource.namespace !== ISTIO_SYSTEM || !/^istiod(-.+)?$/.test(resource.name)) return;
    const found = clusterIdEnv(resource);
    if (!found) return;
    const clusters = ctx.mesh.clusters();
    const own = clusters.find((c) => c.name === resource.cluster);
    const multicluster = clusters.length > 1 || (own?.facts.remoteSecrets.length ?? 0) > 0;
    if (!multicluster) return;
    const sharing = clusters
      .filter((c) => c.name !== resource.cluster && c.facts.id === found.value)
      .map((c) => c.name);
    if (found.value !== DEFAULT_CLUSTER_ID && sharing.length === 0) return;
    const cluster = resource.cluster ?? 'this cluster';
    const problem =
      found.value === DEFAULT_CLUSTER_ID
        ? `runs with CLUSTER_ID=${DEFAULT_CLUSTER_ID}, the chart's default`
        : `runs with CLUSTER_ID=${found.value}`;
    const clash =
      sharing.length > 0
        ? `, the same ID as ${sharing.length === 1 ? 'cluster' : 'clusters'} ${sharing.join(', ')}`
        : '';
    ctx.report({
      code: 'MESH110',
      resource,
      path: found.path,
      message: `${describe(resource)} ${problem}${clash}: in a multicluster mesh every cluster needs its own ID (remote secrets, topology.istio.io/cluster labels and meshNetworks name clusters by it), otherwise clusters collide and cross-cluster discovery breaks. Reinstall with values.global.multiCluster.clusterName=${resource.cluster && resource.cluster !== found.value ? resource.cluster : '<unique cluster name>'} for ${cluster}.`,
      data: { clusterId: found.value, sharing },
    });
  },
};

function clusterIdEnv(
  resource: Parameters<typeof podTemplateOf>[0],
): { value: string; path: (string | number)[] } | undefined {
  const pod = podTemplateOf(resource);
  if (!pod) return undefined;
  const containers = asArray(pod.spec.containers);
  for (let c = 0; c < containers.length; c++) {
    const env = asArray(asRecord(containers[c])?.env);
    for (let e = 0; e < env.length; e++) {
      const entry = asRecord(env[e]);
      const value = asString(entry?.value);
      if (entry?.name === 'CLUSTER_ID' && value)
        return { value, path: [...pod.specPath, 'containers', c, 'env', e, 'value'] };
    }
  }
  return undefined;
}
