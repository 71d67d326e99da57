/**
 * IST0126: a meshNetworks endpoint `fromRegistry` that names no service registry: neither a built-in one
 * (`Kubernetes`, the default cluster ID, and `External`), nor the cluster ID of a cluster of the input
 * (istiod's CLUSTER_ID), nor the data key of a remote secret (`istio/multiCluster: "true"`). istiod then
 * assigns that network no endpoints. Judged on the mesh ConfigMap (`istio` or `istio-<revision>` in
 * istio-system) whose `meshNetworks` key holds the networks; the key is underlined, since its YAML is
 * a string.
 */
import { parse } from 'yaml';
import { type ResourceAnalyzer } from '../framework/analyzer';
import { KINDS } from '../model/kinds';
import { isMeshConfigMap } from '../model/mesh-config';
import { asArray, asRecord, asString } from '../model/object-fields';
import { type MeshResource, describe, labelsOf } from '../model/resource';

const BUILTIN_REGISTRIES = ['Kubernetes', 'External'];
const REMOTE_SECRET_LABEL = 'istio/multiCluster';

export const meshNetworksRegistry: ResourceAnalyzer = {
  type: 'resource',
  name: 'mesh-networks-registry',
  codes: ['IST0126'],
  kinds: [KINDS.ConfigMap],
  analyze(resource, ctx) {
    if (!isMeshConfigMap(resource.object)) return;
    const text = asString(asRecord((resource.object as { data?: unknown }).data)?.meshNetworks);
    const networks = text === undefined ? undefined : asRecord(readYaml(text)?.networks);
    if (!networks) return;
    const known = knownRegistries(ctx.mesh.clusters(), ctx.mesh.ofKind(KINDS.Secret));
    const unknown: { network: string; registry: string }[] = [];
    for (const [network, value] of Object.entries(networks)) {
      for (const endpoint of asArray(asRecord(value)?.endpoints)) {
        const registry = asString(asRecord(endpoint)?.fromRegistry);
        if (registry !== undefined && !known.has(registry)) unknown.push({ network, registry });
      }
    }
    if (unknown.length === 0) return;
    const list = unknown.map((u) => `network ${u.network} fromRegistry "${u.registry}"`).join(', ');
    ctx.report({
      code: 'IST0126',
      resource,
      path: ['data', 'meshNetworks'],
      target: 'key',
      message: `${describe(resource)}: meshNetworks takes endpoints from registries that no cluster has (${list}), so istiod gives ${unknown.length === 1 ? 'that network' : 'those networks'} no endpoints. Known registries: ${describeKnown(known)}. Use a cluster ID: istiod's CLUSTER_ID, or the data key of the remote secret for that cluster.`,
      data: { unknown },
    });
  },
};

function readYaml(text: string): Record<string, unknown> | undefined {
  try {
    return asRecord(parse(text, { prettyErrors: false, maxAliasCount: 100 }));
  } catch {
    // The mesh settings reader reports YAML that cannot be read; nothing to judge here.
    return undefined;
  }
}

/** Registry ID → where it comes from (for the message). */
function knownRegistries(
  clusters: readonly { name: string; facts: { id: string } }[],
  secrets: readonly MeshResource[],
): Map<string, string> {
  const known = new Map<string, string>(BUILTIN_REGISTRIES.map((id) => [id, 'built-in']));
  for (const cluster of clusters)
    if (!known.has(cluster.facts.id)) known.set(cluster.facts.id, `cluster ${cluster.name}`);
  for (const secret of secrets) {
    if (labelsOf(secret)[REMOTE_SECRET_LABEL] !== 'true') continue;
    const object = secret.object as { data?: unknown; stringData?: unknown };
    for (const key of Object.keys({ ...asRecord(object.data), ...asRecord(object.stringData) })) {
      if (!known.has(key)) known.set(key, `remote secret ${secret.namespace}/${secret.name}`);
    }
  }
  return known;
}

function describeKnown(known: ReadonlyMap<string, string>): string {
  return [...known].map(([id, source]) => (source === 'built-in' ? id : `${id} (${source})`)).join(', ');
}
