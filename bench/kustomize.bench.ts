/**
 * Kustomize rendering (`npm run bench -- kustomize`, after `npm run build`; kubectl on PATH): a generated
 * repository of one 100-resource base and 20 overlays of it, each with a strategic merge patch.
 *   1. `meshwright analyze REPO` wall time as a fresh process: rendering the 20 overlays and analysing
 *      each, against `--no-render` (the files as written), median and p95;
 *   2. the language server, trusted workspace: the start-up (index, render, analyse, publish) and the
 *      edit-to-diagnostics latency when the base file used by the 20 overlays changes on disk
 *      (didChangeWatchedFiles to the publication carrying the new findings of all 20 overlays), p50/p95.
 * Figures only; the machine's load average is printed with them.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { LspTestClient, fileUri } from '../test/lsp/support/lsp-test-client';
import { generateMeshDocuments, joinDocuments } from './analysis-corpus';
import { formatMs, measure, percentile, printTimings, runsFromEnvironment } from './benchmark';

export const name = 'kustomize';
export const description =
  'analyze a repository of 20 Kustomize overlays of a 100-resource base (CLI), and the language server’s latency when the base changes';

const REPO = path.resolve(__dirname, '..');
const BIN = path.join(REPO, 'bin', 'meshwright.js');
const OVERLAYS = 20;
const RESOURCES = 100;

export async function run(): Promise<void> {
  if (!fs.existsSync(path.join(REPO, 'dist', 'server', 'cli.js'))) {
    throw new Error('dist/server/cli.js is missing: run `npm run build` before `npm run bench -- kustomize`');
  }
  const load = (): string =>
    os
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(' ');
  console.log(`machine: ${os.availableParallelism()} CPUs, load average ${load()}`);
  const repository = writeRepository();
  try {
    await cliWallTime(repository, runsFromEnvironment(5));
    await languageServer(repository, runsFromEnvironment(5) * 4);
  } finally {
    fs.rmSync(repository, { recursive: true, force: true });
  }
  console.log(`\nload average at the end: ${load()}`);
}

function writeRepository(): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'meshwright-bench-kustomize-'));
  fs.mkdirSync(path.join(root, 'base'));
  fs.writeFileSync(
    path.join(root, 'base', 'resources.yaml'),
    joinDocuments(generateMeshDocuments(RESOURCES)),
  );
  fs.writeFileSync(path.join(root, 'base', 'kustomization.yaml'), 'resources:\n  - resources.yaml\n');
  for (let index = 0; index < OVERLAYS; index++) {
    const overlay = path.join(root, 'overlays', `cluster-${String(index).padStart(2, '0')}`);
    fs.mkdirSync(overlay, { recursive: true });
    fs.writeFileSync(
      path.join(overlay, 'kustomization.yaml'),
      'resources:\n  - ../../base\npatches:\n  - path: connections.yaml\n',
    );
    fs.writeFileSync(
      path.join(overlay, 'connections.yaml'),
      `apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata:
  name: app-0
  namespace: team-0
spec:
  trafficPolicy:
    connectionPool:
      tcp:
        maxConnections: ${100 + index}
`,
    );
  }
  return root;
}

async function cliWallTime(repository: string, runs: number): Promise<void> {
  const analyze = (extra: string[]) => async (): Promise<void> => {
    const result = spawnSync(
      process.execPath,
      [BIN, 'analyze', '.', '--format', 'json', '--fail-on', 'none', ...extra],
      {
        cwd: repository,
        encoding: 'utf8',
        maxBuffer: 256 * 1024 * 1024,
      },
    );
    if (result.status !== 0)
      throw new Error(`meshwright analyze failed (${result.status}): ${result.stderr}`);
  };
  const rendered = await measure(`render ${OVERLAYS} overlays + analyse each`, runs, analyze([]));
  const plain = await measure('--no-render (files as written)', runs, analyze(['--no-render']));
  printTimings(`meshwright analyze, ${OVERLAYS} overlays of a ${RESOURCES}-resource base (fresh process)`, [
    rendered,
    plain,
  ]);
}

async function languageServer(repository: string, edits: number): Promise<void> {
  const started = performance.now();
  const client = await LspTestClient.start({
    workspaceFolders: [repository],
    initializationOptions: { validationDelayMs: 200, trustedWorkspace: true },
    progressSupport: true,
  });
  try {
    await client.waitForProgress(
      (reports) => reports.some((r) => r.value.kind === 'end'),
      'indexing',
      300_000,
    );
    const indexed = performance.now() - started;
    const baseFile = path.join(repository, 'base', 'resources.yaml');
    const baseUri = fileUri(baseFile);
    const original = fs.readFileSync(baseFile, 'utf8');
    const missingSubsets = (diagnostics: { code?: unknown; message: string }[]): number =>
      diagnostics.filter((d) => d.code === 'IST0101' && /subset v9 /.test(d.message)).length;
    // The overlays are rendered after the start-up publication: wait for the last overlay's findings.
    const lastOverlay = `overlays/cluster-${String(OVERLAYS - 1).padStart(2, '0')})`;
    await client.waitForDiagnostics(
      (p) => p.uri === baseUri && p.diagnostics.some((d) => d.message.includes(lastOverlay)),
      'the rendered overlays’ findings on the base',
      300_000,
    );
    console.log(
      `\nlanguage server start-up: indexed and published ${formatMs(indexed)}, ` +
        `${OVERLAYS} overlays rendered, analysed and published ${formatMs(performance.now() - started)}`,
    );
    const samples: number[] = [];
    for (let edit = 0; edit < edits; edit++) {
      const broken = edit % 2 === 0;
      const text = broken ? original.replace('subset: v1', 'subset: v9') : original;
      const since = client.published.length;
      const editStarted = performance.now();
      fs.writeFileSync(baseFile, text);
      await client.filesChanged([{ uri: baseUri, type: 2 }]);
      await client.latestDiagnostics(
        baseUri,
        (p) => missingSubsets(p.diagnostics) === (broken ? OVERLAYS : 0),
        `the ${OVERLAYS} overlays' findings after edit ${edit}`,
        since,
        120_000,
      );
      samples.push(performance.now() - editStarted);
    }
    console.log(
      `base file used by ${OVERLAYS} overlays changed on disk -> diagnostics of all ${OVERLAYS}: ` +
        `p50 ${formatMs(percentile(samples, 50))}, p95 ${formatMs(percentile(samples, 95))} (${samples.length} edits; goal p95 < 500 ms)`,
    );
  } finally {
    await client.stop();
  }
}
