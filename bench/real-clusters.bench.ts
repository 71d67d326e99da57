/**
 * Meshwright beside the real tools, in one run (`npm run bench -- real-clusters`; needs `npm run build`
 * and `npm run build:real-clusters`):
 *   1. offline: `meshwright analyze` vs `istioctl analyze --use-kube=false` on the same 1,000-resource
 *      file, a fresh process each, interleaved; wall time and peak RSS, and their ratio. istioctl drops
 *      Services, Pods, Namespaces, Nodes and Secrets from files and skips the analyzers that need them,
 *      so it does less work on the same input (docs/diagnostics.md, "Agreement with istioctl");
 *   2. live: the demo mesh on real API servers with the same 1,000 resources seeded into east;
 *      `meshwright analyze --kubeconfig` (all three clusters) vs `istioctl analyze --context east
 *      --remote-contexts west,edge`;
 *   3. the first complete topology snapshot of those servers (`meshwright topology`, a fresh process;
 *      and discovery in-process) vs `kubectl get` of the same types, one kubectl per cluster in parallel.
 * Figures only; the load average is printed, since a busy machine skews them.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import YAML from 'yaml';
import { discoverTopology } from '../server/src/topology/discover-topology';
import { watchedResources } from '../server/src/topology/watched-resources';
import { realBinaries } from '../test/real/support/binaries';
import { RealControlPlane } from '../test/real/support/control-plane';
import { demoMesh } from '../test/real/support/meshes';
import { type KubeManifest } from '../test/real/support/rbac';
import { ResourcePaths } from '../test/real/support/resource-paths';
import { seedObjects } from '../test/real/support/seed';
import { formatMs, percentile, runsFromEnvironment } from './benchmark';
import { meshFile } from './cli-corpus';

export const name = 'real-clusters';
export const description =
  'meshwright vs istioctl analyze (offline, 1,000 resources; live, real API servers), first topology snapshot vs kubectl get';

const REPO = path.resolve(__dirname, '..');
const BIN = path.join(REPO, 'bin', 'meshwright.js');

interface ProcessRun {
  readonly wallMs: number;
  readonly peakRssMiB: number;
  readonly code: number | null;
  readonly stderr: string;
}

/** One process under GNU time (peak RSS of the process, threads included); resolves when it exits. */
function timed(
  command: string,
  args: readonly string[],
  env: NodeJS.ProcessEnv = process.env,
): Promise<ProcessRun> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn('/usr/bin/time', ['-f', 'peak-rss-kib=%M', command, ...args], {
      env,
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      const peak = /peak-rss-kib=(\d+)/.exec(stderr);
      resolve({
        wallMs: performance.now() - started,
        peakRssMiB: Number(peak?.[1] ?? 0) / 1024,
        code,
        stderr,
      });
    });
  });
}

interface Series {
  readonly label: string;
  readonly walls: number[];
  readonly rss: number[];
}

/** Runs each variant `runs` times in turns (a b, b a, ...) so load changes hit both alike. */
async function interleaved(
  runs: number,
  variants: readonly { label: string; run: () => Promise<ProcessRun> }[],
): Promise<Series[]> {
  const series = variants.map((variant) => ({
    label: variant.label,
    walls: [] as number[],
    rss: [] as number[],
  }));
  for (const variant of variants) await variant.run(); // warm-up: page cache, V8 code cache
  for (let round = 0; round < runs; round++) {
    for (let turn = 0; turn < variants.length; turn++) {
      const index = (round + turn) % variants.length;
      const result = await (variants[index] as (typeof variants)[number]).run();
      if (result.code !== 0 && result.code !== 1 && result.code !== 79) {
        throw new Error(
          `${variants[index]?.label} failed (exit ${result.code}): ${result.stderr.slice(0, 500)}`,
        );
      }
      series[index]?.walls.push(result.wallMs);
      series[index]?.rss.push(result.peakRssMiB);
    }
  }
  return series;
}

function report(series: readonly Series[]): void {
  for (const { label, walls, rss } of series) {
    console.log(
      `  ${label.padEnd(48)} median ${formatMs(percentile(walls, 50)).padStart(8)}  p95 ${formatMs(percentile(walls, 95)).padStart(8)}  peak RSS ${Math.max(...rss).toFixed(0)} MiB`,
    );
  }
  const [ours, theirs] = series;
  if (ours && theirs) {
    const wall = percentile(ours.walls, 50) / percentile(theirs.walls, 50);
    const rss = Math.max(...ours.rss) / Math.max(...theirs.rss);
    console.log(
      `  ratio ${ours.label.split(' ')[0]} / ${theirs.label.split(' ')[0]}: wall ${wall.toFixed(2)}, peak RSS ${rss.toFixed(2)}`,
    );
  }
}

