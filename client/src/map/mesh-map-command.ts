/**
 * "Meshwright: Show Mesh Map" (`meshwright.showMap [cluster]`): opens the mesh map, or brings the open
 * one forward; with a cluster name (the Topology view's "Reveal in Mesh Map"), selects and centres it.
 */
import * as vscode from 'vscode';
import { type MeshGraphSource, MeshMapPanel } from './mesh-map-panel';

export const SHOW_MAP_COMMAND = 'meshwright.showMap';

export function registerMeshMap(
  context: vscode.ExtensionContext,
  source: MeshGraphSource,
  log: vscode.LogOutputChannel,
): void {
  context.subscriptions.push(
    // The Topology view's "Reveal in Mesh Map" passes the cluster to show.
    vscode.commands.registerCommand(SHOW_MAP_COMMAND, (cluster?: unknown) => {
      MeshMapPanel.show(context.extensionUri, source, log, typeof cluster === 'string' ? cluster : undefined);
    }),
    { dispose: () => MeshMapPanel.closeCurrent() },
  );
}
