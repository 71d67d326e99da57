import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { LspTestClient, REPOSITORY_ROOT, SERVER_BUNDLE, readFixture } from './support/lsp-test-client';

const LAUNCHER = path.join(REPOSITORY_ROOT, 'bin/meshwright-language-server.js');

function runLauncher(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  if (!fs.existsSync(SERVER_BUNDLE))
    throw new Error(`${SERVER_BUNDLE} is missing: run \`npm run build\` first`);
  const result = spawnSync(process.execPath, [LAUNCHER, ...args], { encoding: 'utf8', timeout: 15_000 });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('meshwright-language-server command line', () => {
  it('prints its version with --version', () => {
    const manifest = JSON.parse(fs.readFileSync(path.join(REPOSITORY_ROOT, 'package.json'), 'utf8')) as {
      version: string;
    };
    const result = runLauncher('--version');
    assert.equal(result.status, 0);
    assert.equal(result.stdout, `meshwright-language-server ${manifest.version}\n`);
  });

  it('prints usage with --help, naming the transports', () => {
    const result = runLauncher('--help');
    assert.equal(result.status, 0);
    assert.match(result.stdout, /--stdio/);
    assert.match(result.stdout, /--node-ipc/);
    assert.match(result.stdout, /--socket=<port>/);
  });

  it('explains itself when started without a transport', () => {
    const result = runLauncher();
    assert.equal(result.status, 2);
    assert.match(result.stderr, /no transport given: start it as `meshwright-language-server --stdio`/);
  });
});

describe('LSP over --node-ipc', () => {
  let client: LspTestClient;

  before(async () => {
    client = await LspTestClient.start({ transport: 'node-ipc' });
  });
  after(async () => {
    await client?.stop();
  });

  it('validates a document like over stdio', async () => {
    const uri = 'untitled:ipc.yaml';
    await client.open(uri, readFixture('virtual-service-weight.yaml'));
    const { diagnostics } = await client.diagnosticsFor(uri, 1);
    assert.deepEqual(
      diagnostics.map((d) => [d.code, d.source]),
      [['IST0106', 'meshwright']],
    );
  });
});
