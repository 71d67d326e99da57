/**
 * The extension in the real VS Code (code-server 1.100.3, Node extension host, headless Chromium):
 *   1. activation: `activate()` in a fresh extension host until the language server answered
 *      `initialize` (goal <= 300 ms), several samples, each a new workbench page;
 *   2. the Topology tree over a generated 50-cluster mesh (meshwright-sim --generate in a child process):
 *      from the topology in hand to every cluster node resolved with its TreeItem (goal <= 500 ms), and
 *      expanding all 50 clusters (their namespaces, one request each).
 * Measured inside the extension host by bench/extension-host/extension-bench-suite.ts (see there for what
 * is and is not included). Needs the e2e runtime (tools/e2e/install-runtime.sh) and `npm run build`.
 * BENCH_EXTENSION_SHAPE overrides the mesh, e.g. `clusters=10,services=50,pods=2,networks=2`.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { build } from 'esbuild';
import { startCodeServer } from '../tools/e2e/code-server';
import { runExtensionHostSuite } from '../tools/e2e/extension-host-run';
import { CODE_SERVER_READY_MARKER, REPO_ROOT } from '../tools/e2e/paths';
import { formatMs, percentile, runsFromEnvironment } from './benchmark';

export const name = 'extension';
export const description =
  'VS Code extension in code-server: activation time, Topology tree with 50 clusters (goals 300 ms, 500 ms)';

const SHAPE = process.env.BENCH_EXTENSION_SHAPE ?? 'clusters=50,services=100,pods=2,networks=5';

export async function run(): Promise<void> {
  if (
    !fs.existsSync(CODE_SERVER_READY_MARKER) ||
    !fs.existsSync(path.join(REPO_ROOT, 'dist/client/extension.js'))
  ) {
    console.log(
      '  skipped: needs the e2e runtime and the build (bash tools/e2e/install-runtime.sh && npm run build)',
    );
    return;
  }
  const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'meshwright-bench-extension-'));
  try {
    const suite = await bundleSuite(directory);
    await activation(directory, suite);
    await tree(directory, suite);
  } finally {
    fs.rmSync(directory, { recursive: true, force: true });
  }
}

async function activation(directory: string, suite: string): Promise<void> {
  const workspace = path.join(directory, 'empty-workspace');
  fs.mkdirSync(workspace, { recursive: true });
  const samples: number[] = [];
  const serverStarts: number[] = [];
  const ownWork: number[] = [];
  const registration: number[] = [];
  const runs = runsFromEnvironment(5);
  for (let index = 0; index < runs; index++) {
    // A fresh code-server per sample: nothing cached from an earlier extension host.
    const figures = await inExtensionHost(directory, `activation-${index}`, suite, workspace, {
      MESHWRIGHT_BENCH_MODE: 'activation',
    });
    samples.push(figures.activateMs as number);
    const split = activationLogLine(path.join(directory, `activation-${index}`));
    serverStarts.push(split.serverMs);
    ownWork.push((figures.activateMs as number) - split.serverMs);
    registration.push(split.registeredMs);
  }
  const line = (values: number[]): string =>
    `median ${formatMs(percentile(values, 50))}   min ${formatMs(Math.min(...values))}   max ${formatMs(Math.max(...values))}`;
  console.log(`\n(1) activation in a fresh extension host (${runs} samples, each a new code-server)`);
  console.log(`  activate() until the language client is ready   ${line(samples)}`);
  console.log(
    `  of which waiting for the language server        ${line(serverStarts)}   (spawn + initialize)`,
  );
  console.log(`  the extension's own part (load + activate)      ${line(ownWork)}   (goal <= 300 ms)`);
  console.log(`    of which registering commands, views, status  ${line(registration)}`);
}

async function tree(directory: string, suite: string): Promise<void> {
  const kubeconfig = path.join(directory, 'kubeconfig');
  const clusters = Number(/clusters=(\d+)/.exec(SHAPE)?.[1] ?? 0);
  const started = performance.now();
  const simulator = spawn(
    process.execPath,
    [path.join(REPO_ROOT, 'bin/meshwright-sim.js'), '--generate', SHAPE, '--kubeconfig', kubeconfig],
    {
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    },
  );
  try {
    await ready(simulator);
    console.log(
      `\nmesh ${SHAPE}: simulator (child process) ready in ${formatMs(performance.now() - started)}`,
    );
    const workspace = path.join(directory, 'mesh-workspace');
    fs.mkdirSync(path.join(workspace, '.vscode'), { recursive: true });
    fs.writeFileSync(
      path.join(workspace, '.vscode', 'settings.json'),
      JSON.stringify({ 'meshwright.kubeconfig': kubeconfig }),
    );
    const figures = await inExtensionHost(directory, 'tree', suite, workspace, {
      MESHWRIGHT_BENCH_MODE: 'tree',
      MESHWRIGHT_BENCH_CLUSTERS: String(clusters),
      MESHWRIGHT_BENCH_EXTENSION_ROOT: REPO_ROOT,
    });
    console.log(
      `\n(2) Topology tree, ${figures.clusters} clusters (TopologySource + TopologyTreeProvider in the extension host)`,
    );
    console.log(`  language server started     ${formatMs(figures.serverStartMs as number)}`);
    console.log(
      `  every cluster synced        ${formatMs(figures.topologySyncedMs as number)}   (discovery; the tree shows clusters as they connect)`,
    );
    console.log(
      `  roots -> all cluster nodes  ${formatMs(figures.treeMs as number)}   (getChildren + getTreeItem; goal <= 500 ms)`,
    );
    console.log(
      `  expand all clusters         ${formatMs(figures.expandAllMs as number)}   (${figures.namespaceRows} rows: control planes + namespaces)`,
    );
  } finally {
    try {
      if (simulator.pid) process.kill(-simulator.pid, 'SIGTERM');
    } catch {
      // already gone
    }
  }
}

/** One workbench page running the bench suite in its extension host; returns the figures it wrote. */
async function inExtensionHost(
  directory: string,
  runName: string,
  suite: string,
  workspace: string,
  env: Record<string, string>,
): Promise<Record<string, number>> {
  const runDir = path.join(directory, runName);
  fs.mkdirSync(runDir, { recursive: true });
  const output = path.join(runDir, 'figures.json');
  const server = await startCodeServer({ runDir, env: { ...env, MESHWRIGHT_BENCH_OUTPUT: output } });
  try {
    const result = await runExtensionHostSuite({
      server,
      workspace,
      suiteRunner: suite,
      outputDir: runDir,
      profileDir: path.join(runDir, 'chromium-profile'),
      timeoutMs: 180_000,
      name: 'bench',
    });
    if (!fs.existsSync(output)) {
      throw new Error(
        `the bench suite wrote no figures (exit ${result.exitCode}); see ${runDir}/bench-browser-console.log`,
      );
    }
    return JSON.parse(fs.readFileSync(output, 'utf8')) as Record<string, number>;
  } finally {
    await server.stop();
  }
}

/** The extension's own account of its activation, from its log (client/src/extension.ts). */
function activationLogLine(runDir: string): { registeredMs: number; serverMs: number } {
  const logs = path.join(runDir, 'user-data', 'logs');
  const files = (fs.readdirSync(logs, { recursive: true }) as string[]).filter(
    (file) => path.basename(file) === 'Meshwright.log',
  );
  for (const file of files) {
    const match = /registered in (\d+) ms; language server ready (\d+) ms later/.exec(
      fs.readFileSync(path.join(logs, file), 'utf8'),
    );
    if (match) return { registeredMs: Number(match[1]), serverMs: Number(match[2]) };
  }
  throw new Error(`no activation line in the Meshwright log under ${logs}`);
}

async function bundleSuite(directory: string): Promise<string> {
  const outfile = path.join(directory, 'suite', 'extension-bench-suite.js');
  await build({
    entryPoints: [path.join(__dirname, 'extension-host', 'extension-bench-suite.ts')],
    outfile,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    external: ['vscode'],
    mainFields: ['module', 'main'],
    logLevel: 'error',
  });
  return outfile;
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
