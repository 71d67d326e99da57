/**
 * The Topology view's TreeDataProvider. Roots come from the latest TopologyView (no request); deeper
 * levels are asked of the server when expanded. Every node has a stable id, so a refresh keeps what the
 * user expanded and selected, and `getParent` lets `TreeView.reveal` find a cluster by name.
 */
import * as vscode from 'vscode';
import { type ProblemBadges } from '../problem-badges';
import { type TopologySource } from '../topology-source';
import { shownHealth } from './cluster-health-text';
import { type ClusterNode, clusterNodeId } from './cluster-node';
import { meshChildren, meshNodes } from './mesh-node';
import { networkChildren } from './network-node';
import {
  childrenOf,
  parentOf,
  type TopologyNode,
  type TopologyTreeContext,
  treeItemOf,
} from './topology-node';

export class TopologyTreeProvider implements vscode.TreeDataProvider<TopologyNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<TopologyNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private staleOnly = false;
  /** The cluster nodes last handed to VS Code: refreshing one subtree needs the very same object. */
  private readonly shownClusters = new Map<string, ClusterNode>();
  /** What the roots and cluster rows rendered from last time (see `topologySignature`). */
  private lastSignature: string | undefined;

  constructor(
    private readonly source: TopologySource,
    private readonly badges: ProblemBadges,
  ) {}

  get showingStaleOnly(): boolean {
    return this.staleOnly;
  }

  setStaleOnly(staleOnly: boolean): void {
    this.staleOnly = staleOnly;
    this.refresh();
  }

  /** Re-reads everything shown (VS Code asks again for the roots and every expanded node). */
  refresh(): void {
    this.lastSignature = undefined;
    this.changed.fire(undefined);
  }

  /**
   * After a change: a full refresh when what the upper levels show changed (clusters, health, problems),
   * else only the subtrees of the reachable clusters whose objects changed. A stale cluster's retries
   * change nothing shown, so its row (and the tooltip being read) stays put.
   */
  update(changedClusters: readonly string[]): void {
    const signature = topologySignature(this.source, this.staleOnly);
    if (signature !== this.lastSignature) {
      this.refresh();
      this.lastSignature = signature;
      return;
    }
    for (const name of changedClusters) {
      const node = this.shownClusters.get(name);
      if (node && node.health?.reachable !== false) this.changed.fire(node);
    }
  }

  getTreeItem(node: TopologyNode): vscode.TreeItem {
    return treeItemOf(node, this.context());
  }

  async getChildren(node?: TopologyNode): Promise<TopologyNode[]> {
    if (node) {
      const children = await childrenOf(node, this.context());
      for (const child of children)
        if (child.kind === 'cluster') this.shownClusters.set(child.cluster.name, child);
      return children;
    }
    const view = this.source.topology;
    return view ? meshNodes(view) : [];
  }

  getParent(node: TopologyNode): TopologyNode | undefined {
    return parentOf(node);
  }

  /** The node the tree shows for a cluster now, or undefined when the topology has no such cluster. */
  clusterNode(name: string): ClusterNode | undefined {
    const shown = this.shownClusters.get(name);
    if (shown) return shown;
    const view = this.source.topology;
    if (!view) return undefined;
    const context = { ...this.context(), staleOnly: false };
    for (const mesh of meshNodes(view)) {
      for (const network of meshChildren(mesh, context)) {
        if (network.kind !== 'network') continue;
        const found = networkChildren(network, context).find((cluster) => cluster.id === clusterNodeId(name));
        if (found) return found;
      }
    }
    return undefined;
  }

  dispose(): void {
    this.changed.dispose();
  }

  private context(): TopologyTreeContext {
    return { source: this.source, badges: this.badges, staleOnly: this.staleOnly };
  }
}

/** Everything the mesh, network and cluster rows are drawn from, minus what changes without showing. */
function topologySignature(source: TopologySource, staleOnly: boolean): string {
  const view = source.topology;
  if (!view) return 'none';
  return JSON.stringify([
    staleOnly,
    view.clusters,
    view.networks,
    view.controlPlanes,
    view.problem,
    view.health.map((health) => [health.cluster, shownHealth(health)]),
    source.problems?.version,
  ]);
}
