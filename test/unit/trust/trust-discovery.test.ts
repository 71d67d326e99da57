import assert from 'node:assert/strict';
import { X509Certificate } from 'node:crypto';
import { deriveClusterFacts } from '../../../server/src/mesh/derive-cluster-facts';
import { credentialSecretsResource } from '../../../server/src/topology/credential-secrets';
import {
  slimControlPlaneConfigMap,
  summarizedRemoteSecret,
} from '../../../server/src/topology/object-slimming';
import { watchedResources } from '../../../server/src/topology/watched-resources';
import {
  istiodDeployment,
  jwt,
  remoteSecret,
  rootCertificatePem,
  rootConfigMap,
  secondsFromNow,
  secretMetadata,
} from './trust-support';

describe('trust discovery: what trust needs, never a key or a token', () => {
  let rootPem: string;
  let nextRootPem: string;
  before(async () => {
    rootPem = await rootCertificatePem('mesh root', 365);
    nextRootPem = await rootCertificatePem('next root', 730);
  });

  it('keeps istio-ca-root-cert with its roots and derives their fingerprints, subjects and end dates', () => {
    const kept = slimControlPlaneConfigMap({
      ...rootConfigMap([rootPem, nextRootPem]),
      data: { 'root-cert.pem': rootPem + nextRootPem, other: 'dropped' },
    });
    assert.deepEqual(Object.keys((kept?.data as object) ?? {}), ['root-cert.pem']);
    const facts = deriveClusterFacts('east', [kept!]);
    const expected = [rootPem, nextRootPem].map((pem) => new X509Certificate(pem));
    assert.deepEqual(
      facts.trust?.roots?.map((root) => root.fingerprint),
      expected.map((certificate) => certificate.fingerprint256),
    );
    assert.match(facts.trust!.roots![0]!.subject, /CN=mesh root/);
    assert.equal(facts.trust!.roots![1]!.notAfter, new Date(expected[1]!.validTo).toISOString());
  });

  it('knows the roots are unknown when the ConfigMap is not there, and empty when it holds none', () => {
    assert.equal(deriveClusterFacts('east', []).trust?.roots, null);
    assert.deepEqual(deriveClusterFacts('east', [rootConfigMap([])]).trust?.roots, []);
  });

  it('tells a plugged-in CA and a self-signed one from the Secrets metadata alone', () => {
    const plugged = deriveClusterFacts('east', [secretMetadata('cacerts')]).trust!;
    assert.equal(plugged.pluggedInCa, true);
    assert.equal(plugged.selfSignedCa, false);
    const selfSigned = deriveClusterFacts('east', [secretMetadata('istio-ca-secret')]).trust!;
    assert.deepEqual([selfSigned.pluggedInCa, selfSigned.selfSignedCa], [false, true]);
  });

  it('never reads the CA Secrets whole: the gateway credential read excludes them by name', () => {
    const selector = credentialSecretsResource('istio-system').fieldSelector ?? '';
    assert.match(selector, /metadata\.name!=cacerts/);
    assert.match(selector, /metadata\.name!=istio-ca-secret/);
    const metadataOnly = watchedResources().find((resource) => resource.id === 'secrets (metadata)');
    assert.equal(metadataOnly?.metadataOnly, true);
  });

  it("gives istiod's version (image tag) and revision", () => {
    const facts = deriveClusterFacts('east', [
      istiodDeployment('docker.io/istio/pilot:1.24.2', 'east'),
      istiodDeployment('gcr.io/istio-release/pilot:1.25.0-distroless@sha256:abc', 'east', '1-25'),
      istiodDeployment('registry.local:5000/pilot', 'east', 'canary'),
    ]);
    assert.deepEqual(facts.trust?.istiods, [
      { name: 'istiod', revision: 'default', version: '1.24.2' },
      { name: 'istiod-1-25', revision: '1-25', version: '1.25.0-distroless' },
      { name: 'istiod-canary', revision: 'canary', version: null },
    ]);
  });

  describe('a remote secret', () => {
    const expires = secondsFromNow(3);
    const issued = secondsFromNow(-1);
    const subject = 'system:serviceaccount:istio-system:istio-reader-service-account';
    let token: string;
    let full: ReturnType<typeof remoteSecret>;
    before(() => {
      token = jwt({ exp: expires, iat: issued, sub: subject, iss: 'https://kubernetes.default.svc' });
      full = remoteSecret('edge', { server: 'https://10.0.0.7:6443', token, caPem: rootPem });
    });

    it('is kept with the server URL, CA fingerprint and token claims only, live and from files alike', () => {
      const slimmed = summarizedRemoteSecret(full);
      const live = deriveClusterFacts('east', [slimmed]).remoteSecrets[0]?.access;
      const offline = deriveClusterFacts('east', [full]).remoteSecrets[0]?.access;
      assert.deepEqual(live, {
        server: 'https://10.0.0.7:6443',
        caFingerprint: new X509Certificate(rootPem).fingerprint256,
        credential: 'token',
        token: {
          expires: new Date(expires * 1000).toISOString(),
          issued: new Date(issued * 1000).toISOString(),
          subject,
        },
      });
      assert.deepEqual(offline, live);
    });

    it('leaves no part of the token in the kept object or the facts', () => {
      const slimmed = summarizedRemoteSecret(full);
      const facts = deriveClusterFacts('east', [slimmed]);
      for (const text of [JSON.stringify(slimmed), JSON.stringify(facts)]) {
        for (const part of token.split('.')) assert.ok(!text.includes(part), 'a part of the token was kept');
        assert.ok(!text.includes(String((full.data as Record<string, string>).edge).slice(0, 40)));
      }
      assert.deepEqual(slimmed.data, { edge: '' });
    });

    it('says when its value is not a kubeconfig, without repeating the value', () => {
      const broken = { ...full, data: { edge: Buffer.from(`[${token}`).toString('base64') } };
      const access = deriveClusterFacts('east', [summarizedRemoteSecret(broken)]).remoteSecrets[0]?.access;
      assert.equal(access?.server, null);
      assert.ok(access?.problem);
      assert.ok(!JSON.stringify(access).includes(token.split('.')[1]!));
    });
  });
});
