import assert from 'node:assert/strict';
import { buildChecks, type CheckedCluster } from '../../../server/src/views/check-list';
import { formatCheckText } from '../../../server/src/views/format-check-text';
import { deriveClusterFacts } from '../../../server/src/mesh/derive-cluster-facts';
import { type TrustCluster, objectsOf } from './trust-mesh';
import { jwt, remoteSecret, rootCertificatePem, secondsFromNow } from './trust-support';

function checked(clusters: readonly TrustCluster[]): CheckedCluster[] {
  return clusters.map((cluster) => ({
    facts: { ...deriveClusterFacts(cluster.name, objectsOf(cluster)), apiServer: cluster.apiServer ?? null },
    reachable: true,
    stale: null,
    source: 'live',
  }));
}

const line = (checks: ReturnType<typeof buildChecks>) =>
  checks.map((c) => `${c.name} ${c.status} ${c.clusters.join(',')}${c.code ? ` ${c.code}` : ''}`);

describe('meshwright check: the checklist', () => {
  let shared: string;
  let other: string;
  const token = (days: number) =>
    jwt({ exp: secondsFromNow(days), sub: 'system:serviceaccount:istio-system:reader' });
  before(async () => {
    [shared, other] = await Promise.all([
      rootCertificatePem('shared', 3650),
      rootCertificatePem('other', 3650),
    ]);
  });

  it('lists every check in order, one line per cluster or pair, with codes on problems only', () => {
    const checks = buildChecks({
      clusters: checked([
        {
          name: 'east',
          roots: [shared],
          apiServer: 'https://east:6443',
          remoteSecrets: [remoteSecret('west', { server: 'https://west:6443', token: token(2) })],
        },
        {
          name: 'west',
          roots: [other],
          apiServer: 'https://west:6443',
          remoteSecrets: [],
          istiodImage: 'istio/pilot:1.21.0',
        },
      ]),
      diagnostics: [],
    });
    assert.deepEqual(line(checks), [
      'reachability pass east',
      'reachability pass west',
      'identity pass east',
      'identity pass west',
      'trust roots fail east,west MESH301',
      'certificate expiry pass east',
      'certificate expiry pass west',
      'certificate authority pass east',
      'certificate authority pass west',
      'remote secret warn east,west MESH306',
      'remote secret fail west,east MESH307',
      'istiod versions warn east,west MESH308',
      'config drift pass east,west',
    ]);
    for (const check of checks)
      assert.equal(check.hint !== undefined, check.status !== 'pass', check.message);
    const text = formatCheckText(checks, { colour: false });
    assert.match(text, /^trust\n {2}✖ east and west trust no common root .* \[MESH301\]\n {6}hint: /m);
    assert.match(text, /\n9 passed, 2 warnings, 2 failed\n$/);
  });

  it('says the remote secrets of a primary are unknown when they could not be read, instead of missing', () => {
    const [east, west] = checked([
      { name: 'east', roots: [shared], remoteSecrets: [] },
      { name: 'west', roots: [shared], remoteSecrets: [] },
    ]);
    const checks = buildChecks({
      clusters: [{ ...east!, unreadKinds: ['Secret (remote secrets)'] }, west!],
      diagnostics: [],
    });
    assert.deepEqual(line(checks.filter((c) => c.name === 'remote secret')), [
      'remote secret warn east',
      'remote secret fail west,east MESH307',
    ]);
  });

  it('adds what --verify-remote-secrets found under each secret, naming the identity', () => {
    const clusters = checked([
      {
        name: 'east',
        roots: [shared],
        remoteSecrets: [remoteSecret('west', { server: 'https://west:6443', token: token(300) })],
      },
      {
        name: 'west',
        roots: [shared],
        remoteSecrets: [remoteSecret('east', { server: 'https://east:6443', token: token(300) })],
      },
    ]);
    const checks = buildChecks({
      clusters,
      diagnostics: [],
      verification: [
        {
          primary: 'east',
          secret: 'istio-remote-secret-west',
          key: 'west',
          server: 'https://west:6443',
          identity: 'system:serviceaccount:istio-system:reader',
          allowed: ['get pods'],
          missing: [],
        },
        {
          primary: 'west',
          secret: 'istio-remote-secret-east',
          key: 'east',
          server: 'https://east:6443',
          identity: null,
          allowed: [],
          missing: [],
          error: 'unreachable: ECONNREFUSED',
        },
      ],
    });
    const access = checks.filter((c) => c.name === 'remote access');
    assert.deepEqual(line(access), ['remote access pass east,west', 'remote access fail west,east']);
    assert.match(access[0]!.message, /as system:serviceaccount:istio-system:reader/);
    assert.match(access[1]!.message, /could not be used: unreachable: ECONNREFUSED/);
  });
});
