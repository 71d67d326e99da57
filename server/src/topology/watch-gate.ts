/**
 * When the watches of one discovery's clusters open. A cluster whose lists are done holds its watches
 * until every cluster's first sync is over, and at most `maxHoldMs`: opening a watch costs a request at
 * both ends, and the 1,250 watches of fifty clusters opened while other clusters were still being listed
 * took the CPU the lists needed (the first complete snapshot came 0.5-0.9 s later on two cores). The limit
 * keeps a slow or hung cluster from hiding the others' changes for long. Nothing is missed while a watch
 * waits: it starts from its list's resourceVersion, and the server replays what happened since.
 */

/** Default upper bound of the hold: the whole first sync of fifty clusters takes about five seconds. */
export const DEFAULT_MAX_WATCH_HOLD_MS = 5_000;

export class WatchGate {
  private readonly waiting = new Map<() => void, ReturnType<typeof setTimeout>>();
  private open = false;

  /** `everyClusterSettled` says whether every cluster's first sync is over (read, failed or refused). */
  constructor(
    private readonly everyClusterSettled: () => boolean,
    private readonly maxHoldMs: number = DEFAULT_MAX_WATCH_HOLD_MS,
  ) {}

  /** A cluster's first sync is over; resolves when its watches may open. */
  firstSyncOver(): Promise<void> {
    if (this.open || this.everyClusterSettled()) {
      this.openAll();
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.waiting.delete(resolve);
        resolve();
      }, this.maxHoldMs);
      this.waiting.set(resolve, timer);
    });
  }

  /** Lets every held watch open now; no timer is left behind (the discovery stops). */
  openAll(): void {
    this.open = true;
    for (const [resolve, timer] of this.waiting) {
      clearTimeout(timer);
      resolve();
    }
    this.waiting.clear();
  }
}
