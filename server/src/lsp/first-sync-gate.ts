/**
 * Holds the live snapshots of the first sync back from the workspace analysis until every cluster has
 * been read (or has failed), for at most FIRST_SYNC_MAX_HOLD_MS. Discovery publishes a snapshot as each
 * cluster completes; analysing every one of them re-analyses the mesh as often as it has clusters, on the
 * thread that is still reading the others. At 50 clusters that doubled the sync and put the first complete
 * diagnostics 17-19 s after start instead of 13-15. Later snapshots (watch events) pass at once, and the
 * views get every snapshot from the topology feature directly: only the analysis waits.
 */
import { type ClusterHealth } from '../topology/cluster-health';
import { type TopologySnapshot } from '../mesh/snapshot';
import { type Timers, systemTimers } from './timers';

/** A cluster slower than this (its first lists take longer) is analysed later, when it has been read. */
export const FIRST_SYNC_MAX_HOLD_MS = 10_000;

export class FirstSyncGate {
  private released = false;
  private disposed = false;
  private held: TopologySnapshot | undefined;
  private timer: unknown;

  constructor(
    private readonly deliver: (snapshot: TopologySnapshot) => void,
    private readonly timers: Timers = systemTimers,
    private readonly maxHoldMs: number = FIRST_SYNC_MAX_HOLD_MS,
  ) {}

  /** A new snapshot with the clusters' health as of it: delivered, or held while a cluster still connects. */
  offer(snapshot: TopologySnapshot, health: readonly ClusterHealth[]): void {
    if (this.disposed) return;
    if (this.released || !health.some((cluster) => cluster.state === 'connecting')) {
      this.release();
      this.deliver(snapshot);
      return;
    }
    this.held = snapshot;
    this.timer ??= this.timers.setTimeout(() => {
      const held = this.held;
      this.release();
      if (held) this.deliver(held);
    }, this.maxHoldMs);
  }

  dispose(): void {
    this.disposed = true;
    this.release();
  }

  private release(): void {
    this.released = true;
    this.held = undefined;
    if (this.timer !== undefined) this.timers.clearTimeout(this.timer);
    this.timer = undefined;
  }
}
