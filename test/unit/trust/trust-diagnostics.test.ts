import assert from 'node:assert/strict';
import { type MeshDiagnostic } from '../../../server/src/mesh/diagnostic';
import { type TrustCluster, liveDiagnostics, offlineDiagnostics, summary } from './trust-mesh';
import { jwt, remoteSecret, rootCertificatePem, secondsFromNow } from './trust-support';

/** Both ways of reading clusters must agree on these cases. */
const MODES = [
  ['offline', offlineDiagnostics],
  ['live', liveDiagnostics],
] as const;

function only(diagnostics: readonly MeshDiagnostic[], code: string): MeshDiagnostic[] {
  return diagnostics.filter((d) => d.code === code);
}

describe('trust diagnostics (MESH301-MESH308), live and offline alike', () => {
  let shared: string;
  let other: string;
  let next: string;
  let expired: string;
  let expiring: string;
  const token = (days: number) =>
    jwt({
      exp: secondsFromNow(days),
      iat: secondsFromNow(-30),
      sub: 'system:serviceaccount:istio-system:istio-reader-service-account',
    });
  const secretsFor = (...clusters: string[]) =>
    clusters.map((cluster) =>
      remoteSecret(cluster, { server: `https://${cluster}.example:6443`, token: token(300) }),
    );
  /** Two primaries reading each other, sharing one root: the healthy baseline. */
  const pair = (east: Partial<TrustCluster> = {}, west: Partial<TrustCluster> = {}): TrustCluster[] => [
    {
      name: 'east',
      roots: [shared],
      remoteSecrets: secretsFor('west'),
      apiServer: 'https://east.example:6443',
      ...east,
    },
    {
      name: 'west',
      roots: [shared],
      remoteSecrets: secretsFor('east'),
      apiServer: 'https://west.example:6443',
      ...west,
    },
  ];

  before(async () => {
    [shared, other, next, expired, expiring] = await Promise.all([
      rootCertificatePem('shared root', 3650),
      rootCertificatePem('other root', 3650),
      rootCertificatePem('next root', 3650),
      rootCertificatePem('expired root', -1, -400),
      rootCertificatePem('expiring root', 12),
    ]);
  });

  for (const [mode, diagnose] of MODES) {
    describe(mode, () => {
      it('says nothing about a healthy mesh (the near miss of every code)', () => {
        assert.deepEqual(summary(diagnose(pair())), []);
      });

      it('MESH301: no common root is an error on each cluster, with related locations in the other', () => {
        const found = only(diagnose(pair({}, { roots: [other] })), 'MESH301');
        assert.deepEqual(summary(found), ['MESH301 error east', 'MESH301 error west']);
        const east = found.find((d) => d.cluster === 'east')!;
        assert.match(east.message, /shares no root with cluster west/);
        assert.deepEqual(
          east.related.map((r) => r.cluster),
          ['west'],
        );
        assert.match(east.uri, /istio-ca-root-cert|clusters\/east/);
      });

      it('MESH301: different but overlapping roots are a rotation in progress (warning)', () => {
        const found = only(diagnose(pair({ roots: [shared, next] })), 'MESH301');
        assert.deepEqual(summary(found), ['MESH301 warning east', 'MESH301 warning west']);
        assert.match(found[0]!.message, /root rotation/);
      });

      it('MESH302: an expired root is an error, one expiring within 30 days a warning; 10 years is silent', () => {
        const found = only(
          diagnose(pair({ roots: [shared, expired] }, { roots: [shared, expiring] })),
          'MESH302',
        );
        assert.deepEqual(summary(found), ['MESH302 error east', 'MESH302 warning west']);
        assert.match(found.find((d) => d.cluster === 'east')!.message, /expired/);
        assert.match(found.find((d) => d.cluster === 'west')!.message, /expires in 1[12] days/);
      });

      it('MESH303: a self-signed istiod in a multicluster mesh; the same alone is silent', () => {
        const found = only(diagnose(pair({ ca: 'istio-ca-secret' })), 'MESH303');
        assert.deepEqual(summary(found), ['MESH303 error east']);
        assert.deepEqual(
          found[0]!.related.map((r) => r.cluster),
          ['west'],
        );
        const alone = diagnose([{ name: 'east', ca: 'istio-ca-secret', roots: [shared] }]);
        assert.deepEqual(only(alone, 'MESH303'), []);
      });

      it('MESH306: a token that expired is an error, one expiring in 3 days a warning, 8 days silent', () => {
        const found = only(
          diagnose(
            pair(
              {
                remoteSecrets: [
                  remoteSecret('west', { server: 'https://west.example:6443', token: token(-2) }),
                ],
              },
              {
                remoteSecrets: [
                  remoteSecret('east', { server: 'https://east.example:6443', token: token(3) }),
                ],
              },
            ),
          ),
          'MESH306',
        );
        assert.deepEqual(summary(found), ['MESH306 error east', 'MESH306 warning west']);
        assert.match(found.find((d) => d.cluster === 'west')!.message, /expires in [23] days/);
        const later = diagnose(
          pair({
            remoteSecrets: [remoteSecret('west', { server: 'https://west.example:6443', token: token(8) })],
          }),
        );
        assert.deepEqual(only(later, 'MESH306'), []);
      });

      it('MESH307: a primary without a remote secret for the other primary', () => {
        const found = only(diagnose(pair({ remoteSecrets: [] })), 'MESH307');
        assert.deepEqual(summary(found), ['MESH307 error east']);
        assert.match(found[0]!.message, /no remote secret .* for cluster west/);
        assert.deepEqual(
          found[0]!.related.map((r) => r.cluster),
          ['west'],
        );
      });

      it('MESH307: in primary-remote, the primary needs its remote; the remote needs nothing', () => {
        const mesh: TrustCluster[] = [
          { name: 'east', roots: [shared], remoteSecrets: [] },
          { name: 'edge', role: 'remote', controlPlane: 'east', roots: [shared] },
        ];
        assert.deepEqual(summary(only(diagnose(mesh), 'MESH307')), ['MESH307 error east']);
        const covered = [{ ...mesh[0]!, remoteSecrets: secretsFor('edge') }, mesh[1]!];
        assert.deepEqual(only(diagnose(covered), 'MESH307'), []);
      });

      it('MESH308: primaries two minor releases apart; one apart is silent', () => {
        const far = only(diagnose(pair({}, { istiodImage: 'docker.io/istio/pilot:1.22.6' })), 'MESH308');
        assert.deepEqual(summary(far), ['MESH308 warning east', 'MESH308 warning west']);
        assert.match(far.find((d) => d.cluster === 'east')!.message, /1\.24\.2.*1\.22\.6 in cluster west/);
        const near = diagnose(pair({}, { istiodImage: 'docker.io/istio/pilot:1.23.4' }));
        assert.deepEqual(only(near, 'MESH308'), []);
      });

      it('MESH304: a principal of a trust domain no cluster uses; an aliased one is silent', () => {
        const policy = (principal: string) => ({
          apiVersion: 'security.istio.io/v1',
          kind: 'AuthorizationPolicy',
          metadata: { name: 'allow-frontend', namespace: 'bookinfo' },
          spec: { rules: [{ from: [{ source: { principals: [principal] } }] }] },
        });
        const found = only(
          diagnose(pair({ extra: [policy('old.example/ns/bookinfo/sa/frontend')] })),
          'MESH304',
        );
        assert.deepEqual(summary(found), ['MESH304 warning east']);
        assert.match(found[0]!.message, /trust domain old\.example/);
        const aliased = diagnose(
          pair({
            extra: [policy('old.example/ns/bookinfo/sa/frontend')],
            trustDomainAliases: ['old.example'],
          }),
        );
        assert.deepEqual(only(aliased, 'MESH304'), []);
        const local = diagnose(pair({ extra: [policy('cluster.local/ns/bookinfo/sa/frontend')] }));
        assert.deepEqual(only(local, 'MESH304'), []);
      });
    });
  }

  it('MESH305 (live): the secret reaches another URL than the kubeconfig gives, both named', () => {
    const moved = pair({
      remoteSecrets: [remoteSecret('west', { server: 'https://10.1.2.3:6443', token: token(300) })],
    });
    const found = only(liveDiagnostics(moved), 'MESH305');
    assert.deepEqual(summary(found), ['MESH305 warning east']);
    assert.match(found[0]!.message, /https:\/\/10\.1\.2\.3:6443.*https:\/\/west\.example:6443/);
    assert.match(found[0]!.message, /--verify-remote-secrets/);
    const same = pair({
      remoteSecrets: [remoteSecret('west', { server: 'https://WEST.example:6443/', token: token(300) })],
    });
    assert.deepEqual(only(liveDiagnostics(same), 'MESH305'), []);
  });

  it('MESH302 offline: the plugged-in CA certificate of a cluster file, expiring', () => {
    const found = only(offlineDiagnostics(pair({ caCertificatePem: expiring })), 'MESH302');
    assert.deepEqual(summary(found), ['MESH302 warning east']);
    assert.match(found[0]!.message, /plugged-in CA certificate/);
  });

  it('never puts a token into a diagnostic', () => {
    const secret = token(-2);
    const mesh = pair({
      remoteSecrets: [remoteSecret('west', { server: 'https://10.9.9.9:6443', token: secret })],
    });
    for (const diagnostics of [offlineDiagnostics(mesh), liveDiagnostics(mesh)]) {
      assert.ok(diagnostics.length > 0);
      const text = JSON.stringify(diagnostics);
      for (const part of secret.split('.')) assert.ok(!text.includes(part));
    }
  });
});
