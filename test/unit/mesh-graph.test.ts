import assert from 'node:assert/strict';
import path from 'node:path';
import { type MeshGraph, type MeshGraphNode } from '../../protocol/mesh-graph';
import { buildMeshGraph } from '../../server/src/views/mesh-graph';
import { type ClusterHealth } from '../../server/src/topology/cluster-health';
import { demoDirectory, generateMesh } from '../../simulator/src/index';
import { snapshotOfDirectories, snapshotOfObjects } from './support/cluster-state-snapshots';

const FIXTURES = path.join(__dirname, '..', 'fixtures', 'mesh-graph');

function node(graph: MeshGraph, id: string): MeshGraphNode {
  const found = graph.nodes.find((candidate) => candidate.id === id);
  assert.ok(found, `no node ${id} among ${graph.nodes.map((n) => n.id).join(', ')}`);
  return found;
}

const childrenOf = (graph: MeshGraph, parent: string): string[] =>
  graph.nodes.filter((n) => n.parent === parent).map((n) => n.id);

const edgesOfKind = (graph: MeshGraph, kind: string): string[] =>
  graph.edges.filter((e) => e.kind === kind).map((e) => `${e.source} -> ${e.target}`);

/** Shape rules every graph must keep: unique ids, parents first, edges between existing nodes. */
function assertWellFormed(graph: MeshGraph): void {
  const seen = new Set<string>();
  for (const n of graph.nodes) {
    assert.ok(!seen.has(n.id), `duplicate node id ${n.id}`);
    if (n.parent !== undefined) assert.ok(seen.has(n.parent), `${n.id} comes before its parent ${n.parent}`);
    seen.add(n.id);
  }
  const edgeIds = new Set(graph.edges.map((e) => e.id));
  assert.equal(edgeIds.size, graph.edges.length, 'duplicate edge ids');
  for (const e of graph.edges) {
    assert.ok(seen.has(e.source) && seen.has(e.target), `edge ${e.id} joins a missing node`);
  }
}

