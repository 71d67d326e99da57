/**
 * Meshwright's discovery of the demo mesh on real API servers: the live watches (TopologyDiscovery) and
 * the one-shot CLI (`meshwright topology --format json`) derive the same clusters, networks, roles,
 * revisions, remote secrets and east-west gateways from kube-apiserver as from the simulator serving the
 * same files (test/fixtures/topology/demo-topology.json).
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { summarizeTopology } from '../../server/src/views/topology-summary';
import { REPO_ROOT, assertCliBuilt, packageVersion, runCliInBackground } from '../cli/support/cli-process';
import { type LiveTopology, TOPOLOGY_FIXTURES, watchLive } from '../cluster/topology-support';
import { type RealControlPlane } from './support/control-plane';
import { sharedDemoControlPlane } from './support/shared-control-plane';

const expected = (): unknown =>
  JSON.parse(fs.readFileSync(path.join(TOPOLOGY_FIXTURES, 'demo-topology.json'), 'utf8'));

describe('topology of the demo mesh on real API servers', function () {
  this.timeout(180_000);
  let plane: RealControlPlane;
  let live: LiveTopology | undefined;

  before(async () => {
    assertCliBuilt();
    plane = await sharedDemoControlPlane();
  });
  after(() => live?.stop());

  it('live discovery: every cluster synced, the same topology as the simulator gives', async () => {
    live = watchLive(plane.kubeconfig('reader'));
    const started = Date.now();
    await live.discovery.whenSynced();
    const current = live;
    await current.until(
      () => current.discovery.health().every((health) => health.state === 'synced'),
      'every cluster synced',
    );
    assert.deepEqual(
      current.discovery.health().map((health) => `${health.cluster} ${health.state} ${health.stale}`),
      ['east synced null', 'west synced null', 'edge synced null'],
    );
    assert.deepEqual(
      JSON.parse(JSON.stringify(summarizeTopology(current.discovery.snapshot))),
      expected(),
      `first sync took ${Date.now() - started} ms`,
    );
  });

  it('reads every watched type: no type unreadable or missing with the documented reader ClusterRole', () => {
    assert.ok(live, 'the previous test started discovery');
    for (const health of live.discovery.health()) assert.deepEqual(health.unreadable, [], health.cluster);
    const east = live.cluster('east');
    const kinds = new Set(east.objects.map((object) => object.kind));
    for (const kind of [
      'Namespace',
      'Node',
      'Service',
      'Pod',
      'Deployment',
      'ConfigMap',
      'Secret',
      'MutatingWebhookConfiguration',
      'DestinationRule',
      'VirtualService',
      'Gateway',
    ])
      assert.ok(kinds.has(kind), `east has ${kind} objects (${[...kinds].join(', ')})`);
  });

  it('meshwright topology --format json prints the same JSON as for the simulator', async () => {
    const run = await runCliInBackground(
      ['topology', '--kubeconfig', plane.kubeconfig('reader'), '--format', 'json'],
      { cwd: REPO_ROOT },
    );
    assert.equal(run.status, 0, run.stderr);
    assert.equal(run.stderr, '');
    const { tool, ...topology } = JSON.parse(run.stdout) as { tool: unknown };
    assert.deepEqual(tool, { name: 'meshwright', version: packageVersion() });
    assert.deepEqual(topology, expected());
  });

  it('meshwright topology prints the same text tree as for the simulator', async () => {
    const run = await runCliInBackground(['topology', '--kubeconfig', plane.kubeconfig('reader')], {
      cwd: REPO_ROOT,
    });
    assert.equal(run.status, 0, run.stderr);
    assert.equal(run.stdout, fs.readFileSync(path.join(TOPOLOGY_FIXTURES, 'demo-topology.txt'), 'utf8'));
  });
});
