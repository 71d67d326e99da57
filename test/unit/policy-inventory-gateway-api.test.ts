/**
 * Gateway API objects in the Policies view (views/policy-inventory.ts) and the map's drift
 * (views/primary-config-drift.ts): compared across primaries like Istio objects, kept apart from an
 * Istio Gateway of the same name, and without the per-network east-west Gateways.
 */
import assert from 'node:assert/strict';
import { type KubeObject } from '../../server/src/mesh/snapshot';
import { configDriftByCluster } from '../../server/src/views/primary-config-drift';
import { policyInventory } from '../../server/src/views/policy-inventory';
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

const GATEWAY_API = 'gateway.networking.k8s.io/v1';

function meshRoute(weight: number): KubeObject {
  return {
    apiVersion: GATEWAY_API,
    kind: 'HTTPRoute',
    metadata: { name: 'reviews', namespace: 'shop' },
    spec: {
      parentRefs: [{ group: '', kind: 'Service', name: 'reviews' }],
      rules: [{ backendRefs: [{ name: 'reviews', port: 9080, weight }] }],
    },
  };
}

function gateway(apiVersion: string, name: string, className: string, network?: string): KubeObject {
  return {
    apiVersion,
    kind: 'Gateway',
    metadata: {
      name,
      namespace: 'shop',
      ...(network ? { labels: { 'topology.istio.io/network': network } } : {}),
    },
    spec: apiVersion === GATEWAY_API ? { gatewayClassName: className, listeners: [] } : { servers: [] },
  };
}

const ingressRoute: KubeObject = {
  apiVersion: GATEWAY_API,
  kind: 'HTTPRoute',
  metadata: { name: 'storefront', namespace: 'shop' },
  spec: { hostnames: ['shop.example.com'], parentRefs: [{ name: 'ingress' }] },
};

const snapshot = snapshotOfObjects([
  {
    name: 'east',
    objects: [
      ...istiod('east'),
      meshRoute(90),
      ingressRoute,
      gateway(GATEWAY_API, 'ingress', 'istio'),
      gateway('networking.istio.io/v1', 'ingress', ''),
      gateway(GATEWAY_API, 'eastwest', 'istio-east-west', 'net1'),
    ],
  },
  {
    name: 'west',
    objects: [
      ...istiod('west'),
      meshRoute(10),
      gateway(GATEWAY_API, 'ingress', 'istio'),
      gateway('networking.istio.io/v1', 'ingress', ''),
      gateway(GATEWAY_API, 'eastwest', 'istio-east-west', 'net2'),
    ],
  },
]);

describe('policy inventory and drift: Gateway API objects', () => {
  const inventory = policyInventory(snapshot);
  const objectsOf = (label: string) =>
    inventory.hosts
      .find((host) => host.label === label)
      ?.objects.map((o) => `${o.apiVersion} ${o.kind} ${o.name} ${o.status}`);

  it('lists a mesh route under the host of its Service, with the differing field', () => {
    const reviews = inventory.hosts.find((host) => host.label === 'reviews.shop.svc.cluster.local');
    const route = reviews?.objects.find((object) => object.kind === 'HTTPRoute');
    assert.equal(route?.status, 'differs');
    assert.deepEqual(
      route?.copies.map((copy) => [copy.cluster, copy.state, copy.differingFields.join(',')]),
      [
        ['east', 'reference', ''],
        ['west', 'differs', 'spec.rules[0].backendRefs[0].weight'],
      ],
    );
  });

  it('lists an ingress route under its hostnames, missing in west', () => {
    assert.deepEqual(objectsOf('shop.example.com'), [`${GATEWAY_API} HTTPRoute storefront missing`]);
  });

  it('keeps an Istio Gateway and a Gateway API Gateway of the same name apart, and leaves out east-west Gateways', () => {
    assert.deepEqual(objectsOf('shop'), [
      `${GATEWAY_API} Gateway ingress identical`,
      'networking.istio.io/v1 Gateway ingress identical',
    ]);
  });

  it('marks the map drift of the route, not of the per-network east-west Gateways', () => {
    const drift = configDriftByCluster(snapshot.clusters);
    const resources = (cluster: string) => drift.get(cluster)?.map((object) => object.resource);
    assert.deepEqual(resources('east'), ['HTTPRoute shop/reviews', 'HTTPRoute shop/storefront']);
    assert.deepEqual(resources('west'), ['HTTPRoute shop/reviews', 'HTTPRoute shop/storefront']);
  });
});
