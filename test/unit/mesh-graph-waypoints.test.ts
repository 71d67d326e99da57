/**
 * Waypoints on the mesh map: each cluster node lists its ambient waypoints (views/mesh-graph.ts), and the
 * map writes their count on the node and names them in its tooltip and text summary (webview/map).
 */
import assert from 'node:assert/strict';
import { type KubeObject } from '../../server/src/mesh/snapshot';
import { buildMeshGraph } from '../../server/src/views/mesh-graph';
import { displayLabel } from '../../webview/map/graph-elements';
import { waypointText } from '../../webview/map/node-text';
import { snapshotOfObjects } from './support/cluster-state-snapshots';

function istiod(cluster: string): KubeObject[] {
  return [
    { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'istio-system' } },
    {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'istiod', namespace: 'istio-system' },
      spec: {
        template: {
          spec: { containers: [{ name: 'discovery', env: [{ name: 'CLUSTER_ID', value: cluster }] }] },
        },
      },
    },
  ];
}

function waypoint(namespace: string, name: string, className = 'istio-waypoint'): KubeObject {
  return {
    apiVersion: 'gateway.networking.k8s.io/v1',
    kind: 'Gateway',
    metadata: { name, namespace },
    spec: { gatewayClassName: className, listeners: [{ name: 'mesh', port: 15008, protocol: 'HBONE' }] },
  };
}

describe('mesh graph: waypoints per cluster', () => {
  const graph = buildMeshGraph({
    snapshot: snapshotOfObjects([
      {
        name: 'east',
        objects: [...istiod('east'), waypoint('shop', 'shop-waypoint'), waypoint('pay', 'pay-waypoint')],
      },
      { name: 'west', objects: [...istiod('west'), waypoint('shop', 'ingress', 'istio')] },
    ]),
  });
  const node = (cluster: string) => graph.nodes.find((candidate) => candidate.id === `cluster:${cluster}`)!;

  it('lists a cluster waypoints on its node, and nothing for a cluster without (an ingress Gateway is none)', () => {
    assert.deepEqual(node('east').waypoints, ['pay/pay-waypoint', 'shop/shop-waypoint']);
    assert.equal(node('west').waypoints, undefined);
  });

  it('writes the count on the node, between role and drift', () => {
    // The Gateways each primary lacks are drift too (Gateway API objects are compared across primaries).
    assert.equal(displayLabel(node('east')), 'east\nprimary\n2 waypoints\ndrift 3');
    assert.equal(displayLabel(node('west')), 'west\nprimary\ndrift 3');
    assert.equal(waypointText({ ...node('east'), waypoints: ['shop/w'] }), '1 waypoint');
    assert.equal(waypointText(node('west')), null);
  });
});
