/**
 * Kustomize overlays in the language server (the built server over stdio, kubectl's kustomize on PATH):
 * in a trusted workspace each overlay is rendered at start-up and its findings are published on the file
 * to edit, naming the overlay; a patch file gets no standalone schema findings; an edit to a file an
 * overlay uses re-renders it (debounced, with the editor's unsaved text) and republishes; an untrusted
 * workspace runs no program and analyses the files as written.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type PublishDiagnosticsParams } from 'vscode-languageserver-protocol';
import { LspTestClient, REPOSITORY_ROOT, fileUri } from './support/lsp-test-client';

const FIXTURE = path.join(REPOSITORY_ROOT, 'test', 'fixtures', 'cli', 'kustomize');
const codes = (params: PublishDiagnosticsParams): string[] =>
  params.diagnostics.map((d) => String(d.code)).sort();

describe('LSP: Kustomize overlays', function () {
  this.timeout(60_000);
  let workspace: string;
  let client: LspTestClient | undefined;

  before(() => {
    // A missing program is an error, never a skip: rendering needs kubectl's built-in kustomize.
    execFileSync('kubectl', ['version', '--client'], { stdio: 'ignore' });
  });
  beforeEach(() => {
    workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'meshwright-kustomize-lsp-'));
    fs.cpSync(FIXTURE, workspace, { recursive: true });
  });
  afterEach(async () => {
    await client?.stop();
    client = undefined;
    fs.rmSync(workspace, { recursive: true, force: true });
  });

  async function start(trusted: boolean): Promise<LspTestClient> {
    const started = await LspTestClient.start({
      workspaceFolders: [workspace],
      initializationOptions: { validationDelayMs: 0, trustedWorkspace: trusted },
      progressSupport: true,
    });
    await started.waitForProgress((reports) => reports.some((r) => r.value.kind === 'end'), 'indexing');
    return started;
  }

  it('publishes each overlay’s findings on the patch that set the field, and re-renders on an edit', async () => {
    client = await start(true);
    const patchFile = path.join(workspace, 'overlays', 'east', 'dr-subsets.yaml');
    const patchUri = fileUri(patchFile);
    const first = await client.latestDiagnostics(
      patchUri,
      (p) => p.diagnostics.some((d) => d.code === 'IST0128'),
      'IST0128 on east’s patch',
    );
    assert.deepEqual(codes(first), ['IST0128'], 'no IST0106/IST0174 on the patch as a whole resource');
    const tls = first.diagnostics[0];
    assert.equal(tls?.range.start.line, 9);
    assert.match(tls?.message ?? '', /\(in Kustomize overlay overlays\/east, set by this patch\)/);

    // The broken overlay: MESH020 on its kustomization, with kustomize's words.
    const broken = await client.latestDiagnostics(
      fileUri(path.join(workspace, 'overlays', 'broken', 'kustomization.yaml')),
      (p) => p.diagnostics.some((d) => d.code === 'MESH020'),
      'MESH020 on the broken kustomization',
    );
    assert.match(broken.diagnostics[0]?.message ?? '', /accumulating resources/);

    // An unsaved edit of the patch: the overlay is rendered again with the editor's text.
    const text = fs.readFileSync(patchFile, 'utf8');
    await client.open(patchUri, text);
    const since = client.published.length;
    const started = Date.now();
    const fixed = text.replace('mode: SIMPLE', 'mode: ISTIO_MUTUAL');
    await client.change(patchUri, 2, [{ text: fixed }]);
    await client.latestDiagnostics(
      patchUri,
      (p) => p.diagnostics.length === 0,
      'IST0128 gone after the edit',
      since,
    );
    console.log(`      edit to re-rendered diagnostics: ${Date.now() - started} ms`);
    assert.equal(fs.readFileSync(patchFile, 'utf8'), text, 'the file on disk is untouched');
  });

  it('re-renders the overlays that use a base file changed on disk', async () => {
    client = await start(true);
    const baseFile = path.join(workspace, 'base', 'reviews.yaml');
    const baseUri = fileUri(baseFile);
    await client.latestDiagnostics(
      baseUri,
      (p) => p.diagnostics.some((d) => d.code === 'IST0101' && /overlays\/west/.test(d.message)),
      'west’s IST0101 on the base VirtualService',
    );
    const since = client.published.length;
    fs.writeFileSync(baseFile, fs.readFileSync(baseFile, 'utf8').replace('subset: v1', 'subset: v2'));
    await client.filesChanged([{ uri: baseUri, type: 2 }]);
    // West removed subset v1 (v2 never existed there): the finding follows the new subset.
    const after = await client.latestDiagnostics(
      baseUri,
      (p) => p.diagnostics.some((d) => d.code === 'IST0101' && /subset v2/.test(d.message)),
      'IST0101 about subset v2 after the base changed',
      since,
    );
    assert.ok(after.diagnostics.every((d) => !/subset v1 /.test(d.message)));
  });

  it('stops analysing a file alone once a kustomization names it as a patch', async () => {
    const extra = path.join(workspace, 'overlays', 'west', 'extra-subsets.yaml');
    fs.writeFileSync(
      extra,
      'apiVersion: networking.istio.io/v1\nkind: DestinationRule\nmetadata:\n  name: reviews\n  namespace: bookinfo\nspec:\n  subsets:\n    - name: v1\n      labels:\n        version: v1\n',
    );
    client = await start(true);
    const extraUri = fileUri(extra);
    await client.latestDiagnostics(
      extraUri,
      (p) => p.diagnostics.some((d) => d.code === 'IST0106'),
      'the unreferenced patch analysed as a whole resource',
    );
    const kustomization = path.join(workspace, 'overlays', 'west', 'kustomization.yaml');
    const since = client.published.length;
    fs.writeFileSync(
      kustomization,
      fs
        .readFileSync(kustomization, 'utf8')
        .replace('patches:\n', 'patches:\n  - path: extra-subsets.yaml\n'),
    );
    await client.filesChanged([{ uri: fileUri(kustomization), type: 2 }]);
    await client.latestDiagnostics(
      extraUri,
      (p) => p.diagnostics.every((d) => d.code !== 'IST0106' && d.code !== 'IST0174'),
      'no standalone findings once the kustomization names it',
      since,
    );
  });

  it('runs no program in an untrusted workspace: the files are analysed as written', async () => {
    client = await start(false);
    const patchUri = fileUri(path.join(workspace, 'overlays', 'east', 'dr-subsets.yaml'));
    const published = await client.latestDiagnostics(
      patchUri,
      (p) => p.diagnostics.some((d) => d.code === 'IST0106'),
      'the patch analysed as a whole resource',
    );
    assert.ok(published.diagnostics.every((d) => !/Kustomize overlay/.test(d.message)));
  });
});
