/**
 * MESH110 (remote secrets): a remote secret (`istio/multiCluster: "true"`) whose data key, or
 * `networking.istio.io/cluster` annotation, is not the ID of the cluster it reaches. istiod registers the
 * remote cluster under the data key, so a key that differs from that cluster's own CLUSTER_ID splits one
 * cluster into two identities: its endpoints carry the wrong `topology.istio.io/cluster`, and
 * meshNetworks, per-cluster subsets and the cluster's own istiod disagree about it.
 *
 * The target cluster is found without reading the secret's value (live discovery never has it): the
 * cluster whose ID or context name is the key, the annotation, or the `istio-remote-secret-<name>`
 * suffix. A secret for a cluster outside the input is not judged.
 */
import { type ResourceAnalyzer } from '../framework/analyzer';
import { KINDS } from '../../../../protocol/kinds';
import { type ClusterInfo } from '../model/mesh-index';
import {
  CLUSTER_ANNOTATION,
  REMOTE_SECRET_LABEL,
  clusterNamed,
  clusterWithId,
  remoteSecretKeys,
} from '../model/mesh-identities';
import { asRecord } from '../../mesh/object-fields';
import { annotationsOf, describe, labelsOf } from '../model/resource';

const SECRET_NAME_PREFIX = 'istio-remote-secret-';

export const remoteSecretClusterId: ResourceAnalyzer = {
  type: 'resource',
  name: 'remote-secret-cluster-id',
  codes: ['MESH110'],
  kinds: [KINDS.Secret],
  analyze(resource, ctx) {
    if (labelsOf(resource)[REMOTE_SECRET_LABEL] !== 'true') return;
    const clusters = ctx.mesh.clusters();
    if (clusters.length === 0) return;
    const keys = remoteSecretKeys(resource.object);
    const annotation = annotationsOf(resource)[CLUSTER_ANNOTATION];
    const suffix = resource.name.startsWith(SECRET_NAME_PREFIX)
      ? resource.name.slice(SECRET_NAME_PREFIX.length)
      : undefined;
    const byIdOrName = (value: string | undefined): ClusterInfo | undefined =>
      value === undefined ? undefined : (clusterWithId(clusters, value) ?? clusterNamed(clusters, value));
    const dataField = asRecord((resource.object as { data?: unknown }).data) ?? {};

    for (const key of keys) {
      if (clusterWithId(clusters, key)) continue;
      const target = byIdOrName(annotation) ?? byIdOrName(key) ?? byIdOrName(suffix);
      if (!target) continue;
      ctx.report({
        code: 'MESH110',
        resource,
        path: [key in dataField ? 'data' : 'stringData', key],
        target: 'key',
        message: `${describe(resource)} names the remote cluster "${key}" (its data key), but cluster ${target.name}'s ID (istiod's CLUSTER_ID) is ${target.facts.id}: istiod registers that cluster under "${key}", so its endpoints get the wrong topology.istio.io/cluster and cross-cluster discovery and per-cluster routing break. Recreate the secret with the cluster ID: istioctl create-remote-secret --context=${target.name} --name=${target.facts.id}.`,
        data: { key, expected: target.facts.id, cluster: target.name },
      });
    }

    if (annotation === undefined || keys.includes(annotation)) return;
    const keyed = keys.map((key) => clusterWithId(clusters, key)).find((c) => c !== undefined);
    if (!keyed) return;
    ctx.report({
      code: 'MESH110',
      resource,
      path: ['metadata', 'annotations', CLUSTER_ANNOTATION],
      message: `${describe(resource)} is annotated ${CLUSTER_ANNOTATION}: ${annotation}, but its data key is ${keyed.facts.id} (cluster ${keyed.name}): the annotation and the key must both be the remote cluster's ID, or istiod and tools disagree about which cluster the secret reaches. Set the annotation to ${keyed.facts.id}.`,
      data: { annotation, expected: keyed.facts.id, cluster: keyed.name },
    });
  },
};