describe('mesh graph: the demo mesh', () => {
  const graph = buildMeshGraph({ snapshot: snapshotOfDirectories(demoDirectory(), 7) });

  it('is well formed and carries the snapshot version', () => {
    assertWellFormed(graph);
    assert.equal(graph.version, 7);
    assert.equal(graph.problem, null);
  });

  it('draws networks net1 and net2 as boxes holding their clusters, gateway and control planes', () => {
    assert.deepEqual(
      graph.nodes.filter((n) => n.kind === 'network').map((n) => [n.id, n.label]),
      [
        ['network:net1', 'net1'],
        ['network:net2', 'net2'],
      ],
    );
    assert.deepEqual(childrenOf(graph, 'network:net1').sort(), [
      'cluster:east',
      'cluster:edge',
      'controlPlane:east/default',
      'gateway:net1',
    ]);
    assert.deepEqual(childrenOf(graph, 'network:net2').sort(), [
      'cluster:west',
      'controlPlane:west/default',
      'gateway:net2',
    ]);
    assert.equal(node(graph, 'cluster:edge').role, 'remote');
    assert.equal(node(graph, 'cluster:east').role, 'primary');
    assert.deepEqual(node(graph, 'cluster:west').revisions, ['default']);
    // Each network has a classic east-west gateway (15443) and an ambient one (HBONE on 15008).
    assert.deepEqual(node(graph, 'gateway:net1').addresses, [
      '203.0.113.10:15443 (east)',
      '203.0.113.11:15008 (east)',
    ]);
    assert.deepEqual(node(graph, 'gateway:net2').addresses, [
      '198.51.100.20:15443 (west)',
      '198.51.100.21:15008 (west)',
    ]);
  });

  it("links each control plane to the clusters it serves (east's istiod serves edge)", () => {
    assert.deepEqual(edgesOfKind(graph, 'serves').sort(), [
      'controlPlane:east/default -> cluster:east',
      'controlPlane:east/default -> cluster:edge',
      'controlPlane:west/default -> cluster:west',
    ]);
  });

  it('links the two networks through their east-west gateways, with no extra remote-secret lines', () => {
    assert.deepEqual(edgesOfKind(graph, 'eastWest'), ['gateway:net1 -> gateway:net2']);
    assert.deepEqual(edgesOfKind(graph, 'remoteSecret'), []);
  });

  it('counts the reviews and ratings DestinationRules as drift on both primaries', () => {
    for (const [cluster, other] of [
      ['east', 'west'],
      ['west', 'east'],
    ] as const) {
      const n = node(graph, `cluster:${cluster}`);
      assert.equal(n.drift, 2, `${cluster}: ${JSON.stringify(n.drifted)}`);
      assert.deepEqual(
        n.drifted?.map((d) => [d.resource, d.kind, d.comparedWith]),
        [
          ['DestinationRule bookinfo/ratings', 'differs', other],
          ['DestinationRule bookinfo/reviews', 'differs', other],
        ],
      );
    }
    const ratings = node(graph, 'cluster:east').drifted?.[0];
    assert.ok(ratings?.fields.includes('spec.trafficPolicy.tls.mode'), JSON.stringify(ratings?.fields));
    assert.equal(ratings?.liveUri, 'meshwright:/east/DestinationRule/bookinfo/ratings.yaml');
    // The remote's Istio config is not compared (no control plane reads it) but it is reported.
    assert.equal(node(graph, 'cluster:edge').drift, 0);
    assert.deepEqual(node(graph, 'cluster:edge').problems, [
      '1 Istio object in remote cluster edge: no control plane reads it; apply it to its primary instead',
    ]);
  });

  it('follows a changed cluster while reusing what it read of the unchanged ones', () => {
    const snapshot = snapshotOfDirectories(demoDirectory(), 8);
    const east = snapshot.clusters.find((c) => c.name === 'east')!;
    const eastRule = (name: string) =>
      east.objects.find((o) => o.kind === 'DestinationRule' && o.metadata.name === name)!;
    // west's rules become east's; east's snapshot object is the same one (read before, so cached).
    const fixed = snapshot.clusters.map((cluster) =>
      cluster.name !== 'west'
        ? cluster
        : {
            ...cluster,
            objects: cluster.objects.map((o) =>
              o.kind === 'DestinationRule' && ['ratings', 'reviews'].includes(o.metadata.name)
                ? eastRule(o.metadata.name)
                : o,
            ),
          },
    );
    assert.equal(node(buildMeshGraph({ snapshot }), 'cluster:east').drift, 2);
    const after = buildMeshGraph({ snapshot: { version: 9, clusters: fixed } });
    assert.equal(node(after, 'cluster:east').drift, 0);
    assert.equal(node(after, 'cluster:west').drift, 0);
  });

  it('is healthy everywhere when every cluster is in sync', () => {
    assert.deepEqual([...new Set(graph.nodes.map((n) => n.health))], ['ok']);
  });
});

