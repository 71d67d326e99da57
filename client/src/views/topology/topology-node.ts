/**
 * The Topology tree's nodes: a discriminated union with one module per kind (label, description,
 * tooltip, icon, contextValue for menus, children). The tree provider only dispatches on `kind` here.
 *
 *   mesh -> network -> cluster -> control plane
 *                              -> namespace -> "Istio config" -> config object (opens the live copy)
 *                                                                -> attached route (Gateway API)
 *                                           -> "Services"     -> service (endpoints per cluster)
 *                                                                -> attached route (mesh routing)
 */
import type * as vscode from 'vscode';
import { type ProblemBadges } from '../problem-badges';
import { type TopologySource } from '../topology-source';
import { type ClusterNode, clusterChildren, clusterTreeItem } from './cluster-node';
import { type ConfigObjectNode, configObjectChildren, configObjectTreeItem } from './config-object-node';
import { type ControlPlaneNode, controlPlaneTreeItem } from './control-plane-node';
import { type MeshNode, meshChildren, meshTreeItem } from './mesh-node';
import { type MessageNode, messageTreeItem } from './message-node';
import { type NamespaceNode, namespaceChildren, namespaceTreeItem } from './namespace-node';
import { type NetworkNode, networkChildren, networkTreeItem } from './network-node';
import { type ObjectGroupNode, objectGroupChildren, objectGroupTreeItem } from './object-group-node';
import { type ServiceNode, serviceChildren, serviceTreeItem } from './service-node';

export type TopologyNode =
  | MeshNode
  | NetworkNode
  | ClusterNode
  | ControlPlaneNode
  | NamespaceNode
  | ObjectGroupNode
  | ServiceNode
  | ConfigObjectNode
  | MessageNode;

/** What nodes need to build their items and children. */
export interface TopologyTreeContext {
  readonly source: TopologySource;
  readonly badges: ProblemBadges;
  /** Show only clusters that are not in sync (the view's filter button). */
  readonly staleOnly: boolean;
}

export function treeItemOf(node: TopologyNode, context: TopologyTreeContext): vscode.TreeItem {
  switch (node.kind) {
    case 'mesh':
      return meshTreeItem(node, context);
    case 'network':
      return networkTreeItem(node, context);
    case 'cluster':
      return clusterTreeItem(node, context);
    case 'controlPlane':
      return controlPlaneTreeItem(node);
    case 'namespace':
      return namespaceTreeItem(node, context);
    case 'objectGroup':
      return objectGroupTreeItem(node);
    case 'service':
      return serviceTreeItem(node, context);
    case 'configObject':
      return configObjectTreeItem(node, context);
    case 'message':
      return messageTreeItem(node);
  }
}

export async function childrenOf(node: TopologyNode, context: TopologyTreeContext): Promise<TopologyNode[]> {
  switch (node.kind) {
    case 'mesh':
      return meshChildren(node, context);
    case 'network':
      return networkChildren(node, context);
    case 'cluster':
      return clusterChildren(node, context);
    case 'namespace':
      return namespaceChildren(node, context);
    case 'objectGroup':
      return objectGroupChildren(node);
    case 'service':
      return serviceChildren(node);
    case 'configObject':
      return configObjectChildren(node);
    case 'controlPlane':
    case 'message':
      return [];
  }
}

/** Every node knows its parent, so `TreeView.reveal` can walk up (reveal a cluster from the map). */
export function parentOf(node: TopologyNode): TopologyNode | undefined {
  return node.kind === 'mesh' ? undefined : node.parent;
}
