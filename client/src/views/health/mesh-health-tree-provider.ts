/**
 * The Mesh Health view's TreeDataProvider: the checklist the language server computes from its live
 * clusters (`meshwright/meshHealth`), read again whenever the topology changes.
 */
import * as vscode from 'vscode';
import { MESH_HEALTH_REQUEST, type MeshHealthResult } from '../../../../protocol/mesh-health';
import { type TopologySource } from '../topology-source';
import {
  healthChildren,
  healthParent,
  healthSections,
  healthTreeItem,
  type MeshHealthNode,
} from './mesh-health-node';

/** How soon a checklist behind the topology is asked for again. */
const LAGGING_RETRY_MS = 2000;

export class MeshHealthTreeProvider implements vscode.TreeDataProvider<MeshHealthNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<MeshHealthNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly messageChanged = new vscode.EventEmitter<string | undefined>();
  /** What the view says above its list (TreeView.message): counts, or why there is nothing. */
  readonly onDidChangeMessage = this.messageChanged.event;
  private result: MeshHealthResult | undefined;
  private retry: NodeJS.Timeout | undefined;

  constructor(private readonly source: TopologySource) {}

  /** The checklist last shown; undefined until read. */
  get lastResult(): MeshHealthResult | undefined {
    return this.result;
  }

  /** Reads the checklist from the server now. */
  async load(): Promise<MeshHealthResult> {
    const result = await this.source.request<MeshHealthResult>(MESH_HEALTH_REQUEST);
    this.result = result;
    // A large mesh's checklist can lag the topology: ask again a little later, once.
    const latest = this.source.topology?.version;
    if (latest !== undefined && result.version < latest && this.retry === undefined) {
      this.retry = setTimeout(() => {
        this.retry = undefined;
        this.refresh();
      }, LAGGING_RETRY_MS);
    }
    return result;
  }

  /** Forgets the checklist; the view asks again. */
  refresh(): void {
    this.result = undefined;
    this.changed.fire(undefined);
  }

  getTreeItem(node: MeshHealthNode): vscode.TreeItem {
    return healthTreeItem(node);
  }

  async getChildren(node?: MeshHealthNode): Promise<MeshHealthNode[]> {
    if (node) return healthChildren(node);
    if (!this.source.topology || this.source.topology.clusters.length === 0) {
      this.messageChanged.fire(undefined);
      return [];
    }
    try {
      const result = this.result ?? (await this.load());
      this.messageChanged.fire(summary(result));
      return healthSections(result.checks);
    } catch (error) {
      this.messageChanged.fire(
        `Cannot check the mesh: ${error instanceof Error ? error.message : String(error)}`,
      );
      return [];
    }
  }

  getParent(node: MeshHealthNode): MeshHealthNode | undefined {
    return healthParent(node);
  }

  dispose(): void {
    if (this.retry) clearTimeout(this.retry);
    this.changed.dispose();
    this.messageChanged.dispose();
  }
}

function summary(result: MeshHealthResult): string | undefined {
  if (result.checks.length === 0) return result.problem ?? undefined;
  const count = (status: string) => result.checks.filter((check) => check.status === status).length;
  const verified = result.verifiedAt
    ? `; remote secrets verified ${result.verifiedAt.slice(11, 16)} UTC`
    : '';
  const warnings = count('warn');
  return `${count('pass')} passed, ${warnings} warning${warnings === 1 ? '' : 's'}, ${count('fail')} failed${verified}`;
}
