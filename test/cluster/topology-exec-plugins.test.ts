/**
 * Exec credential plugins in discovery, against the simulator over TLS: `meshwright topology` runs each
 * distinct plugin once (not once per request), ends within its --timeout when a plugin hangs and leaves no
 * plugin process behind, never shows what a plugin printed, and live discovery reports a hanging plugin
 * as a failure it retries rather than "connecting" forever.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import YAML from 'yaml';
import { CLI_BUNDLE, REPO_ROOT, runCliInBackground } from '../cli/support/cli-process';
import { readKubeconfig, startForTest, type SimulatorUnderTest } from './sim-harness';
import { type LiveTopology, watchLive } from './topology-support';
import { stillAliveAfterKill } from '../support/process-liveness';

/** An exec section running `script` in sh. */
function shellExec(script: string): Record<string, unknown> {
  return {
    apiVersion: 'client.authentication.k8s.io/v1',
    command: '/bin/sh',
    args: ['-c', script],
    interactiveMode: 'Never',
  };
}

describe('topology: exec credential plugins', function () {
  this.timeout(90_000);
  let sim: SimulatorUnderTest;
  let directory: string;
  let live: LiveTopology | undefined;

  before(async () => {
    sim = await startForTest({ demo: true });
  });
  beforeEach(() => {
    directory = fs.mkdtempSync(path.join(os.tmpdir(), 'meshwright-exec-'));
  });
  afterEach(() => {
    live?.stop();
    live = undefined;
    fs.rmSync(directory, { recursive: true, force: true });
  });
  after(async () => sim?.stop());

  /** The simulator's kubeconfig with each user's token replaced by a plugin made by `script(user)`. */
  function pluginKubeconfig(script: (user: { name: string; token: string }) => string): string {
    const config = readKubeconfig(sim.kubeconfigPath);
    const users = config.users.map((user) => ({
      name: user.name,
      user: { exec: shellExec(script({ name: user.name, token: user.user.token })) },
    }));
    const file = path.join(directory, 'kubeconfig');
    fs.writeFileSync(file, YAML.stringify({ ...config, users }));
    return file;
  }

  it('one `meshwright topology` run runs each distinct plugin once, and every cluster is read', async () => {
    const runs = path.join(directory, 'runs');
    const kubeconfig = pluginKubeconfig(
      ({ name, token }) =>
        `echo ${name} >> '${runs}'; printf '%s' '${JSON.stringify({ apiVersion: 'client.authentication.k8s.io/v1', kind: 'ExecCredential', status: { token } })}'`,
    );
    const users = new Set(readKubeconfig(sim.kubeconfigPath).users.map((user) => user.name));
    const run = await meshwright(['topology', '--kubeconfig', kubeconfig, '--format', 'json']);
    assert.equal(run.status, 0, run.stdout + run.stderr);
    const ran = fs.readFileSync(runs, 'utf8').trim().split('\n');
    assert.deepEqual(ran.sort(), [...users].sort(), 'once per distinct user');
    const summary = JSON.parse(run.stdout) as { clusters: { stale: string | null }[] };
    assert.ok(summary.clusters.every((cluster) => cluster.stale === null));
  });

  it('a plugin that never exits: the run ends at --timeout with the reason, and the plugin is killed', async () => {
    const pids = path.join(directory, 'pids');
    const kubeconfig = pluginKubeconfig(
      () => `echo $$ >> '${pids}'; sleep 1000 & echo $! >> '${pids}'; wait`,
    );
    const run = await meshwright(['topology', '--kubeconfig', kubeconfig, '--timeout', '3']);
    assert.equal(run.status, 1, run.stderr);
    assert.ok(run.elapsedMs < 8_000, `ended after ${run.elapsedMs} ms`);
    assert.equal(run.stderr, '');
    for (const cluster of readKubeconfig(sim.kubeconfigPath).contexts)
      assert.match(
        run.stdout,
        new RegExp(
          `stale: cluster ${cluster.name}: credential plugin \`sh\` did not finish within 3s; 0 of \\d+ resource types read`,
        ),
      );
    const started = fs.readFileSync(pids, 'utf8').trim().split('\n').map(Number);
    assert.ok(started.length > 0);
    for (const pid of started)
      assert.equal(await stillAliveAfterKill(pid), false, `plugin process ${pid} is gone`);
  });

  it('Ctrl-C during a read: the CLI ends and takes the running plugins with it', async () => {
    const pids = path.join(directory, 'pids');
    const kubeconfig = pluginKubeconfig(
      () => `echo $$ >> '${pids}'; sleep 1000 & echo $! >> '${pids}'; wait`,
    );
    const started = Date.now();
    const child = spawn(process.execPath, [CLI_BUNDLE, 'topology', '--kubeconfig', kubeconfig], {
      env: { PATH: process.env.PATH ?? '', HOME: '/nonexistent-home' },
      stdio: 'ignore',
    });
    const ended = new Promise<NodeJS.Signals | null>((resolve) =>
      child.on('close', (_, signal) => resolve(signal)),
    );
    while (!fs.existsSync(pids) || fs.readFileSync(pids, 'utf8').trim().split('\n').length < 2) {
      assert.ok(Date.now() - started < 10_000, 'the plugins started');
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    child.kill('SIGINT');
    assert.equal(await ended, 'SIGINT');
    for (const pid of fs.readFileSync(pids, 'utf8').trim().split('\n').map(Number))
      assert.equal(await stillAliveAfterKill(pid), false, `plugin process ${pid} is gone`);
  });

  it('a plugin that prints a bare token: the token appears nowhere in the output', async () => {
    const kubeconfig = pluginKubeconfig(() => `printf 'bare-plugin-token-5f2c9e'`);
    for (const format of ['text', 'json']) {
      const run = await meshwright([
        'topology',
        '--kubeconfig',
        kubeconfig,
        '--format',
        format,
        '--timeout',
        '5',
      ]);
      assert.equal(run.status, 1);
      assert.ok(!`${run.stdout}${run.stderr}`.includes('bare-plugin'), `${format}: no token`);
      assert.match(run.stdout, /credential plugin `sh` printed 24 bytes that are not an ExecCredential/);
    }
  });

  it('live discovery: a hanging plugin fails the cluster with the reason and is retried; none survives stop', async () => {
    const pids = path.join(directory, 'pids');
    const kubeconfig = pluginKubeconfig(() => `echo $$ >> '${pids}'; exec sleep 1000`);
    live = watchLive(kubeconfig, { contexts: ['east'], requestTimeoutMs: 1_000 });
    const health = await live.untilHealth(
      'east',
      (current) => current.state === 'unauthorized',
      'east failed on its plugin',
      10_000,
    );
    assert.match(
      health.stale ?? '',
      /^cluster east: credential plugin `sh` did not finish within 1s; nothing read yet; retrying/,
    );
    // The probe runs the plugin again.
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    const started = fs.readFileSync(pids, 'utf8').trim().split('\n').map(Number);
    assert.ok(started.length >= 2, `retried (${started.length} runs)`);
    live.stop();
    live = undefined;
    for (const pid of started)
      assert.equal(await stillAliveAfterKill(pid), false, `plugin process ${pid} is gone`);
  });
});

const meshwright = (args: readonly string[]) => runCliInBackground(args, { cwd: REPO_ROOT });
