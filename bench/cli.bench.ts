/**
 * The user-facing figures of the CLI and the language server (`npm run bench -- cli`), against the built bundles (run
 * `npm run build` first):
 *   1. `meshwright analyze` wall time on 1,000 generated resources, as a fresh process (start-up
 *      included), median of N, with its peak RSS; also with the schema checks kept on one thread and
 *      without the V8 code cache, to show what each costs;
 *   2. the language server: a one-document edit in a 200-resource file inside a 2,000-resource workspace,
 *      didChange to publishDiagnostics (debounce 0), p50/p95; the start-up indexing time; how fast a
 *      request is answered while the workspace is being indexed; the server's peak RSS;
 *   3. full-file validation (schema + engine, what the server does for a file) as a ratio to
 *      yaml-language-server's schema validation of the same 1,000-resource file.
 * Figures only; the machine's load average is printed with them, since a busy machine skews them.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { getLanguageService } from 'yaml-language-server';
import { AnalysisSession } from '../server/src/analysis/session/analysis-session';
import { DISPATCHER_SCHEMA_URI, SchemaCatalog } from '../server/src/yaml/schema-catalog';
import { SchemaLanguageService } from '../server/src/yaml/schema-language-service';
import { LspTestClient, fileUri } from '../test/lsp/support/lsp-test-client';
import { formatMs, measureInterleaved, percentile, printTimings, runsFromEnvironment } from './benchmark';
import { meshDocuments, meshFile } from './cli-corpus';

export const name = 'cli';
export const description =
  'meshwright analyze on 1,000 resources (fresh process), language-server edit latency in a 2,000-resource workspace, full-file validation vs yaml-language-server, peak RSS';

const REPO = path.resolve(__dirname, '..');
const BIN = path.join(REPO, 'bin', 'meshwright.js');

export async function run(): Promise<void> {
  for (const bundle of ['cli.js', 'schema-worker.js', 'server.js']) {
    if (!fs.existsSync(path.join(REPO, 'dist', 'server', bundle))) {
      throw new Error(
        `dist/server/${bundle} is missing: run \`npm run build\` before \`npm run bench -- cli\``,
      );
    }
  }
  console.log(
    `machine: ${os.availableParallelism()} CPUs, load average ${os
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}`,
  );
  cliWallTime(runsFromEnvironment(9));
  await editLatency(runsFromEnvironment(9) * 5);
  await fullFileRatio(runsFromEnvironment(9));
  console.log(
    `\nload average at the end: ${os
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}`,
  );
}

/** (1) A fresh `meshwright analyze` per run, on a new 1,000-resource file (no warm caches but V8's code cache). */
function cliWallTime(runs: number): void {
  const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'meshwright-bench-cli-'));
  try {
    const variants: { label: string; env: Record<string, string> }[] = [
      { label: 'as shipped (code cache, worker threads)', env: {} },
      { label: 'schema checks on one thread', env: { MESHWRIGHT_SCHEMA_WORKERS: '0' } },
      { label: 'no V8 code cache', env: { MESHWRIGHT_CODE_CACHE: '0' } },
    ];
    const samples = variants.map(() => ({ walls: [] as number[], rss: [] as number[] }));
    let findings = '';
    // A first run fills the code cache after a build, as the first run of a user does.
    analyzeOnce(directory, 'warm-up', {});
    for (let run = 0; run < runs; run++) {
      variants.forEach((variant, index) => {
        const result = analyzeOnce(directory, `${run}-${index}`, variant.env);
        samples[index]?.walls.push(result.wallMs);
        samples[index]?.rss.push(result.peakRssMiB);
        findings = result.summary;
      });
    }
    console.log(
      `\n(1) meshwright analyze, 1,000 resources in one file, fresh process each run (${findings})`,
    );
    variants.forEach((variant, index) => {
      const { walls, rss } = samples[index] as { walls: number[]; rss: number[] };
      console.log(
        `  ${variant.label.padEnd(42)} median ${formatMs(percentile(walls, 50)).padStart(8)}  p95 ${formatMs(percentile(walls, 95)).padStart(8)}  peak RSS ${Math.max(...rss).toFixed(0)} MiB`,
      );
    });
  } finally {
    fs.rmSync(directory, { recursive: true, force: true });
  }
}

function analyzeOnce(
  directory: string,
  variant: string,
  env: Record<string, string>,
): { wallMs: number; peakRssMiB: number; summary: string } {
  const file = path.join(directory, 'mesh.yaml');
  fs.writeFileSync(file, meshFile(1_000, variant));
  const started = performance.now();
  // GNU time reports the peak RSS of the whole process, worker threads included.
  const child = spawnSync(
    '/usr/bin/time',
    ['-f', 'peak-rss-kib=%M', process.execPath, BIN, 'analyze', 'mesh.yaml'],
    {
      cwd: directory,
      encoding: 'utf8',
      env: { ...process.env, ...env },
    },
  );
  const wallMs = performance.now() - started;
  if (child.status !== 1 && child.status !== 0)
    throw new Error(`analyze failed (${child.status}): ${child.stderr}`);
  const peak = /peak-rss-kib=(\d+)/.exec(child.stderr);
  const summary = child.stderr.split('\n').find((line) => line.includes('analyzed')) ?? '';
  return { wallMs, peakRssMiB: Number(peak?.[1] ?? 0) / 1024, summary };
}

