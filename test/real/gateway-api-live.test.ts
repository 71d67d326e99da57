/**
 * The Gateway API and ambient checks against real API servers: discovery reads the Gateway API kinds
 * where their CRDs are installed and takes a cluster without them as complete (not partial, not stale);
 * every MESH401-MESH406 and IST0171 (negative route, gateway and waypoint conditions) fixture case,
 * seeded into real servers with its status, gives the same diagnostics live as from its files; IST0176 fires live on a Gateway API CRD older than Istio supports.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import YAML from 'yaml';
import { analyze } from '../../server/src/analysis/engine';
import { type MeshDiagnostic } from '../../server/src/mesh/diagnostic';
import { discoverTopology } from '../../server/src/topology/discover-topology';
import { parityCases, readParityCase } from '../cluster/parity-harness';
import { type LiveTopology, watchLive } from '../cluster/topology-support';
import { RealControlPlane } from './support/control-plane';
import { LiveCase, caseCollections, readManifests } from './support/live-case';
import { type KubeManifest } from './support/rbac';
import { ResourcePaths } from './support/resource-paths';
import { applyObject, harnessCrds } from './support/seed';
import { ServerState } from './support/server-state';

const CODES = /^(MESH40[1-6]|IST0171)$/;
const GATEWAY_API_CRDS = harnessCrds().filter((crd) =>
  crd.metadata.name.endsWith('.gateway.networking.k8s.io'),
).length;

/** A diagnostic as both ways must give it: live ones sit in virtual documents, offline ones in files. */
function comparable(diagnostic: MeshDiagnostic): string {
  const resource = diagnostic.resource
    ? `${diagnostic.resource.kind} ${diagnostic.resource.namespace ? `${diagnostic.resource.namespace}/` : ''}${diagnostic.resource.name}`
    : diagnostic.uri;
  return `${diagnostic.code} @${diagnostic.cluster ?? '-'} ${resource}: ${diagnostic.message}`;
}

