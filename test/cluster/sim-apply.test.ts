/**
 * Server-side apply's merge rules, on the simulator's apply engine directly: fields a manager stops
 * applying are removed unless someone else owns them, keyed lists merge item by item, and the one-pass
 * fieldsV1 builder agrees with the path-set one.
 */
import assert from 'node:assert/strict';
import path from 'node:path';
import { fieldSetOf, fieldsV1Of, toFieldsV1 } from '../../simulator/src/apply/field-set';
import { listSemanticsOf } from '../../simulator/src/apply/list-semantics';
import { serverSideApply, type ApplyRequest } from '../../simulator/src/apply/server-side-apply';
import { type KubeObject } from '../../simulator/src/model/kube-object';
import { ResourceRegistry } from '../../simulator/src/registry/resource-registry';
import { loadState } from '../../simulator/src/state/state-loader';
import { FIXTURES } from './sim-harness';

const registry = new ResourceRegistry();
const deployments = registry.forPath('apps', 'v1', 'deployments');
const destinationRules = registry.forPath('networking.istio.io', 'v1', 'destinationrules');

function apply(
  live: KubeObject | null,
  applied: KubeObject,
  manager: string,
  request: Partial<ApplyRequest> = {},
): KubeObject {
  const resource = registry.forObject(applied.apiVersion, applied.kind);
  assert.ok(resource);
  const outcome = serverSideApply({
    live,
    applied,
    resource,
    manager,
    apiVersion: applied.apiVersion,
    force: false,
    time: '2025-01-01T00:00:00Z',
    ...request,
  });
  assert.ok('object' in outcome, JSON.stringify(outcome));
  return outcome.object;
}

const rule = (spec: Record<string, unknown>): KubeObject => ({
  apiVersion: 'networking.istio.io/v1',
  kind: 'DestinationRule',
  metadata: { name: 'r', namespace: 'n' },
  spec,
});

describe('meshwright-sim server-side apply engine', () => {
  it('removes fields the manager no longer applies, but keeps those another manager also applies', () => {
    const first = apply(null, rule({ host: 'r', exportTo: ['.'] }), 'alice');
    const shared = apply(first, rule({ host: 'r', exportTo: ['.'] }), 'bob');
    const dropped = apply(shared, rule({ host: 'r' }), 'alice');
    assert.deepEqual(dropped.spec, { host: 'r', exportTo: ['.'] }, 'bob still owns exportTo');
    const alone = apply(first, rule({ host: 'r' }), 'alice');
    assert.deepEqual(alone.spec, { host: 'r' });
  });

  it('merges keyed lists item by item and reports conflicts per item field', () => {
    const deployment = (containers: unknown[]): KubeObject => ({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'd', namespace: 'n' },
      spec: { template: { spec: { containers } } },
    });
    const app = apply(null, deployment([{ name: 'app', image: 'app:1' }]), 'team');
    const both = apply(app, deployment([{ name: 'proxy', image: 'proxy:1' }]), 'mesh');
    assert.deepEqual(
      (both.spec as { template: { spec: { containers: { name: string }[] } } }).template.spec.containers.map(
        (container) => container.name,
      ),
      ['app', 'proxy'],
    );
    const conflict = serverSideApply({
      live: both,
      applied: deployment([{ name: 'app', image: 'app:2' }]),
      resource: deployments as NonNullable<typeof deployments>,
      manager: 'mesh',
      apiVersion: 'apps/v1',
      force: false,
      time: 'now',
    });
    assert.deepEqual(conflict, {
      conflicts: [{ manager: '"team"', field: '.spec.template.spec.containers[name="app"].image' }],
    });
  });

  it('builds the same fieldsV1 in one pass as from path sets, for every demo and fixture object', () => {
    const objects = loadState([path.resolve(__dirname, '..', '..', 'simulator', 'demo'), FIXTURES]);
    assert.ok(objects.length > 100);
    for (const { object, source } of objects) {
      const resource = registry.forObject(object.apiVersion, object.kind);
      assert.ok(resource, source);
      const lists = listSemanticsOf(resource);
      assert.deepEqual(
        fieldsV1Of(object, lists, resource.statusSubresource),
        toFieldsV1(fieldSetOf(object, lists, resource.statusSubresource).paths),
        source,
      );
    }
    assert.ok(destinationRules);
  });
});
