/**
 * What discovery takes from schemas/index.json: Istio's kinds at their storage versions, and nothing of
 * the Gateway API kinds the index also lists for the editor (those are watched on their own terms).
 */
import assert from 'node:assert/strict';
import { SchemaCatalog } from '../../server/src/yaml/schema-catalog';
import { isIstioGroup } from '../../protocol/kinds';
import { watchedResources } from '../../server/src/topology/watched-resources';

describe('watched resources from the schema index', () => {
  const catalog = SchemaCatalog.load();
  const istioOnly = new SchemaCatalog(
    catalog.directory,
    catalog.entries.filter((entry) => isIstioGroup(entry.group)),
  );
  const ids = (resources: readonly { id: string }[]): string[] => resources.map((resource) => resource.id);

  it('the index lists Gateway API kinds as well as Istio ones', () => {
    assert.ok(catalog.entries.some((entry) => entry.group === 'gateway.networking.k8s.io'));
    assert.ok(catalog.entries.some((entry) => entry.group === 'networking.istio.io'));
  });

  it('watches the same resources as with an index of Istio kinds alone', () => {
    assert.deepEqual(ids(watchedResources(catalog)), ids(watchedResources(istioOnly)));
  });

  it('watches every Istio kind of the index, at its storage version', () => {
    const watched = new Set(
      watchedResources(catalog).map((resource) => `${resource.kind}.${resource.group}/${resource.version}`),
    );
    const istioStorage = catalog.entries.filter((entry) => isIstioGroup(entry.group) && entry.storage);
    assert.ok(istioStorage.length > 10);
    for (const entry of istioStorage) assert.ok(watched.has(`${entry.kind}.${entry.group}/${entry.version}`));
  });

  it('knows Istio groups by their istio.io suffix', () => {
    assert.ok(isIstioGroup('networking.istio.io'));
    assert.ok(isIstioGroup('extensions.istio.io'));
    assert.ok(!isIstioGroup('gateway.networking.k8s.io'));
    assert.ok(!isIstioGroup('notistio.io'));
  });
});
