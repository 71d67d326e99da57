/**
 * The sidebar's requests on the built language server (dist/server/server.js over stdio) against the
 * simulated demo mesh: a cluster's namespaces, a namespace's Services and Istio config, the Policies
 * inventory, and the live objects' problems, which follow the analysis and are announced by
 * `meshwright/explorer/problemsChanged`.
 */
import assert from 'node:assert/strict';
import {
  EXPLORER_NAMESPACE_REQUEST,
  EXPLORER_NAMESPACES_REQUEST,
  EXPLORER_PROBLEMS_CHANGED_NOTIFICATION,
  EXPLORER_PROBLEMS_REQUEST,
  type ExplorerConfigObject,
  type ExplorerNamespaceResult,
  type ExplorerNamespacesResult,
  type ExplorerProblemsChangedParams,
  type ExplorerProblemsResult,
  POLICY_INVENTORY_REQUEST,
  type PolicyInventory,
  TOPOLOGY_REQUEST,
  type TopologyView,
} from '../../protocol/requests';
import { LspTestClient } from '../lsp/support/lsp-test-client';
import { startForTest, waitFor, type SimulatorUnderTest } from './sim-harness';

describe('language server: explorer requests over the demo mesh', function () {
  this.timeout(90_000);
  let sim: SimulatorUnderTest;
  let client: LspTestClient;
  const changes: ExplorerProblemsChangedParams[] = [];
  const request = <T>(method: string, params?: unknown): Promise<T> =>
    client.connection.sendRequest(method, params) as Promise<T>;

  before(async () => {
    sim = await startForTest({ demo: true });
    client = await LspTestClient.start({
      settings: { validation: { enable: true }, kubeconfig: sim.kubeconfigPath, contexts: [] },
    });
    client.connection.onNotification(
      EXPLORER_PROBLEMS_CHANGED_NOTIFICATION,
      (params: ExplorerProblemsChangedParams) => changes.push(params),
    );
    await waitFor(
      async () => {
        const view = await request<TopologyView>(TOPOLOGY_REQUEST);
        return view.health.length === 3 && view.health.every((health) => health.state === 'synced');
      },
      'every demo cluster synced',
      30_000,
    );
  });
  after(async () => {
    await client?.stop();
    await sim?.stop();
  });

  it("answers a cluster's namespaces and a namespace's Services and Istio config", async () => {
    const namespaces = await request<ExplorerNamespacesResult>(EXPLORER_NAMESPACES_REQUEST, {
      cluster: 'east',
    });
    assert.equal(namespaces.known, true);
    const bookinfo = namespaces.namespaces.find((namespace) => namespace.name === 'bookinfo');
    assert.deepEqual([bookinfo?.injection, bookinfo?.services, bookinfo?.configObjects], ['enabled', 4, 7]);
    assert.deepEqual(
      [bookinfo?.dataPlaneMode, bookinfo?.waypoints, bookinfo?.useWaypoint],
      ['sidecar', [], null],
    );

    const contents = await request<ExplorerNamespaceResult>(EXPLORER_NAMESPACE_REQUEST, {
      cluster: 'east',
      namespace: 'bookinfo',
    });
    const reviews = contents.services.find((service) => service.name === 'reviews');
    assert.deepEqual(reviews?.endpoints, [
      { cluster: 'east', ready: 2, total: 2 },
      { cluster: 'west', ready: 1, total: 1 },
      { cluster: 'edge', ready: 0, total: 0 },
    ]);
    assert.ok(
      contents.configObjects.some(
        (object) => object.uri === 'meshwright:/east/DestinationRule/bookinfo/reviews.yaml',
      ),
    );
    const unknown = await request<ExplorerNamespacesResult>(EXPLORER_NAMESPACES_REQUEST, {
      cluster: 'north',
    });
    assert.equal(unknown.known, false);
    const malformed = await request<ExplorerNamespaceResult>(EXPLORER_NAMESPACE_REQUEST, { cluster: 3 });
    assert.equal(malformed.known, false);
  });

  it('answers the Policies inventory with the planted drift', async () => {
    const inventory = await request<PolicyInventory>(POLICY_INVENTORY_REQUEST);
    assert.deepEqual(inventory.primaries, ['east', 'west']);
    const reviews = inventory.hosts.find((host) => host.label === 'reviews.bookinfo.svc.cluster.local');
    const rule = reviews?.objects.find((object) => object.kind === 'DestinationRule');
    assert.deepEqual(
      rule?.copies.map((copy) => `${copy.cluster}:${copy.state}`),
      ['east:reference', 'west:differs'],
    );
  });

  it("counts the live objects' problems once analysed, per cluster and per object, and announces changes", async () => {
    // The demo's VirtualService bookinfo/ratings in remote edge, which no control plane reads (MESH107).
    const problems = (await waitFor(
      async () => {
        const answer = await request<ExplorerProblemsResult>(EXPLORER_PROBLEMS_REQUEST);
        return answer.total.errors > 0 ? answer : undefined;
      },
      'problems of the live objects',
      30_000,
    )) as ExplorerProblemsResult;
    await waitFor(() => changes.some((change) => change.version >= problems.version), 'problemsChanged');
    const edge = problems.clusters.find((entry) => entry.cluster === 'edge')?.problems;
    assert.ok(edge && edge.errors === 1, JSON.stringify(problems.clusters));
    assert.ok(edge.top.some((line) => line.code === 'MESH107' && line.uri.startsWith('meshwright:/edge/')));

    const ratingsIn = async (): Promise<ExplorerConfigObject | undefined> =>
      (
        await request<ExplorerNamespaceResult>(EXPLORER_NAMESPACE_REQUEST, {
          cluster: 'edge',
          namespace: 'bookinfo',
        })
      ).configObjects.find((object) => object.kind === 'VirtualService' && object.name === 'ratings');
    const ratings = await ratingsIn();
    assert.equal(ratings?.problems.errors, 1);
    assert.match(ratings?.problems.top[0]?.message ?? '', /which no control plane reads/);

    // Suppressing the code clears the badges (no re-analysis needed).
    const before = changes.length;
    client.settings = {
      validation: { enable: true },
      kubeconfig: sim.kubeconfigPath,
      contexts: [],
      suppress: ['MESH107=VirtualService ratings.bookinfo'],
    };
    await client.configurationChanged();
    // The MESH2xx findings on the planted drift stay; only the MESH107 one goes.
    const mesh107 = (answer: ExplorerProblemsResult): number =>
      answer.clusters.flatMap((entry) => entry.problems.top).filter((line) => line.code === 'MESH107').length;
    const after = (await waitFor(
      async () => {
        const answer = await request<ExplorerProblemsResult>(EXPLORER_PROBLEMS_REQUEST);
        return mesh107(answer) === 0 && answer.version > problems.version ? answer : undefined;
      },
      'MESH107 suppressed',
      30_000,
    )) as ExplorerProblemsResult;
    const edgeAfter = after.clusters.find((entry) => entry.cluster === 'edge')?.problems;
    assert.equal(edgeAfter?.errors, 0, JSON.stringify(edgeAfter));
    assert.ok(after.total.errors < problems.total.errors);
    assert.ok(after.total.warnings > 0, 'the drift findings stay');
    assert.equal((await ratingsIn())?.problems.errors, 0);
    assert.ok(after.version > problems.version);
    await waitFor(() => changes.length > before, 'problemsChanged after the suppression');
  });
});
