import assert from 'node:assert/strict';
import { deriveClusterFacts } from '../../../../server/src/mesh/derive-cluster-facts';
import { type KubeObject } from '../../../../server/src/mesh/snapshot';

const gateway = (
  namespace: string,
  name: string,
  className: string,
  extra: { labels?: Record<string, string>; listeners?: unknown[]; status?: unknown } = {},
): KubeObject => ({
  apiVersion: 'gateway.networking.k8s.io/v1',
  kind: 'Gateway',
  metadata: { name, namespace, ...(extra.labels ? { labels: extra.labels } : {}) },
  spec: { gatewayClassName: className, listeners: extra.listeners ?? [] },
  ...(extra.status ? { status: extra.status } : {}),
});

const namespace = (name: string, labels: Record<string, string>): KubeObject => ({
  apiVersion: 'v1',
  kind: 'Namespace',
  metadata: { name, labels },
});

describe('cluster facts: ambient namespaces, waypoints, ambient east-west gateways', () => {
  it('derives them from Namespaces and Gateway API Gateways', () => {
    const facts = deriveClusterFacts('east', [
      namespace('shop', { 'istio.io/dataplane-mode': 'ambient', 'istio.io/use-waypoint': 'waypoint' }),
      namespace('infra', {
        'istio.io/dataplane-mode': 'ambient',
        'istio.io/use-waypoint': 'shared',
        'istio.io/use-waypoint-namespace': 'mesh',
      }),
      // Sidecar injection wins over the ambient label; `none` binds no waypoint.
      namespace('legacy', { 'istio.io/dataplane-mode': 'ambient', 'istio-injection': 'enabled' }),
      namespace('batch', { 'istio.io/dataplane-mode': 'ambient', 'istio.io/use-waypoint': 'none' }),
      {
        apiVersion: 'gateway.networking.k8s.io/v1',
        kind: 'GatewayClass',
        metadata: { name: 'istio-waypoint', labels: { 'istio.io/waypoint-for': 'workload' } },
        spec: { controllerName: 'istio.io/mesh-controller' },
      },
      gateway('shop', 'waypoint', 'istio-waypoint', { labels: { 'istio.io/waypoint-for': 'all' } }),
      gateway('mesh', 'shared', 'istio-waypoint'),
      gateway('shop', 'ingress', 'istio'),
      gateway('istio-system', 'istio-eastwest', 'istio-east-west', {
        labels: { 'topology.istio.io/network': 'net1' },
        listeners: [
          {
            name: 'mesh',
            port: 15008,
            protocol: 'HBONE',
            tls: { mode: 'Terminate', options: { 'gateway.istio.io/tls-terminate-mode': 'ISTIO_MUTUAL' } },
          },
        ],
        status: { addresses: [{ type: 'IPAddress', value: '203.0.113.7' }] },
      }),
      // An Istio Gateway of the same name is no Gateway API object.
      {
        apiVersion: 'networking.istio.io/v1',
        kind: 'Gateway',
        metadata: { name: 'waypoint', namespace: 'other' },
        spec: { gatewayClassName: 'istio-waypoint' },
      },
    ]);
    assert.deepEqual(facts.ambientNamespaces, [
      { name: 'batch', waypoint: null },
      { name: 'infra', waypoint: { namespace: 'mesh', name: 'shared' } },
      { name: 'shop', waypoint: { namespace: 'shop', name: 'waypoint' } },
    ]);
    assert.deepEqual(facts.waypoints, [
      {
        gateway: { namespace: 'mesh', name: 'shared' },
        className: 'istio-waypoint',
        waypointFor: 'workload',
        network: null,
      },
      {
        gateway: { namespace: 'shop', name: 'waypoint' },
        className: 'istio-waypoint',
        waypointFor: 'all',
        network: null,
      },
    ]);
    assert.deepEqual(facts.ambientEastWestGateways, [
      {
        gateway: { namespace: 'istio-system', name: 'istio-eastwest' },
        network: 'net1',
        address: '203.0.113.7',
        listeners: [
          {
            name: 'mesh',
            port: 15008,
            protocol: 'HBONE',
            tlsMode: 'Terminate',
            tlsTerminateMode: 'ISTIO_MUTUAL',
          },
        ],
      },
    ]);
  });

  it('is empty for a cluster without Gateway API objects, and survives malformed ones', () => {
    const empty = deriveClusterFacts('west', [namespace('shop', {})]);
    assert.deepEqual([empty.ambientNamespaces, empty.waypoints, empty.ambientEastWestGateways], [[], [], []]);
    const odd = deriveClusterFacts('west', [
      { apiVersion: 'gateway.networking.k8s.io/v1', kind: 'Gateway', metadata: { name: 'x' }, spec: 'junk' },
      {
        apiVersion: 'gateway.networking.k8s.io/v1',
        kind: 'Gateway',
        metadata: { name: 'y', namespace: 'istio-system' },
        spec: { gatewayClassName: 'istio-east-west', listeners: [null, 7, { port: 'x' }, { name: 'mesh' }] },
        status: { addresses: 'none' },
      },
    ]);
    assert.deepEqual(odd.waypoints, []);
    assert.deepEqual(odd.ambientEastWestGateways, [
      {
        gateway: { namespace: 'istio-system', name: 'y' },
        network: null,
        address: null,
        listeners: [{ name: 'mesh', port: null, protocol: null, tlsMode: null, tlsTerminateMode: null }],
      },
    ]);
  });
});
