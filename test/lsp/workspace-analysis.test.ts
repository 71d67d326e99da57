/**
 * The analysis engine in the language server, over stdio against the built server: the workspace is
 * indexed at start-up, so references resolve across files; a file changed or deleted on disk
 * (workspace/didChangeWatchedFiles) republishes the diagnostics of the files it affects, open or not;
 * diagnostics follow edits; the `meshwright.suppress` and `meshwright.clusters` settings apply.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type Diagnostic, type PublishDiagnosticsParams } from 'vscode-languageserver-protocol';
import { LspTestClient, fileUri, fixturePath, positionOf } from './support/lsp-test-client';

const CREATED = 1;
const CHANGED = 2;
const DELETED = 3;

function copyFixture(name: string): string {
  const workspace = fs.mkdtempSync(path.join(os.tmpdir(), `meshwright-${name}-`));
  fs.cpSync(fixturePath(name), workspace, { recursive: true });
  return workspace;
}

const codes = (params: PublishDiagnosticsParams): string[] => params.diagnostics.map((d) => String(d.code));
const gatewayNotFound = (diagnostic: Diagnostic): boolean =>
  diagnostic.code === 'IST0101' && /bookinfo-gateway/.test(diagnostic.message);

describe('LSP workspace analysis: references across the files of a workspace folder', () => {
  let workspace: string;
  let client: LspTestClient;
  let routesUri: string;
  let routesText: string;
  let gatewayFile: string;
  let gatewayText: string;

  beforeEach(async () => {
    workspace = copyFixture('cross-file');
    routesUri = fileUri(path.join(workspace, 'routes.yaml'));
    routesText = fs.readFileSync(path.join(workspace, 'routes.yaml'), 'utf8');
    gatewayFile = path.join(workspace, 'gateway.yaml');
    gatewayText = fs.readFileSync(gatewayFile, 'utf8');
    client = await LspTestClient.start({
      workspaceFolders: [workspace],
      initializationOptions: { validationDelayMs: 0 },
      progressSupport: true,
    });
    // The start-up indexing reports its end; from then on every file of the folder is known.
    await client.waitForProgress((reports) => reports.some((r) => r.value.kind === 'end'), 'indexing');
  });
  afterEach(async () => {
    await client?.stop();
    fs.rmSync(workspace, { recursive: true, force: true });
  });

  it('resolves a Gateway defined in another file, and reports it missing once that file is deleted', async () => {
    await client.open(routesUri, routesText);
    const opened = await client.diagnosticsFor(routesUri, 1);
    assert.deepEqual(codes(opened), [], 'the Gateway of gateway.yaml is found');

    fs.rmSync(gatewayFile);
    const before = client.published.length;
    await client.filesChanged([{ uri: fileUri(gatewayFile), type: DELETED }]);
    const after = await client.latestDiagnostics(
      routesUri,
      (p) => p.diagnostics.some(gatewayNotFound),
      'IST0101 for the deleted Gateway',
      before,
    );
    const start = positionOf(routesText, 'bookinfo-gateway');
    const diagnostic = after.diagnostics.find(gatewayNotFound) as Diagnostic;
    assert.deepEqual(diagnostic.range, {
      start,
      end: { line: start.line, character: start.character + 'bookinfo-gateway'.length },
    });
    assert.equal(after.version, 1, 'published for the version the editor shows');
    assert.deepEqual(diagnostic.data, {
      resource: {
        apiVersion: 'networking.istio.io/v1',
        kind: 'VirtualService',
        namespace: 'bookinfo',
        name: 'reviews',
      },
      cluster: null,
      details: (diagnostic.data as { details?: unknown }).details,
    });

    // The Gateway comes back: the diagnostic goes away.
    fs.writeFileSync(gatewayFile, gatewayText);
    const restored = client.published.length;
    await client.filesChanged([{ uri: fileUri(gatewayFile), type: CREATED }]);
    await client.latestDiagnostics(
      routesUri,
      (p) => p.diagnostics.length === 0,
      'no diagnostics once restored',
      restored,
    );
  });

  it('republishes a file that is not open when a Gateway in another file is renamed on disk', async () => {
    fs.writeFileSync(gatewayFile, gatewayText.replace('name: bookinfo-gateway', 'name: renamed-gateway'));
    const before = client.published.length;
    await client.filesChanged([{ uri: fileUri(gatewayFile), type: CHANGED }]);
    const published = await client.latestDiagnostics(
      routesUri,
      (p) => p.diagnostics.some(gatewayNotFound),
      'IST0101 for routes.yaml, never opened',
      before,
    );
    assert.equal(published.version, undefined, 'a file that is not open has no version');
  });

  it('moves diagnostics with the text as lines are inserted above them', async () => {
    const broken = routesText.replace('- bookinfo-gateway', '- missing-gateway');
    await client.open(routesUri, broken);
    const first = (await client.diagnosticsFor(routesUri, 1)).diagnostics.find((d) => d.code === 'IST0101');
    assert.ok(first, 'IST0101 for missing-gateway');
    await client.change(routesUri, 2, [
      { range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: '# one\n# two\n' },
    ]);
    const moved = (await client.diagnosticsFor(routesUri, 2)).diagnostics.find((d) => d.code === 'IST0101');
    assert.deepEqual(moved?.range, {
      start: { line: first.range.start.line + 2, character: first.range.start.character },
      end: { line: first.range.end.line + 2, character: first.range.end.character },
    });
  });

  it('drops a deleted file even while an editor still has it open, and takes it back when it returns', async () => {
    const gatewayUri = fileUri(gatewayFile);
    await client.open(gatewayUri, gatewayText);
    await client.open(routesUri, routesText);
    assert.deepEqual(codes(await client.diagnosticsFor(routesUri, 1)), []);
    fs.rmSync(gatewayFile);
    let before = client.published.length;
    await client.filesChanged([{ uri: gatewayUri, type: DELETED }]);
    await client.latestDiagnostics(routesUri, (p) => p.diagnostics.some(gatewayNotFound), 'IST0101', before);
    fs.writeFileSync(gatewayFile, gatewayText);
    before = client.published.length;
    await client.filesChanged([{ uri: gatewayUri, type: CREATED }]);
    await client.latestDiagnostics(routesUri, (p) => p.diagnostics.length === 0, 'resolved again', before);
  });

  it('uses the editor text of an open Gateway over the file on disk', async () => {
    const gatewayUri = fileUri(gatewayFile);
    await client.open(gatewayUri, gatewayText);
    await client.open(routesUri, routesText);
    assert.deepEqual(codes(await client.diagnosticsFor(routesUri, 1)), []);
    const before = client.published.length;
    await client.change(gatewayUri, 2, [
      { text: gatewayText.replace('name: bookinfo-gateway', 'name: typo-gateway') },
    ]);
    await client.latestDiagnostics(
      routesUri,
      (p) => p.diagnostics.some(gatewayNotFound),
      'IST0101 after the edit',
      before,
    );
  });
});

describe('LSP workspace analysis: indexing at start-up', () => {
  let workspace: string;
  let client: LspTestClient;

  before(async () => {
    workspace = copyFixture('cross-file');
    fs.rmSync(path.join(workspace, 'gateway.yaml'));
    client = await LspTestClient.start({ workspaceFolders: [workspace], watchedFilesRegistration: true });
  });
  after(async () => {
    await client?.stop();
    fs.rmSync(workspace, { recursive: true, force: true });
  });

  it('publishes the problems of files nobody opened', async () => {
    const routes = await client.latestDiagnostics(
      fileUri(path.join(workspace, 'routes.yaml')),
      (p) => p.diagnostics.some(gatewayNotFound),
      'IST0101 for routes.yaml',
    );
    // A missing Gateway is both unknown (IST0101) and serving none of the hosts (IST0132), as in istioctl.
    assert.deepEqual(codes(routes), ['IST0101', 'IST0132']);
  });

  it('asks the client to watch the YAML files when it can register watchers', () => {
    const watcher = client.registrations.find((r) => r.method === 'workspace/didChangeWatchedFiles');
    assert.deepEqual(watcher?.registerOptions, { watchers: [{ globPattern: '**/*.{yaml,yml}' }] });
  });
});

