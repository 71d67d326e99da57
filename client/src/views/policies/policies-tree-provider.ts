/**
 * The Policies view's TreeDataProvider: the server's policy inventory (`meshwright/policyInventory`), read
 * again when the topology changes, with an optional filter that keeps only hosts with drift.
 */
import * as vscode from 'vscode';
import { POLICY_INVENTORY_REQUEST, type PolicyInventory } from '../../../../protocol/requests';
import { type TopologySource } from '../topology-source';
import { policyChildren, type PolicyNode, policyParent, policyTreeItem } from './policy-node';

export class PoliciesTreeProvider implements vscode.TreeDataProvider<PolicyNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<PolicyNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly messageChanged = new vscode.EventEmitter<string | undefined>();
  /** What the view should say above an empty or filtered list (TreeView.message). */
  readonly onDidChangeMessage = this.messageChanged.event;
  private inventory: PolicyInventory | undefined;
  private driftOnly = false;
  /** Why the last request failed, for the view's message. */
  private failure: string | undefined;

  constructor(private readonly source: TopologySource) {}

  get lastInventory(): PolicyInventory | undefined {
    return this.inventory;
  }

  get lastFailure(): string | undefined {
    return this.failure;
  }

  setDriftOnly(driftOnly: boolean): void {
    this.driftOnly = driftOnly;
    this.changed.fire(undefined);
  }

  /** Forgets the inventory; the view asks again. */
  refresh(): void {
    this.inventory = undefined;
    this.changed.fire(undefined);
  }

  getTreeItem(node: PolicyNode): vscode.TreeItem {
    return policyTreeItem(node);
  }

  async getChildren(node?: PolicyNode): Promise<PolicyNode[]> {
    if (node) return policyChildren(node);
    if (!this.source.topology || this.source.topology.clusters.length === 0) return [];
    try {
      this.inventory ??= await this.source.request<PolicyInventory>(POLICY_INVENTORY_REQUEST);
      this.failure = undefined;
    } catch (error) {
      this.failure = error instanceof Error ? error.message : String(error);
      this.messageChanged.fire(`Cannot read the policies: ${this.failure}`);
      return [];
    }
    const inventory = this.inventory;
    const hosts = inventory.hosts.filter((host) => !this.driftOnly || host.status !== 'identical');
    this.messageChanged.fire(emptyMessage(inventory, hosts.length, this.driftOnly));
    return hosts.map((host) => ({
      kind: 'policyHost',
      // The status is part of the id: VS Code keeps an id's expansion, so a host whose drift appears
      // after the first sync (west read after east) must be a new item to open as a drifted host does.
      id: `policyHost:${host.key}:${host.status === 'identical' ? 'same' : 'drift'}`,
      host,
      primaries: inventory.primaries,
    }));
  }

  getParent(node: PolicyNode): PolicyNode | undefined {
    return policyParent(node);
  }

  dispose(): void {
    this.changed.dispose();
    this.messageChanged.dispose();
  }
}

function emptyMessage(inventory: PolicyInventory, shown: number, driftOnly: boolean): string | undefined {
  if (inventory.primaries.length === 0) {
    return 'No primary cluster found: the Policies view compares the Istio config of the primaries.';
  }
  if (inventory.hosts.length === 0)
    return `The primaries (${inventory.primaries.join(', ')}) hold no Istio config.`;
  if (shown === 0 && driftOnly) return 'No drift: every primary holds the same Istio config.';
  return undefined;
}
