/**
 * A Service as the mesh sees it: its endpoints in every cluster that has a Service of this name (Istio
 * merges them into one service), as ready/total pods per cluster. Clicking opens this cluster's copy.
 * The Gateway API routes attached to it (mesh routing) are its children.
 */
import * as vscode from 'vscode';
import { type ExplorerConfigObject, type ExplorerService } from '../../../../protocol/requests';
import { OPEN_LIVE_OBJECT_COMMAND } from '../../live-documents/live-document-provider';
import { appendProblems } from '../problem-badges';
import { attachedRouteNodes, type ConfigObjectNode } from './config-object-node';
import { type ObjectGroupNode } from './object-group-node';
import { type TopologyTreeContext } from './topology-node';

export interface ServiceNode {
  readonly kind: 'service';
  readonly id: string;
  readonly parent: ObjectGroupNode;
  readonly cluster: string;
  readonly service: ExplorerService;
  /** The Gateway API routes whose parentRefs name this Service (mesh routing). */
  readonly routes: readonly ExplorerConfigObject[];
}

export function serviceTreeItem(node: ServiceNode, context: TopologyTreeContext): vscode.TreeItem {
  const { service } = node;
  const item = new vscode.TreeItem(
    service.name,
    node.routes.length > 0 ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.None,
  );
  item.id = node.id;
  item.description = service.endpoints
    .map((entry) => `${entry.cluster} ${entry.ready}/${entry.total}`)
    .join(' · ');
  item.iconPath = new vscode.ThemeIcon('symbol-interface');
  item.resourceUri = context.badges.badgeUri(node.id, service.problems);
  item.contextValue = 'service';
  const tooltip = new vscode.MarkdownString(`Service **${service.host}**`, true);
  const ports = service.ports.map((port) => `${port.name ?? '(unnamed)'} ${port.port}/${port.protocol}`);
  tooltip.appendMarkdown(`\n\nPorts: ${ports.join(', ') || 'none'}`);
  tooltip.appendMarkdown('\n\nEndpoints (running / selected pods):');
  for (const entry of service.endpoints) {
    const here = entry.cluster === node.cluster ? ' (this cluster)' : '';
    tooltip.appendMarkdown(`\n- ${entry.cluster}${here}: ${entry.ready} / ${entry.total}`);
  }
  appendProblems(tooltip, service.problems);
  item.tooltip = tooltip;
  item.command = { command: OPEN_LIVE_OBJECT_COMMAND, title: 'Open Live Copy', arguments: [service.uri] };
  return item;
}

export function serviceChildren(node: ServiceNode): ConfigObjectNode[] {
  return attachedRouteNodes(node, node.service.uri, node.routes);
}
