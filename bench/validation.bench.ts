/**
 * Validation time of generated files of 200 and 1,000 Istio documents:
 *   (a) SchemaLanguageService.validate (our service) with a cold result cache,
 *   (b) the built language server over stdio, didOpen -> publishDiagnostics,
 *   (c) yaml-language-server alone (getLanguageService + the same dispatcher schema) on the whole file,
 * and the incremental path: re-validation after a one-character edit in a 200-document file.
 * "Cold" means no cached result for any document of the file (every run changes every document's text);
 * the schemas themselves are loaded by a warm-up first, in every variant alike. The three variants are
 * measured in turns, so background load skews them alike.
 */
import { TextDocument } from 'vscode-languageserver-textdocument';
import { getLanguageService } from 'yaml-language-server';
import { DISPATCHER_SCHEMA_URI, SchemaCatalog } from '../server/src/yaml/schema-catalog';
import { SchemaLanguageService } from '../server/src/yaml/schema-language-service';
import { LspTestClient } from '../test/lsp/support/lsp-test-client';
import { type Timing, measure, measureInterleaved, printTimings, runsFromEnvironment } from './benchmark';
import { generateIstioFile } from './istio-corpus';

export const name = 'validation';
export const description =
  'Istio schema validation of 200 / 1,000-document files: our service, our server over stdio, yaml-language-server alone';

const SIZES = [200, 1_000];

export async function run(): Promise<void> {
  const runs = runsFromEnvironment(7);
  const catalog = SchemaCatalog.load();
  const service = new SchemaLanguageService({ catalog });
  const alone = yamlLanguageServerAlone(catalog);
  const server = await LspTestClient.start();
  try {
    await server.open('file:///bench/warm-up.yaml', generateIstioFile(7, 'warm-up'));
    await server.diagnosticsFor('file:///bench/warm-up.yaml', 1, 120_000);

    for (const size of SIZES) {
      const variant = (run: number): string => generateIstioFile(size, `${size}-${run}`);
      const [ours, overStdio, yamlAlone] = (await measureInterleaved(runs, [
        {
          label: '(a) SchemaLanguageService.validate, cold',
          body: (run) => service.validate(`file:///bench/service-${size}.yaml`, variant(run)),
        },
        {
          label: '(b) language server over stdio, didOpen -> diagnostics',
          body: (run) =>
            openAndWait(server, `file:///bench/server-${size}-${run}.yaml`, variant(1_000 + run)),
        },
        {
          label: '(c) yaml-language-server alone, whole file',
          body: (run) => alone.validate(variant(2_000 + run)),
        },
      ])) as [Timing, Timing, Timing];
      printTimings(`${size} Istio documents (${(variant(0).length / 1024).toFixed(0)} KiB)`, [
        ours,
        overStdio,
        yamlAlone,
      ]);
      console.log(`  ratio (a)/(c): ${ratio(ours, yamlAlone)}   (b)/(c): ${ratio(overStdio, yamlAlone)}`);
    }

    await incremental(service, server, runs);
  } finally {
    await server.stop();
  }
}

/** One-character edits in one document of a 200-document file: only that document is re-validated. */
async function incremental(
  service: SchemaLanguageService,
  server: LspTestClient,
  runs: number,
): Promise<void> {
  const original = generateIstioFile(200, 'incremental');
  const edited = (run: number): string =>
    original.replace('weight: 90', `weight: ${run % 2 === 0 ? 91 : 92}`);

  await service.validate('file:///bench/incremental.yaml', original);
  const serviceEdit = await measure('service: validate after the edit', runs, (run) =>
    service.validate('file:///bench/incremental.yaml', edited(run)),
  );

  const uri = 'file:///bench/incremental-server.yaml';
  await server.open(uri, original);
  await server.diagnosticsFor(uri, 1, 120_000);
  let version = 1;
  let current = original;
  const serverEdit = await measure('server: didChange + didSave -> diagnostics', runs, async (run) => {
    const next = edited(run + 100);
    const at = positionOfDifference(current, next);
    version++;
    await server.change(uri, version, [
      {
        range: { start: at, end: { line: at.line, character: at.character + 1 } },
        text: next.charAt(at.offset),
      },
    ]);
    await server.save(uri); // validates at once instead of after the debounce
    await server.diagnosticsFor(uri, version, 120_000);
    current = next;
  });
  printTimings('incremental: one-character edit in a 200-document file (debounce excluded)', [
    serviceEdit,
    serverEdit,
  ]);
  await server.close(uri);
}

async function openAndWait(server: LspTestClient, uri: string, text: string): Promise<void> {
  await server.open(uri, text);
  await server.diagnosticsFor(uri, 1, 300_000);
  await server.close(uri);
}

/** yaml-language-server configured the way a user would: the dispatcher schema associated with every file. */
function yamlLanguageServerAlone(catalog: SchemaCatalog): { validate(text: string): Promise<unknown> } {
  const service = getLanguageService({
    schemaRequestService: catalog.requestSchema,
    workspaceContext: { resolveRelativePath: (relative, resource) => new URL(relative, resource).toString() },
  });
  service.configure({
    validate: true,
    completion: true,
    hover: true,
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

function ratio(ours: Timing, reference: Timing): string {
  return `${(ours.median / reference.median).toFixed(2)}x`;
}

function positionOfDifference(a: string, b: string): { line: number; character: number; offset: number } {
  let offset = 0;
  while (offset < a.length && a[offset] === b[offset]) offset++;
  const before = a.slice(0, offset);
  const line = before.split('\n').length - 1;
  return { line, character: offset - before.lastIndexOf('\n') - 1, offset };
}