describe('LSP workspace analysis: meshwright.suppress', () => {
  let workspace: string;
  let client: LspTestClient;

  before(async () => {
    workspace = copyFixture('cross-file');
    fs.rmSync(path.join(workspace, 'gateway.yaml'));
    client = await LspTestClient.start({
      workspaceFolders: [workspace],
      settings: { suppress: ['IST0101=VirtualService *.bookinfo'] },
    });
  });
  after(async () => {
    await client?.stop();
    fs.rmSync(workspace, { recursive: true, force: true });
  });

  it('hides matching findings, and shows them again when the setting changes', async () => {
    const uri = fileUri(path.join(workspace, 'routes.yaml'));
    const text = fs.readFileSync(path.join(workspace, 'routes.yaml'), 'utf8');
    await client.open(uri, text);
    assert.deepEqual(codes(await client.diagnosticsFor(uri, 1)), [], 'suppressed');

    client.settings = { suppress: ['IST0101=VirtualService other.*'] };
    const before = client.published.length;
    await client.configurationChanged();
    await client.latestDiagnostics(
      uri,
      (p) => p.diagnostics.some(gatewayNotFound),
      'IST0101 once unsuppressed',
      before,
    );
  });

  it('honours the galley.istio.io/analyze-suppress annotation', async () => {
    const uri = fileUri(path.join(workspace, 'routes.yaml'));
    const text = fs
      .readFileSync(path.join(workspace, 'routes.yaml'), 'utf8')
      .replace(
        '  namespace: bookinfo\n',
        '  namespace: bookinfo\n  annotations:\n    galley.istio.io/analyze-suppress: IST0101,IST0132\n',
      );
    await client.change(uri, 2, [{ text }]);
    assert.deepEqual(codes(await client.diagnosticsFor(uri, 2)), []);
  });

  it('warns about a pattern it cannot read', async () => {
    client.settings = { suppress: ['IST0101 VirtualService'] };
    await client.configurationChanged();
    const warning = await client.waitForLog(
      /meshwright\.suppress: suppression "IST0101 VirtualService" is not of the form/,
    );
    assert.match(warning, /CODE=Kind name\.namespace/);
  });
});

