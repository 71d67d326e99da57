/**
 * Custom LSP messages between the VS Code client and the Meshwright language server. Types and method
 * names only (no runtime dependencies), so the client can import this file without pulling in the server.
 */

/** Client → server request: validate every YAML file of the workspace folders and publish the results. */
export const ANALYZE_WORKSPACE_REQUEST = 'meshwright/analyzeWorkspace';
export interface AnalyzeWorkspaceResult {
  readonly files: number;
  readonly diagnostics: number;
}

/** Settings under `meshwright.*` that the server reads through workspace/configuration. */
export interface MeshwrightSettings {
  readonly validation: { readonly enable: boolean };
  readonly kubeconfig: string;
  readonly contexts: readonly string[];
}

export const DEFAULT_SETTINGS: MeshwrightSettings = {
  validation: { enable: true },
  kubeconfig: '',
  contexts: [],
};
