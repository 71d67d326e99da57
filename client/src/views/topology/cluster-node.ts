/**
 * A cluster: its name, its role (icon: primary, remote, config cluster), revisions, whether Meshwright can
 * read it now (colour and description; the stale reason in the tooltip) and the problems Meshwright finds
 * in its live objects (badge). Children: the control plane it runs or is served by, then its namespaces,
 * asked of the language server when the node is expanded.
 */
import * as vscode from 'vscode';
import {
  type ClusterHealthView,
  EXPLORER_NAMESPACES_REQUEST,
  type ExplorerClusterParams,
  type ExplorerNamespacesResult,
  type ProblemSummary,
  type TopologyView,
} from '../../../../protocol/requests';
import { type ClusterSummary, type ControlPlaneSummary } from '../../../../protocol/topology-summary';
import { appendProblems } from '../problem-badges';
import { isStale, lastSyncText, stateWord, steadyStaleReason } from './cluster-health-text';
import { type ControlPlaneNode } from './control-plane-node';
import { messageNode } from './message-node';
import { type NamespaceNode } from './namespace-node';
import { type NetworkNode } from './network-node';
import { type TopologyNode, type TopologyTreeContext } from './topology-node';
import { appendPlainText } from '../markdown-text';

const NO_PROBLEMS: ProblemSummary = { errors: 0, warnings: 0, infos: 0, top: [] };

export interface ClusterNode {
  readonly kind: 'cluster';
  readonly id: string;
  readonly parent: NetworkNode;
  readonly cluster: ClusterSummary;
  readonly health: ClusterHealthView | undefined;
  /** The control planes running in this cluster (one per revision), with the clusters each serves. */
  readonly controlPlanes: readonly ControlPlaneSummary[];
  readonly problems: ProblemSummary;
}

export function clusterNodeId(name: string): string {
  return `cluster:${name}`;
}

export function clusterNode(
  parent: NetworkNode,
  cluster: ClusterSummary,
  view: TopologyView,
  context: TopologyTreeContext,
): ClusterNode {
  return {
    kind: 'cluster',
    id: clusterNodeId(cluster.name),
    parent,
    cluster,
    health: view.health.find((health) => health.cluster === cluster.name),
    controlPlanes: view.controlPlanes.filter((controlPlane) => controlPlane.cluster === cluster.name),
    problems:
      context.source.problems?.clusters.find((entry) => entry.cluster === cluster.name)?.problems ??
      NO_PROBLEMS,
  };
}

const ROLE_ICONS: Record<ClusterSummary['role'], string> = {
  primary: 'server-process',
  remote: 'remote',
  config: 'settings-gear',
  unknown: 'question',
};

export function clusterTreeItem(node: ClusterNode, context: TopologyTreeContext): vscode.TreeItem {
  const { cluster, health } = node;
  const item = new vscode.TreeItem(cluster.name, vscode.TreeItemCollapsibleState.Collapsed);
  item.id = node.id;
  // While the first sync runs nothing is known yet: "no Istio found" would be wrong.
  const parts = health?.state === 'connecting' && cluster.role === 'unknown' ? [] : [roleText(cluster)];
  if (cluster.role === 'primary' && cluster.revisions.length > 0) parts.push(cluster.revisions.join(', '));
  if (health && health.state !== 'synced') parts.push(stateWord(health));
  item.description = parts.join(' · ');
  item.iconPath = clusterIcon(cluster, health);
  item.resourceUri = context.badges.badgeUri(node.id, node.problems);
  item.contextValue = `cluster.${cluster.role}${isStale(health) ? '.stale' : ''}`;
  item.tooltip = clusterTooltip(node);
  return item;
}

export async function clusterChildren(
  node: ClusterNode,
  context: TopologyTreeContext,
): Promise<TopologyNode[]> {
  const controlPlanes: ControlPlaneNode[] =
    node.cluster.role === 'remote' || node.controlPlanes.length === 0
      ? node.cluster.controlPlane && node.cluster.controlPlane !== node.cluster.name
        ? [
            {
              kind: 'controlPlane',
              id: `${node.id}/servedBy`,
              parent: node,
              servedBy: node.cluster.controlPlane,
            },
          ]
        : []
      : node.controlPlanes.map((controlPlane) => ({
          kind: 'controlPlane',
          id: `${node.id}/controlPlane/${controlPlane.revision}`,
          parent: node,
          runs: controlPlane,
        }));
  try {
    const params: ExplorerClusterParams = { cluster: node.cluster.name };
    const result = await context.source.request<ExplorerNamespacesResult>(
      EXPLORER_NAMESPACES_REQUEST,
      params,
    );
    if (!result.known) return [...controlPlanes, messageNode(node, 'not in the topology any more; refresh')];
    const namespaces = result.namespaces.map((namespace): NamespaceNode => ({
      kind: 'namespace',
      id: `namespace:${node.cluster.name}/${namespace.name}`,
      parent: node,
      cluster: node.cluster.name,
      namespace,
    }));
    return [...controlPlanes, ...namespaces];
  } catch (error) {
    return [...controlPlanes, messageNode(node, `cannot list the namespaces: ${describe(error)}`)];
  }
}

function roleText(cluster: ClusterSummary): string {
  switch (cluster.role) {
    case 'primary':
      return 'primary';
    case 'remote':
      return cluster.controlPlane ? `remote of ${cluster.controlPlane}` : 'remote';
    case 'config':
      return 'config cluster';
    case 'unknown':
      return 'no Istio found';
  }
}

function clusterIcon(cluster: ClusterSummary, health: ClusterHealthView | undefined): vscode.ThemeIcon {
  if (health?.state === 'connecting') return new vscode.ThemeIcon('loading~spin');
  const id = ROLE_ICONS[cluster.role];
  if (!isStale(health)) return new vscode.ThemeIcon(id);
  const down = health?.reachable === false;
  return new vscode.ThemeIcon(
    id,
    new vscode.ThemeColor(down ? 'list.errorForeground' : 'list.warningForeground'),
  );
}

function clusterTooltip(node: ClusterNode): vscode.MarkdownString {
  const { cluster, health } = node;
  const tooltip = new vscode.MarkdownString(`**${escape(cluster.name)}**: ${roleText(cluster)}`, true);
  const rows: [string, string][] = [
    ['Cluster ID', cluster.id],
    ['Network', cluster.network ?? '(default)'],
    ['Revisions', cluster.revisions.join(', ') || 'none'],
    ['Control plane', cluster.controlPlane ?? 'none'],
    ['Mesh ID', cluster.meshId ?? 'unknown'],
    ['Trust domain', cluster.trustDomain ?? 'unknown'],
    ['Remote secrets for', cluster.remoteSecrets.map((secret) => secret.cluster).join(', ') || 'none'],
    ['State', stateWord(health)],
    ['Last in sync', lastSyncText(health)],
  ];
  for (const [name, value] of rows) tooltip.appendMarkdown(`\n\n${name}: \`${escape(value)}\``);
  const reason = steadyStaleReason(health?.stale ?? null);
  if (reason) {
    tooltip.appendMarkdown('\n\n$(warning) ');
    appendPlainText(tooltip, reason);
  }
  if (health && health.unreadable.length > 0) {
    tooltip.appendMarkdown('\n\nCannot read: ');
    appendPlainText(tooltip, health.unreadable.join(', '));
  }
  appendProblems(tooltip, node.problems);
  return tooltip;
}

function escape(text: string): string {
  return text.replace(/`/g, "'");
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
