/**
 * The Topology tree's view of ambient and the Gateway API (views/explorer-namespaces.ts): each
 * namespace's data-plane mode and waypoints, Gateway API objects listed with the Istio config, and a
 * route's parents as live URIs so the tree can nest it under its Gateway or Service.
 */
import assert from 'node:assert/strict';
import { type KubeObject } from '../../server/src/mesh/snapshot';
import { clusterNamespaces, namespaceContents } from '../../server/src/views/explorer-namespaces';
import { LiveProblemIndex } from '../../server/src/views/explorer-problems';
import { liveObjectUri } from '../../server/src/yaml/live-object-document';
import { snapshotOfObjects } from './support/cluster-state-snapshots';

const GATEWAY_API = 'gateway.networking.k8s.io/v1';

function namespace(name: string, labels: Record<string, string> = {}): KubeObject {
  return { apiVersion: 'v1', kind: 'Namespace', metadata: { name, labels } };
}

function object(apiVersion: string, kind: string, ns: string, name: string, spec: unknown = {}): KubeObject {
  return { apiVersion, kind, metadata: { name, namespace: ns }, spec };
}

const objects: KubeObject[] = [
  namespace('shop', { 'istio.io/dataplane-mode': 'ambient', 'istio.io/use-waypoint': 'shop-waypoint' }),
  namespace('legacy', { 'istio-injection': 'enabled' }),
  namespace('canary', { 'istio.io/rev': '1-29' }),
  namespace('both', { 'istio-injection': 'enabled', 'istio.io/dataplane-mode': 'ambient' }),
  namespace('plain'),
  object(GATEWAY_API, 'Gateway', 'shop', 'shop-waypoint', {
    gatewayClassName: 'istio-waypoint',
    listeners: [{ name: 'mesh', port: 15008, protocol: 'HBONE' }],
  }),
  object(GATEWAY_API, 'Gateway', 'shop', 'ingress', {
    gatewayClassName: 'istio',
    listeners: [{ name: 'http', port: 80, protocol: 'HTTP' }],
  }),
  object(GATEWAY_API, 'HTTPRoute', 'shop', 'storefront', {
    parentRefs: [
      { name: 'ingress' },
      { name: 'ingress', sectionName: 'http' },
      { name: 'edge', namespace: 'infra' },
    ],
  }),
  object(GATEWAY_API, 'HTTPRoute', 'shop', 'cart-mesh', {
    parentRefs: [{ group: '', kind: 'Service', name: 'cart' }],
  }),
  object(GATEWAY_API, 'HTTPRoute', 'shop', 'orphan', {}),
  object('gateway.networking.k8s.io/v1beta1', 'ReferenceGrant', 'shop', 'from-infra', {}),
  object('networking.istio.io/v1', 'DestinationRule', 'shop', 'cart', { host: 'cart' }),
  object('v1', 'Service', 'shop', 'cart', { ports: [{ port: 80 }] }),
  object('v1', 'ConfigMap', 'shop', 'settings'),
];

const snapshot = snapshotOfObjects([{ name: 'east', objects }]);

describe('explorer: data-plane mode, waypoints and Gateway API objects', () => {
  const namespaces = clusterNamespaces(snapshot, 'east', new LiveProblemIndex()).namespaces;
  const byName = new Map(namespaces.map((entry) => [entry.name, entry]));

  it('gives each namespace its data-plane mode: sidecar (label or revision), ambient, or none', () => {
    assert.equal(byName.get('shop')?.dataPlaneMode, 'ambient');
    assert.equal(byName.get('legacy')?.dataPlaneMode, 'sidecar');
    assert.equal(byName.get('canary')?.dataPlaneMode, 'sidecar');
    assert.equal(byName.get('plain')?.dataPlaneMode, 'none');
  });

  it('counts a namespace labelled for both as sidecar, as Istio does (MESH406 reports it)', () => {
    assert.equal(byName.get('both')?.dataPlaneMode, 'sidecar');
  });

  it('lists the waypoints of a namespace and the one it uses', () => {
    assert.deepEqual(byName.get('shop')?.waypoints, ['shop-waypoint']);
    assert.equal(byName.get('shop')?.useWaypoint, 'shop/shop-waypoint');
    assert.deepEqual(byName.get('legacy')?.waypoints, []);
    assert.equal(byName.get('legacy')?.useWaypoint, null);
  });

  it('counts Gateway API objects with the Istio config, and nothing of other groups', () => {
    // Two Gateways, three HTTPRoutes, a ReferenceGrant, a DestinationRule; not the ConfigMap.
    assert.equal(byName.get('shop')?.configObjects, 7);
  });

  it('lists Gateway API objects with their live URI, and routes with their parents', () => {
    const contents = namespaceContents(snapshot, 'east', 'shop', new LiveProblemIndex());
    const listed = contents.configObjects.map((entry) => `${entry.kind} ${entry.name}`);
    assert.deepEqual(listed, [
      'DestinationRule cart',
      'Gateway ingress',
      'Gateway shop-waypoint',
      'HTTPRoute cart-mesh',
      'HTTPRoute orphan',
      'HTTPRoute storefront',
      'ReferenceGrant from-infra',
    ]);
    const find = (name: string) => contents.configObjects.find((entry) => entry.name === name);
    assert.equal(find('ingress')?.uri, liveObjectUri('east', 'Gateway', 'shop', 'ingress'));
    assert.equal(find('ingress')?.apiVersion, GATEWAY_API);
    assert.deepEqual(find('storefront')?.parentUris, [
      liveObjectUri('east', 'Gateway', 'shop', 'ingress'),
      liveObjectUri('east', 'Gateway', 'infra', 'edge'),
    ]);
    assert.deepEqual(find('cart-mesh')?.parentUris, [liveObjectUri('east', 'Service', 'shop', 'cart')]);
    assert.deepEqual(find('orphan')?.parentUris, [], 'a route without parentRefs has no parents');
    assert.deepEqual(find('ingress')?.parentUris, [], 'a Gateway is no route');
    assert.equal(find('shop-waypoint')?.gatewayRole, 'waypoint');
    assert.equal(find('ingress')?.gatewayRole, null, 'an ingress Gateway has no special role');
    assert.equal(find('storefront')?.gatewayRole, null);
  });
});