describe('LSP workspace analysis: meshwright.clusters (offline cluster states)', () => {
  let workspace: string;
  let client: LspTestClient;

  before(async () => {
    workspace = copyFixture('clusters-workspace');
    client = await LspTestClient.start({
      workspaceFolders: [workspace],
      settings: { clusters: { east: ['clusters/east'], west: ['clusters/west'] } },
    });
  });
  after(async () => {
    await client?.stop();
    fs.rmSync(workspace, { recursive: true, force: true });
  });

  it("reports IST0170 once, on the first cluster's copy of a Service whose ports differ, naming both clusters", async () => {
    const file = path.join(workspace, 'clusters', 'east', 'reviews.yaml');
    const published = await client.latestDiagnostics(
      fileUri(file),
      (p) => p.diagnostics.some((d) => d.code === 'IST0170'),
      'IST0170 in east',
    );
    const diagnostic = published.diagnostics.find((d) => d.code === 'IST0170') as Diagnostic;
    assert.match(diagnostic.message, /differs across clusters east, west/);
    assert.equal((diagnostic.data as { cluster: string }).cluster, 'east');
    const text = fs.readFileSync(file, 'utf8');
    assert.equal(diagnostic.range.start.line, positionOf(text, 'port:').line);
    assert.ok(diagnostic.relatedInformation?.some((related) => related.message.startsWith('west')));
  });
});
