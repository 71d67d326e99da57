/**
 * Asks which clusters to apply to, when nobody said: the quick pick lists the topology's clusters with
 * the primaries picked, and marks remote clusters (MESH107: their Istio config is ignored; the server
 * refuses them). Used until the server answers `meshwright/documentTargets`, and for "Apply to..." on a
 * document whose targets are unknown.
 */
import * as vscode from 'vscode';
import { type LanguageClient } from 'vscode-languageclient/node';
import { TOPOLOGY_REQUEST, type TopologyView } from '../../../protocol/requests';

interface ClusterItem extends vscode.QuickPickItem {
  readonly cluster: string;
}

export async function pickClusters(client: LanguageClient, label: string): Promise<string[] | undefined> {
  const topology = await client.sendRequest<TopologyView>(TOPOLOGY_REQUEST);
  if (topology.clusters.length === 0) {
    void vscode.window.showErrorMessage(
      `Meshwright: no cluster to apply ${label} to${topology.problem ? ` (${topology.problem})` : ''}; set meshwright.kubeconfig to a kubeconfig with your clusters' contexts.`,
    );
    return undefined;
  }
  const items: ClusterItem[] = topology.clusters.map((cluster) => ({
    cluster: cluster.name,
    label: cluster.name,
    description:
      cluster.role === 'remote'
        ? `remote${cluster.controlPlane ? ` (served by ${cluster.controlPlane})` : ''}: Istio config there is ignored (MESH107)`
        : cluster.role === 'config'
          ? 'config cluster: its external istiod reads Istio config here'
          : cluster.role,
    picked: readsConfig(cluster.role),
  }));
  const picked = await vscode.window.showQuickPick(items, {
    title: `Meshwright: apply ${label} to...`,
    placeHolder: 'Pick the clusters (the dry run comes first)',
    canPickMany: true,
    ignoreFocusOut: true,
  });
  if (!picked || picked.length === 0) return undefined;
  return picked.map((item) => item.cluster);
}

/** Primaries and config clusters: where a control plane reads the Istio config written. */
function readsConfig(role: string): boolean {
  return role === 'primary' || role === 'config';
}

/** One cluster, for a diff with its live copy: those read first (remote clusters hold no config that counts). */
export async function pickCluster(client: LanguageClient, title: string): Promise<string | undefined> {
  const topology = await client.sendRequest<TopologyView>(TOPOLOGY_REQUEST);
  if (topology.clusters.length === 0) {
    void vscode.window.showErrorMessage(
      `Meshwright: no cluster is read${topology.problem ? ` (${topology.problem})` : ''}; set meshwright.kubeconfig to a kubeconfig with your clusters' contexts.`,
    );
    return undefined;
  }
  const ordered = [...topology.clusters].sort(
    (a, b) => Number(readsConfig(b.role)) - Number(readsConfig(a.role)),
  );
  const picked = await vscode.window.showQuickPick(
    ordered.map((cluster) => ({ label: cluster.name, description: cluster.role, cluster: cluster.name })),
    { title, placeHolder: 'Pick the cluster whose live copy to compare with' },
  );
  return picked?.cluster;
}
