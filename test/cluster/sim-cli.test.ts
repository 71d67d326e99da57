/**
 * The built `meshwright-sim` command (dist/simulator/sim.js, what `npx meshwright-sim` runs): prints a
 * line with `ready` once the clusters serve, writes the kubeconfig, exits cleanly on SIGTERM and SIGINT,
 * and explains bad usage.
 */
import assert from 'node:assert/strict';
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { waitFor } from './sim-harness';

const ROOT = path.resolve(__dirname, '..', '..');
const BUNDLE = path.join(ROOT, 'dist', 'simulator', 'sim.js');

function newestSource(directory: string): number {
  return Math.max(
    ...fs.readdirSync(directory, { withFileTypes: true }).map((entry) => {
      const full = path.join(directory, entry.name);
      return entry.isDirectory() ? newestSource(full) : fs.statSync(full).mtimeMs;
    }),
  );
}

function exitOf(child: ChildProcess): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  return new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
}

describe('meshwright-sim command line', function () {
  this.timeout(60_000);
  let workDir = '';

  before(() => {
    assert.ok(fs.existsSync(BUNDLE), `${BUNDLE} is missing: run npm run build first`);
    assert.ok(
      fs.statSync(BUNDLE).mtimeMs >= newestSource(path.join(ROOT, 'simulator', 'src')),
      `${BUNDLE} is older than simulator/src: run npm run build`,
    );
    workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'meshwright-sim-cli-'));
  });
  after(() => {
    if (workDir) fs.rmSync(workDir, { recursive: true, force: true });
  });

  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    it(`starts the demo, prints ready, serves kubectl, and exits 0 on ${signal}`, async () => {
      const kubeconfig = path.join(workDir, `kc-${signal}`);
      const child = spawn(process.execPath, [BUNDLE, '--demo', '--kubeconfig', kubeconfig], {
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let output = '';
      child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
      child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
      const exited = exitOf(child);
      try {
        await waitFor(() => /ready/.test(output), `a ready line (output so far: ${output})`, 20_000);
        assert.match(
          output,
          /meshwright-sim ready: 3 clusters \(east, west, edge\); kubeconfig .*; control https:\/\/127\.0\.0\.1:\d+/,
        );
        const kubeconfigText = fs.readFileSync(kubeconfig, 'utf8');
        const tokens = [...kubeconfigText.matchAll(/token: (\S+)/g)].map((match) => match[1] ?? '');
        assert.equal(tokens.length, 3);
        for (const token of tokens) assert.ok(!output.includes(token), 'tokens are never printed');
        assert.equal(fs.statSync(kubeconfig).mode & 0o777, 0o600);

        const result = await new Promise<{ code: number; stdout: string }>((resolve) =>
          execFile(
            'kubectl',
            [
              '--kubeconfig',
              kubeconfig,
              '--cache-dir',
              path.join(workDir, 'cache'),
              '--context',
              'west',
              'get',
              'destinationrules',
              '-A',
              '-o',
              'name',
            ],
            (error, stdout) => resolve({ code: error ? 1 : 0, stdout }),
          ),
        );
        assert.equal(result.code, 0);
        assert.match(result.stdout, /destinationrule.networking.istio.io\/ratings/);
      } finally {
        child.kill(signal);
      }
      const { code } = await exited;
      assert.equal(code, 0, output);
      assert.match(output, /meshwright-sim stopped/);
    });
  }

  it('explains bad usage with exit code 2', async () => {
    const result = await new Promise<{ code: number | null; stderr: string }>((resolve) =>
      execFile(process.execPath, [BUNDLE, '--demo'], (error, _stdout, stderr) =>
        resolve({ code: error ? (error.code as number) : 0, stderr }),
      ),
    );
    assert.equal(result.code, 2);
    assert.match(result.stderr, /--kubeconfig OUT is required/);
    assert.match(result.stderr, /Usage: meshwright-sim/);
  });

  it('names the file of a bad state and exits 2', async () => {
    const state = path.join(workDir, 'bad.yaml');
    fs.writeFileSync(state, 'apiVersion: example.com/v1\nkind: Widget\nmetadata:\n  name: w\n');
    const result = await new Promise<{ code: number | null; stderr: string }>((resolve) =>
      execFile(
        process.execPath,
        [BUNDLE, '--cluster', `solo=${state}`, '--kubeconfig', path.join(workDir, 'kc-bad')],
        (error, _stdout, stderr) => resolve({ code: error ? (error.code as number) : 0, stderr }),
      ),
    );
    assert.equal(result.code, 2);
    assert.match(
      result.stderr,
      new RegExp(
        `${state.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}:1: the simulator does not serve Widget \\(example.com/v1\\)`,
      ),
    );
  });
});
