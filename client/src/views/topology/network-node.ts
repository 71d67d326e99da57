/**
 * A network of the mesh (the `topology.istio.io/network` label of istio-system): its clusters, and in
 * the description the east-west gateways that carry traffic into it from other networks.
 */
import * as vscode from 'vscode';
import { type NetworkSummary } from '../../../../protocol/topology-summary';
import { type ClusterSummary } from '../../../../protocol/topology-summary';
import { plural } from '../problem-badges';
import { clusterNode, type ClusterNode } from './cluster-node';
import { isStale } from './cluster-health-text';
import { type MeshNode } from './mesh-node';
import { type TopologyTreeContext } from './topology-node';

export interface NetworkNode {
  readonly kind: 'network';
  readonly id: string;
  readonly parent: MeshNode;
  /** null: Istio's default network (no label). */
  readonly name: string | null;
  readonly clusters: readonly ClusterSummary[];
  readonly gateways: NetworkSummary['gateways'];
}

export function networkTreeItem(node: NetworkNode, _context: TopologyTreeContext): vscode.TreeItem {
  const item = new vscode.TreeItem(
    node.name ?? '(default network)',
    vscode.TreeItemCollapsibleState.Expanded,
  );
  item.id = node.id;
  const gateways = node.gateways.map((gateway) => `${gateway.address ?? 'no address'}:${gateway.port}`);
  item.description = [
    plural(node.clusters.length, 'cluster'),
    gateways.length > 0 ? `gateway ${gateways.join(', ')}` : 'no east-west gateway',
  ].join(' · ');
  item.iconPath = new vscode.ThemeIcon('globe');
  item.contextValue = 'network';
  const tooltip = new vscode.MarkdownString(`**Network** \`${node.name ?? '(default)'}\``);
  tooltip.appendMarkdown(`\n\nClusters: ${node.clusters.map((cluster) => cluster.name).join(', ')}`);
  tooltip.appendMarkdown(
    node.gateways.length > 0
      ? `\n\nEast-west gateways: ${node.gateways
          .map((gateway) => `${gateway.address ?? 'no address'}:${gateway.port} in ${gateway.cluster}`)
          .join(', ')}`
      : '\n\nNo east-west gateway: callers on other networks cannot reach its endpoints.',
  );
  item.tooltip = tooltip;
  return item;
}

export function networkChildren(node: NetworkNode, context: TopologyTreeContext): ClusterNode[] {
  const view = node.parent.view;
  return node.clusters
    .map((cluster) => clusterNode(node, cluster, view, context))
    .filter((cluster) => !context.staleOnly || isStale(cluster.health));
}
