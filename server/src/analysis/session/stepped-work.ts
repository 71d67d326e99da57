/**
 * Work done in steps: a generator that yields between bounded pieces of work. The language server runs
 * a big refresh (the first snapshot of fifty clusters is hundreds of thousands of analyses) a step at a
 * time, answering requests in between; everyone else drains it at once.
 */
export type Steps<T> = Generator<void, T, void>;

/** Runs the remaining steps now and returns the result. */
export function drain<T>(steps: Steps<T>): T {
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/** Work between two steps: short enough that a request waiting for the event loop is not noticed. */
export const STEP_MS = 10;

/**
 * When a step has had its time. Measured in time rather than in items: analyses range from microseconds
 * to a hundred milliseconds (a namespace of fifty clusters). Use, between two pieces of work:
 * `if (timer.due()) yield* timer.nextStep();` (the check first: a generator per piece would cost more
 * than the piece in the hottest loops).
 */
export class StepTimer {
  private started = performance.now();

  /** `stepMs` 0: a step per item (the tests, to interleave at every point). */
  constructor(private readonly stepMs: number = STEP_MS) {}

  due(): boolean {
    return performance.now() - this.started >= this.stepMs;
  }

  /** Ends this step (yields) and starts the next one's clock. */
  *nextStep(): Steps<void> {
    yield;
    this.started = performance.now();
  }
}

/**
 * One run of stepped work that others may complete early: whoever needs its result before the runner's
 * next step calls complete(), and the runner learns that its run is over (run() returns undefined).
 * AnalysisSession keeps its stepped refresh here, so nobody ever reads a half-done analysis.
 */
export class InterruptibleRun<T> {
  private running: Steps<T> | undefined;

  /** `steps` a step at a time; their result, or undefined when complete() ran them meanwhile. */
  *run(steps: Steps<T>): Steps<T | undefined> {
    this.running = steps;
    for (;;) {
      if (this.running !== steps) return undefined;
      let step: IteratorResult<void, T>;
      try {
        step = steps.next();
      } catch (error) {
        // A run that failed is over: nobody may try to complete it.
        this.running = undefined;
        throw error;
      }
      if (step.done) {
        this.running = undefined;
        return step.value;
      }
      yield;
    }
  }

  /** Runs what is left of the current run now: its result, or undefined when none is running. */
  complete(): T | undefined {
    const steps = this.running;
    if (!steps) return undefined;
    this.running = undefined;
    return drain(steps);
  }
}
