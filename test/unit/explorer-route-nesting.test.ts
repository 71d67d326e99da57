/**
 * Where the Topology tree shows a Gateway API route (client/src/views/topology/route-nesting.ts): under
 * each parent Gateway or Service the namespace holds, else in the config list itself.
 */
import assert from 'node:assert/strict';
import { nestRoutes } from '../../client/src/views/topology/route-nesting';
import { type ExplorerConfigObject } from '../../protocol/requests';
import { liveObjectUri } from '../../server/src/yaml/live-object-document';

const NO_PROBLEMS = { errors: 0, warnings: 0, infos: 0, top: [] };

function entry(
  apiVersion: string,
  kind: string,
  name: string,
  parentUris: string[] = [],
): ExplorerConfigObject {
  const uri = liveObjectUri('east', kind, 'shop', name);
  return {
    apiVersion,
    kind,
    namespace: 'shop',
    name,
    uri,
    parentUris,
    gatewayRole: null,
    problems: NO_PROBLEMS,
  };
}

const ingressUri = liveObjectUri('east', 'Gateway', 'shop', 'ingress');
const cartUri = liveObjectUri('east', 'Service', 'shop', 'cart');
const elsewhereUri = liveObjectUri('east', 'Gateway', 'infra', 'edge');

describe('explorer: routes under their parents', () => {
  const ingress = entry('gateway.networking.k8s.io/v1', 'Gateway', 'ingress');
  const storefront = entry('gateway.networking.k8s.io/v1', 'HTTPRoute', 'storefront', [ingressUri, cartUri]);
  const remote = entry('gateway.networking.k8s.io/v1', 'HTTPRoute', 'remote', [elsewhereUri]);
  const orphan = entry('gateway.networking.k8s.io/v1', 'HTTPRoute', 'orphan');
  const rule = entry('networking.istio.io/v1', 'DestinationRule', 'cart');

  it('shows a route under every parent the namespace holds, and not in the list itself', () => {
    const nested = nestRoutes([ingress, storefront, rule], [cartUri]);
    assert.deepEqual(
      nested.topLevel.map((object) => object.name),
      ['ingress', 'cart'],
    );
    assert.deepEqual(nested.routesByParent.get(ingressUri), [storefront]);
    assert.deepEqual(nested.routesByParent.get(cartUri), [storefront]);
  });

  it('keeps in the list a route whose parents are elsewhere or missing, and one without parents', () => {
    const nested = nestRoutes([ingress, remote, orphan], []);
    assert.deepEqual(
      nested.topLevel.map((object) => object.name),
      ['ingress', 'remote', 'orphan'],
    );
    assert.equal(nested.routesByParent.size, 0);
  });

  it('never nests under an Istio Gateway of the same name', () => {
    const istioGateway = entry('networking.istio.io/v1', 'Gateway', 'ingress');
    const nested = nestRoutes([istioGateway, storefront], []);
    assert.deepEqual(
      nested.topLevel.map((object) => object.name),
      ['ingress', 'storefront'],
    );
  });
});
