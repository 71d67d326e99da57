/**
 * `meshwright analyze --cluster NAME=DIR ...` runs the ambient cross-cluster checks (MESH407-MESH410) on
 * the cluster files alone: each fires on its fixture's marked copy, names the cluster, and points at the
 * copies in the other clusters; the demo mesh's files give exactly its planted MESH408.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { FIXTURES as ANALYSIS_FIXTURES } from '../unit/analysis/fixture-cases';
import { REPO_ROOT, assertCliBuilt, jsonDiagnostics, runCli } from './support/cli-process';

const AMBIENT_CODES = /^MESH(40[7-9]|410)$/;
// Run where there are no documents: the cluster files are the whole input.
const NO_DOCUMENTS = fs.mkdtempSync(path.join(os.tmpdir(), 'meshwright-ambient-'));

function findings(clusters: Readonly<Record<string, string>>): ReturnType<typeof jsonDiagnostics> {
  const args = Object.entries(clusters).flatMap(([name, dir]) => ['--cluster', `${name}=${dir}`]);
  const result = runCli(['analyze', ...args, '--format', 'json'], { cwd: NO_DOCUMENTS });
  assert.doesNotMatch(result.stderr, /internal error/);
  assert.ok(result.status === 0 || result.status === 1, `exit ${result.status}: ${result.stderr}`);
  return jsonDiagnostics(result).filter((d) => AMBIENT_CODES.test(d.code));
}

function caseClusters(relative: string, names: readonly string[]): Record<string, string> {
  return Object.fromEntries(
    names.map((name) => [name, path.join(ANALYSIS_FIXTURES, relative, 'clusters', name)]),
  );
}

describe('meshwright analyze: ambient across clusters', () => {
  before(assertCliBuilt);
  after(() => fs.rmSync(NO_DOCUMENTS, { recursive: true, force: true }));

  it('MESH408 on the global Service whose waypoint is local, with the waypoint as related location', () => {
    const found = findings(
      caseClusters('MESH408/global-service-waypoint/fires-waypoint-service-local', ['east', 'west']),
    );
    const mesh408 = found.filter((d) => d.code === 'MESH408');
    assert.equal(mesh408.length, 1, found.map((d) => `${d.code} ${d.message}`).join('\n'));
    assert.equal(mesh408[0]!.cluster, 'east');
    assert.equal(mesh408[0]!.severity, 'error');
    assert.match(
      mesh408[0]!.message,
      /is global but its namespace's waypoint shop\/waypoint in cluster east is not/,
    );
    assert.equal(mesh408[0]!.related.length, 2);
  });

  it('MESH410 on each copy whose waypoint differs, related to the other cluster', () => {
    const found = findings(
      caseClusters('MESH410/waypoint-binding-across-clusters/fires-namespace-waypoint-differs', [
        'east',
        'west',
      ]),
    ).filter((d) => d.code === 'MESH410');
    assert.deepEqual(found.map((d) => `${d.cluster} ${d.resource?.kind} ${d.resource?.name}`).sort(), [
      'east Namespace shop',
      'east Service reviews',
      'west Namespace shop',
      'west Service reviews',
    ]);
    for (const d of found) assert.equal(d.related.length, 1);
  });

  it('MESH409 for ambient in a remote, and MESH407 for a mesh config without the global selector', () => {
    const remote = findings(
      caseClusters('MESH409/ambient-multicluster-topology/fires-remote-serves-ambient', ['east', 'edge']),
    );
    assert.deepEqual(
      remote.map((d) => `${d.code} ${d.cluster}`),
      ['MESH409 edge'],
    );
    const config = findings(
      caseClusters('MESH407/ambient-global-services/fires-mesh-config-without-selector', ['east', 'west']),
    );
    assert.deepEqual(
      config.map((d) => `${d.code} ${d.cluster} ${d.resource?.kind} ${d.resource?.name}`),
      ['MESH407 east ConfigMap istio'],
    );
  });

  it('stays silent on the near misses', () => {
    for (const [relative, names] of [
      ['MESH407/ambient-global-services/silent-global-everywhere', ['east', 'west']],
      ['MESH408/global-service-waypoint/silent-waypoint-global', ['east', 'west']],
      ['MESH409/ambient-multicluster-topology/silent-multi-primary-with-gateways', ['east', 'west']],
      ['MESH410/waypoint-binding-across-clusters/silent-same-waypoint', ['east', 'west']],
    ] as const) {
      assert.deepEqual(findings(caseClusters(relative, names)), [], relative);
    }
  });

  it("gives the demo mesh's planted MESH408 (catalog behind a local waypoint) on each primary's copy, and no other", () => {
    const demo = path.join(REPO_ROOT, 'simulator', 'demo');
    const found = findings({
      east: path.join(demo, 'east'),
      west: path.join(demo, 'west'),
      edge: path.join(demo, 'edge'),
    });
    assert.deepEqual(
      found.map((d) => `${d.code} ${d.cluster} ${d.resource?.namespace}/${d.resource?.name}`),
      ['MESH408 east ambient-demo/catalog', 'MESH408 west ambient-demo/catalog'],
    );
  });
});
