/**
 * Exec credential plugins as Meshwright runs them: the credential of a well-behaved plugin; a deadline
 * that kills the plugin's whole process group; output that is capped and never quoted; and the cache that
 * runs a plugin once per credential lifetime, shared by concurrent callers, dropped on a 401.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ExecCredentialCache } from '../../server/src/topology/kube-api/exec-credential-cache';
import {
  type ExecCredential,
  type ExecPluginConfig,
  ExecPluginError,
  MAX_PLUGIN_STDOUT_BYTES,
  killRunningPlugins,
  runExecCredentialPlugin,
} from '../../server/src/topology/kube-api/exec-credential-plugin';
import { stillAliveAfterKill } from '../support/process-liveness';

const API_VERSION = 'client.authentication.k8s.io/v1';

/** A plugin written as a shell script. */
function shellPlugin(script: string): ExecPluginConfig {
  return { apiVersion: API_VERSION, command: '/bin/sh', args: ['-c', script] };
}

function credentialJson(status: Record<string, unknown>): string {
  return JSON.stringify({ apiVersion: API_VERSION, kind: 'ExecCredential', status });
}

describe('exec credential plugin', function () {
  this.timeout(15_000);
  let directory: string;

  beforeEach(() => {
    directory = fs.mkdtempSync(path.join(os.tmpdir(), 'meshwright-plugin-'));
  });
  afterEach(() => {
    killRunningPlugins();
    fs.rmSync(directory, { recursive: true, force: true });
  });

  it('returns the token and expiry it prints, told KUBERNETES_EXEC_INFO as kubectl tells it', async () => {
    const info = path.join(directory, 'info');
    const credential = await runExecCredentialPlugin(
      shellPlugin(
        `printf '%s' "$KUBERNETES_EXEC_INFO" > '${info}'; printf '%s' '${credentialJson({ token: 'plugin-token', expirationTimestamp: '2030-01-02T03:04:05Z' })}'`,
      ),
      { timeoutMs: 5_000 },
    );
    assert.deepEqual(credential, { token: 'plugin-token', expiresAt: Date.parse('2030-01-02T03:04:05Z') });
    assert.deepEqual(JSON.parse(fs.readFileSync(info, 'utf8')), {
      apiVersion: API_VERSION,
      kind: 'ExecCredential',
      spec: { interactive: false },
    });
  });

  it('one that never finishes is killed at the deadline, with what it started', async () => {
    const pids = path.join(directory, 'pids');
    const started = Date.now();
    await assert.rejects(
      runExecCredentialPlugin(shellPlugin(`echo $$ >> '${pids}'; sleep 1000 & echo $! >> '${pids}'; wait`), {
        timeoutMs: 500,
      }),
      (error: unknown) =>
        error instanceof ExecPluginError &&
        error.message === 'credential plugin `sh` did not finish within 0.5s',
    );
    assert.ok(Date.now() - started < 3_000, 'failed at its deadline');
    const running = fs.readFileSync(pids, 'utf8').trim().split('\n').map(Number);
    assert.equal(running.length, 2, 'the script and its sleep');
    for (const pid of running)
      assert.equal(await stillAliveAfterKill(pid), false, `process ${pid} was killed`);
  });

  it('an abort kills it too', async () => {
    const pids = path.join(directory, 'pids');
    const controller = new AbortController();
    const run = runExecCredentialPlugin(shellPlugin(`echo $$ >> '${pids}'; exec sleep 1000`), {
      timeoutMs: 10_000,
      signal: controller.signal,
    });
    await waitForFile(pids);
    controller.abort();
    await assert.rejects(run, { code: 'ABORTED' });
    const pid = Number(fs.readFileSync(pids, 'utf8').trim());
    assert.equal(await stillAliveAfterKill(pid), false);
  });

  it('output that is not an ExecCredential is never quoted: a bare token stays secret', async () => {
    await assert.rejects(
      runExecCredentialPlugin(shellPlugin(`printf 'bare-secret-token-123'`), { timeoutMs: 5_000 }),
      (error: unknown) =>
        error instanceof ExecPluginError &&
        error.message === 'credential plugin `sh` printed 21 bytes that are not an ExecCredential' &&
        !error.message.includes('bare'),
    );
    await assert.rejects(
      runExecCredentialPlugin(shellPlugin(`printf '%s' '{"kind":"Other","token":"bare-secret-token-123"}'`), {
        timeoutMs: 5_000,
      }),
      (error: unknown) => error instanceof ExecPluginError && !error.message.includes('bare-secret'),
    );
  });

  it('a failing plugin is reported with its status and the first line of its stderr, never its stdout', async () => {
    await assert.rejects(
      runExecCredentialPlugin(
        shellPlugin(`echo stdout-secret-token; echo 'error: you must log in first' >&2; exit 3`),
        { timeoutMs: 5_000 },
      ),
      (error: unknown) =>
        error instanceof ExecPluginError &&
        error.message === 'credential plugin `sh` exited with status 3: error: you must log in first',
    );
  });

  it('output over the cap fails the run instead of filling memory', async () => {
    await assert.rejects(
      runExecCredentialPlugin(
        {
          apiVersion: API_VERSION,
          command: process.execPath,
          args: ['-e', 'setInterval(() => process.stdout.write("x".repeat(65536)), 1)'],
        },
        { timeoutMs: 10_000 },
      ),
      (error: unknown) =>
        error instanceof ExecPluginError &&
        error.message ===
          `credential plugin \`node\` printed more than ${MAX_PLUGIN_STDOUT_BYTES / 1024 / 1024} MiB, which is no ExecCredential`,
    );
  });

  it('a missing command says so', async () => {
    await assert.rejects(
      runExecCredentialPlugin(
        { apiVersion: API_VERSION, command: '/nonexistent/gke-auth' },
        { timeoutMs: 5_000 },
      ),
      /credential plugin `gke-auth` was not found/,
    );
  });
});

