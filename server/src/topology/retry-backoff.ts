/**
 * Exponential backoff with jitter, capped: how long to wait before the next attempt after a failure. The
 * jitter (±20%) keeps many watchers that failed together (a restarted API server) from retrying in step.
 */

export interface BackoffSettings {
  /** First delay, in milliseconds. */
  readonly initialMs: number;
  /** Longest delay, in milliseconds. */
  readonly maxMs: number;
}

export const DEFAULT_BACKOFF: BackoffSettings = { initialMs: 1_000, maxMs: 15_000 };

export class RetryBackoff {
  private failures = 0;

  constructor(
    private readonly settings: BackoffSettings = DEFAULT_BACKOFF,
    private readonly random: () => number = Math.random,
  ) {}

  /** The delay before the next attempt; each call counts one more failure. */
  next(): number {
    const base = Math.min(this.settings.maxMs, this.settings.initialMs * 2 ** Math.min(this.failures, 30));
    this.failures += 1;
    const jitter = 1 + (this.random() * 2 - 1) * 0.2;
    return Math.round(Math.min(this.settings.maxMs, base * jitter));
  }

  reset(): void {
    this.failures = 0;
  }
}

/** Resolves after `ms`, or at once when the signal aborts (then the caller sees `signal.aborted`). */
export function waitOrAbort(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const timer = setTimeout(done, ms);
    function done(): void {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done, { once: true });
  });
}
