/**
 * Live topology discovery against a generated mesh served by meshwright-sim in a child process:
 *   0. the bytes one cluster serves to discovery's lists (on the wire, as JSON, and left to parse once the
 *      byte pruner has run), by kind: the generated workloads are sized like real ones;
 *   1. initial sync of 50 clusters x 500 services (+ 2 pods each, Deployments, istiod, gateways, remote
 *      secrets, DestinationRules): time to the first complete snapshot and peak RSS of the discovering
 *      process (goal <= 3 s, <= 400 MB);
 *   2. watch event -> new snapshot published with the change (p50/p95; goal <= 200 ms for the whole path
 *      to re-published diagnostics: this measures up to the snapshot change event, which the analysis
 *      integration consumes; the change feed is included: each sample is an isolated change, as a user's
 *      apply is, spaced from the previous one by more than the feed's quiet period);
 *   3. the one-shot read of the same mesh, as `meshwright topology` pays it; run before 1, so that the
 *      simulator, which shares the machine's cores, has compressed its list pages once (gzip, as an API
 *      server does on its own machine) and 1 measures the discovering side;
 *   4. the whole path of the 200 ms goal in the language server: an object created through the API until
 *      the authored file that depends on it is re-published (bench/watch-diagnostics.ts).
 * BENCH_TOPOLOGY_SHAPE overrides the mesh, e.g. `clusters=10,services=100,pods=2,networks=2,objects=small`;
 * BENCH_TOPOLOGY_CPU_PROF=DIR writes CPU profiles of (1) and (3) there.
 */
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { build } from 'esbuild';
import { formatMs, percentile, runsFromEnvironment } from './benchmark';
import { type ListBytes } from './list-bytes';
import { watchToDiagnostics } from './watch-diagnostics';

export const name = 'topology';
export const description =
  'live discovery: initial sync of 50 clusters x 500 services (time, peak RSS), watch event -> snapshot latency, one-shot read, watch event -> re-published diagnostics in the language server';

const SHAPE = process.env.BENCH_TOPOLOGY_SHAPE ?? 'clusters=50,services=500,pods=2,networks=5';

export async function run(): Promise<void> {
  const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'meshwright-bench-topology-'));
  const kubeconfig = path.join(directory, 'kubeconfig');
  let simulator: ReturnType<typeof spawn> | undefined;
  try {
    const [simulatorBundle, discoveryBundle] = await bundle();
    const simulatorStarted = performance.now();
    simulator = spawn(process.execPath, [simulatorBundle, '--generate', SHAPE, '--kubeconfig', kubeconfig], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    await ready(simulator);
    console.log(
      `\nmesh ${SHAPE}: simulator (child process) ready in ${formatMs(performance.now() - simulatorStarted)}`,
    );

    const read = figures(discoveryBundle, ['bytes', kubeconfig]) as ListBytes;
    const mib = (bytes: number): string => `${(bytes / 1048576).toFixed(1)} MiB`;
    console.log(
      `\n(0) bytes read per cluster (${read.cluster}, ${read.objects} objects listed in pages of 500, gzip accepted)`,
    );
    console.log(
      `  on the wire ${mib(read.wireBytes)}   JSON ${mib(read.jsonBytes)}   left to parse after the byte pruner ${mib(read.parsedBytes)}`,
    );
    console.log(
      `  JSON by kind: ${read.byKind
        .slice(0, 5)
        .map(
          (kind) =>
            `${kind.kind} ${mib(kind.jsonBytes)} (${kind.objects}, ${(kind.jsonBytes / kind.objects / 1024).toFixed(1)} KiB each)`,
        )
        .join(', ')}`,
    );

    // The byte count and the one-shot read go first: the simulator then serves the live sync from list pages
    // it has already compressed, as API servers on machines of their own would (here its CPU is the
    // discovering side's).
    type OneShot = { ms: number; cpuMs: number; rss: number; objects: number; unsynced: string[] };
    const oneShot = figures(
      discoveryBundle,
      ['oneshot', kubeconfig],
      undefined,
      profileArguments('oneshot'),
    ) as OneShot;
    // The same read once the simulator's pages are compressed, pruning managedFields and last-applied
    // annotations only (as before the resources named their own unread members), then everything.
    const bulkyOnly = figures(discoveryBundle, ['oneshot', kubeconfig, 'bulky']) as OneShot;
    const pruned = figures(discoveryBundle, ['oneshot', kubeconfig]) as OneShot;
    const samples = runsFromEnvironment(30);
    const live = figures(
      discoveryBundle,
      ['live', kubeconfig, String(samples)],
      simulator.pid,
      profileArguments('live'),
    ) as {
      syncMs: number;
      syncCpuMs: number;
      simulatorSyncCpuMs: number | null;
      syncRss: number;
      retainedHeapMiB: number;
      finalRss: number;
      clusters: number;
      objects: number;
      unsynced: string[];
      latencies: number[];
    };
    console.log(
      '\n(1) initial sync, discovering process (list + watch, all clusters in parallel; after (3), see there)',
    );
    console.log(
      `  first complete snapshot  ${formatMs(live.syncMs)}   (${live.clusters} clusters, ${live.objects} objects kept)`,
    );
    console.log(
      `  CPU time of discovery    ${formatMs(live.syncCpuMs)}   (the rest of the wall time is the simulator serving)`,
    );
    if (live.simulatorSyncCpuMs !== null) {
      // Both processes need the machine's cores for that long: no sync here can be shorter than this.
      const cores = os.availableParallelism();
      const floor = (live.syncCpuMs + live.simulatorSyncCpuMs) / cores;
      console.log(
        `  CPU time of simulator    ${formatMs(live.simulatorSyncCpuMs)}   (same machine: the sync cannot take less than ${formatMs(floor)} on ${cores} cores)`,
      );
    }
    console.log(
      `  peak RSS at first sync   ${live.syncRss.toFixed(0)} MiB   (end of run: ${live.finalRss.toFixed(0)} MiB)`,
    );
    console.log(
      `  heap kept after a GC     ${live.retainedHeapMiB.toFixed(0)} MiB   (the snapshot itself; the peak is parsing garbage and TLS)`,
    );
    if (live.unsynced.length > 0) console.log(`  not synced: ${live.unsynced.join('; ')}`);
    console.log(
      `\n(2) watch event -> snapshot change event (${live.latencies.length} objects created through the API)`,
    );
    console.log(
      `  p50 ${formatMs(percentile(live.latencies, 50))}   p95 ${formatMs(percentile(live.latencies, 95))}   max ${formatMs(Math.max(...live.latencies))}`,
    );
    console.log(
      '  (isolated changes: includes the API call, the watch delivery and the change feed; diagnostics not included)',
    );

    console.log(
      '\n(3) one-shot read (meshwright topology / analyze --kubeconfig), fresh process, run after (0) and before (1)',
    );
    console.log(
      `  all clusters listed      ${formatMs(oneShot.ms)}   CPU ${formatMs(oneShot.cpuMs)}   peak RSS ${oneShot.rss.toFixed(0)} MiB   (${oneShot.objects} objects)`,
    );
    console.log('  again, the pages compressed: what the byte pruner cuts out before parsing');
    for (const [label, read] of [
      ['managedFields, last-applied', bulkyOnly],
      ['and unread pod members', pruned],
    ] as const) {
      console.log(
        `  ${label.padEnd(28)} ${formatMs(read.ms)}   CPU ${formatMs(read.cpuMs)}   peak RSS ${read.rss.toFixed(0)} MiB   (${read.objects} objects)`,
      );
    }
    if (oneShot.unsynced.length > 0) console.log(`  not complete: ${oneShot.unsynced.join('; ')}`);

    const watch = await watchToDiagnostics(kubeconfig, Math.min(samples, 20));
    console.log(
      '\n(4) watch event -> re-published diagnostics, in the language server (dist/server/server.js)',
    );
    console.log(
      `  first analysis published ${formatMs(watch.firstAnalysisMs)} after initialize (sync + analysis of the whole mesh)`,
    );
    console.log(
      `  p50 ${formatMs(percentile(watch.latencies, 50))}   p95 ${formatMs(percentile(watch.latencies, 95))}   max ${formatMs(Math.max(...watch.latencies))}   (${watch.latencies.length} DestinationRules created; goal 200 ms)`,
    );
    console.log(
      '  (isolated changes: API call, watch delivery, change feed, analysis of the new snapshot, publishDiagnostics)',
    );
  } finally {
    simulator?.kill('SIGTERM');
    fs.rmSync(directory, { recursive: true, force: true });
  }
}

