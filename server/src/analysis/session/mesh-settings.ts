/**
 * Which mesh config the analysis uses: the `--mesh-config` / `--mesh-networks` files when given, else the
 * `istio` ConfigMap of the control plane namespace among the authored documents, else that of the first
 * cluster that has one. A file that cannot be read becomes a MESH001 diagnostic on that file.
 */
import { type MeshDiagnostic, YAML_SYNTAX_ERROR } from '../../mesh/diagnostic';
import { KINDS } from '../../../../protocol/kinds';
import {
  ISTIO_SYSTEM,
  MESH_CONFIGMAP_NAME,
  type MeshConfigView,
  meshConfigView,
  parseMeshSettings,
  settingsFromConfigMap,
} from '../model/mesh-config';
import { type Fields } from '../../mesh/object-fields';
import { type MeshIndex } from '../model/mesh-index';
import { meshNetworksFileDiagnostics } from './mesh-networks-file-check';

export interface InputFile {
  /** The file's URI (editor) or its path as given (CLI): diagnostics name the file by it. */
  readonly uri: string;
  readonly text: string;
}

export interface MeshSettingsFiles {
  readonly meshConfig?: InputFile | null;
  readonly meshNetworks?: InputFile | null;
}

const WHOLE_FIRST_LINE = { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } };

export class MeshSettings {
  private explicitMesh: Fields | undefined;
  private explicitNetworks: Fields | undefined;
  /** The --mesh-networks file when it could be read, for IST0126 on its registries. */
  private networksFile: InputFile | null = null;
  private problems: MeshDiagnostic[] = [];

  set(files: MeshSettingsFiles): void {
    this.problems = [];
    this.explicitMesh = this.read(files.meshConfig, 'mesh');
    this.explicitNetworks = this.read(files.meshNetworks, 'meshNetworks');
    this.networksFile = this.explicitNetworks && files.meshNetworks ? files.meshNetworks : null;
  }

  /** Unreadable files (MESH001), and registries the --mesh-networks file names that nothing has (IST0126). */
  diagnostics(index: MeshIndex, uri?: string): readonly MeshDiagnostic[] {
    const problems = uri === undefined ? this.problems : this.problems.filter((d) => d.uri === uri);
    const file = this.networksFile;
    if (!file || (uri !== undefined && uri !== file.uri)) return problems;
    return [...problems, ...meshNetworksFileDiagnostics(file, index)];
  }

  /** The view to use now, given the objects in the index (clusters in order). */
  resolve(index: MeshIndex, clusterOrder: readonly string[]): MeshConfigView {
    const configMaps = index
      .copies(KINDS.ConfigMap, ISTIO_SYSTEM, MESH_CONFIGMAP_NAME)
      .filter((copy) => copy.origin !== 'builtin')
      .sort((a, b) => rank(a.cluster, clusterOrder) - rank(b.cluster, clusterOrder));
    let mesh = this.explicitMesh;
    let networks = this.explicitNetworks;
    for (const configMap of configMaps) {
      const parsed = settingsFromConfigMap(configMap.object);
      if (!parsed.ok) continue;
      mesh ??= parsed.mesh;
      networks ??= parsed.meshNetworks;
    }
    return meshConfigView(mesh ?? {}, networks ?? {});
  }

  private read(file: InputFile | null | undefined, expect: 'mesh' | 'meshNetworks'): Fields | undefined {
    if (!file) return undefined;
    const parsed = parseMeshSettings(file.text, expect);
    if (parsed.ok) return parsed[expect] ?? {};
    const flag = expect === 'mesh' ? '--mesh-config' : '--mesh-networks';
    this.problems.push({
      code: YAML_SYNTAX_ERROR,
      severity: 'error',
      message: `${flag} file cannot be read: ${parsed.error}. Give a MeshConfig YAML document or the istio ConfigMap; Istio's defaults are used meanwhile.`,
      uri: file.uri,
      range: WHOLE_FIRST_LINE,
      cluster: null,
      related: [],
    });
    return undefined;
  }
}

function rank(cluster: string | null, order: readonly string[]): number {
  return cluster === null ? -1 : order.indexOf(cluster);
}
