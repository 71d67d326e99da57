/**
 * The two groups under a namespace: its Istio and Gateway API objects and its Services. Their items come
 * with the namespace's answer, so expanding a group asks the server nothing. Gateway API routes show
 * under their parent Gateway or Service when the namespace holds it (route-nesting.ts).
 */
import * as vscode from 'vscode';
import { type ExplorerConfigObject, type ExplorerService } from '../../../../protocol/requests';
import { type ConfigObjectNode } from './config-object-node';
import { type NamespaceNode } from './namespace-node';
import { type ServiceNode } from './service-node';

export type ObjectGroupNode =
  | {
      readonly kind: 'objectGroup';
      readonly id: string;
      readonly parent: NamespaceNode;
      readonly group: 'config';
      /** The list's own entries: routes shown under a parent are not among them. */
      readonly configObjects: readonly ExplorerConfigObject[];
      readonly routesByParent: ReadonlyMap<string, readonly ExplorerConfigObject[]>;
    }
  | {
      readonly kind: 'objectGroup';
      readonly id: string;
      readonly parent: NamespaceNode;
      readonly group: 'services';
      readonly services: readonly ExplorerService[];
      readonly routesByParent: ReadonlyMap<string, readonly ExplorerConfigObject[]>;
    };

export function objectGroupTreeItem(node: ObjectGroupNode): vscode.TreeItem {
  const config = node.group === 'config';
  const item = new vscode.TreeItem(
    config ? 'Istio config' : 'Services',
    vscode.TreeItemCollapsibleState.Expanded,
  );
  item.id = node.id;
  item.description = String(config ? node.configObjects.length : node.services.length);
  item.iconPath = new vscode.ThemeIcon(config ? 'settings' : 'symbol-interface');
  item.contextValue = `objectGroup.${node.group}`;
  return item;
}

export function objectGroupChildren(node: ObjectGroupNode): (ConfigObjectNode | ServiceNode)[] {
  const cluster = node.parent.cluster;
  if (node.group === 'config') {
    return node.configObjects.map((object) => ({
      kind: 'configObject',
      // The live URI names the kind without its group: an Istio Gateway and a Gateway API Gateway of
      // the same name share it, and tree ids must be unique.
      id: `object:${object.apiVersion}:${object.uri}`,
      parent: node,
      cluster,
      object,
      routes: node.routesByParent.get(object.uri) ?? [],
    }));
  }
  return node.services.map((service) => ({
    kind: 'service',
    id: `service:${service.uri}`,
    parent: node,
    cluster,
    service,
    routes: node.routesByParent.get(service.uri) ?? [],
  }));
}
