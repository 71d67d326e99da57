import assert from 'node:assert/strict';
import { liveDocumentText } from '../../server/src/lsp/live-documents';
import { type TopologySnapshot } from '../../server/src/mesh/snapshot';
import { liveObjectUri, renderLiveObject } from '../../server/src/yaml/live-object-document';

const gateway = {
  apiVersion: 'networking.istio.io/v1',
  kind: 'Gateway',
  metadata: { name: 'bookinfo-gateway', namespace: 'bookinfo', managedFields: [{ manager: 'kubectl' }] },
  spec: { selector: { istio: 'ingressgateway' } },
};
const namespace = { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'bookinfo' } };

const snapshot: TopologySnapshot = {
  version: 3,
  clusters: [
    {
      name: 'east',
      id: 'east',
      network: 'net1',
      role: 'primary',
      revisions: ['default'],
      meshId: 'mesh1',
      trustDomain: 'cluster.local',
      controlPlane: 'east',
      reachable: true,
      stale: null,
      remoteSecrets: [],
      eastWestGateways: [],
      ambientNamespaces: [],
      waypoints: [],
      ambientEastWestGateways: [],
      objects: [gateway, namespace],
    },
  ],
};

describe('meshwright/liveDocument', () => {
  it('answers the rendering the engine computes ranges on, for a namespaced and a cluster-scoped object', () => {
    const text = liveDocumentText(snapshot, liveObjectUri('east', 'Gateway', 'bookinfo', 'bookinfo-gateway'));
    assert.equal(text, renderLiveObject(gateway));
    assert.doesNotMatch(text ?? '', /managedFields/);
    assert.equal(
      liveDocumentText(snapshot, liveObjectUri('east', 'Namespace', '', 'bookinfo')),
      renderLiveObject(namespace),
    );
  });

  it('answers null for an object, a cluster or a URI it does not know', () => {
    assert.equal(liveDocumentText(snapshot, liveObjectUri('east', 'Gateway', 'bookinfo', 'other')), null);
    assert.equal(
      liveDocumentText(snapshot, liveObjectUri('west', 'Gateway', 'bookinfo', 'bookinfo-gateway')),
      null,
    );
    assert.equal(liveDocumentText(snapshot, 'file:///tmp/gateway.yaml'), null);
  });
});
