/**
 * The shape of a benchmark module and the small measuring kit they share. A module is any
 * `bench/<name>.bench.ts` exporting `name`, `description` and `run()`; bench/run.ts finds it by itself.
 * Benchmarks print figures; they never assert (timing goals are read by people, not tests).
 */
export interface BenchmarkModule {
  /** What `npm run bench -- <name>` selects. */
  readonly name: string;
  readonly description: string;
  run(): Promise<void>;
}

export interface Timing {
  readonly label: string;
  readonly samples: readonly number[];
  readonly median: number;
  readonly p95: number;
}

/** Runs `body` `runs` times (after `warmups` unmeasured runs) and returns its wall-clock times in ms. */
export async function measure(
  label: string,
  runs: number,
  body: (run: number) => Promise<unknown>,
  warmups = 1,
): Promise<Timing> {
  for (let i = 0; i < warmups; i++) await body(-1 - i);
  const samples: number[] = [];
  for (let run = 0; run < runs; run++) {
    const start = performance.now();
    await body(run);
    samples.push(performance.now() - start);
  }
  return { label, samples, median: percentile(samples, 50), p95: percentile(samples, 95) };
}

/**
 * Measures several variants in turns (a, b, c, then b, c, a, ...) rather than one after the other, so a
 * change in machine load during the benchmark hits every variant alike and their ratio stays meaningful.
 */
export async function measureInterleaved(
  runs: number,
  variants: readonly { readonly label: string; readonly body: (run: number) => Promise<unknown> }[],
  warmups = 1,
): Promise<Timing[]> {
  for (const variant of variants) for (let i = 0; i < warmups; i++) await variant.body(-1 - i);
  const samples = variants.map(() => [] as number[]);
  for (let run = 0; run < runs; run++) {
    for (let turn = 0; turn < variants.length; turn++) {
      const index = (run + turn) % variants.length;
      const start = performance.now();
      await (variants[index] as (typeof variants)[number]).body(run);
      (samples[index] as number[]).push(performance.now() - start);
    }
  }
  return variants.map((variant, index) => {
    const taken = samples[index] as number[];
    return {
      label: variant.label,
      samples: taken,
      median: percentile(taken, 50),
      p95: percentile(taken, 95),
    };
  });
}

/** Nearest-rank percentile. */
export function percentile(samples: readonly number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[rank - 1] ?? NaN;
}

export function formatMs(ms: number): string {
  return ms >= 100 ? `${ms.toFixed(0)} ms` : ms >= 10 ? `${ms.toFixed(1)} ms` : `${ms.toFixed(2)} ms`;
}

/** Prints timings as an aligned table: label, median, p95, runs. */
export function printTimings(title: string, timings: readonly Timing[]): void {
  const width = Math.max(...timings.map((timing) => timing.label.length), 10);
  console.log(`\n${title}`);
  console.log(`  ${'path'.padEnd(width)}  ${'median'.padStart(10)}  ${'p95'.padStart(10)}  runs`);
  for (const timing of timings) {
    console.log(
      `  ${timing.label.padEnd(width)}  ${formatMs(timing.median).padStart(10)}  ${formatMs(timing.p95).padStart(10)}  ${timing.samples.length}`,
    );
  }
}

/** Runs per measurement: BENCH_RUNS overrides the module's default. */
export function runsFromEnvironment(fallback: number): number {
  const requested = Number(process.env.BENCH_RUNS);
  return Number.isInteger(requested) && requested > 0 ? requested : fallback;
}
