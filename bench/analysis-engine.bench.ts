/**
 * The analysis engine's figures:
 *   1. one-shot engine on 1,000 generated resources (mixed Kubernetes + Istio), in process, cold session;
 *   2. the same as a fresh node process (start-up + read + engine), as the CLI pays it, with peak RSS;
 *   3. the engine's full analysis of a 1,000-document file as a ratio to yaml-language-server's schema
 *      validation of the same file;
 *   4. re-analysis after a one-document edit in a 200-resource file inside a 2,000-resource workspace:
 *      engine alone, and engine + schema re-validation (what the language server does per edit);
 *   5. peak RSS of this process after holding the 2,000-resource workspace.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { build } from 'esbuild';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { getLanguageService } from 'yaml-language-server';
import { analyze } from '../server/src/analysis/engine';
import { AnalysisSession } from '../server/src/analysis/session/analysis-session';
import { DISPATCHER_SCHEMA_URI, SchemaCatalog } from '../server/src/yaml/schema-catalog';
import { SchemaLanguageService } from '../server/src/yaml/schema-language-service';
import { PUBLIC_GATEWAY, generateMeshDocuments, joinDocuments } from './analysis-corpus';
import { formatMs, measure, percentile, printTimings, runsFromEnvironment } from './benchmark';

export const name = 'analysis';
export const description =
  'analysis engine: 1,000 resources one-shot (in process and as a fresh process), ratio to yaml-language-server, one-document edit in a 2,000-resource workspace';

const meshFile = (count: number, variant: string): string =>
  joinDocuments([PUBLIC_GATEWAY, ...generateMeshDocuments(count - 1, variant)]);

export async function run(): Promise<void> {
  const runs = runsFromEnvironment(7);
  const catalog = SchemaCatalog.load();

  const oneShot = await measure('(1) engine, in process, cold session', runs, (run) =>
    Promise.resolve(analyze({ documents: [{ uri: 'mesh.yaml', text: meshFile(1_000, `one-shot-${run}`) }] })),
  );
  const alone = yamlLanguageServerAlone(catalog);
  const schema = await measure('(3) yaml-language-server alone, same file', runs, (run) =>
    alone.validate(meshFile(1_000, `yls-${run}`)),
  );
  printTimings('1,000 resources in one file', [oneShot, schema]);
  console.log(`  ratio engine / yaml-language-server: ${(oneShot.median / schema.median).toFixed(2)}x`);

  await freshProcess(runs);
  await editLatency(runs * 8, catalog);
  console.log(`\n(5) peak RSS of this process: ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MiB`);
}

/** (2) The engine as a new node process over a 1,000-resource file, like `meshwright analyze --offline`. */
async function freshProcess(runs: number): Promise<void> {
  const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'meshwright-bench-'));
  try {
    const bundle = path.join(directory, 'analyze.js');
    await build({
      entryPoints: [path.join(__dirname, 'analysis-cli-entry.ts')],
      bundle: true,
      platform: 'node',
      target: 'node20',
      outfile: bundle,
      logLevel: 'error',
    });
    const input = path.join(directory, 'mesh.yaml');
    const walls: number[] = [];
    const engine: number[] = [];
    let rss = 0;
    for (let run = 0; run < runs; run++) {
      fs.writeFileSync(input, meshFile(1_000, `process-${run}`));
      const started = performance.now();
      const child = spawnSync(process.execPath, [bundle, input], {
        encoding: 'utf8',
        env: { ...process.env, MESHWRIGHT_SCHEMAS_DIR: SchemaCatalog.load().directory },
      });
      walls.push(performance.now() - started);
      if (child.status !== 0) throw new Error(`analysis process failed: ${child.stderr}`);
      const figures = JSON.parse(child.stdout) as { engineMs: number; maxRssMiB: number };
      engine.push(figures.engineMs);
      rss = Math.max(rss, figures.maxRssMiB);
    }
    console.log('\n(2) fresh node process: start-up + read + engine, 1,000 resources');
    console.log(
      `  wall time    median ${formatMs(percentile(walls, 50))}   p95 ${formatMs(percentile(walls, 95))}`,
    );
    console.log(
      `  engine part  median ${formatMs(percentile(engine, 50))}   p95 ${formatMs(percentile(engine, 95))}`,
    );
    console.log(`  peak RSS     ${rss.toFixed(0)} MiB`);
  } finally {
    fs.rmSync(directory, { recursive: true, force: true });
  }
}