describe('mesh graph: health', () => {
  const snapshot = snapshotOfDirectories(demoDirectory());
  const synced = (cluster: string): ClusterHealth => ({
    cluster,
    state: 'synced',
    reachable: true,
    stale: null,
    lastSyncAt: 1,
    unreadable: [],
    unread: [],
  });
  const reason =
    'cluster west unreachable (ECONNREFUSED 127.0.0.1:41234); showing the snapshot from 14:02:10';

  it('colours an unreachable cluster, its control plane, gateway and network, and keeps the reason', () => {
    const graph = buildMeshGraph({
      snapshot,
      health: [
        synced('east'),
        {
          cluster: 'edge',
          state: 'degraded',
          reachable: true,
          stale: 'RBAC: cannot list secrets (403)',
          lastSyncAt: 1,
          unreadable: ['secrets'],
          unread: [],
        },
        {
          cluster: 'west',
          state: 'unreachable',
          reachable: false,
          stale: reason,
          lastSyncAt: 1,
          unreadable: [],
          unread: [],
        },
      ],
    });
    assert.equal(node(graph, 'cluster:west').health, 'unreachable');
    assert.equal(node(graph, 'cluster:west').healthReason, reason);
    assert.equal(node(graph, 'controlPlane:west/default').health, 'unreachable');
    assert.equal(node(graph, 'gateway:net2').health, 'unreachable');
    assert.equal(node(graph, 'network:net2').health, 'unreachable');
    assert.equal(node(graph, 'cluster:edge').health, 'stale');
    assert.equal(node(graph, 'cluster:east').health, 'ok');
    // The worst of its clusters: edge is stale.
    assert.equal(node(graph, 'network:net1').health, 'stale');
    assert.equal(node(graph, 'gateway:net1').health, 'ok');
  });

  it('shows a cluster still in its first sync as unknown', () => {
    const graph = buildMeshGraph({
      snapshot,
      health: [
        synced('east'),
        synced('west'),
        {
          cluster: 'edge',
          state: 'connecting',
          reachable: true,
          stale: 'cluster edge: first sync in progress (3 of 24 resource types read)',
          lastSyncAt: null,
          unreadable: [],
          unread: [],
        },
      ],
    });
    assert.equal(node(graph, 'cluster:edge').health, 'unknown');
    assert.match(node(graph, 'cluster:edge').healthReason ?? '', /first sync in progress/);
  });

  it("falls back on the snapshot's own facts for a cluster without a health entry", () => {
    const west = snapshot.clusters.find((c) => c.name === 'west')!;
    const graph = buildMeshGraph({
      snapshot: {
        ...snapshot,
        clusters: snapshot.clusters.map((c) =>
          c === west ? { ...west, reachable: false, stale: reason } : c,
        ),
      },
    });
    assert.equal(node(graph, 'cluster:west').health, 'unreachable');
    assert.equal(node(graph, 'cluster:west').healthReason, reason);
  });
});

describe('mesh graph: drift by majority between primaries', () => {
  const graph = buildMeshGraph({ snapshot: snapshotOfDirectories(path.join(FIXTURES, 'three-primaries')) });

  it('blames only the primary that disagrees with the other two', () => {
    assertWellFormed(graph);
    assert.equal(node(graph, 'cluster:a').drift, 0);
    assert.equal(node(graph, 'cluster:b').drift, 0);
    assert.deepEqual(
      node(graph, 'cluster:c').drifted?.map((d) => [d.resource, d.kind, d.comparedWith, d.fields, d.liveUri]),
      [
        ['DestinationRule bookinfo/ratings', 'missing', 'a', [], null],
        [
          'DestinationRule bookinfo/reviews',
          'differs',
          'a',
          ['spec.trafficPolicy.loadBalancer.simple'],
          'meshwright:/c/DestinationRule/bookinfo/reviews.yaml',
        ],
        [
          'VirtualService bookinfo/canary',
          'extra',
          'a',
          [],
          'meshwright:/c/VirtualService/bookinfo/canary.yaml',
        ],
      ],
    );
  });
});

