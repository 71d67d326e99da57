/**
 * The Topology tree's lazy children from the demo mesh's cluster states (views/explorer-namespaces.ts)
 * and the live objects' problem index behind its badges (views/explorer-problems.ts).
 */
import assert from 'node:assert/strict';
import { type MeshDiagnostic } from '../../server/src/mesh/diagnostic';
import { clusterNamespaces, namespaceContents } from '../../server/src/views/explorer-namespaces';
import { LiveProblemIndex, PROBLEM_LINES_KEPT } from '../../server/src/views/explorer-problems';
import { liveObjectUri } from '../../server/src/yaml/live-object-document';
import { demoDirectory } from '../../simulator/src/index';
import { snapshotOfDirectories } from './support/cluster-state-snapshots';

const demo = snapshotOfDirectories(demoDirectory());

function diagnostic(
  uri: string,
  code: string,
  severity: MeshDiagnostic['severity'],
  message = code,
): MeshDiagnostic {
  const range = { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } };
  return { code, severity, message, uri, range, cluster: 'east', related: [] };
}

describe('explorer: a cluster namespaces and a namespace contents', () => {
  it('lists the namespaces of a cluster with their injection label and counts', () => {
    const east = clusterNamespaces(demo, 'east', new LiveProblemIndex());
    assert.equal(east.known, true);
    const names = east.namespaces.map((namespace) => namespace.name);
    assert.ok(names.includes('bookinfo') && names.includes('istio-system'), names.join(', '));
    assert.deepEqual([...names].sort(), names, 'sorted by name');
    const bookinfo = east.namespaces.find((namespace) => namespace.name === 'bookinfo');
    assert.equal(bookinfo?.injection, 'enabled');
    assert.equal(bookinfo?.services, 4);
    // Gateway, two VirtualServices, four DestinationRules.
    assert.equal(bookinfo?.configObjects, 7);
  });

  it('answers known: false for a cluster the snapshot does not have', () => {
    assert.deepEqual(clusterNamespaces(demo, 'north', new LiveProblemIndex()), {
      known: false,
      namespaces: [],
    });
  });

  it('gives each Service its endpoints in every cluster that has it, and each config object its live URI', () => {
    const contents = namespaceContents(demo, 'west', 'bookinfo', new LiveProblemIndex());
    const reviews = contents.services.find((service) => service.name === 'reviews');
    assert.ok(reviews);
    assert.equal(reviews.host, 'reviews.bookinfo.svc.cluster.local');
    assert.equal(reviews.uri, 'meshwright:/west/Service/bookinfo/reviews.yaml');
    assert.deepEqual(reviews.ports, [{ name: 'http', port: 9080, protocol: 'TCP' }]);
    // east runs reviews v1 and v2, west v3, edge none (but has the Service).
    const byCluster = [...reviews.endpoints].sort((a, b) => a.cluster.localeCompare(b.cluster));
    assert.deepEqual(byCluster, [
      { cluster: 'east', ready: 2, total: 2 },
      { cluster: 'edge', ready: 0, total: 0 },
      { cluster: 'west', ready: 1, total: 1 },
    ]);
    const rule = contents.configObjects.find(
      (object) => object.kind === 'DestinationRule' && object.name === 'reviews',
    );
    assert.equal(rule?.uri, liveObjectUri('west', 'DestinationRule', 'bookinfo', 'reviews'));
    assert.equal(rule?.apiVersion, 'networking.istio.io/v1');
    const kinds = contents.configObjects.map((object) => `${object.kind} ${object.name}`);
    assert.deepEqual([...kinds].sort(), kinds, 'sorted by kind, then name');
  });

  it('shows the remote cluster edge holding the ratings VirtualService', () => {
    const edge = namespaceContents(demo, 'edge', 'bookinfo', new LiveProblemIndex());
    assert.deepEqual(
      edge.configObjects.map((object) => `${object.kind} ${object.name}`),
      ['VirtualService ratings'],
    );
  });
});

describe('explorer: live problem index', () => {
  const dr = liveObjectUri('east', 'DestinationRule', 'bookinfo', 'ratings');
  const vs = liveObjectUri('east', 'VirtualService', 'bookinfo', 'reviews');
  const ns = liveObjectUri('east', 'Namespace', '', 'bookinfo');
  const westVs = liveObjectUri('west', 'VirtualService', 'bookinfo', 'reviews');

  it('counts per object, namespace (Namespace object included) and cluster, most severe lines first', () => {
    const index = new LiveProblemIndex();
    assert.equal(
      index.set(dr, [diagnostic(dr, 'MESH101', 'warning'), diagnostic(dr, 'IST0102', 'info')]),
      true,
    );
    assert.equal(index.set(vs, [diagnostic(vs, 'MESH205', 'error')]), true);
    assert.equal(index.set(ns, [diagnostic(ns, 'IST0102', 'info')]), true);
    assert.equal(index.set(westVs, [diagnostic(westVs, 'MESH205', 'error')]), true);

    assert.deepEqual(
      { ...index.ofObject(dr), top: index.ofObject(dr).top.map((line) => line.code) },
      { errors: 0, warnings: 1, infos: 1, top: ['MESH101', 'IST0102'] },
    );
    const bookinfo = index.ofNamespace('east', 'bookinfo');
    assert.deepEqual([bookinfo.errors, bookinfo.warnings, bookinfo.infos], [1, 1, 2]);
    assert.equal(bookinfo.top.length, PROBLEM_LINES_KEPT);
    assert.equal(bookinfo.top[0]?.code, 'MESH205');
    assert.equal(index.ofCluster('west').errors, 1);
    assert.deepEqual(index.total(), { errors: 2, warnings: 1, infos: 2 });
    assert.equal(index.ofObject(liveObjectUri('east', 'Gateway', 'bookinfo', 'x')).errors, 0);
  });

  it('bumps its version only on a real change, and forgets cleared objects', () => {
    const index = new LiveProblemIndex();
    index.set(vs, [diagnostic(vs, 'MESH205', 'error')]);
    const version = index.version;
    assert.equal(index.set(vs, [diagnostic(vs, 'MESH205', 'error')]), false);
    assert.equal(
      index.set('file:///tmp/a.yaml', [diagnostic('file:///tmp/a.yaml', 'IST0101', 'error')]),
      false,
    );
    assert.equal(index.version, version);
    assert.equal(index.set(vs, []), true);
    assert.equal(index.ofCluster('east').errors, 0);
    assert.deepEqual(index.uris(), []);
  });

  it('shortens long messages for tooltips', () => {
    const index = new LiveProblemIndex();
    index.set(vs, [diagnostic(vs, 'IST0170', 'warning', 'x'.repeat(1000))]);
    const line = index.ofObject(vs).top[0];
    assert.ok(line && line.message.length < 300 && line.message.endsWith('…'));
  });
});
