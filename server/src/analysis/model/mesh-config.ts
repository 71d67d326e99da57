/**
 * Mesh-wide settings (MeshConfig and MeshNetworks) as the analyzers need them. They come from
 * `--mesh-config` / `--mesh-networks` files (a raw MeshConfig / MeshNetworks document, or the `istio`
 * ConfigMap whose `mesh` / `meshNetworks` keys hold them as YAML text), or else from the `istio` ConfigMap
 * of the control plane namespace found among the objects. Unset fields take Istio's defaults.
 */
import { parseBoundedYamlValue } from '../../text/bounded-yaml-value';
import { type KubeObject } from '../../mesh/snapshot';
import { type Fields, asRecord, asStringArray } from '../../mesh/object-fields';

export const ISTIO_SYSTEM = 'istio-system';
export const MESH_CONFIGMAP_NAME = 'istio';

export interface MeshConfigView {
  /** The MeshConfig object (empty when only defaults apply). */
  readonly mesh: Fields;
  /** The MeshNetworks object (`networks:` map), empty when none was given. */
  readonly meshNetworks: Fields;
  readonly rootNamespace: string;
  readonly defaultServiceExportTo: readonly string[];
  readonly defaultVirtualServiceExportTo: readonly string[];
  readonly defaultDestinationRuleExportTo: readonly string[];
}

export function meshConfigView(mesh: Fields = {}, meshNetworks: Fields = {}): MeshConfigView {
  const exportDefault = (field: string): readonly string[] => {
    const values = asStringArray(mesh[field]);
    return values.length > 0 ? values : ['*'];
  };
  return {
    mesh,
    meshNetworks,
    rootNamespace:
      typeof mesh.rootNamespace === 'string' && mesh.rootNamespace ? mesh.rootNamespace : ISTIO_SYSTEM,
    defaultServiceExportTo: exportDefault('defaultServiceExportTo'),
    defaultVirtualServiceExportTo: exportDefault('defaultVirtualServiceExportTo'),
    defaultDestinationRuleExportTo: exportDefault('defaultDestinationRuleExportTo'),
  };
}

export const DEFAULT_MESH_CONFIG: MeshConfigView = meshConfigView();

export type MeshSettingsParse =
  | { readonly ok: true; readonly mesh?: Fields; readonly meshNetworks?: Fields }
  | { readonly ok: false; readonly error: string };

/**
 * Reads a `--mesh-config` or `--mesh-networks` file: a raw document, or the `istio` ConfigMap.
 * `expect` says which raw document a non-ConfigMap file holds.
 */
export function parseMeshSettings(text: string, expect: 'mesh' | 'meshNetworks'): MeshSettingsParse {
  let value: unknown;
  try {
    value = parseBoundedYamlValue(text);
  } catch (error) {
    return { ok: false, error: error instanceof Error ? error.message : String(error) };
  }
  const record = asRecord(value);
  if (value !== null && value !== undefined && !record) {
    return { ok: false, error: 'expected a YAML mapping (a MeshConfig document or the istio ConfigMap)' };
  }
  if (record?.kind === 'ConfigMap') return settingsFromConfigMap(record);
  return { ok: true, [expect]: record ?? {} };
}

/** The `mesh` and `meshNetworks` keys of an `istio` ConfigMap, each YAML text. */
export function settingsFromConfigMap(configMap: Fields | KubeObject): MeshSettingsParse {
  const data = asRecord(configMap.data) ?? {};
  const result: { mesh?: Fields; meshNetworks?: Fields } = {};
  for (const key of ['mesh', 'meshNetworks'] as const) {
    const text = data[key];
    if (typeof text !== 'string') continue;
    try {
      const parsed = asRecord(parseBoundedYamlValue(text));
      if (parsed) result[key] = parsed;
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      return { ok: false, error: `the ConfigMap's "${key}" key is not valid YAML: ${reason}` };
    }
  }
  return { ok: true, ...result };
}

/** True for the ConfigMap istiod reads its mesh config from (`istio` or `istio-<revision>`). */
export function isMeshConfigMap(object: KubeObject, controlPlaneNamespace: string = ISTIO_SYSTEM): boolean {
  return (
    object.kind === 'ConfigMap' &&
    object.metadata.namespace === controlPlaneNamespace &&
    (object.metadata.name === MESH_CONFIGMAP_NAME ||
      object.metadata.name.startsWith(`${MESH_CONFIGMAP_NAME}-`))
  );
}