/** (4) One edited document in a 200-resource file of a 2,000-resource workspace (10 files). */
async function editLatency(runs: number, catalog: SchemaCatalog): Promise<void> {
  const session = new AnalysisSession({ kubernetesState: 'files' });
  const schemaService = new SchemaLanguageService({ catalog });
  const files = Array.from({ length: 10 }, (_, i) => ({
    uri: `file:///bench/workspace/part-${i}.yaml`,
    documents:
      i === 0
        ? [PUBLIC_GATEWAY, ...generateMeshDocuments(199, `part-${i}`)]
        : generateMeshDocuments(200, `part-${i}`),
  }));
  // Distinct names per file: every file holds its own applications, as a real repository would.
  for (const [i, file] of files.entries()) {
    const text = joinDocuments(file.documents).replace(/app-(\d+)/g, `app-${i}x$1`);
    session.setDocument(file.uri, text);
    await schemaService.validate(file.uri, text);
  }
  const loadStarted = performance.now();
  session.refresh();
  console.log(
    `\n(4) 2,000-resource workspace: initial analysis ${formatMs(performance.now() - loadStarted)}, ${session.stats().tasks} analyses`,
  );

  const edited = files[0]!;
  const base = joinDocuments(edited.documents).replace(/app-(\d+)/g, 'app-0x$1');
  // Alternate between a route change that matters (a subset that does not exist) and one that does not.
  const variant = (run: number): string =>
    base
      .replace('weight: 90', `weight: ${80 + (run % 10)}`)
      .replace('subset: v2\n      timeout: 5s', `subset: ${run % 2 === 0 ? 'v9' : 'v2'}\n      timeout: 5s`);
  const before = session.stats().tasksRun;
  const engineOnly = await measure('engine: setDocument + refresh + diagnostics', runs, (run) => {
    session.setDocument(edited.uri, variant(run));
    session.refresh();
    return Promise.resolve(session.diagnosticsFor(edited.uri));
  });
  const perEdit = (session.stats().tasksRun - before) / (runs + 1);
  const withSchema = await measure('engine + schema re-validation of the file', runs, async (run) => {
    const text = variant(run + 1_000);
    await schemaService.validate(edited.uri, text);
    session.setDocument(edited.uri, text);
    session.refresh();
    session.diagnosticsFor(edited.uri);
  });
  printTimings('(4) one-document edit in a 200-resource file, 2,000-resource workspace', [
    engineOnly,
    withSchema,
  ]);
  console.log(`  analyses re-run per edit: ${perEdit.toFixed(1)} of ${session.stats().tasks}`);
}

/** yaml-language-server configured as a user would: the dispatcher schema on every file. */
function yamlLanguageServerAlone(catalog: SchemaCatalog): { validate(text: string): Promise<unknown> } {
  const service = getLanguageService({
    schemaRequestService: catalog.requestSchema,
    workspaceContext: { resolveRelativePath: (relative, resource) => new URL(relative, resource).toString() },
  });
  service.configure({
    validate: true,
    completion: false,
    hover: false,
    format: false,
    isKubernetes: false,
    schemas: [{ uri: DISPATCHER_SCHEMA_URI, fileMatch: ['*'] }],
  });
  let version = 0;
  return {
    validate: (text) =>
      service.doValidation(TextDocument.create('file:///bench/alone.yaml', 'yaml', ++version, text), false),
  };
}
