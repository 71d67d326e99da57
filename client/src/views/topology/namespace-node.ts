/**
 * A namespace of one cluster: its data-plane mode (sidecar, ambient, none) and waypoints, how many
 * Services and Istio or Gateway API objects it holds, and the problems of its live objects. Expanding it
 * asks the server for its contents, shown in two groups.
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
import { nestRoutes } from './route-nesting';
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
  const parts: string[] = [dataPlaneText(namespace)];
  if (namespace.waypoints.length > 0) parts.push(plural(namespace.waypoints.length, 'waypoint'));
  if (namespace.configObjects > 0) parts.push(`${namespace.configObjects} config`);
  if (namespace.services > 0) parts.push(plural(namespace.services, 'service'));
  item.description = parts.join(' · ');
  item.iconPath = new vscode.ThemeIcon('symbol-namespace');
  item.resourceUri = context.badges.badgeUri(node.id, namespace.problems);
  item.contextValue = 'namespace';
  const tooltip = new vscode.MarkdownString(
    `Namespace **${namespace.name}** in cluster **${node.cluster}**`,
    true,
  );
  tooltip.appendMarkdown(`\n\nData plane: **${namespace.dataPlaneMode}**`);
  tooltip.appendMarkdown(`\n\nSidecar injection: \`${namespace.injection ?? 'not labelled'}\``);
  if (namespace.useWaypoint) tooltip.appendMarkdown(`\n\nUses waypoint \`${namespace.useWaypoint}\``);
  if (namespace.waypoints.length > 0) {
    tooltip.appendMarkdown(
      `\n\nWaypoints here: ${namespace.waypoints.map((name) => `\`${name}\``).join(', ')}`,
    );
  }
  tooltip.appendMarkdown(
    `\n\n${plural(namespace.configObjects, 'Istio or Gateway API object')}, ${plural(namespace.services, 'Service')}`,
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
    const { topLevel, routesByParent } = nestRoutes(
      result.configObjects,
      result.services.map((service) => service.uri),
    );
    if (result.configObjects.length > 0) {
      groups.push({
        kind: 'objectGroup',
        id: `${node.id}/config`,
        parent: node,
        group: 'config',
        configObjects: topLevel,
        routesByParent,
      });
    }
    if (result.services.length > 0) {
      groups.push({
        kind: 'objectGroup',
        id: `${node.id}/services`,
        parent: node,
        group: 'services',
        services: result.services,
        routesByParent,
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

/** `ambient → shop/waypoint`, `sidecar (rev=1-29)`, `no mesh`: how the namespace's pods join the mesh. */
function dataPlaneText(namespace: ExplorerNamespace): string {
  switch (namespace.dataPlaneMode) {
    case 'ambient':
      return namespace.useWaypoint ? `ambient → ${namespace.useWaypoint}` : 'ambient';
    case 'sidecar':
      return namespace.injection && namespace.injection !== 'enabled'
        ? `sidecar (${namespace.injection})`
        : 'sidecar';
    case 'none':
      return 'no mesh';
  }
}
