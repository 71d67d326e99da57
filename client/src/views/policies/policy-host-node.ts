/**
 * A host (`reviews.bookinfo.svc.cluster.local`) and the Istio objects that configure it, or a namespace
 * for objects without a host. Hosts with drift start expanded, so drift shows at a glance.
 */
import * as vscode from 'vscode';
import { type PolicyHost } from '../../../../protocol/requests';
import { type PolicyObjectNode } from './policy-object-node';
import { objectStatusText, statusIcon } from './policy-status';
import { appendPlainText } from '../markdown-text';

const SERVICE_SUFFIX = /\.svc\.cluster\.local$/;

export interface PolicyHostNode {
  readonly kind: 'policyHost';
  readonly id: string;
  readonly host: PolicyHost;
  readonly primaries: readonly string[];
}

export function policyHostTreeItem(node: PolicyHostNode): vscode.TreeItem {
  const { host } = node;
  // `reviews.bookinfo` reads better than the FQDN, and leaves room for the drift summary.
  const label =
    host.scope === 'namespace' ? `namespace ${host.label}` : host.label.replace(SERVICE_SUFFIX, '');
  const item = new vscode.TreeItem(
    label,
    host.status === 'identical'
      ? vscode.TreeItemCollapsibleState.Collapsed
      : vscode.TreeItemCollapsibleState.Expanded,
  );
  item.id = node.id;
  item.description = hostSummary(host);
  item.iconPath = statusIcon(host.status);
  item.contextValue = `policyHost.${host.status}`;
  const tooltip = new vscode.MarkdownString(
    host.scope === 'host' ? `Host **${host.label}**` : `Namespace **${host.label}** (objects without a host)`,
  );
  tooltip.appendMarkdown(`\n\nCompared across the primaries ${node.primaries.join(', ')}:`);
  for (const object of host.objects) {
    tooltip.appendMarkdown(`\n- ${object.kind} ${object.namespace}/${object.name}: `);
    appendPlainText(tooltip, objectStatusText(object));
  }
  item.tooltip = tooltip;
  return item;
}

export function policyHostChildren(node: PolicyHostNode): PolicyObjectNode[] {
  return node.host.objects.map((object) => ({
    kind: 'policyObject',
    // With the status, as for hosts: an object that starts to differ opens. With the apiVersion: an Istio
    // Gateway and a Gateway API Gateway may share a namespace and name.
    id: `${node.id}/${object.apiVersion}/${object.kind}/${object.namespace}/${object.name}:${object.status === 'identical' ? 'same' : 'drift'}`,
    parent: node,
    object,
  }));
}

/** The drift of the host's objects in a few words: "DestinationRule differs in west". */
function hostSummary(host: PolicyHost): string {
  const drifting = host.objects.filter((object) => object.status !== 'identical');
  if (drifting.length === 0) return `${host.objects.length} identical`;
  return drifting.map((object) => `${object.kind} ${objectStatusText(object)}`).join('; ');
}
