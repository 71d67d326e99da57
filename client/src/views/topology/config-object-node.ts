/**
 * An Istio or Gateway API object as it lives in one cluster. Clicking opens its read-only live copy
 * (`meshwright:`), where the language server shows the same diagnostics the badge counts. A Gateway
 * API Gateway lists the routes attached to it as its children.
 */
import * as vscode from 'vscode';
import { type ExplorerConfigObject } from '../../../../protocol/requests';
import { OPEN_LIVE_OBJECT_COMMAND } from '../../live-documents/live-document-provider';
import { appendProblems } from '../problem-badges';
import { type ObjectGroupNode } from './object-group-node';
import { type ServiceNode } from './service-node';
import { type TopologyTreeContext } from './topology-node';

export interface ConfigObjectNode {
  readonly kind: 'configObject';
  readonly id: string;
  readonly parent: ObjectGroupNode | ConfigObjectNode | ServiceNode;
  readonly cluster: string;
  readonly object: ExplorerConfigObject;
  /** The Gateway API routes attached to this object (a Gateway), shown as its children. */
  readonly routes: readonly ExplorerConfigObject[];
}

const KIND_ICONS: Readonly<Record<string, string>> = {
  VirtualService: 'arrow-swap',
  DestinationRule: 'target',
  Gateway: 'broadcast',
  ServiceEntry: 'plug',
  Sidecar: 'layout-sidebar-right',
  PeerAuthentication: 'shield',
  AuthorizationPolicy: 'lock',
  RequestAuthentication: 'key',
  EnvoyFilter: 'filter',
  Telemetry: 'pulse',
  HTTPRoute: 'arrow-right',
  GRPCRoute: 'arrow-right',
  TCPRoute: 'arrow-right',
  TLSRoute: 'arrow-right',
  UDPRoute: 'arrow-right',
  ReferenceGrant: 'references',
  GatewayClass: 'symbol-class',
  BackendTLSPolicy: 'lock',
};

export function configObjectTreeItem(node: ConfigObjectNode, context: TopologyTreeContext): vscode.TreeItem {
  const { object } = node;
  const item = new vscode.TreeItem(
    object.name,
    node.routes.length > 0 ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.None,
  );
  item.id = node.id;
  item.description = object.gatewayRole ? `${object.kind} · ${object.gatewayRole}` : object.kind;
  item.iconPath = new vscode.ThemeIcon(KIND_ICONS[object.kind] ?? 'symbol-file');
  item.resourceUri = context.badges.badgeUri(node.id, object.problems);
  item.contextValue = 'configObject';
  const tooltip = new vscode.MarkdownString(
    `${object.kind} **${object.namespace}/${object.name}** in cluster **${node.cluster}** (${object.apiVersion})`,
    true,
  );
  tooltip.appendMarkdown('\n\nClick to open the live copy (read-only).');
  appendProblems(tooltip, object.problems);
  item.tooltip = tooltip;
  item.command = { command: OPEN_LIVE_OBJECT_COMMAND, title: 'Open Live Copy', arguments: [object.uri] };
  return item;
}

/** The routes attached to an object (a Gateway or a Service), as nodes under it. */
export function attachedRouteNodes(
  parent: ConfigObjectNode | ServiceNode,
  parentUri: string,
  routes: readonly ExplorerConfigObject[],
): ConfigObjectNode[] {
  // A route attached to two parents shows under both: its id names the parent to stay unique.
  return routes.map((route) => ({
    kind: 'configObject',
    id: `object:${route.uri}@${parentUri}`,
    parent,
    cluster: parent.cluster,
    object: route,
    routes: [],
  }));
}

export function configObjectChildren(node: ConfigObjectNode): ConfigObjectNode[] {
  return attachedRouteNodes(node, node.object.uri, node.routes);
}
