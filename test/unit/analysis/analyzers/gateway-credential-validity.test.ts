import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { analyze } from '../../../../server/src/analysis/engine';
import {
  summarizeCredentialSecret,
  withCredentialSummary,
} from '../../../../server/src/mesh/credential-summary';
import { type KubeObject, type TopologySnapshot } from '../../../../server/src/mesh/snapshot';
import { slimSecret } from '../../../../server/src/topology/object-slimming';
import { FIXTURES, describeFixtureCases } from '../fixture-cases';

describe('analyzer gateway-credential-validity (IST0161)', () => {
  describeFixtureCases('IST0161/gateway-credential-validity', ['IST0161']);

  describe('on a live cluster, whose Secrets arrive without data', () => {
    const certificates = path.join(FIXTURES, 'IST0161/test-only-certificates');
    const pem = (name: string): string =>
      Buffer.from(fs.readFileSync(path.join(certificates, name))).toString('base64');
    // As the API returns it, before discovery slims it (TEST-ONLY key material).
    const fullSecret: KubeObject = {
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: { name: 'bookinfo-credential', namespace: 'istio-system' },
      type: 'kubernetes.io/tls',
      data: {
        'tls.crt': pem('test-only-bookinfo-expired.crt'),
        'tls.key': pem('test-only-bookinfo.key'),
      },
    };
    const gateway: KubeObject = {
      apiVersion: 'networking.istio.io/v1',
      kind: 'Gateway',
      metadata: { name: 'bookinfo-gateway', namespace: 'bookinfo' },
      spec: {
        selector: { istio: 'ingressgateway' },
        servers: [
          {
            port: { number: 443, name: 'https', protocol: 'HTTPS' },
            tls: { mode: 'SIMPLE', credentialName: 'bookinfo-credential' },
            hosts: ['bookinfo.example.com'],
          },
        ],
      },
    };
    const ingressPod: KubeObject = {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: {
        name: 'istio-ingressgateway-6c8f9d7b5d-k2x8p',
        namespace: 'istio-system',
        labels: { istio: 'ingressgateway' },
      },
      spec: { containers: [{ name: 'istio-proxy', image: 'docker.io/istio/proxyv2:1.22.3' }] },
    };
    const snapshot = (secret: KubeObject): TopologySnapshot => ({
      version: 1,
      clusters: [
        {
          name: 'east',
          id: 'east',
          network: null,
          role: 'primary',
          revisions: ['default'],
          meshId: null,
          trustDomain: null,
          controlPlane: 'east',
          reachable: true,
          stale: null,
          remoteSecrets: [],
          eastWestGateways: [],
          ambientNamespaces: [],
          waypoints: [],
          ambientEastWestGateways: [],
          objects: [gateway, ingressPod, secret],
        },
      ],
    });
    const ist0161 = (secret: KubeObject) =>
      analyze({
        documents: [],
        snapshot: snapshot(secret),
        offline: false,
        celRules: null,
      }).diagnostics.filter((d) => d.code === 'IST0161');

    it('does not judge a slimmed Secret that carries no summary (its empty values are not real)', () => {
      assert.deepEqual(ist0161(slimSecret(fullSecret)), []);
    });

    it('judges it from the summary discovery attaches, naming the cluster, without key material', () => {
      const slimmed = withCredentialSummary(slimSecret(fullSecret), summarizeCredentialSecret(fullSecret));
      const [diagnostic, ...others] = ist0161(slimmed);
      assert.deepEqual(others, []);
      assert.equal(diagnostic?.uri, 'meshwright:/east/Gateway/bookinfo/bookinfo-gateway.yaml');
      assert.equal(diagnostic.cluster, 'east');
      assert.equal(diagnostic.severity, 'error');
      assert.match(diagnostic.message, /in cluster east: the certificate in tls\.crt expired on 2021-01-01/);
      const data = fullSecret.data as Record<string, string>;
      for (const value of Object.values(data)) {
        assert.ok(!JSON.stringify(diagnostic).includes(value.slice(0, 24)));
      }
    });
  });
});
