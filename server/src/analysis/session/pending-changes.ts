/**
 * What changed since the last refresh: the inputs of AnalysisSession record here, and a refresh takes
 * the whole record at once and starts a new one. Objects added and removed again before a refresh
 * cancel out, so a refresh sees each object's net change only.
 */
import { type MeshResource } from '../model/resource';
import { type FileChange } from './document-store';

/** One refresh's share of the changes. */
export interface TakenChanges {
  readonly added: Set<MeshResource>;
  readonly removed: Set<MeshResource>;
  /** Dependency keys (dependency-keys.ts) whose providers changed. */
  readonly keys: Set<string>;
  /** Objects whose targets changed while they did not, and that were neither added nor removed. */
  readonly retargeted: MeshResource[];
  /** URIs whose diagnostics may change, whatever the analysis finds. */
  readonly uris: Set<string>;
  /** Clusters came, went or changed: their order and facts are to be read again. */
  readonly clusters: boolean;
}

export class PendingChanges {
  private added = new Set<MeshResource>();
  private removed = new Set<MeshResource>();
  private keys = new Set<string>();
  private retargeted = new Set<MeshResource>();
  private uris = new Set<string>();
  /** True at first: the first refresh reads the clusters (none) into the index. */
  private clusters = true;

  /** Objects a file change added and removed. */
  record(change: FileChange): void {
    for (const resource of change.removed) {
      if (!this.added.delete(resource)) this.removed.add(resource);
    }
    for (const resource of change.added) this.added.add(resource);
  }

  /**
   * Objects whose targets changed while the objects did not: only the analyses that compare per-primary
   * views (`every-copy` analyzers) see targets, so only theirs are re-run, as if these objects had changed.
   */
  retarget(resources: readonly MeshResource[]): void {
    for (const resource of resources) if (!this.added.has(resource)) this.retargeted.add(resource);
  }

  touchUri(uri: string): void {
    this.uris.add(uri);
  }

  touchKey(key: string): void {
    this.keys.add(key);
  }

  touchClusters(): void {
    this.clusters = true;
  }

  /** Everything recorded since the last take; the record starts empty again. */
  take(): TakenChanges {
    const { added, removed } = this;
    const taken: TakenChanges = {
      added,
      removed,
      keys: this.keys,
      retargeted: [...this.retargeted].filter((r) => !added.has(r) && !removed.has(r)),
      uris: this.uris,
      clusters: this.clusters,
    };
    this.added = new Set();
    this.removed = new Set();
    this.keys = new Set();
    this.retargeted = new Set();
    this.uris = new Set();
    this.clusters = false;
    return taken;
  }
}
