/**
 * How a cluster's health reads when RBAC refuses types: one refused type degrades that part only; every
 * type refused is one cause ("may read nothing", state refused, still reachable), not a partial read of an
 * empty cluster with a reason per type.
 */
import assert from 'node:assert/strict';
import { type HealthInputs, describeHealth } from '../../server/src/topology/cluster-health';
import { KubeApiError } from '../../server/src/topology/kube-api/kube-api-errors';
import { watchedResources } from '../../server/src/topology/watched-resources';

const resources = watchedResources();
const forbidden = () => new KubeApiError('forbidden', 403, 'forbidden');

function inputs(refused: typeof resources): HealthInputs {
  return {
    cluster: 'west',
    address: '127.0.0.1:6443',
    refused: null,
    down: null,
    retryAt: null,
    contacted: true,
    settled: resources.length,
    total: resources.length,
    lastSyncAt: null,
    failures: refused.map((resource) => ({ resource, error: forbidden() })),
    neverRead: refused,
    now: 0,
  };
}

describe('topology: cluster health under RBAC', () => {
  it('one refused type: degraded, reachable, the type and its consequence named', () => {
    const pods = resources.filter((resource) => resource.id === 'pods');
    const health = describeHealth(inputs(pods));
    assert.deepEqual(
      [health.state, health.reachable, health.stale, health.unreadable],
      ['degraded', true, 'RBAC: cannot list pods (403); workloads (pods) unknown', ['pods']],
    );
    assert.deepEqual(
      health.unread.map((type) => type.reason),
      ['RBAC: cannot list pods (403)'],
    );
  });

  it('every type refused: refused but reachable, one reason with the way out, one cause for every type', () => {
    const health = describeHealth(inputs(resources));
    assert.equal(health.state, 'refused');
    assert.equal(health.reachable, true);
    assert.equal(
      health.stale,
      `RBAC: the kubeconfig's identity may read nothing in cluster west (403 on all ${resources.length} ` +
        'resource types, e.g. cannot list namespaces); grant it read access, e.g. the meshwright-reader ' +
        'ClusterRole of docs/topology.md',
    );
    assert.equal(health.unreadable.length, resources.length);
    assert.deepEqual(
      new Set(health.unread.map((type) => type.reason)),
      new Set(['RBAC: every type refused (403)']),
    );
  });

  it('every type failing, not all for RBAC: still a partial read with each reason', () => {
    const all = inputs(resources);
    const health = describeHealth({
      ...all,
      failures: all.failures.map((failure, index) =>
        index === 0
          ? { ...failure, error: new KubeApiError('server-error', 500, 'etcdserver: leader changed') }
          : failure,
      ),
    });
    assert.equal(health.state, 'degraded');
    assert.match(health.stale ?? '', /^error reading namespaces \(500 etcdserver: leader changed\); /);
  });
});
