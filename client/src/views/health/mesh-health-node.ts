/**
 * The Mesh Health view's nodes: a section of the checklist (reachability, identity, trust, remote secrets,
 * gateways and networks, versions, config drift) marked by its worst check, each check with a pass, warn
 * or fail icon and the clusters it is about, and the hint of a warning or failure under it (and in its
 * tooltip). Pure mapping from the server's checks to tree items.
 */
import * as vscode from 'vscode';
import { type CheckResult, type CheckStatus, checkSection } from '../../../../protocol/check-results';
import { appendPlainText } from '../markdown-text';

export interface HealthSectionNode {
  readonly kind: 'healthSection';
  readonly id: string;
  readonly title: string;
  readonly checks: readonly CheckResult[];
}

export interface HealthCheckNode {
  readonly kind: 'healthCheck';
  readonly id: string;
  readonly check: CheckResult;
  readonly parent: HealthSectionNode;
}

export interface HealthHintNode {
  readonly kind: 'healthHint';
  readonly id: string;
  readonly hint: string;
  readonly parent: HealthCheckNode;
}

export type MeshHealthNode = HealthSectionNode | HealthCheckNode | HealthHintNode;

const SEVERITY: Readonly<Record<CheckStatus, number>> = { pass: 0, warn: 1, fail: 2 };

/** The checks grouped by section, in the checklist's order. */
export function healthSections(checks: readonly CheckResult[]): HealthSectionNode[] {
  const sections = new Map<string, CheckResult[]>();
  for (const check of checks) {
    const title = checkSection(check.name);
    const list = sections.get(title) ?? [];
    list.push(check);
    sections.set(title, list);
  }
  // The worst status is part of the id: VS Code keeps an id's expansion, so a section that passed while
  // clusters were still connecting must become a new item to open when it starts to warn, and close again.
  return [...sections].map(([title, list]) => ({
    kind: 'healthSection',
    id: `healthSection:${title}:${worstStatus(list)}`,
    title,
    checks: list,
  }));
}

export function healthChildren(node: MeshHealthNode): MeshHealthNode[] {
  switch (node.kind) {
    case 'healthSection':
      // The position keeps ids unique: two checks of one pair can share a name and clusters.
      return node.checks.map((check, index) => ({
        kind: 'healthCheck',
        id: `${node.id}/${index}:${check.name}:${check.clusters.join(',')}:${check.status}`,
        check,
        parent: node,
      }));
    case 'healthCheck':
      return node.check.hint && node.check.status !== 'pass'
        ? [{ kind: 'healthHint', id: `${node.id}/hint`, hint: node.check.hint, parent: node }]
        : [];
    case 'healthHint':
      return [];
  }
}

export function healthParent(node: MeshHealthNode): MeshHealthNode | undefined {
  return node.kind === 'healthSection' ? undefined : node.parent;
}

export function healthTreeItem(node: MeshHealthNode): vscode.TreeItem {
  switch (node.kind) {
    case 'healthSection': {
      const worst = worstStatus(node.checks);
      const problems = node.checks.filter((check) => check.status !== 'pass').length;
      const item = new vscode.TreeItem(
        node.title,
        worst === 'pass'
          ? vscode.TreeItemCollapsibleState.Collapsed
          : vscode.TreeItemCollapsibleState.Expanded,
      );
      item.id = node.id;
      item.iconPath = statusIcon(worst);
      item.description =
        problems === 0
          ? `${node.checks.length} passed`
          : `${problems} of ${node.checks.length} need attention`;
      item.contextValue = 'meshHealthSection';
      return item;
    }
    case 'healthCheck': {
      const { check } = node;
      const hasHint = check.hint !== undefined && check.status !== 'pass';
      const item = new vscode.TreeItem(
        check.message,
        hasHint ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None,
      );
      item.id = node.id;
      item.iconPath = statusIcon(check.status);
      item.description = `${check.code ? `${check.code} · ` : ''}${check.clusters.join(' → ')}`;
      const tooltip = new vscode.MarkdownString();
      appendPlainText(tooltip, `${check.status.toUpperCase()}: ${check.message}`);
      if (hasHint) appendPlainText(tooltip.appendMarkdown('\n\n**Hint:** '), check.hint!);
      appendPlainText(
        tooltip.appendMarkdown('\n\n'),
        `${check.name}${check.code ? ` (${check.code})` : ''}; ${check.clusters.length > 1 ? 'clusters' : 'cluster'} ${check.clusters.join(', ')}`,
      );
      item.tooltip = tooltip;
      item.contextValue = `meshHealthCheck.${check.status}`;
      return item;
    }
    case 'healthHint': {
      const item = new vscode.TreeItem(`hint: ${node.hint}`, vscode.TreeItemCollapsibleState.None);
      item.id = node.id;
      item.iconPath = new vscode.ThemeIcon('lightbulb');
      item.tooltip = node.hint;
      return item;
    }
  }
}

export function worstStatus(checks: readonly CheckResult[]): CheckStatus {
  let worst: CheckStatus = 'pass';
  for (const check of checks) if (SEVERITY[check.status] > SEVERITY[worst]) worst = check.status;
  return worst;
}

function statusIcon(status: CheckStatus): vscode.ThemeIcon {
  switch (status) {
    case 'pass':
      return new vscode.ThemeIcon('pass', new vscode.ThemeColor('testing.iconPassed'));
    case 'warn':
      return new vscode.ThemeIcon('warning', new vscode.ThemeColor('list.warningForeground'));
    case 'fail':
      return new vscode.ThemeIcon('error', new vscode.ThemeColor('list.errorForeground'));
  }
}
