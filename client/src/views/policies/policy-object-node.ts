/** One Istio object (kind namespace/name) and the copy each primary holds. */
import * as vscode from 'vscode';
import { type PolicyObject } from '../../../../protocol/requests';
import { liveObjectUri } from '../../live-documents/live-document-provider';
import { type PolicyCopyNode } from './policy-copy-node';
import { type PolicyHostNode } from './policy-host-node';
import { objectStatusText, statusIcon } from './policy-status';
import { appendPlainText } from '../markdown-text';

export interface PolicyObjectNode {
  readonly kind: 'policyObject';
  readonly id: string;
  readonly parent: PolicyHostNode;
  readonly object: PolicyObject;
}

export function policyObjectTreeItem(node: PolicyObjectNode): vscode.TreeItem {
  const { object } = node;
  const item = new vscode.TreeItem(
    `${object.kind} ${object.namespace}/${object.name}`,
    object.status === 'identical'
      ? vscode.TreeItemCollapsibleState.Collapsed
      : vscode.TreeItemCollapsibleState.Expanded,
  );
  item.id = node.id;
  item.description = objectStatusText(object);
  item.iconPath = statusIcon(object.status);
  item.contextValue = `policyObject.${object.status}`;
  const tooltip = new vscode.MarkdownString(
    `${object.kind} **${object.namespace}/${object.name}** (${object.apiVersion})`,
  );
  tooltip.appendMarkdown('\n\n');
  appendPlainText(tooltip, objectStatusText(object));
  if (object.remoteCopies.length > 0) {
    tooltip.appendMarkdown(
      `\n\nThe copies in the remote clusters ${object.remoteCopies.join(', ')} are read by no control plane (MESH107).`,
    );
  }
  item.tooltip = tooltip;
  return item;
}

export function policyObjectChildren(node: PolicyObjectNode): PolicyCopyNode[] {
  const { object } = node;
  const reference = object.copies.find((copy) => copy.state === 'reference');
  const primaries = object.copies.map((copy): PolicyCopyNode => ({
    kind: 'policyCopy',
    id: `${node.id}@${copy.cluster}`,
    parent: node,
    cluster: copy.cluster,
    state: copy.state,
    uri: copy.uri,
    differingFields: copy.differingFields,
    referenceUri: reference?.uri ?? null,
  }));
  const remotes = object.remoteCopies.map((cluster): PolicyCopyNode => ({
    kind: 'policyCopy',
    id: `${node.id}@${cluster}`,
    parent: node,
    cluster,
    state: 'remote',
    uri: liveObjectUri(cluster, object.kind, object.namespace, object.name).toString(),
    differingFields: [],
    referenceUri: reference?.uri ?? null,
  }));
  return [...primaries, ...remotes];
}
