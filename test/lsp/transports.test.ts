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

describe('LSP over --stdio: a corrupt stream', () => {
  it('says once in its log that the stream is corrupt (the JSON-RPC reader stops silently)', async function () {
    this.timeout(20_000);
    const { spawn } = await import('node:child_process');
    const child = spawn(process.execPath, [LAUNCHER, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.stdout.resume();
    try {
      const body = JSON.stringify({
        jsonrpc: '2.0',
        id: 1,
        method: 'initialize',
        params: { capabilities: {} },
      });
      child.stdin.write(`Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
      child.stdin.write('Content-Length: many\r\n\r\n{}');
      child.stdin.write('Content-Length: more\r\n\r\n{}');
      const started = Date.now();
      while (!stderr.includes('corrupt') && Date.now() - started < 10_000) {
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      await new Promise((resolve) => setTimeout(resolve, 300));
      const said = stderr.split('\n').filter((line) => line.includes('message stream is corrupt'));
      assert.equal(said.length, 1, stderr);
      assert.match(said[0] ?? '', /Content-Length is not a number: "many"/);
    } finally {
      child.kill();
    }
  });
});
