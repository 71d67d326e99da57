/**
 * Wires the sidebar: the Topology and Policies tree views over one TopologySource, their problem badges
 * (file decorations and the view's badge), context keys for the welcome content and menus, the view
 * commands, and the status bar item. Refreshes follow the server's notifications, debounced by the
 * source; the open live copies of changed clusters are re-read too.
 */
import * as vscode from 'vscode';
import { type LanguageServerSession } from '../language-server-session';
import { type LiveDocumentProvider } from '../live-documents/live-document-provider';
import { ClusterStatusBar } from '../status/cluster-status-bar';
import { registerExplorerCommands } from './explorer-commands';
import { type PolicyNode } from './policies/policy-node';
import { PoliciesTreeProvider } from './policies/policies-tree-provider';
import { countsText } from './problem-badges';
import { ProblemBadges } from './problem-badges';
import { type TopologyNode } from './topology/topology-node';
import { TopologyTreeProvider } from './topology/topology-tree-provider';
import { TopologySource } from './topology-source';

export const TOPOLOGY_VIEW_ID = 'meshwright.topology';
export const POLICIES_VIEW_ID = 'meshwright.policies';

export interface MeshwrightViews {
  readonly source: TopologySource;
  readonly topology: TopologyTreeProvider;
  readonly topologyView: vscode.TreeView<TopologyNode>;
  readonly policies: PoliciesTreeProvider;
  readonly policiesView: vscode.TreeView<PolicyNode>;
}

export function registerViews(
  context: vscode.ExtensionContext,
  session: LanguageServerSession,
  log: vscode.LogOutputChannel,
  liveDocuments: LiveDocumentProvider,
): MeshwrightViews {
  const source = new TopologySource(session, log);
  const badges = new ProblemBadges();
  const topology = new TopologyTreeProvider(source, badges);
  const policies = new PoliciesTreeProvider(source);
  const topologyView = vscode.window.createTreeView(TOPOLOGY_VIEW_ID, {
    treeDataProvider: topology,
    showCollapseAll: true,
  });
  const policiesView = vscode.window.createTreeView(POLICIES_VIEW_ID, {
    treeDataProvider: policies,
    showCollapseAll: true,
  });
  context.subscriptions.push(
    source,
    badges,
    topology,
    policies,
    topologyView,
    policiesView,
    vscode.window.registerFileDecorationProvider(badges),
    new ClusterStatusBar(source),
  );
  void setState('loading');

  context.subscriptions.push(
    source.onDidChange((change) => {
      const view = source.topology;
      void setState(view === undefined ? 'loading' : view.clusters.length === 0 ? 'none' : 'clusters');
      topologyView.message =
        view === undefined
          ? 'Meshwright cannot read the topology: see "Meshwright: Show Output", then run "Meshwright: Restart Language Server".'
          : view.clusters.length === 0 && view.problem
            ? view.problem
            : undefined;
      const total = source.problems?.total;
      const shown = total ? total.errors + total.warnings : 0;
      topologyView.badge =
        total && shown > 0 ? { value: shown, tooltip: `Live objects: ${countsText(total)}` } : undefined;
      topology.update(change.changedClusters);
      if (change.topologyChanged) {
        policies.refresh();
        liveDocuments.refresh(change.changedClusters.length > 0 ? change.changedClusters : undefined);
      }
    }),
  );
  context.subscriptions.push(policies.onDidChangeMessage((message) => (policiesView.message = message)));
  registerExplorerCommands(context, { source, topology, topologyView, policies });
  return { source, topology, topologyView, policies, policiesView };
}

/** `meshwright.topology.state`: loading, none (welcome content with the connect buttons), clusters. */
function setState(state: 'loading' | 'none' | 'clusters'): Thenable<unknown> {
  return vscode.commands.executeCommand('setContext', 'meshwright.topology.state', state);
}