/**
 * Bundles the simulator CLI and the discovery entry, like the shipped bundles (no tsx at run time), into
 * out/ (git-ignored) inside the package: the simulator finds its demo and schema folders from there.
 */
async function bundle(): Promise<[string, string]> {
  const root = path.resolve(__dirname, '..');
  const directory = path.join(root, 'out', 'bench-topology');
  const outputs: [string, string] = [path.join(directory, 'sim.js'), path.join(directory, 'discover.js')];
  const entries = [
    path.join(root, 'simulator/src/cli/main.ts'),
    path.join(__dirname, 'topology-discovery-entry.ts'),
  ];
  for (const [index, entry] of entries.entries()) {
    await build({
      entryPoints: [entry],
      bundle: true,
      platform: 'node',
      target: 'node20',
      format: 'cjs',
      mainFields: ['module', 'main'],
      outfile: outputs[index],
      logLevel: 'error',
    });
  }
  return outputs;
}

function ready(child: ReturnType<typeof spawn>): Promise<void> {
  return new Promise((resolve, reject) => {
    let output = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (/ready/.test(output)) resolve();
    });
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('exit', (code) => reject(new Error(`the simulator exited (${code}): ${output}`)));
  });
}

/**
 * `--cpu-prof` into BENCH_TOPOLOGY_CPU_PROF (a directory), named after the step, when that is set: the
 * profile says which share of discovery's CPU time goes to inflating, pruning, parsing and slimming.
 */
function profileArguments(step: string): string[] {
  const directory = process.env.BENCH_TOPOLOGY_CPU_PROF;
  return directory ? ['--cpu-prof', `--cpu-prof-dir=${directory}`, `--cpu-prof-name=${step}.cpuprofile`] : [];
}

function figures(
  bundlePath: string,
  args: string[],
  simulatorPid?: number,
  nodeArguments: string[] = [],
): unknown {
  // --expose-gc only to measure what the snapshot keeps once garbage is collected.
  const child = spawnSync(process.execPath, ['--expose-gc', ...nodeArguments, bundlePath, ...args], {
    encoding: 'utf8',
    env: {
      ...process.env,
      MESHWRIGHT_SCHEMAS_DIR: path.resolve(__dirname, '..', 'schemas'),
      ...(simulatorPid ? { MESHWRIGHT_BENCH_SIMULATOR_PID: String(simulatorPid) } : {}),
    },
    maxBuffer: 16 * 1024 * 1024,
  });
  if (child.status !== 0) throw new Error(`discovery process failed: ${child.stderr}`);
  return JSON.parse(child.stdout) as unknown;
}
