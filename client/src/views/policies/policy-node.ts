/**
 * The Policies view's nodes, a discriminated union with one module per kind:
 *
 *   host (or namespace, for objects without a host) -> object -> one copy per primary (+ remote copies)
 *
 * A host is marked by the worst of its objects: identical everywhere, differing, or missing somewhere.
 */
import type * as vscode from 'vscode';
import { type PolicyCopyNode, policyCopyTreeItem } from './policy-copy-node';
import { type PolicyHostNode, policyHostChildren, policyHostTreeItem } from './policy-host-node';
import { type PolicyObjectNode, policyObjectChildren, policyObjectTreeItem } from './policy-object-node';

export type PolicyNode = PolicyHostNode | PolicyObjectNode | PolicyCopyNode;

export function policyTreeItem(node: PolicyNode): vscode.TreeItem {
  switch (node.kind) {
    case 'policyHost':
      return policyHostTreeItem(node);
    case 'policyObject':
      return policyObjectTreeItem(node);
    case 'policyCopy':
      return policyCopyTreeItem(node);
  }
}

export function policyChildren(node: PolicyNode): PolicyNode[] {
  switch (node.kind) {
    case 'policyHost':
      return policyHostChildren(node);
    case 'policyObject':
      return policyObjectChildren(node);
    case 'policyCopy':
      return [];
  }
}

export function policyParent(node: PolicyNode): PolicyNode | undefined {
  return node.kind === 'policyHost' ? undefined : node.parent;
}
