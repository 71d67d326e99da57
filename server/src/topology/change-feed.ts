/**
 * Collects what changed in the clusters (object keys, health) and hands it over in batches. A change
 * that comes after a quiet period goes out at once (with whatever else arrived in the same turn of the
 * event loop): a single watch event, the usual case once the clusters are read, is not held for the
 * quiet period. Changes that follow a hand-over closely are batched: handed over after a short quiet
 * period, or at the latest after `maxWaitMs` while they keep coming. A burst of watch events (a relist,
 * a rollout) then costs one or two snapshots and re-analyses, and each batch says which clusters and
 * which objects moved so consumers recompute only what they affect.
 */

export interface ClusterChange {
  readonly cluster: string;
  /** Keys of the objects added, changed or removed (`Kind[.group] namespace/name`). */
  readonly keys: readonly string[];
  /** Reachability, state or stale reason changed. */
  readonly healthChanged: boolean;
}

export interface ChangeFeedSettings {
  readonly quietMs: number;
  readonly maxWaitMs: number;
}

export const DEFAULT_CHANGE_FEED: ChangeFeedSettings = { quietMs: 75, maxWaitMs: 300 };

export class ChangeFeed {
  private pending = new Map<string, { keys: Set<string>; healthChanged: boolean }>();
  private quietTimer: NodeJS.Timeout | null = null;
  /** A hand-over at the end of this turn of the event loop (the first change after a quiet period). */
  private immediate: NodeJS.Immediate | null = null;
  private firstPendingAt: number | null = null;
  private lastHandOverAt = Number.NEGATIVE_INFINITY;
  private disposed = false;

  constructor(
    private readonly settings: ChangeFeedSettings,
    private readonly flush: (changes: readonly ClusterChange[]) => void,
  ) {}

  objectsChanged(cluster: string, keys: readonly string[]): void {
    const entry = this.entry(cluster);
    for (const key of keys) entry.keys.add(key);
    this.schedule();
  }

  healthChanged(cluster: string): void {
    this.entry(cluster).healthChanged = true;
    this.schedule();
  }

  /** Hands over what is pending now (used when a consumer must not wait for the quiet period). */
  flushNow(): void {
    this.cancelTimers();
    this.firstPendingAt = null;
    if (this.pending.size === 0 || this.disposed) return;
    this.lastHandOverAt = Date.now();
    const batch = [...this.pending].map(([cluster, entry]) => ({
      cluster,
      keys: [...entry.keys],
      healthChanged: entry.healthChanged,
    }));
    this.pending = new Map();
    this.flush(batch);
  }

  dispose(): void {
    this.disposed = true;
    this.cancelTimers();
    this.pending.clear();
  }

  private cancelTimers(): void {
    if (this.quietTimer) clearTimeout(this.quietTimer);
    this.quietTimer = null;
    if (this.immediate) clearImmediate(this.immediate);
    this.immediate = null;
  }

  private entry(cluster: string): { keys: Set<string>; healthChanged: boolean } {
    let entry = this.pending.get(cluster);
    if (!entry) {
      entry = { keys: new Set(), healthChanged: false };
      this.pending.set(cluster, entry);
    }
    return entry;
  }

  private schedule(): void {
    if (this.disposed || this.immediate) return;
    const now = Date.now();
    if (!this.quietTimer && now - this.lastHandOverAt >= this.settings.quietMs) {
      this.immediate = setImmediate(() => this.flushNow());
      return;
    }
    this.firstPendingAt ??= now;
    if (this.quietTimer) clearTimeout(this.quietTimer);
    const untilMax = this.firstPendingAt + this.settings.maxWaitMs - now;
    this.quietTimer = setTimeout(
      () => this.flushNow(),
      Math.max(0, Math.min(this.settings.quietMs, untilMax)),
    );
  }
}
