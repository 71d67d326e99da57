import assert from 'node:assert/strict';
import { formatTopologyText } from '../../server/src/cli/format-topology-text';
import { deriveClusterFacts } from '../../server/src/mesh/derive-cluster-facts';
import { type KubeObject, type TopologySnapshot } from '../../server/src/mesh/snapshot';
import { summarizeTopology } from '../../server/src/views/topology-summary';

const OBJECTS: KubeObject[] = [
  {
    apiVersion: 'v1',
    kind: 'Namespace',
    metadata: { name: 'istio-system', labels: { 'topology.istio.io/network': 'net1' } },
  },
  {
    apiVersion: 'v1',
    kind: 'Namespace',
    metadata: {
      name: 'shop',
      labels: { 'istio.io/dataplane-mode': 'ambient', 'istio.io/use-waypoint': 'waypoint' },
    },
  },
  {
    apiVersion: 'gateway.networking.k8s.io/v1',
    kind: 'Gateway',
    metadata: { name: 'waypoint', namespace: 'shop', labels: { 'istio.io/waypoint-for': 'all' } },
    spec: {
      gatewayClassName: 'istio-waypoint',
      listeners: [{ name: 'mesh', port: 15008, protocol: 'HBONE' }],
    },
  },
  {
    apiVersion: 'gateway.networking.k8s.io/v1',
    kind: 'Gateway',
    metadata: {
      name: 'istio-eastwest',
      namespace: 'istio-system',
      labels: { 'topology.istio.io/network': 'net1' },
    },
    spec: {
      gatewayClassName: 'istio-east-west',
      listeners: [{ name: 'mesh', port: 15008, protocol: 'HBONE' }],
    },
    status: { addresses: [{ type: 'IPAddress', value: '203.0.113.7' }] },
  },
];

function snapshotOf(objects: readonly KubeObject[]): TopologySnapshot {
  return {
    version: 1,
    clusters: [{ ...deriveClusterFacts('east', objects), reachable: true, stale: null, objects }],
  };
}

describe('meshwright topology: ambient namespaces, waypoints and ambient east-west gateways', () => {
  it('are in the JSON summary of each cluster', () => {
    const [east] = summarizeTopology(snapshotOf(OBJECTS)).clusters;
    assert.deepEqual(east?.ambientNamespaces, [
      { name: 'shop', waypoint: { namespace: 'shop', name: 'waypoint' } },
    ]);
    assert.deepEqual(east?.waypoints, [{ namespace: 'shop', name: 'waypoint', waypointFor: 'all' }]);
    assert.deepEqual(east?.ambientEastWestGateways, [
      { namespace: 'istio-system', name: 'istio-eastwest', network: 'net1', address: '203.0.113.7' },
    ]);
  });

  it('are listed under the cluster in text, only where there are any', () => {
    const text = formatTopologyText(summarizeTopology(snapshotOf(OBJECTS)), []);
    assert.match(text, /\n {4}ambient namespaces: shop \(waypoint shop\/waypoint\)\n/);
    assert.match(text, /\n {4}waypoints: shop\/waypoint \(for all\)\n/);
    assert.match(
      text,
      /\n {4}ambient east-west gateways: istio-system\/istio-eastwest \(network net1, 203\.0\.113\.7\)\n/,
    );
    const plain = formatTopologyText(summarizeTopology(snapshotOf(OBJECTS.slice(0, 1))), []);
    assert.doesNotMatch(plain, /ambient|waypoint/);
  });
});
