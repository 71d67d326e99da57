/**
 * `meshwright check` as users run it: the built CLI against the simulated demo mesh, whose planted trust
 * problem (east's remote secret for edge holds a token expiring 3 days after the simulator starts) must
 * show with its hint; the same checks from the demo's files; and no token anywhere in the output.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { REPO_ROOT, runCliInBackground } from '../cli/support/cli-process';
import { startForTest, type SimulatorUnderTest } from './sim-harness';

const GOLDEN = path.join(REPO_ROOT, 'test', 'fixtures', 'check');
const DEMO = path.join(REPO_ROOT, 'simulator', 'demo');

/** Dates, times and ports vary from run to run; the rest of the checklist must not. */
function normalised(text: string): string {
  return text
    .replace(/\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z/g, '<time>')
    .replace(/https:\/\/127\.0\.0\.1:\d+/g, 'https://127.0.0.1:<port>');
}

interface CheckJson {
  version: number;
  checks: {
    name: string;
    status: string;
    clusters: string[];
    code?: string;
    message: string;
    hint?: string;
  }[];
}

describe('meshwright check (CLI)', function () {
  this.timeout(90_000);
  let sim: SimulatorUnderTest;

  before(async () => {
    sim = await startForTest({ demo: true });
  });
  after(async () => sim?.stop());

  it('prints the demo checklist with the planted expiring token and its fix (golden text)', async () => {
    const run = await meshwright(['check', '--kubeconfig', sim.kubeconfigPath]);
    // Warnings alone do not fail a check run; the demo's config drift (MESH205, an error) does.
    assert.equal(run.status, 1, run.stderr);
    assert.equal(run.stderr, '');
    assert.match(
      run.stdout,
      /‼ east → edge: the token of system:serviceaccount:istio-system:istio-reader-service-account in istio-remote-secret-edge expires in 3 days \(.*\) \[MESH306\]\n {6}hint: recreate it with a longer-lived token: istioctl create-remote-secret --context=edge --name=edge/,
    );
    const golden = path.join(GOLDEN, 'demo-check.txt');
    if (process.env.MESHWRIGHT_UPDATE_GOLDEN) fs.writeFileSync(golden, normalised(run.stdout));
    assert.equal(normalised(run.stdout), fs.readFileSync(golden, 'utf8'));
  });

  it('--format json prints the documented contract, in the documented order', async () => {
    const run = await meshwright(['check', '--kubeconfig', sim.kubeconfigPath, '--format', 'json']);
    assert.equal(run.status, 1, run.stderr);
    const report = JSON.parse(run.stdout) as CheckJson;
    assert.equal(report.version, 1);
    for (const check of report.checks) {
      assert.deepEqual(
        Object.keys(check).filter(
          (key) => !['name', 'status', 'clusters', 'code', 'message', 'hint'].includes(key),
        ),
        [],
      );
      assert.ok(['pass', 'warn', 'fail'].includes(check.status));
      assert.equal(
        check.hint !== undefined,
        check.status !== 'pass',
        `${check.name}: a hint exactly for problems`,
      );
    }
    const sections = [...new Set(report.checks.map((check) => check.name))];
    assert.deepEqual(sections, [
      'reachability',
      'identity',
      'trust roots',
      'certificate expiry',
      'certificate authority',
      'remote secret',
      'east-west gateway',
      'istiod versions',
      'config drift',
    ]);
    const planted = report.checks.find((check) => check.code === 'MESH306');
    assert.deepEqual(
      { status: planted?.status, clusters: planted?.clusters },
      { status: 'warn', clusters: ['east', 'edge'] },
    );
    assert.deepEqual(
      report.checks.filter((check) => check.status !== 'pass').map((check) => check.code),
      // The planted token, and the config drift of the demo's other planted mistakes (no code of its own).
      ['MESH306', undefined],
    );
  });

  it('--fail-on none exits 0; --fail-on warn fails on the planted warning alone', async () => {
    const none = await meshwright(['check', '--kubeconfig', sim.kubeconfigPath, '--fail-on', 'none']);
    assert.equal(none.status, 0, none.stderr);
    const onlyEdge = await meshwright([
      'check',
      '--kubeconfig',
      sim.kubeconfigPath,
      '--context',
      'east',
      '--context',
      'edge',
      '--fail-on',
      'warn',
    ]);
    assert.equal(onlyEdge.status, 1, onlyEdge.stderr);
    assert.match(onlyEdge.stdout, /MESH306/);
  });

  it('never prints a token, not even with --verify-remote-secrets', async () => {
    const secret = sim.simulator
      .cluster('east')
      .objects()
      .find((o) => o.metadata.name === 'istio-remote-secret-edge');
    const kubeconfig = Buffer.from(
      (secret as unknown as { data: { edge: string } }).data.edge,
      'base64',
    ).toString('utf8');
    const token = /token: (\S+)/.exec(kubeconfig)![1]!;
    assert.equal(token.split('.').length, 3, 'the planted token is a JWT');
    for (const args of [[], ['--format', 'json'], ['--verify-remote-secrets']]) {
      const run = await meshwright(['check', '--kubeconfig', sim.kubeconfigPath, ...args]);
      for (const part of token.split('.')) {
        assert.ok(
          !run.stdout.includes(part) && !run.stderr.includes(part),
          `${args.join(' ')}: token printed`,
        );
      }
    }
  });

  it('--verify-remote-secrets uses each credential and says whose it was (the demo tokens are refused)', async () => {
    const run = await meshwright(['check', '--kubeconfig', sim.kubeconfigPath, '--verify-remote-secrets']);
    assert.equal(run.status, 1, run.stderr);
    const access = run.stdout.split('\n').filter((line) => line.includes('could not be used'));
    assert.equal(access.length, 4, run.stdout);
    assert.match(
      run.stdout,
      /✖ east → edge: https:\/\/127\.0\.0\.1:\d+ could not be used as system:serviceaccount:istio-system:istio-reader-service-account: the server refused the credential \(401 Unauthorized\)/,
    );
  });

  it('checks the demo files the same way (--cluster NAME=DIR), without the time-dependent token', async () => {
    const run = await meshwright([
      'check',
      '--format',
      'json',
      ...['east', 'west', 'edge'].flatMap((name) => ['--cluster', `${name}=${path.join(DEMO, name)}`]),
    ]);
    assert.equal(run.status, 1, run.stderr);
    const report = JSON.parse(run.stdout) as CheckJson;
    const live = JSON.parse(
      (await meshwright(['check', '--kubeconfig', sim.kubeconfigPath, '--format', 'json'])).stdout,
    ) as CheckJson;
    const shape = (r: CheckJson) => r.checks.map((c) => `${c.name} ${c.status} ${c.clusters.join(',')}`);
    const withoutPlanted = (r: CheckJson) =>
      shape(r).map((line) => line.replace('remote secret warn east,edge', 'remote secret pass east,edge'));
    assert.deepEqual(withoutPlanted(report), withoutPlanted(live));
  });
});

const meshwright = (args: readonly string[], env: Record<string, string> = {}) =>
  runCliInBackground(args, { cwd: REPO_ROOT, env });
