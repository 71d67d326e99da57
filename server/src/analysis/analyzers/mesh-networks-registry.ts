/**
 * IST0126: a meshNetworks endpoint `fromRegistry` that names no service registry: neither a built-in one
 * (`Kubernetes`, the default cluster ID, and `External`), nor the cluster ID of a cluster of the input
 * (istiod's CLUSTER_ID), nor the data key of a remote secret (`istio/multiCluster: "true"`). istiod then
 * assigns that network no endpoints. Judged on the mesh ConfigMap (`istio` or `istio-<revision>` in
 * istio-system) whose `meshNetworks` key holds the networks; the key is underlined, since its YAML is
 * a string.
 */
import { parseBoundedYamlValue } from '../../text/bounded-yaml-value';
import { type ResourceAnalyzer } from '../framework/analyzer';
import { KINDS } from '../../../../protocol/kinds';
import { isMeshConfigMap } from '../model/mesh-config';
import {
  knownRegistries,
  unknownRegistries,
  unknownRegistriesMessage,
} from '../model/mesh-network-registries';
import { asRecord, asString } from '../../mesh/object-fields';
import { describe } from '../model/resource';

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
    const unknown = unknownRegistries(networks, known);
    if (unknown.length === 0) return;
    ctx.report({
      code: 'IST0126',
      resource,
      path: ['data', 'meshNetworks'],
      target: 'key',
      message: unknownRegistriesMessage(describe(resource), unknown, known),
      data: { unknown: unknown.map(({ network, registry }) => ({ network, registry })) },
    });
  },
};

function readYaml(text: string): Record<string, unknown> | undefined {
  try {
    return asRecord(parseBoundedYamlValue(text));
  } catch {
    // The mesh settings reader reports YAML that cannot be read; nothing to judge here.
    return undefined;
  }
}
