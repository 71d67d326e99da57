/**
 * The Policies view's inventory (views/policy-inventory.ts) over the demo mesh's cluster states: per
 * host, each primary's copy of each object, with the planted drift of reviews and ratings marked.
 */
import assert from 'node:assert/strict';
import { type PolicyHost, type PolicyObject } from '../../protocol/requests';
import { policyInventory } from '../../server/src/views/policy-inventory';
import { demoDirectory } from '../../simulator/src/index';
import { snapshotOfDirectories, snapshotOfObjects } from './support/cluster-state-snapshots';

const inventory = policyInventory(snapshotOfDirectories(demoDirectory()));

function host(label: string): PolicyHost {
  const found = inventory.hosts.find((candidate) => candidate.label === label);
  assert.ok(found, `no host ${label} among ${inventory.hosts.map((h) => h.label).join(', ')}`);
  return found;
}

function object(owner: PolicyHost, kind: string, name: string): PolicyObject {
  const found = owner.objects.find((candidate) => candidate.kind === kind && candidate.name === name);
  assert.ok(found, `${owner.label} has no ${kind} ${name}`);
  return found;
}

/** The objects that make `cluster` a primary: istio-system and an istiod with its CLUSTER_ID. */
function istiod(cluster: string): object[] {
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

describe('policy inventory', () => {
  it('compares the primaries only, in the mesh order', () => {
    assert.deepEqual(inventory.primaries, ['east', 'west']);
  });

  it('marks the reviews DestinationRule as differing in west, in spec.subsets, and the VirtualService as identical', () => {
    const reviews = host('reviews.bookinfo.svc.cluster.local');
    assert.equal(reviews.scope, 'host');
    assert.equal(reviews.status, 'differs');
    const rule = object(reviews, 'DestinationRule', 'reviews');
    assert.equal(rule.status, 'differs');
    assert.deepEqual(
      rule.copies.map((copy) => [copy.cluster, copy.state, copy.differingFields.join(',')]),
      [
        ['east', 'reference', ''],
        ['west', 'differs', 'spec.subsets'],
      ],
    );
    assert.equal(rule.copies[1]?.uri, 'meshwright:/west/DestinationRule/bookinfo/reviews.yaml');
    assert.equal(object(reviews, 'VirtualService', 'reviews').status, 'identical');
  });

  it('lists the ratings VirtualService as missing in both primaries, held by the remote edge', () => {
    const ratings = host('ratings.bookinfo.svc.cluster.local');
    assert.equal(ratings.status, 'missing');
    const route = object(ratings, 'VirtualService', 'ratings');
    assert.deepEqual(
      route.copies.map((copy) => [copy.cluster, copy.state, copy.uri]),
      [
        ['east', 'missing', null],
        ['west', 'missing', null],
      ],
    );
    assert.deepEqual(route.remoteCopies, ['edge']);
    const rule = object(ratings, 'DestinationRule', 'ratings');
    assert.equal(rule.status, 'differs');
    const fields = rule.copies[1]?.differingFields ?? [];
    assert.ok(fields.includes('spec.trafficPolicy.tls.mode'), fields.join(', '));
  });

  it('lists objects without a host under their namespace, after the hosts', () => {
    const istioSystem = host('istio-system');
    assert.equal(istioSystem.scope, 'namespace');
    assert.equal(object(istioSystem, 'PeerAuthentication', 'default').status, 'identical');
    const scopes = inventory.hosts.map((entry) => entry.scope);
    assert.equal(scopes.lastIndexOf('host') < scopes.indexOf('namespace'), true);
    // The gateway VirtualService's `*` host is a host like any other.
    assert.equal(host('*').objects[0]?.name, 'bookinfo');
  });

  it('reports an object only one primary holds as missing in the other', () => {
    const rule = {
      apiVersion: 'networking.istio.io/v1',
      kind: 'DestinationRule',
      metadata: { name: 'only-east', namespace: 'shop' },
      spec: { host: 'cart.shop.svc.cluster.local' },
    };
    const mesh = snapshotOfObjects([
      { name: 'a', objects: [...istiod('a'), rule] as never },
      { name: 'b', objects: istiod('b') as never },
    ]);
    const result = policyInventory(mesh);
    assert.deepEqual(result.primaries, ['a', 'b']);
    const cart = result.hosts.find((entry) => entry.label === 'cart.shop.svc.cluster.local');
    assert.equal(cart?.status, 'missing');
    assert.deepEqual(
      cart?.objects[0]?.copies.map((copy) => copy.state),
      ['reference', 'missing'],
    );
  });

  it('takes the copy most primaries agree on as the reference, as the mesh map does', () => {
    const rule = (simple: string): object => ({
      apiVersion: 'networking.istio.io/v1',
      kind: 'DestinationRule',
      metadata: { name: 'cart', namespace: 'shop' },
      spec: { host: 'cart.shop.svc.cluster.local', trafficPolicy: { loadBalancer: { simple } } },
    });
    const mesh = snapshotOfObjects([
      { name: 'a', objects: [...istiod('a'), rule('RANDOM')] as never },
      { name: 'b', objects: [...istiod('b'), rule('LEAST_REQUEST')] as never },
      { name: 'c', objects: [...istiod('c'), rule('LEAST_REQUEST')] as never },
    ]);
    const cart = policyInventory(mesh).hosts.find((entry) => entry.label === 'cart.shop.svc.cluster.local');
    assert.deepEqual(
      cart?.objects[0]?.copies.map((copy) => [copy.cluster, copy.state, copy.differingFields.join(',')]),
      [
        ['a', 'differs', 'spec.trafficPolicy.loadBalancer.simple'],
        ['b', 'reference', ''],
        ['c', 'identical', ''],
      ],
    );
  });
});