/** (2) The language server over stdio, a 2,000-resource workspace of 10 files, debounce 0. */
async function editLatency(edits: number): Promise<void> {
  const workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'meshwright-bench-lsp-'));
  let client: LspTestClient | undefined;
  try {
    const files = Array.from({ length: 10 }, (_, i) => {
      // Distinct names per file: every file holds its own applications, as in a real repository.
      const documents = meshDocuments(200, `part-${i}`).map((text) =>
        text.replace(/app-(\d+)/g, `app-${i}x$1`),
      );
      const file = path.join(workspace, `part-${i}.yaml`);
      fs.writeFileSync(file, documents.join('---\n'));
      return { file, text: documents.join('---\n') };
    });
    const started = performance.now();
    client = await LspTestClient.start({
      workspaceFolders: [workspace],
      initializationOptions: { validationDelayMs: 0 },
      progressSupport: true,
    });
    const initialized = performance.now() - started;
    // A request while the workspace is being indexed: answered between indexing steps.
    const hoverStarted = performance.now();
    await client.hover(fileUri(files[0]!.file), { line: 1, character: 2 });
    const hoverDuringIndexing = performance.now() - hoverStarted;
    await client.waitForProgress(
      (reports) => reports.some((r) => r.value.kind === 'end'),
      'indexing',
      120_000,
    );
    const indexed = performance.now() - started;

    const edited = files[0]!;
    const uri = fileUri(edited.file);
    await client.open(uri, edited.text);
    await client.diagnosticsFor(uri, 1, 60_000);
    // Alternate an edit that matters (a subset that does not exist) with one that does not (a weight).
    const variant = (run: number): string =>
      edited.text
        .replace('weight: 90', `weight: ${80 + (run % 10)}`)
        .replace(
          'subset: v2\n      timeout: 5s',
          `subset: ${run % 2 === 0 ? 'v9' : 'v2'}\n      timeout: 5s`,
        );
    const latencies: number[] = [];
    for (let run = 0; run < edits; run++) {
      const version = run + 2;
      const editStarted = performance.now();
      await client.change(uri, version, [{ text: variant(run) }]);
      await client.diagnosticsFor(uri, version, 60_000);
      if (run >= 3) latencies.push(performance.now() - editStarted); // the first edits warm the JIT
    }
    const peakRss = client.pid ? peakRssMiB(client.pid) : NaN;
    console.log(
      '\n(2) language server, 2,000-resource workspace (10 files), one-document edit in a 200-resource file',
    );
    console.log(`  initialize answered after         ${formatMs(initialized)}`);
    console.log(`  hover answered during indexing in ${formatMs(hoverDuringIndexing)}`);
    console.log(`  workspace indexed and published   ${formatMs(indexed)}`);
    console.log(
      `  didChange -> publishDiagnostics   p50 ${formatMs(percentile(latencies, 50))}  p95 ${formatMs(percentile(latencies, 95))}  (${latencies.length} edits, full-text sync)`,
    );
    console.log(`  server peak RSS                   ${peakRss.toFixed(0)} MiB`);
  } finally {
    await client?.stop();
    fs.rmSync(workspace, { recursive: true, force: true });
  }
}

function peakRssMiB(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const match = /^VmHWM:\s+(\d+) kB/m.exec(status);
  return match ? Number(match[1]) / 1024 : NaN;
}

/** (3) What the server does for a whole file (schema + engine, cold caches) vs yaml-language-server alone. */
async function fullFileRatio(runs: number): Promise<void> {
  const catalog = SchemaCatalog.load();
  const alone = getLanguageService({
    schemaRequestService: catalog.requestSchema,
    workspaceContext: { resolveRelativePath: (relative, resource) => new URL(relative, resource).toString() },
  });
  alone.configure({
    validate: true,
    completion: false,
    hover: false,
    format: false,
    isKubernetes: false,
    schemas: [{ uri: DISPATCHER_SCHEMA_URI, fileMatch: ['*'] }],
  });
  let version = 0;
  const timings = await measureInterleaved(
    runs,
    [
      {
        label: 'yaml-language-server schema validation',
        body: (run) =>
          alone.doValidation(
            TextDocument.create('file:///bench/alone.yaml', 'yaml', ++version, meshFile(1_000, `yls-${run}`)),
            false,
          ),
      },
      {
        label: 'Meshwright: schema + analysis engine',
        body: async (run) => {
          const text = meshFile(1_000, `meshwright-${run}`);
          const schema = new SchemaLanguageService({ catalog });
          const session = new AnalysisSession({ kubernetesState: 'auto' });
          session.setDocument('file:///bench/mesh.yaml', text);
          session.refresh();
          return [
            ...(await schema.validate('file:///bench/mesh.yaml', text)),
            ...session.diagnosticsFor('file:///bench/mesh.yaml'),
          ];
        },
      },
    ],
    2,
  );
  printTimings('(3) full-file validation of a 1,000-resource file, in process, cold result caches', timings);
  const [yls, meshwright] = timings;
  if (yls && meshwright)
    console.log(`  ratio Meshwright / yaml-language-server: ${(meshwright.median / yls.median).toFixed(2)}x`);
}
