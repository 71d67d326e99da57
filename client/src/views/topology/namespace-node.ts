/**
 * A namespace of one cluster: sidecar injection, how many Services and Istio objects it holds, and the
 * problems of its live objects. Expanding it asks the server for its contents, shown in two groups.
 */
import * as vscode from 'vscode';
import {
  EXPLORER_NAMESPACE_REQUEST,
  type ExplorerNamespace,
  type ExplorerNamespaceParams,
  type ExplorerNamespaceResult,
} from '../../../../protocol/requests';
import { appendProblems, plural } from '../problem-badges';
import { type ClusterNode } from './cluster-node';
import { messageNode } from './message-node';
import { type ObjectGroupNode } from './object-group-node';
import { type TopologyNode, type TopologyTreeContext } from './topology-node';

export interface NamespaceNode {
  readonly kind: 'namespace';
  readonly id: string;
  readonly parent: ClusterNode;
  readonly cluster: string;
  readonly namespace: ExplorerNamespace;
}

export function namespaceTreeItem(node: NamespaceNode, context: TopologyTreeContext): vscode.TreeItem {
  const { namespace } = node;
  const empty = namespace.services + namespace.configObjects === 0;
  const item = new vscode.TreeItem(
    namespace.name,
    empty ? vscode.TreeItemCollapsibleState.None : vscode.TreeItemCollapsibleState.Collapsed,
  );
  item.id = node.id;
  const parts: string[] = [];
  if (namespace.injection) parts.push(`injection ${namespace.injection}`);
  if (namespace.configObjects > 0) parts.push(`${namespace.configObjects} Istio`);
  if (namespace.services > 0) parts.push(plural(namespace.services, 'service'));
  item.description = parts.join(' · ');
  item.iconPath = new vscode.ThemeIcon('symbol-namespace');
  item.resourceUri = context.badges.badgeUri(node.id, namespace.problems);
  item.contextValue = 'namespace';
  const tooltip = new vscode.MarkdownString(
    `Namespace **${namespace.name}** in cluster **${node.cluster}**`,
    true,
  );
  tooltip.appendMarkdown(`\n\nSidecar injection: \`${namespace.injection ?? 'not labelled'}\``);
  tooltip.appendMarkdown(
    `\n\n${plural(namespace.configObjects, 'Istio object')}, ${plural(namespace.services, 'Service')}`,
  );
  appendProblems(tooltip, namespace.problems);
  item.tooltip = tooltip;
  return item;
}

export async function namespaceChildren(
  node: NamespaceNode,
  context: TopologyTreeContext,
): Promise<TopologyNode[]> {
  try {
    const params: ExplorerNamespaceParams = { cluster: node.cluster, namespace: node.namespace.name };
    const result = await context.source.request<ExplorerNamespaceResult>(EXPLORER_NAMESPACE_REQUEST, params);
    const groups: ObjectGroupNode[] = [];
    if (result.configObjects.length > 0) {
      groups.push({
        kind: 'objectGroup',
        id: `${node.id}/config`,
        parent: node,
        group: 'config',
        configObjects: result.configObjects,
      });
    }
    if (result.services.length > 0) {
      groups.push({
        kind: 'objectGroup',
        id: `${node.id}/services`,
        parent: node,
        group: 'services',
        services: result.services,
      });
    }
    return groups;
  } catch (error) {
    return [
      messageNode(
        node,
        `cannot list the namespace: ${error instanceof Error ? error.message : String(error)}`,
      ),
    ];
  }
}
