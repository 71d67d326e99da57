/**
 * Decides *when* an open document is validated, independent of LSP and of what validation means:
 * - a change waits for a quiet period (debounce, ~200 ms) so typing does not validate every keystroke;
 * - open, save and settings changes validate at once (and cancel a pending debounce);
 * - one URI is never validated twice at the same time: a request during a run queues one re-run;
 * - a result whose document changed meanwhile (or was closed) is dropped, never published;
 * - closing a document clears its diagnostics.
 * Time comes from an injected Timers, so tests drive it with a fake clock instead of sleeping.
 */
import { type Timers, systemTimers } from './timers';

/** Re-exported for the scheduler's users, who inject it. */
export { type Timers } from './timers';

/** What the scheduler needs to know about an open document. */
export interface DocumentSnapshot {
  readonly version: number;
  readonly text: string;
}

export interface ValidationSchedulerOptions<Result> {
  /** Quiet period after a change before validating. */
  readonly delayMs: number;
  readonly timers?: Timers;
  /** The document as it is now, or undefined when it is not open (or not ours to validate). */
  readonly snapshot: (uri: string) => DocumentSnapshot | undefined;
  readonly validate: (uri: string, text: string, version: number) => Promise<Result>;
  readonly publish: (uri: string, version: number, result: Result) => void;
  /** Called when a document closes: remove what was published for it. */
  readonly clear: (uri: string) => void;
  readonly onError?: (uri: string, error: unknown) => void;
}

interface UriState {
  timer: unknown;
  running: boolean;
  /** Another run was requested while one was in progress. */
  rerun: boolean;
  /** The version the latest run started on: a change notification for it needs no new run. */
  requestedVersion: number | undefined;
  /** Bumped on close, so a run that started before a close (and reopen) cannot publish. */
  epoch: number;
}

export class ValidationScheduler<Result> {
  private readonly states = new Map<string, UriState>();
  private readonly timers: Timers;

  constructor(private readonly options: ValidationSchedulerOptions<Result>) {
    this.timers = options.timers ?? systemTimers;
  }

  /** The document changed: validate once it has been quiet for `delayMs`. */
  changed(uri: string): void {
    const current = this.options.snapshot(uri);
    if (!current) return;
    const state = this.stateOf(uri);
    // TextDocuments reports the opening text as a change too; the open already validated that version.
    if (state.requestedVersion === current.version && state.timer === undefined) return;
    this.cancelTimer(state);
    state.timer = this.timers.setTimeout(() => {
      state.timer = undefined;
      this.run(uri, state);
    }, this.options.delayMs);
  }

  /** Validate now (open, save, settings change): no debounce. */
  now(uri: string): void {
    if (!this.options.snapshot(uri)) return;
    const state = this.stateOf(uri);
    this.cancelTimer(state);
    this.run(uri, state);
  }

  closed(uri: string): void {
    const state = this.states.get(uri);
    if (state) {
      this.cancelTimer(state);
      state.epoch++;
      state.rerun = false;
      state.requestedVersion = undefined;
      if (!state.running) this.states.delete(uri);
    }
    this.options.clear(uri);
  }

  /** True while no run is in progress or waiting for its debounce (for tests and benchmarks). */
  isIdle(): boolean {
    for (const state of this.states.values()) if (state.running || state.timer !== undefined) return false;
    return true;
  }

  dispose(): void {
    for (const state of this.states.values()) this.cancelTimer(state);
    this.states.clear();
  }

  private run(uri: string, state: UriState): void {
    if (state.running) {
      state.rerun = true;
      return;
    }
    state.running = true;
    void this.loop(uri, state);
  }

  private async loop(uri: string, state: UriState): Promise<void> {
    try {
      do {
        state.rerun = false;
        const snapshot = this.options.snapshot(uri);
        if (!snapshot) break;
        const epoch = state.epoch;
        state.requestedVersion = snapshot.version;
        let result: Result;
        try {
          result = await this.options.validate(uri, snapshot.text, snapshot.version);
        } catch (error) {
          this.options.onError?.(uri, error);
          continue;
        }
        // Superseded: the text changed (a debounce or re-run will validate it) or the document closed.
        if (state.epoch !== epoch || this.options.snapshot(uri)?.version !== snapshot.version) continue;
        this.options.publish(uri, snapshot.version, result);
      } while (state.rerun);
    } finally {
      state.running = false;
      if (!this.options.snapshot(uri) && state.timer === undefined) this.states.delete(uri);
    }
  }

  private stateOf(uri: string): UriState {
    let state = this.states.get(uri);
    if (!state) {
      state = { timer: undefined, running: false, rerun: false, requestedVersion: undefined, epoch: 0 };
      this.states.set(uri, state);
    }
    return state;
  }

  private cancelTimer(state: UriState): void {
    if (state.timer !== undefined) this.timers.clearTimeout(state.timer);
    state.timer = undefined;
  }
}
