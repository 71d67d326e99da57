/**
 * Time for the language server shell, in one place: the injectable `Timers` (so tests drive debounces
 * with a fake clock instead of sleeping), `yieldToEventLoop` (long work steps aside so requests such as
 * hover are answered in between), and `Throttle` (a notification the client hears at most once per
 * interval, however often its cause fires).
 */

export interface Timers {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const systemTimers: Timers = {
  setTimeout: (callback, ms) => setTimeout(callback, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

/** Resolves after the requests and I/O already queued have had their turn. */
export function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

export interface ThrottleOptions {
  /** The shortest time between two sends. */
  readonly intervalMs: number;
  readonly timers?: Timers;
  /** The clock the interval is measured on. */
  readonly now?: () => number;
}

/**
 * Sends at most once per interval: the first request after a quiet interval sends on the next turn,
 * requests while a send is pending join it, and a request soon after a send waits out the interval.
 * What to send is read at send time, so a burst of changes becomes one notification with all of them.
 */
export class Throttle {
  private timer: unknown;
  private lastSent = 0;
  private disposed = false;
  private readonly timers: Timers;
  private readonly now: () => number;

  constructor(
    private readonly send: () => void,
    private readonly options: ThrottleOptions,
  ) {
    this.timers = options.timers ?? systemTimers;
    this.now = options.now ?? Date.now;
  }

  request(): void {
    if (this.timer !== undefined || this.disposed) return;
    const wait = Math.max(0, this.lastSent + this.options.intervalMs - this.now());
    this.timer = this.timers.setTimeout(() => {
      this.timer = undefined;
      this.lastSent = this.now();
      this.send();
    }, wait);
  }

  dispose(): void {
    this.disposed = true;
    if (this.timer !== undefined) this.timers.clearTimeout(this.timer);
    this.timer = undefined;
  }
}
