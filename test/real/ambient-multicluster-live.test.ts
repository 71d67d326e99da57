/**
 * Ambient across clusters against real API servers: every MESH407-MESH410 fixture case, and MESH104's
 * ambient east-west gateway cases, seeded into real servers (east, west, edge) with its status, gives the
 * same diagnostics live as from its files, and each firing case fires live.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { analyze } from '../../server/src/analysis/engine';
import { type MeshDiagnostic } from '../../server/src/mesh/diagnostic';
import { discoverTopology } from '../../server/src/topology/discover-topology';
import { parityCases, readParityCase } from '../cluster/parity-harness';
import { RealControlPlane } from './support/control-plane';
import { LiveCase, caseCollections, readManifests } from './support/live-case';
import { type KubeManifest } from './support/rbac';
import { ResourcePaths } from './support/resource-paths';
import { ServerState } from './support/server-state';

const CODES = /^(MESH104|MESH40[7-9]|MESH410)$/;
const CASES =
  /^(MESH40[7-9]|MESH410)\/|^MESH104\/cross-network-endpoints\/(silent-ambient-east-west-gateway|fires-sidecar-endpoints-behind-ambient-gateway)$/;
const CLUSTERS = ['east', 'west', 'edge'];

/** A diagnostic as both ways must give it: live ones sit in virtual documents, offline ones in files. */
function comparable(diagnostic: MeshDiagnostic): string {
  const resource = diagnostic.resource
    ? `${diagnostic.resource.kind} ${diagnostic.resource.namespace ? `${diagnostic.resource.namespace}/` : ''}${diagnostic.resource.name}`
    : diagnostic.uri;
  return `${diagnostic.code} @${diagnostic.cluster ?? '-'} ${resource}: ${diagnostic.message}`;
}

describe('ambient across clusters on real API servers', function () {
  this.timeout(600_000);
  const cases = parityCases((name) => CASES.test(name));
  let plane: RealControlPlane;
  let baselines: Map<
    string,
    {
      paths: ResourcePaths;
      state: ServerState;
      namespaces: ReadonlySet<string>;
      collections: Map<string, string[]>;
    }
  >;

  before(async () => {
    plane = await RealControlPlane.start(CLUSTERS.map((name) => ({ name, objects: [] })));
    baselines = new Map();
    for (const cluster of CLUSTERS) {
      const rest = plane.cluster(cluster).rest('admin');
      const paths = new ResourcePaths(rest);
      const collections = new Map<string, string[]>();
      for (const testCase of cases)
        collections.set(
          testCase.name,
          await caseCollections(paths, manifestsOf(testCase.directory, cluster)),
        );
      const state = await ServerState.record(rest, new Set([...collections.values()].flat()));
      const namespaces = await rest.json<{ items: { metadata: { name: string } }[] }>('/api/v1/namespaces');
      baselines.set(cluster, {
        paths,
        state,
        namespaces: new Set(namespaces.items.map((item) => item.metadata.name)),
        collections,
      });
    }
  });
  after(async () => plane?.stop());

  it('covers every case', () => assert.ok(cases.length >= 14, `${cases.length} cases`));

  for (const testCase of cases) {
    it(testCase.name, async () => {
      const input = readParityCase(testCase.directory);
      const seeded = await Promise.all(
        input.clusters.map((cluster) => {
          const baseline = baselines.get(cluster.name)!;
          return LiveCase.seed(
            plane.cluster(cluster.name).rest('admin'),
            baseline.paths,
            baseline,
            manifestsOf(testCase.directory, cluster.name),
            baseline.collections.get(testCase.name)!,
          );
        }),
      );
      try {
        assert.deepEqual(
          seeded.flatMap((c) => c.refused),
          [],
          'the server refused objects of the case',
        );
        const offline = analyze({ documents: input.documents, clusters: input.clusters, offline: false });
        const discovery = await discoverTopology({
          kubeconfig: plane.kubeconfig('reader'),
          contexts: input.clusters.map((cluster) => cluster.name),
          env: {},
        });
        assert.deepEqual(
          discovery.health.map((h) => h.stale),
          input.clusters.map(() => null),
        );
        const liveResult = analyze({
          documents: input.documents,
          snapshot: discovery.snapshot,
          offline: false,
        });
        assert.deepEqual([...offline.failures, ...liveResult.failures], []);
        const offlineFound = offline.diagnostics
          .filter((d) => CODES.test(d.code))
          .map(comparable)
          .sort();
        const liveFound = liveResult.diagnostics
          .filter((d) => CODES.test(d.code))
          .map(comparable)
          .sort();
        assert.deepEqual(liveFound, offlineFound);
        const code = testCase.name.split('/')[0]!;
        if (testCase.name.split('/')[2]!.startsWith('fires-'))
          assert.ok(
            liveFound.some((found) => found.startsWith(`${code} `)),
            `${testCase.name}: no ${code} live`,
          );
      } finally {
        await Promise.all(seeded.map((c) => c.reset()));
      }
    });
  }
});

function manifestsOf(directory: string, cluster: string): KubeManifest[] {
  const dir = path.join(directory, 'clusters', cluster);
  if (!fs.existsSync(dir)) return [];
  const files = fs
    .readdirSync(dir)
    .filter((file) => file.endsWith('.yaml'))
    .sort()
    .map((file) => path.join(dir, file));
  return readManifests(files);
}
