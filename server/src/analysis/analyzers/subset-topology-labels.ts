/**
 * MESH103: a DestinationRule subset selects `topology.istio.io/cluster` or `topology.istio.io/network`
 * with a value that is no cluster ID / network of the mesh, so the subset has no endpoints and routes to
 * it fail. Cluster IDs are istiod's CLUSTER_ID values (model/mesh-identities.ts), not kubeconfig context
 * names: when the value is a context name whose cluster has another ID, the message says so. Judged only
 * when the clusters are known (`--cluster` or live); a single file says nothing about the topology.
 */
import { type ResourceAnalyzer } from '../framework/analyzer';
import { KINDS } from '../../../../protocol/kinds';
import {
  CLUSTER_LABEL,
  NETWORK_LABEL,
  clusterNamed,
  describeClusterId,
  knownClusterIds,
  knownNetworks,
} from '../model/mesh-identities';
import { asArray, asRecord, asString, asStringMap } from '../../mesh/object-fields';
import { describe, specOf } from '../model/resource';

export const subsetTopologyLabels: ResourceAnalyzer = {
  type: 'resource',
  name: 'subset-topology-labels',
  codes: ['MESH103'],
  kinds: [KINDS.DestinationRule],
  analyze(resource, ctx) {
    const subsets = asArray(specOf(resource).subsets).map(asRecord);
    const selecting = subsets.filter((s) => {
      const labels = asStringMap(s?.labels);
      return CLUSTER_LABEL in labels || NETWORK_LABEL in labels;
    });
    if (selecting.length === 0) return;
    const clusters = ctx.mesh.clusters();
    if (clusters.length === 0) return;
    const ids = knownClusterIds(ctx.mesh);
    const networks = knownNetworks(ctx.mesh);
    subsets.forEach((subset, i) => {
      const labels = asStringMap(subset?.labels);
      const name = asString(subset?.name) ?? `#${i}`;
      const cluster = labels[CLUSTER_LABEL];
      if (cluster !== undefined && !ids.has(cluster)) {
        const named = clusterNamed(clusters, cluster);
        const hint = named
          ? ` "${cluster}" is the kubeconfig context name of a cluster, not its ID: cluster ${cluster}'s ID (istiod's CLUSTER_ID) is ${named.facts.id}, so select ${CLUSTER_LABEL}: ${named.facts.id}.`
          : ` Select one of the cluster IDs: ${[...ids.keys()].sort().join(', ')}.`;
        ctx.report({
          code: 'MESH103',
          resource,
          path: ['spec', 'subsets', i, 'labels', CLUSTER_LABEL],
          message: `${describe(resource)} subset ${name} selects ${CLUSTER_LABEL}: ${cluster}, but no cluster of the mesh has that ID (${clusters.map(describeClusterId).join(', ')}), so the subset has no endpoints and routes to it fail.${hint}`,
          data: { subset: name, label: CLUSTER_LABEL, value: cluster, suggestion: named?.facts.id },
        });
      }
      const network = labels[NETWORK_LABEL];
      if (network !== undefined && !networks.has(network)) {
        const list = [...networks.keys()].sort().map((known) => {
          const on = clusters.filter((c) => c.facts.network === known).map((c) => c.name);
          return `${known} (${on.length > 0 ? `${on.length === 1 ? 'cluster' : 'clusters'} ${on.join(', ')}` : networks.get(known)})`;
        });
        ctx.report({
          code: 'MESH103',
          resource,
          path: ['spec', 'subsets', i, 'labels', NETWORK_LABEL],
          message: `${describe(resource)} subset ${name} selects ${NETWORK_LABEL}: ${network}, but no cluster of the mesh is on that network, so the subset has no endpoints and routes to it fail. ${list.length > 0 ? `Networks of the mesh: ${list.join(', ')}.` : 'No cluster has a network label (the mesh is on one unnamed network): remove the network from the subset.'}`,
          data: { subset: name, label: NETWORK_LABEL, value: network },
        });
      }
    });
  },
};
