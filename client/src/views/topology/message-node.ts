/** A leaf that explains an empty or failed expansion ("cannot list the namespaces: ..."). */
import * as vscode from 'vscode';
import { type TopologyNode } from './topology-node';

export interface MessageNode {
  readonly kind: 'message';
  readonly id: string;
  readonly parent: TopologyNode;
  readonly text: string;
}

export function messageNode(parent: TopologyNode, text: string): MessageNode {
  return { kind: 'message', id: `${parent.id}/message`, parent, text };
}

export function messageTreeItem(node: MessageNode): vscode.TreeItem {
  const item = new vscode.TreeItem(node.text, vscode.TreeItemCollapsibleState.None);
  item.id = node.id;
  item.iconPath = new vscode.ThemeIcon('info');
  item.tooltip = node.text;
  item.contextValue = 'message';
  return item;
}
