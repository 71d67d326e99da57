/**
 * IST0126 on a `--mesh-networks` file (or the `meshConfig.meshNetworks` setting): the file is mesh
 * settings, not a resource of the index, so the resource analyzer never sees it. Checked when
 * diagnostics are asked for, against the registries known then (clusters and remote secrets come and go
 * without touching the file). A raw MeshNetworks document gets one diagnostic per unknown
 * `fromRegistry` on that value; the `istio` ConfigMap gets one on its `meshNetworks` key, as the
 * analyzer reports it. The finding is about the MeshNetworks istiod reads, which istioctl names
 * `MeshNetworks istio-system/meshnetworks`: the same name lets `--suppress` patterns carry over.
 */
import { parse } from 'yaml';
import { type MeshDiagnostic } from '../../mesh/diagnostic';
import { type ResourceRef } from '../../../../protocol/resource-ref';
import { KINDS } from '../../../../protocol/kinds';
import { type MeshIndex } from '../model/mesh-index';
import {
  knownRegistries,
  unknownRegistries,
  unknownRegistriesMessage,
} from '../model/mesh-network-registries';
import { asRecord, asString } from '../../mesh/object-fields';
import { parseSegment } from '../../yaml/parsed-segment';
import { type InputFile } from './mesh-settings';

const SUBJECT = 'the --mesh-networks file';
const MESH_NETWORKS: ResourceRef = {
  apiVersion: 'meshconfig.istio.io/v1alpha1',
  kind: 'MeshNetworks',
  namespace: 'istio-system',
  name: 'meshnetworks',
};

export function meshNetworksFileDiagnostics(file: InputFile, index: MeshIndex): MeshDiagnostic[] {
  const segment = parseSegment(file.text);
  const value = asRecord(readYaml(file.text));
  if (!value) return []; // unreadable: MeshSettings reports it (MESH001)
  const known = knownRegistries(index.clusters(), index.ofKind(KINDS.Secret));
  if (value.kind === 'ConfigMap') {
    const text = asString(asRecord(value.data)?.meshNetworks);
    const unknown = unknownRegistries(asRecord(readYaml(text ?? ''))?.networks, known);
    if (unknown.length === 0) return [];
    return [
      diagnostic(
        file,
        segment.locate(['data', 'meshNetworks'], { target: 'key' }),
        unknownRegistriesMessage(SUBJECT, unknown, known),
      ),
    ];
  }
  return unknownRegistries(value.networks, known).map((unknown) =>
    diagnostic(
      file,
      segment.locate(['networks', unknown.network, 'endpoints', unknown.endpoint, 'fromRegistry']),
      unknownRegistriesMessage(SUBJECT, [unknown], known),
    ),
  );
}

function diagnostic(file: InputFile, range: MeshDiagnostic['range'], message: string): MeshDiagnostic {
  return {
    code: 'IST0126',
    severity: 'error',
    message,
    uri: file.uri,
    range,
    resource: MESH_NETWORKS,
    cluster: null,
    related: [],
  };
}

function readYaml(text: string): unknown {
  try {
    return parse(text, { prettyErrors: false, maxAliasCount: 100 });
  } catch {
    return undefined;
  }
}
