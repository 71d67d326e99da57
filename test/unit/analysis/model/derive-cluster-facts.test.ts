import assert from 'node:assert/strict';
import { deriveClusterFacts } from '../../../../server/src/mesh/derive-cluster-facts';
import { type KubeObject } from '../../../../server/src/mesh/snapshot';

const primary: KubeObject[] = [
  {
    apiVersion: 'v1',
    kind: 'Namespace',
    metadata: { name: 'istio-system', labels: { 'topology.istio.io/network': 'network-east' } },
  },
  {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'istiod-1-24', namespace: 'istio-system', labels: { 'istio.io/rev': '1-24' } },
    spec: {
      template: {
        spec: { containers: [{ name: 'discovery', env: [{ name: 'CLUSTER_ID', value: 'east-1' }] }] },
      },
    },
  },
  {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name: 'istio', namespace: 'istio-system' },
    data: { mesh: 'trustDomain: example.org\ndefaultConfig:\n  meshId: mesh-a\n' },
  },
  {
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: {
      name: 'istio-remote-secret-west',
      namespace: 'istio-system',
      labels: { 'istio/multiCluster': 'true' },
      annotations: { 'networking.istio.io/cluster': 'west-1' },
    },
    data: { 'west-1': '' },
  },
  {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: {
      name: 'istio-eastwestgateway',
      namespace: 'istio-system',
      labels: { istio: 'eastwestgateway', 'topology.istio.io/network': 'network-east' },
    },
    spec: { ports: [{ name: 'tls', port: 15443 }] },
    status: { loadBalancer: { ingress: [{ ip: '203.0.113.10' }] } },
  },
];

describe('deriveClusterFacts', () => {
  it('derives a primary from its istiod, namespace, mesh config, remote secrets and gateways', () => {
    const facts = deriveClusterFacts('east', primary);
    assert.deepEqual(facts, {
      name: 'east',
      id: 'east-1',
      network: 'network-east',
      role: 'primary',
      revisions: ['1-24'],
      meshId: 'mesh-a',
      trustDomain: 'example.org',
      controlPlane: 'east',
      remoteSecrets: [
        {
          cluster: 'west-1',
          key: 'west-1',
          annotatedCluster: 'west-1',
          secret: { namespace: 'istio-system', name: 'istio-remote-secret-west' },
          // An emptied value (as discovery keeps it) without a summary: what it reaches is unknown.
          access: null,
        },
      ],
      trust: {
        roots: null,
        pluggedInCa: false,
        selfSignedCa: false,
        caCertificate: null,
        istiods: [{ name: 'istiod-1-24', revision: '1-24', version: null }],
      },
      eastWestGateways: [
        {
          network: 'network-east',
          address: '203.0.113.10',
          port: 15443,
          service: { namespace: 'istio-system', name: 'istio-eastwestgateway' },
        },
      ],
      ambientNamespaces: [],
      waypoints: [],
      ambientEastWestGateways: [],
    });
  });

  it('recognises a remote by its istiod Service without a deployment, and knows nothing of an empty cluster', () => {
    const remote = deriveClusterFacts('west', [
      {
        apiVersion: 'v1',
        kind: 'Namespace',
        metadata: { name: 'istio-system', annotations: { 'topology.istio.io/controlPlaneClusters': 'east' } },
      },
      { apiVersion: 'v1', kind: 'Service', metadata: { name: 'istiod', namespace: 'istio-system' } },
    ]);
    assert.equal(remote.role, 'remote');
    assert.equal(remote.controlPlane, 'east');
    assert.equal(remote.id, 'west');
    assert.equal(deriveClusterFacts('empty', []).role, 'unknown');
  });

  it("takes an istiod Service that selects istiod pods for a primary's whose Deployment is not known, not a remote", () => {
    const service = (selector?: Record<string, string>): KubeObject => ({
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'istiod', namespace: 'istio-system' },
      spec: { ...(selector ? { selector } : {}), ports: [{ name: 'grpc-xds', port: 15010 }] },
    });
    // A read that stopped before the Deployments (a slow cluster, an RBAC refusal): not enough to tell.
    assert.equal(deriveClusterFacts('west', [service({ app: 'istiod', istio: 'pilot' })]).role, 'unknown');
    assert.equal(deriveClusterFacts('west', [service({})]).role, 'remote');
    assert.equal(deriveClusterFacts('west', [service()]).role, 'remote');
  });

  it("recognises an external control plane's config cluster by istiod's own validation webhook without istiod", () => {
    const istiodService: KubeObject = {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'istiod', namespace: 'istio-system' },
      spec: { type: 'ExternalName', externalName: 'istiod.external.example.com' },
    };
    const validator = (webhook: string): KubeObject => ({
      apiVersion: 'admissionregistration.k8s.io/v1',
      kind: 'ValidatingWebhookConfiguration',
      metadata: { name: 'istio-validator-istio-system' },
      webhooks: [
        { name: webhook, clientConfig: { url: 'https://istiod.external.example.com:15017/validate' } },
      ],
    });
    const config = deriveClusterFacts('config', [istiodService, validator('rev.validation.istio.io')]);
    assert.equal(config.role, 'config');
    assert.equal(config.controlPlane, 'config', 'its config is read where it is');
    // The base chart's default-revision validator is installed in plain remotes too.
    assert.equal(
      deriveClusterFacts('remote', [istiodService, validator('validation.istio.io')]).role,
      'remote',
    );
  });
});
