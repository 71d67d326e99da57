/**
 * `meshwright topology` as users run it: the built CLI (dist/server/cli.js) as a child process against
 * the simulated demo mesh. The simulator runs in this process, so the CLI is started asynchronously (a
 * synchronous spawn would stop the simulator from answering).
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { REPO_ROOT, packageVersion, runCliInBackground } from '../cli/support/cli-process';
import { startForTest, type SimulatorUnderTest } from './sim-harness';
import { TOPOLOGY_FIXTURES } from './topology-support';

describe('meshwright topology (CLI)', function () {
  this.timeout(60_000);
  let sim: SimulatorUnderTest;

  before(async () => {
    sim = await startForTest({ demo: true });
  });
  after(async () => sim?.stop());

  it('--format json prints exactly the documented shape for the demo mesh', async () => {
    const run = await meshwright(['topology', '--kubeconfig', sim.kubeconfigPath, '--format', 'json']);
    assert.equal(run.status, 0, run.stderr);
    assert.equal(run.stderr, '');
    const expected = JSON.parse(
      fs.readFileSync(path.join(TOPOLOGY_FIXTURES, 'demo-topology.json'), 'utf8'),
    ) as unknown;
    const { tool, ...topology } = JSON.parse(run.stdout) as { tool: unknown };
    assert.deepEqual(tool, { name: 'meshwright', version: packageVersion() });
    assert.deepEqual(topology, expected);
    const [cluster] = (expected as { clusters: Record<string, unknown>[] }).clusters;
    assert.deepEqual(Object.keys(cluster ?? {}), [
      'name',
      'id',
      'network',
      'role',
      'revisions',
      'meshId',
      'trustDomain',
      'controlPlane',
      'reachable',
      'stale',
      'remoteSecrets',
      'eastWestGateways',
      'ambientNamespaces',
      'waypoints',
      'ambientEastWestGateways',
    ]);
  });

  it('text is a tree of networks and clusters with roles, gateways, remote secrets and control planes', async () => {
    const run = await meshwright(['topology', '--kubeconfig', sim.kubeconfigPath]);
    assert.equal(run.status, 0, run.stderr);
    assert.equal(run.stdout, fs.readFileSync(path.join(TOPOLOGY_FIXTURES, 'demo-topology.txt'), 'utf8'));
  });

  it('--context reads only the named clusters; KUBECONFIG is used without --kubeconfig', async () => {
    const run = await meshwright(['topology', '--context', 'edge', '--context', 'east', '--format', 'json'], {
      KUBECONFIG: sim.kubeconfigPath,
    });
    assert.equal(run.status, 0, run.stderr);
    const summary = JSON.parse(run.stdout) as { clusters: { name: string; role: string }[] };
    assert.deepEqual(
      summary.clusters.map((cluster) => `${cluster.name} ${cluster.role}`),
      ['edge remote', 'east primary'],
    );
  });

  it('a stopped cluster is shown with its reason and exit status 1; the others are complete', async () => {
    const west = sim.simulator.cluster('west');
    await west.stop();
    try {
      const run = await meshwright(['topology', '--kubeconfig', sim.kubeconfigPath]);
      assert.equal(run.status, 1);
      assert.match(run.stdout, /^ {2}cluster west: unknown, unreachable$/m);
      assert.match(
        run.stdout,
        new RegExp(
          `^ {4}stale: cluster west unreachable \\(ECONNREFUSED 127\\.0\\.0\\.1:${west.port}\\); 0 of \\d+ resource types read$`,
          'm',
        ),
      );
      assert.match(run.stdout, /^ {2}cluster east: primary, in sync$/m);
    } finally {
      await west.start();
    }
  });

  it('expired credentials and an RBAC refusal read as such: "credentials refused", "partial" once per type', async () => {
    const west = sim.simulator.cluster('west');
    const east = sim.simulator.cluster('east');
    west.setFaults({ tokenExpired: true });
    east.setFaults({ forbidden: [{ resource: 'secrets' }] });
    try {
      const run = await meshwright(['topology', '--kubeconfig', sim.kubeconfigPath]);
      assert.equal(run.status, 1);
      assert.match(run.stdout, /^ {2}cluster west: unknown, credentials refused$/m);
      assert.match(
        run.stdout,
        /^ {4}stale: credentials expired or refused \(401\) by cluster west; log in again or renew the kubeconfig's credentials; 0 of \d+ resource types read$/m,
      );
      assert.match(run.stdout, /^ {2}cluster east: primary, partial$/m);
      // Two watched entries read Secrets in istio-system: one refusal, said once, with both consequences.
      const stale =
        /^ {4}stale: (.*)$/m.exec(run.stdout.slice(run.stdout.indexOf('cluster east:')))?.[1] ?? '';
      assert.equal(
        stale,
        'RBAC: cannot list secrets in istio-system (403); remote secrets and gateway credential validity in istio-system unknown; ' +
          'RBAC: cannot list secrets (403); gateway credential secrets unknown',
      );
    } finally {
      west.resetFaults();
      east.resetFaults();
    }
  });

  it('usage and kubeconfig errors: one line with the way out, exit status 2, no credential', async () => {
    const unknown = await meshwright(['topology', '--kubeconfig', sim.kubeconfigPath, '--context', 'north']);
    assert.equal(unknown.status, 2);
    assert.equal(
      unknown.stderr,
      `meshwright: context "north" not found in ${sim.kubeconfigPath}; the contexts are: east, west, edge\n`,
    );
    const broken = await meshwright([
      'topology',
      '--kubeconfig',
      path.join(TOPOLOGY_FIXTURES, 'broken.kubeconfig'),
    ]);
    assert.equal(broken.status, 2);
    assert.match(
      broken.stderr,
      /^meshwright: kubeconfig .*broken\.kubeconfig cannot be read \(not valid YAML at line \d+/,
    );
    assert.ok(!broken.stderr.includes('sekret-token'));
    const noKubeconfig = await meshwright(['topology']);
    assert.equal(noKubeconfig.status, 2);
    assert.match(
      noKubeconfig.stderr,
      /no kubeconfig: KUBECONFIG is not set and \/nonexistent-home\/\.kube\/config does not exist/,
    );
    const badFormat = await meshwright(['topology', '--format', 'yaml']);
    assert.equal(badFormat.status, 2);
    assert.equal(badFormat.stderr, 'meshwright: unknown --format value "yaml"; use one of: text, json\n');
  });

  it('is listed in `meshwright --help`', async () => {
    const run = await meshwright(['--help']);
    assert.match(run.stdout, /^ {2}topology +Show the clusters, networks and control planes of the mesh/m);
  });
});

const meshwright = (args: readonly string[], env: Record<string, string> = {}) =>
  runCliInBackground(args, { cwd: REPO_ROOT, env });