describe('mesh graph: default network and networks without gateways', () => {
  const graph = buildMeshGraph({ snapshot: snapshotOfDirectories(path.join(FIXTURES, 'unlinked-networks')) });

  it('gives the unnamed network a box of its own, after the named ones', () => {
    assertWellFormed(graph);
    assert.deepEqual(
      graph.nodes.filter((n) => n.kind === 'network').map((n) => [n.id, n.label, n.network]),
      [
        ['network:net2', 'net2', 'net2'],
        ['network:(default)', 'default network', null],
      ],
    );
    assert.deepEqual(childrenOf(graph, 'network:(default)').sort(), [
      'cluster:hub',
      'cluster:satellite',
      'controlPlane:hub/default',
    ]);
  });

  it('draws remote secrets that read across networks no gateway joins, and says the gateways are missing', () => {
    assert.deepEqual(edgesOfKind(graph, 'eastWest'), []);
    assert.deepEqual(edgesOfKind(graph, 'remoteSecret').sort(), [
      'cluster:hub -> cluster:spoke',
      'cluster:spoke -> cluster:hub',
    ]);
    assert.deepEqual(edgesOfKind(graph, 'serves').sort(), [
      'controlPlane:hub/default -> cluster:hub',
      'controlPlane:hub/default -> cluster:satellite',
      'controlPlane:spoke/default -> cluster:spoke',
    ]);
    for (const id of ['network:net2', 'network:(default)']) {
      assert.match(
        node(graph, id).problems?.[0] ?? '',
        /^no east-west gateway: workloads in .* cannot be reached/,
      );
    }
  });

  it('carries the topology problem when there are no clusters', () => {
    const empty = buildMeshGraph({
      snapshot: { version: 0, clusters: [] },
      problem: 'no kubeconfig: set meshwright.kubeconfig',
    });
    assert.deepEqual(empty.nodes, []);
    assert.equal(empty.problem, 'no kubeconfig: set meshwright.kubeconfig');
  });
});

describe('mesh graph: 50 clusters on 5 networks', () => {
  const mesh = generateMesh({ clusters: 50, networks: 5, servicesPerCluster: 20 });
  const graph = buildMeshGraph({
    snapshot: snapshotOfObjects(mesh.clusters.map((c) => ({ name: c.name, objects: c.objects ?? [] }))),
  });

  it('has five network boxes of ten clusters, one gateway each, linked pairwise', () => {
    assertWellFormed(graph);
    const networks = graph.nodes.filter((n) => n.kind === 'network');
    assert.equal(networks.length, 5);
    for (const network of networks) {
      const clusters = graph.nodes.filter((n) => n.parent === network.id && n.kind === 'cluster');
      assert.equal(clusters.length, 10, network.id);
    }
    assert.equal(graph.nodes.filter((n) => n.kind === 'gateway').length, 5);
    assert.equal(edgesOfKind(graph, 'eastWest').length, 10);
    assert.equal(edgesOfKind(graph, 'serves').length, 50);
    // Every pair of networks is linked, so the 2,450 remote secrets draw no lines of their own.
    assert.equal(edgesOfKind(graph, 'remoteSecret').length, 0);
  });
});

describe('mesh graph: an ambient multicluster mesh', () => {
  const clusters = (name: string): string =>
    path.join(
      __dirname,
      '..',
      'fixtures',
      'analysis',
      'MESH409',
      'ambient-multicluster-topology',
      name,
      'clusters',
    );

  it('links networks through their istio-east-west Gateways (HBONE on 15008), with no gateway problem', () => {
    const graph = buildMeshGraph({
      snapshot: snapshotOfDirectories(clusters('silent-multi-primary-with-gateways'), 1),
    });
    assertWellFormed(graph);
    assert.deepEqual(edgesOfKind(graph, 'eastWest'), ['gateway:net1 -> gateway:net2']);
    assert.deepEqual(node(graph, 'gateway:net1').addresses, ['(no address):15008 (east)']);
    assert.equal(node(graph, 'network:net1').problems, undefined);
    assert.equal(node(graph, 'network:net2').problems, undefined);
  });

  it('still says which network has no east-west gateway of either kind', () => {
    const graph = buildMeshGraph({
      snapshot: snapshotOfDirectories(clusters('fires-network-without-east-west-gateway'), 1),
    });
    assert.deepEqual(edgesOfKind(graph, 'eastWest'), []);
    assert.match(node(graph, 'network:net2').problems?.[0] ?? '', /^no east-west gateway: .*istio-east-west/);
    assert.equal(node(graph, 'network:net1').problems, undefined);
  });
});
