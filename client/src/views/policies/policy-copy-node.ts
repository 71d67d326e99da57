/**
 * One cluster's copy of an object: the reference (the first primary holding it), identical, differing
 * (with the fields; clicking shows the diff against the reference), missing, or held by a remote cluster
 * where no control plane reads it.
 */
import * as vscode from 'vscode';
import { type PolicyCopyState } from '../../../../protocol/requests';
import { OPEN_LIVE_OBJECT_COMMAND } from '../../live-documents/live-document-provider';
import { type PolicyObjectNode } from './policy-object-node';
import { appendPlainText } from '../markdown-text';

export const COMPARE_WITH_REFERENCE_COMMAND = 'meshwright.compareWithReference';

export interface PolicyCopyNode {
  readonly kind: 'policyCopy';
  readonly id: string;
  readonly parent: PolicyObjectNode;
  readonly cluster: string;
  readonly state: PolicyCopyState | 'remote';
  /** The live copy; null when missing. */
  readonly uri: string | null;
  readonly differingFields: readonly string[];
  readonly referenceUri: string | null;
}

const STATE_TEXT: Record<PolicyCopyNode['state'], string> = {
  reference: 'reference copy',
  identical: 'identical',
  differs: 'differs',
  missing: 'missing',
  remote: 'remote cluster: ignored (MESH107)',
};

export function policyCopyTreeItem(node: PolicyCopyNode): vscode.TreeItem {
  const item = new vscode.TreeItem(node.cluster, vscode.TreeItemCollapsibleState.None);
  item.id = node.id;
  item.description =
    node.state === 'differs' ? `differs: ${node.differingFields.join(', ')}` : STATE_TEXT[node.state];
  item.iconPath = copyIcon(node.state);
  item.contextValue = `policyCopy.${node.state}`;
  const object = node.parent.object;
  const tooltip = new vscode.MarkdownString(
    `${object.kind} **${object.namespace}/${object.name}** in **${node.cluster}**: `,
  );
  appendPlainText(tooltip, item.description);
  if (node.state === 'missing') {
    tooltip.appendMarkdown(
      `\n\nCallers served by the control plane of ${node.cluster} do not get this object.`,
    );
  }
  item.tooltip = tooltip;
  if (node.state === 'differs' && node.uri && node.referenceUri) {
    item.command = {
      command: COMPARE_WITH_REFERENCE_COMMAND,
      title: 'Compare with Reference',
      arguments: [node],
    };
  } else if (node.uri) {
    item.command = { command: OPEN_LIVE_OBJECT_COMMAND, title: 'Open Live Copy', arguments: [node.uri] };
  }
  return item;
}

function copyIcon(state: PolicyCopyNode['state']): vscode.ThemeIcon {
  switch (state) {
    case 'reference':
    case 'identical':
      return new vscode.ThemeIcon('server-process');
    case 'differs':
      return new vscode.ThemeIcon('server-process', new vscode.ThemeColor('list.warningForeground'));
    case 'missing':
      return new vscode.ThemeIcon('circle-slash', new vscode.ThemeColor('list.errorForeground'));
    case 'remote':
      return new vscode.ThemeIcon('remote', new vscode.ThemeColor('disabledForeground'));
  }
}