describe('exec credential cache', () => {
  const exec = shellPlugin('unused');
  const deadline = { timeoutMs: 5_000 };

  /** A runner that counts its runs and gives the credentials it is handed, one per run. */
  function countingRunner(credentials: (run: number) => ExecCredential | Promise<ExecCredential>): {
    runs: () => number;
    runner: ConstructorParameters<typeof ExecCredentialCache>[0];
    signals: AbortSignal[];
  } {
    let runs = 0;
    const signals: AbortSignal[] = [];
    return {
      runs: () => runs,
      signals,
      runner: async (_exec, run) => {
        runs += 1;
        if (run.signal) signals.push(run.signal);
        return credentials(runs);
      },
    };
  }

  it('concurrent callers share one run; the credential is kept when it has no expiry', async () => {
    const counter = countingRunner((run) => ({ token: `token-${run}`, expiresAt: null }));
    const cache = new ExecCredentialCache(counter.runner);
    const all = await Promise.all(Array.from({ length: 26 }, () => cache.get(exec, undefined, deadline)));
    assert.equal(counter.runs(), 1);
    assert.ok(all.every((credential) => credential.token === 'token-1'));
    assert.equal((await cache.get(exec, undefined, deadline)).token, 'token-1');
    assert.equal(counter.runs(), 1);
  });

  it('runs again once the credential is about to expire', async () => {
    let now = 1_000_000;
    const counter = countingRunner((run) => ({ token: `token-${run}`, expiresAt: 1_000_000 + 60_000 }));
    const cache = new ExecCredentialCache(counter.runner, () => now);
    assert.equal((await cache.get(exec, undefined, deadline)).token, 'token-1');
    now += 40_000;
    assert.equal((await cache.get(exec, undefined, deadline)).token, 'token-1', 'still valid');
    now += 15_000;
    assert.equal((await cache.get(exec, undefined, deadline)).token, 'token-2', 'within the skew: renewed');
  });

  it('a refused credential is dropped once: the next request runs the plugin again', async () => {
    const counter = countingRunner((run) => ({ token: `token-${run}`, expiresAt: null }));
    const cache = new ExecCredentialCache(counter.runner);
    const first = await cache.get(exec, undefined, deadline);
    cache.invalidate(exec, undefined, first);
    const second = await cache.get(exec, undefined, deadline);
    cache.invalidate(exec, undefined, first);
    assert.equal(second.token, 'token-2');
    assert.equal(
      (await cache.get(exec, undefined, deadline)).token,
      'token-2',
      'a stale refusal changes nothing',
    );
  });

  it('the run is aborted once every caller gave up; a caller times out on its own deadline', async () => {
    const counter = countingRunner(() => new Promise<ExecCredential>(() => undefined));
    const cache = new ExecCredentialCache(counter.runner);
    const first = new AbortController();
    const second = new AbortController();
    const waits = [
      cache.get(exec, undefined, { timeoutMs: 5_000, signal: first.signal }),
      cache.get(exec, undefined, { timeoutMs: 5_000, signal: second.signal }),
    ];
    first.abort();
    await assert.rejects(waits[0] as Promise<ExecCredential>, { code: 'ABORTED' });
    assert.equal(counter.signals[0]?.aborted, false, 'the other caller still waits');
    second.abort();
    await assert.rejects(waits[1] as Promise<ExecCredential>, { code: 'ABORTED' });
    assert.equal(counter.signals[0]?.aborted, true);
    await assert.rejects(
      cache.get(exec, undefined, { timeoutMs: 50 }),
      /^ExecPluginError: credential plugin `sh` did not finish within 0\.1s$|did not finish within 0\.05s/,
    );
  });
});

async function waitForFile(file: string): Promise<void> {
  for (let attempt = 0; attempt < 100 && !fs.existsSync(file); attempt += 1)
    await new Promise((resolve) => setTimeout(resolve, 20));
}