function loadAverage(): string {
  return os
    .loadavg()
    .map((load) => load.toFixed(2))
    .join(' ');
}

export async function run(): Promise<void> {
  if (!fs.existsSync(path.join(REPO, 'dist', 'server', 'cli.js'))) {
    throw new Error(
      'dist/server/cli.js is missing: run `npm run build` before `npm run bench -- real-clusters`',
    );
  }
  const { istioctl } = realBinaries();
  const runs = runsFromEnvironment(5);
  console.log(`machine: ${os.availableParallelism()} CPUs, load average ${loadAverage()}`);
  const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'meshwright-bench-real-'));
  let plane: RealControlPlane | undefined;
  try {
    const corpus = path.join(directory, 'mesh.yaml');
    fs.writeFileSync(corpus, meshFile(1_000, 'real'));

    console.log('\n(1) offline, 1,000 resources in one file, a fresh process each run');
    report(
      await interleaved(runs, [
        {
          label: 'meshwright analyze --offline',
          run: () => timed(process.execPath, [BIN, 'analyze', '--offline', corpus]),
        },
        {
          label: 'istioctl analyze --use-kube=false -A',
          run: () => timed(istioctl, ['analyze', '--use-kube=false', '-A', corpus]),
        },
      ]),
    );

    const startedAt = performance.now();
    plane = await RealControlPlane.start(demoMesh());
    const east = plane.cluster('east').rest('admin');
    const objects = YAML.parseAllDocuments(fs.readFileSync(corpus, 'utf8')).map(
      (d) => d.toJS() as KubeManifest,
    );
    await seedObjects(east, new ResourcePaths(east), objects);
    console.log(
      `\n(2) live: the demo mesh on real API servers (started and seeded with ${objects.length} more objects in east in ${formatMs(performance.now() - startedAt)})`,
    );
    const admin = plane.kubeconfig('admin');
    const isolated = { ...process.env, HOME: directory, KUBECONFIG: '' };
    report(
      await interleaved(runs, [
        {
          label: 'meshwright analyze --kubeconfig (3 clusters)',
          run: () => timed(process.execPath, [BIN, 'analyze', '--kubeconfig', admin, corpus], isolated),
        },
        {
          label: 'istioctl analyze --remote-contexts (3 clusters)',
          run: () =>
            timed(
              istioctl,
              [
                'analyze',
                '--kubeconfig',
                admin,
                '--context',
                'east',
                '--remote-contexts',
                'west,edge',
                '-A',
                corpus,
              ],
              isolated,
            ),
        },
      ]),
    );

    console.log(
      '\n(3) first complete topology snapshot of the three real servers vs kubectl get of the same types',
    );
    const types = kubectlTypes();
    const kubectlAll = async (): Promise<ProcessRun> => {
      const started = performance.now();
      const all = await Promise.all(
        plane!.clusterNames.map((cluster) =>
          timed(
            'kubectl',
            ['--kubeconfig', admin, '--context', cluster, 'get', types, '-A', '-o', 'json'],
            isolated,
          ),
        ),
      );
      const failed = all.find((result) => result.code !== 0);
      return {
        wallMs: performance.now() - started,
        peakRssMiB: all.reduce((sum, result) => sum + result.peakRssMiB, 0),
        code: failed?.code ?? 0,
        stderr: failed?.stderr ?? '',
      };
    };
    report(
      await interleaved(runs, [
        {
          label: 'meshwright topology (fresh process)',
          run: () =>
            timed(process.execPath, [BIN, 'topology', '--kubeconfig', admin, '--format', 'json'], isolated),
        },
        { label: 'kubectl get, one per cluster in parallel', run: kubectlAll },
      ]),
    );
    const inProcess: number[] = [];
    for (let round = 0; round < runs; round++) {
      const started = performance.now();
      await discoverTopology({ kubeconfig: admin, timeoutMs: 60_000 });
      inProcess.push(performance.now() - started);
    }
    console.log(
      `  discovery in-process (no process start-up)          median ${formatMs(percentile(inProcess, 50)).padStart(8)}  (kubectl RSS above is the sum of its three processes)`,
    );
  } finally {
    await plane?.stop();
    fs.rmSync(directory, { recursive: true, force: true });
  }
  console.log(`\nload average at the end: ${loadAverage()}`);
}

/** The types discovery reads, as one `kubectl get` argument (Istio kinds by plural.group). */
function kubectlTypes(): string {
  const seen = new Set<string>();
  for (const resource of watchedResources()) {
    seen.add(resource.group ? `${resource.plural}.${resource.group}` : resource.plural);
  }
  return [...seen].join(',');
}
