/**
 * The commands of the Topology and Policies views (contributed in package.json with their menus):
 * refresh, filters, open a live copy, copy a name, reveal a cluster (also what the map calls), reveal a
 * cluster in the map, and compare a drifting copy with the reference copy.
 */
import * as vscode from 'vscode';
import { OPEN_LIVE_OBJECT_COMMAND } from '../live-documents/live-document-provider';
import { COMPARE_WITH_REFERENCE_COMMAND, type PolicyCopyNode } from './policies/policy-copy-node';
import { type PolicyNode } from './policies/policy-node';
import { type PoliciesTreeProvider } from './policies/policies-tree-provider';
import { REVEAL_CLUSTER_COMMAND } from './topology/control-plane-node';
import { type TopologyNode } from './topology/topology-node';
import { type TopologyTreeProvider } from './topology/topology-tree-provider';
import { type TopologySource } from './topology-source';

export const EXPLORER_COMMANDS = {
  refreshTopology: 'meshwright.topology.refresh',
  showStaleOnly: 'meshwright.topology.showStaleOnly',
  showAllClusters: 'meshwright.topology.showAll',
  refreshPolicies: 'meshwright.policies.refresh',
  showDriftOnly: 'meshwright.policies.showDriftOnly',
  showAllPolicies: 'meshwright.policies.showAll',
  openLiveCopy: 'meshwright.openLiveCopy',
  copyName: 'meshwright.copyName',
  revealCluster: REVEAL_CLUSTER_COMMAND,
  revealInMap: 'meshwright.revealInMap',
  compareWithReference: COMPARE_WITH_REFERENCE_COMMAND,
} as const;

/** The map webview's command (client/src/map); used only when it is registered. */
const SHOW_MAP_COMMAND = 'meshwright.showMap';

export interface ExplorerCommandTargets {
  readonly source: TopologySource;
  readonly topology: TopologyTreeProvider;
  readonly topologyView: vscode.TreeView<TopologyNode>;
  readonly policies: PoliciesTreeProvider;
}

export function registerExplorerCommands(
  context: vscode.ExtensionContext,
  targets: ExplorerCommandTargets,
): void {
  const { source, topology, topologyView, policies } = targets;
  const setContext = (key: string, value: unknown): Thenable<unknown> =>
    vscode.commands.executeCommand('setContext', key, value);
  const register = (id: string, handler: (...args: never[]) => unknown): void => {
    context.subscriptions.push(vscode.commands.registerCommand(id, handler));
  };

  register(EXPLORER_COMMANDS.refreshTopology, async () => {
    await source.refresh();
    topology.refresh();
  });
  register(EXPLORER_COMMANDS.showStaleOnly, () => {
    topology.setStaleOnly(true);
    return setContext('meshwright.topology.staleOnly', true);
  });
  register(EXPLORER_COMMANDS.showAllClusters, () => {
    topology.setStaleOnly(false);
    return setContext('meshwright.topology.staleOnly', false);
  });
  register(EXPLORER_COMMANDS.refreshPolicies, () => policies.refresh());
  register(EXPLORER_COMMANDS.showDriftOnly, () => {
    policies.setDriftOnly(true);
    return setContext('meshwright.policies.driftOnly', true);
  });
  register(EXPLORER_COMMANDS.showAllPolicies, () => {
    policies.setDriftOnly(false);
    return setContext('meshwright.policies.driftOnly', false);
  });

  register(EXPLORER_COMMANDS.openLiveCopy, (node: TopologyNode | PolicyNode) => {
    const uri = liveUriOf(node);
    if (!uri)
      throw new Error('Meshwright: this item has no live copy (the object is missing in that cluster)');
    return vscode.commands.executeCommand(OPEN_LIVE_OBJECT_COMMAND, uri);
  });
  register(EXPLORER_COMMANDS.copyName, async (node: TopologyNode | PolicyNode) => {
    const name = nameOf(node);
    if (name !== undefined) await vscode.env.clipboard.writeText(name);
    return name;
  });

  /** `meshwright.revealCluster(name)` (the map calls it): shows the Topology view with that cluster selected. */
  register(EXPLORER_COMMANDS.revealCluster, async (given?: string) => {
    // From the Command Palette there is no argument: ask.
    const name =
      typeof given === 'string'
        ? given
        : await vscode.window.showQuickPick(source.topology?.clusters.map((cluster) => cluster.name) ?? [], {
            title: 'Meshwright: reveal which cluster?',
          });
    if (name === undefined) return false;
    if (topology.showingStaleOnly) {
      topology.setStaleOnly(false);
      await setContext('meshwright.topology.staleOnly', false);
    }
    const node = topology.clusterNode(name);
    if (!node) {
      void vscode.window.showWarningMessage(`Meshwright: the topology has no cluster ${name}`);
      return false;
    }
    await topologyView.reveal(node, { select: true, focus: true, expand: false });
    return true;
  });
  register(EXPLORER_COMMANDS.revealInMap, async (node: TopologyNode) => {
    const cluster = node?.kind === 'cluster' ? node.cluster.name : undefined;
    const commands = await vscode.commands.getCommands(true);
    if (!commands.includes(SHOW_MAP_COMMAND)) {
      void vscode.window.showInformationMessage('Meshwright: the mesh map is not available in this version.');
      return false;
    }
    await vscode.commands.executeCommand(SHOW_MAP_COMMAND, cluster);
    return true;
  });
  register(EXPLORER_COMMANDS.compareWithReference, async (node: PolicyCopyNode) => {
    if (node?.kind !== 'policyCopy' || !node.uri || !node.referenceUri) {
      throw new Error('Meshwright: Compare with Reference needs a copy that exists next to a reference copy');
    }
    const object = node.parent.object;
    const reference = object.copies.find((copy) => copy.state === 'reference')?.cluster ?? 'reference';
    const title = `${object.kind} ${object.namespace}/${object.name}: ${reference} ↔ ${node.cluster}`;
    await vscode.commands.executeCommand(
      'vscode.diff',
      vscode.Uri.parse(node.referenceUri),
      vscode.Uri.parse(node.uri),
      title,
    );
  });
}

function liveUriOf(node: TopologyNode | PolicyNode | undefined): string | undefined {
  switch (node?.kind) {
    case 'configObject':
      return node.object.uri;
    case 'service':
      return node.service.uri;
    case 'policyCopy':
      return node.uri ?? undefined;
    default:
      return undefined;
  }
}

/** What "Copy Name" copies: the name people type elsewhere (kubectl, YAML). */
function nameOf(node: TopologyNode | PolicyNode | undefined): string | undefined {
  switch (node?.kind) {
    case 'mesh':
      return node.meshId ?? undefined;
    case 'network':
      return node.name ?? undefined;
    case 'cluster':
      return node.cluster.name;
    case 'controlPlane':
      return 'servedBy' in node ? node.servedBy : node.runs.cluster;
    case 'namespace':
      return node.namespace.name;
    case 'service':
      return node.service.host;
    case 'configObject':
      return `${node.object.kind}/${node.object.namespace}/${node.object.name}`;
    case 'policyHost':
      return node.host.label;
    case 'policyObject':
      return `${node.object.kind}/${node.object.namespace}/${node.object.name}`;
    case 'policyCopy':
      return node.cluster;
    default:
      return undefined;
  }
}