describe('Gateway API and ambient on real API servers', function () {
  this.timeout(600_000);
  let plane: RealControlPlane;
  let live: LiveTopology | undefined;

  before(async () => {
    plane = await RealControlPlane.start([
      { name: 'east', objects: [] },
      { name: 'west', objects: [] },
      { name: 'bare', objects: [], gatewayApi: false },
    ]);
  });
  afterEach(() => {
    live?.stop();
    live = undefined;
  });
  after(async () => plane?.stop());

  it('reads a cluster without the Gateway API CRDs whole: in sync, nothing unread, no waypoints, no MESH010', async () => {
    const result = await discoverTopology({
      kubeconfig: plane.kubeconfig('reader'),
      contexts: ['bare', 'east'],
      env: {},
    });
    for (const health of result.health) {
      assert.equal(health.stale, null, `${health.cluster}: ${health.stale}`);
      assert.deepEqual([health.unreadable, health.unread], [[], []], health.cluster);
    }
    const [bare, east] = result.snapshot.clusters;
    assert.deepEqual([bare?.waypoints, bare?.ambientNamespaces, bare?.ambientEastWestGateways], [[], [], []]);
    const crdsOf = (objects: readonly { kind: string }[] = []): number =>
      objects.filter((object) => object.kind === 'CustomResourceDefinition').length;
    // Only the Gateway API CRDs are kept, by metadata, where they are installed.
    assert.equal(crdsOf(bare?.objects), 0);
    assert.equal(crdsOf(east?.objects), GATEWAY_API_CRDS);
    const analysis = analyze({ documents: [], snapshot: result.snapshot, offline: false });
    assert.deepEqual(
      analysis.diagnostics.filter((d) => d.code === 'MESH010').map((d) => d.message),
      [],
    );
  });

  it('watches a cluster without the Gateway API CRDs into sync, the Gateway API types absent rather than unreadable', async () => {
    live = watchLive(plane.kubeconfig('reader'), { contexts: ['bare'] });
    const health = await live.untilHealth('bare', (h) => h.state === 'synced', 'bare in sync', 60_000);
    assert.equal(health.stale, null);
    assert.deepEqual(health.unreadable, []);
  });

  describe('each MESH401-MESH406 and IST0171 fixture case gives the same diagnostics live as from its files', () => {
    const cases = parityCases((name) => /^(MESH40[1-6]|IST0171)\//.test(name));
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
      baselines = new Map();
      for (const cluster of ['east', 'west']) {
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

    it('covers every case', () => assert.ok(cases.length >= 17, `${cases.length} cases`));

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
          const offline = analyze({
            documents: input.documents,
            clusters: input.clusters,
            offline: false,
          });
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
          if (testCase.name.split('/')[2]!.startsWith('fires-'))
            assert.ok(liveFound.length > 0, `${testCase.name}: nothing fired live`);
        } finally {
          await Promise.all(seeded.map((c) => c.reset()));
        }
      });
    }
  });

  it('reads a Gateway API kind at the older version a cluster serves it at, one-shot and watched', async () => {
    const rest = plane.cluster('bare').rest('admin');
    const paths = new ResourcePaths(rest);
    const crd = alphaOnlyGrpcRouteCrd();
    await applyObject(rest, paths, crd);
    for (;;) {
      const answer = await rest.request('/apis/gateway.networking.k8s.io/v1alpha2/grpcroutes?limit=1');
      if (answer.status === 200) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    paths.forget();
    await applyObject(rest, paths, {
      apiVersion: 'gateway.networking.k8s.io/v1alpha2',
      kind: 'GRPCRoute',
      metadata: { name: 'catalog', namespace: 'default' },
      spec: { parentRefs: [{ name: 'missing-gateway' }] },
    });
    const result = await discoverTopology({
      kubeconfig: plane.kubeconfig('reader'),
      contexts: ['bare'],
      env: {},
    });
    assert.deepEqual(result.health[0]?.unread, []);
    const routes = result.snapshot.clusters[0]!.objects.filter((object) => object.kind === 'GRPCRoute');
    assert.deepEqual(
      routes.map((route) => `${route.apiVersion} ${route.metadata.name}`),
      ['gateway.networking.k8s.io/v1alpha2 catalog'],
    );
    const found = analyze({ documents: [], snapshot: result.snapshot, offline: false }).diagnostics.filter(
      (d) => d.code === 'MESH401',
    );
    assert.match(
      found[0]?.message ?? '',
      /GRPCRoute default\/catalog in cluster bare: parentRefs names Gateway default\/missing-gateway/,
    );
    live = watchLive(plane.kubeconfig('reader'), { contexts: ['bare'] });
    await live.until(
      () => live!.cluster('bare').objects.some((object) => object.kind === 'GRPCRoute'),
      'the GRPCRoute watched at v1alpha2',
      60_000,
    );
  });

  it('reports IST0176 live for a Gateway API CRD older than Istio supports, as from the same CRD in a file', async () => {
    const old = oldTcpRouteCrd();
    const rest = plane.cluster('bare').rest('admin');
    await applyObject(rest, new ResourcePaths(rest), old);
    const result = await discoverTopology({
      kubeconfig: plane.kubeconfig('reader'),
      contexts: ['bare'],
      env: {},
    });
    const liveFound = analyze({ documents: [], snapshot: result.snapshot, offline: false })
      .diagnostics.filter((d) => d.code === 'IST0176')
      .map(comparable);
    const offlineFound = analyze({
      documents: [],
      clusters: [{ name: 'bare', files: [{ uri: 'crd.yaml', text: YAML.stringify(old) }] }],
      offline: false,
    })
      .diagnostics.filter((d) => d.code === 'IST0176')
      .map(comparable);
    assert.equal(liveFound.length, 1, liveFound.join('\n'));
    assert.match(liveFound[0] ?? '', /tcproutes\.gateway\.networking\.k8s\.io" is at version "1\.5\.0"/);
    assert.deepEqual(liveFound, offlineFound);
  });
});

/**
 * The GRPCRoute CRD as a Gateway API release before 1.1 served it: only `v1alpha2` (the standard
 * channel's v1 schema under that name), so that discovery must find the kind at an older version.
 */
function alphaOnlyGrpcRouteCrd(): KubeManifest {
  const crd = harnessCrds().find((c) => c.metadata.name === 'grpcroutes.gateway.networking.k8s.io')!;
  const spec = crd.spec as { versions: Record<string, unknown>[] };
  const [v1] = spec.versions;
  return { ...crd, spec: { ...spec, versions: [{ ...v1, name: 'v1alpha2', served: true, storage: true }] } };
}

/** The objects of one cluster of a fixture case (its `clusters/<name>/*.yaml`); none for a cluster it lacks. */
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

/** The standard TCPRoute CRD as Gateway API 1.5.0 shipped it (by its bundle version): below Istio's 1.6.0. */
function oldTcpRouteCrd(): KubeManifest {
  const crd = harnessCrds().find((c) => c.metadata.name === 'tcproutes.gateway.networking.k8s.io')!;
  return {
    ...crd,
    metadata: {
      ...crd.metadata,
      annotations: {
        ...(crd.metadata.annotations as Record<string, string> | undefined),
        'gateway.networking.k8s.io/bundle-version': 'v1.5.0',
      },
    },
  };
}
