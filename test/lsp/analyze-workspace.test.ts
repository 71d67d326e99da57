import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ANALYZE_WORKSPACE_REQUEST, type AnalyzeWorkspaceResult } from '../../protocol/requests';
import { LspTestClient, fileUri, fixturePath, readFixture } from './support/lsp-test-client';

describe('LSP meshwright/analyzeWorkspace', () => {
  let workspace: string;
  let client: LspTestClient;

  before(async () => {
    // A copy of the fixture workspace plus folders that must be skipped (git ignores node_modules/
    // anywhere, so they cannot live in the fixtures themselves).
    workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'meshwright-workspace-'));
    fs.cpSync(fixturePath('workspace'), workspace, { recursive: true });
    for (const skipped of ['node_modules/chart', '.git', 'routing/.cache']) {
      fs.mkdirSync(path.join(workspace, skipped), { recursive: true });
      fs.writeFileSync(
        path.join(workspace, skipped, 'broken.yaml'),
        readFixture('virtual-service-weight.yaml'),
      );
    }
    client = await LspTestClient.start({ workspaceFolders: [workspace] });
  });
  after(async () => {
    await client?.stop();
    if (workspace) fs.rmSync(workspace, { recursive: true, force: true });
  });

  it('validates every YAML file of the workspace, skipping node_modules and dot-directories', async () => {
    const result = (await client.connection.sendRequest(
      ANALYZE_WORKSPACE_REQUEST,
      {},
    )) as AnalyzeWorkspaceResult;
    assert.deepEqual(result, { files: 3, diagnostics: 2 });

    const published = new Map(client.published.map((p) => [p.uri, p.diagnostics]));
    assert.deepEqual(
      [...published.keys()].sort(),
      [
        fileUri(path.join(workspace, 'policies/peer-authentication.yml')),
        fileUri(path.join(workspace, 'policies/values.yaml')),
        fileUri(path.join(workspace, 'routing/reviews.yaml')),
      ].sort(),
    );
    assert.deepEqual(
      published.get(fileUri(path.join(workspace, 'policies/peer-authentication.yml')))?.map((d) => d.message),
      [
        'PeerAuthentication spec.mtls.mode: the string "STRICTLY" is not accepted. Did you mean "STRICT"? ' +
          'Valid values: "UNSET", "DISABLE", "PERMISSIVE", "STRICT".',
      ],
    );
    assert.deepEqual(published.get(fileUri(path.join(workspace, 'policies/values.yaml'))), []);
  });

  it('uses the editor text of an open document instead of the file on disk', async () => {
    const uri = fileUri(path.join(workspace, 'routing/reviews.yaml'));
    await client.open(uri, readFixture('virtual-service-valid.yaml'), 7);
    await client.diagnosticsFor(uri, 7);
    const before = client.published.length;
    const result = (await client.connection.sendRequest(
      ANALYZE_WORKSPACE_REQUEST,
      {},
    )) as AnalyzeWorkspaceResult;
    assert.deepEqual(result, { files: 3, diagnostics: 1 });
    const republished = client.published.slice(before).find((p) => p.uri === uri);
    assert.deepEqual(republished, { uri, version: 7, diagnostics: [] });
  });
});
