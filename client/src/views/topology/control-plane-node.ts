/**
 * A cluster's control plane: for a primary, the istiod it runs (one node per revision) and the clusters
 * that istiod serves; for a remote, the cluster whose istiod serves it (clicking reveals that cluster).
 */
import * as vscode from 'vscode';
import { type ControlPlaneSummary } from '../../../../protocol/topology-summary';
import { type ClusterNode } from './cluster-node';

export const REVEAL_CLUSTER_COMMAND = 'meshwright.revealCluster';

export type ControlPlaneNode =
  | {
      readonly kind: 'controlPlane';
      readonly id: string;
      readonly parent: ClusterNode;
      readonly runs: ControlPlaneSummary;
    }
  | {
      readonly kind: 'controlPlane';
      readonly id: string;
      readonly parent: ClusterNode;
      readonly servedBy: string;
    };

export function controlPlaneTreeItem(node: ControlPlaneNode): vscode.TreeItem {
  if ('servedBy' in node) {
    const item = new vscode.TreeItem(
      `control plane in ${node.servedBy}`,
      vscode.TreeItemCollapsibleState.None,
    );
    item.id = node.id;
    item.description = 'reads no Istio config here';
    item.iconPath = new vscode.ThemeIcon('link');
    item.tooltip = new vscode.MarkdownString(
      `**${node.parent.cluster.name}** is served by the istiod of **${node.servedBy}**, which reads its Istio ` +
        `config from ${node.servedBy} only: config applied to ${node.parent.cluster.name} is ignored (MESH107).`,
    );
    item.contextValue = 'controlPlane.servedBy';
    item.command = { command: REVEAL_CLUSTER_COMMAND, title: 'Reveal Cluster', arguments: [node.servedBy] };
    return item;
  }
  const { revision, serves, cluster } = node.runs;
  const name = revision === 'default' ? 'istiod' : `istiod-${revision}`;
  const item = new vscode.TreeItem(`${name} (${revision})`, vscode.TreeItemCollapsibleState.None);
  item.id = node.id;
  item.description = `serves ${serves.join(', ') || 'no cluster'}`;
  item.iconPath = new vscode.ThemeIcon('circuit-board');
  item.tooltip = new vscode.MarkdownString(
    `The control plane of revision \`${revision}\` runs in **${cluster}** and serves ${serves.join(', ')}. ` +
      `It reads the Istio config of ${cluster} only.`,
  );
  item.contextValue = 'controlPlane.runs';
  return item;
}
