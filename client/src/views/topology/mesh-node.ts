/**
 * The tree's roots: one node per mesh (clusters grouped by mesh ID; usually one), expanded, with the
 * networks of its clusters as children.
 */
import * as vscode from 'vscode';
import { type TopologyView } from '../../../../protocol/requests';
import { type ClusterSummary } from '../../../../protocol/topology-summary';
import { plural } from '../problem-badges';
import { isStale } from './cluster-health-text';
import { type NetworkNode } from './network-node';
import { type TopologyNode, type TopologyTreeContext } from './topology-node';

export interface MeshNode {
  readonly kind: 'mesh';
  readonly id: string;
  /** null: clusters whose mesh config names no mesh ID. */
  readonly meshId: string | null;
  readonly view: TopologyView;
  readonly clusters: readonly ClusterSummary[];
}

export function meshNodes(view: TopologyView): MeshNode[] {
  const meshIds = [...new Set(view.clusters.map((cluster) => cluster.meshId))];
  return meshIds.map((meshId) => ({
    kind: 'mesh',
    id: `mesh:${meshId ?? ''}`,
    meshId,
    view,
    clusters: view.clusters.filter((cluster) => cluster.meshId === meshId),
  }));
}

export function meshTreeItem(node: MeshNode, _context: TopologyTreeContext): vscode.TreeItem {
  const item = new vscode.TreeItem(
    node.meshId !== null ? `mesh ${node.meshId}` : 'mesh (no mesh ID)',
    vscode.TreeItemCollapsibleState.Expanded,
  );
  item.id = node.id;
  const networks = new Set(node.clusters.map((cluster) => cluster.network));
  const trustDomains = [...new Set(node.clusters.flatMap((cluster) => cluster.trustDomain ?? []))];
  item.description = `${plural(node.clusters.length, 'cluster')} · ${plural(networks.size, 'network')}`;
  item.iconPath = new vscode.ThemeIcon('type-hierarchy');
  item.contextValue = 'mesh';
  const tooltip = new vscode.MarkdownString(`**Mesh** \`${node.meshId ?? '(none)'}\``);
  tooltip.appendMarkdown(
    `\n\nTrust domain: ${trustDomains.map((domain) => `\`${domain}\``).join(', ') || 'unknown'}`,
  );
  const stale = node.clusters.filter((cluster) =>
    isStale(node.view.health.find((health) => health.cluster === cluster.name)),
  );
  tooltip.appendMarkdown(
    `\n\n${node.clusters.length - stale.length} of ${node.clusters.length} clusters in sync`,
  );
  item.tooltip = tooltip;
  return item;
}

export function meshChildren(node: MeshNode, context: TopologyTreeContext): TopologyNode[] {
  const inMesh = new Set(node.clusters.map((cluster) => cluster.name));
  return node.view.networks.flatMap((network): NetworkNode[] => {
    const clusters = node.clusters.filter((cluster) => cluster.network === network.name);
    if (clusters.length === 0) return [];
    if (
      context.staleOnly &&
      !clusters.some((cluster) => isStale(node.view.health.find((health) => health.cluster === cluster.name)))
    ) {
      return [];
    }
    return [
      {
        kind: 'network',
        id: `network:${node.meshId ?? ''}/${network.name ?? ''}`,
        parent: node,
        name: network.name,
        clusters,
        gateways: network.gateways.filter((gateway) => inMesh.has(gateway.cluster)),
      },
    ];
  });
}
