/**
 * Trust facts and `meshwright check` on real API servers. On the shared demo mesh (read only): discovery
 * finds istiod's roots, its version and what each remote secret reaches, without its token; the built CLI
 * prints the checklist, whose remote secrets name invented servers (`*.k8s.demo.internal`, as the seed
 * files say) while the kubeconfig reaches 127.0.0.1 (MESH305, both URLs named). On a private plane,
 * east's remote secret for west carries the real token of west's `reader` identity, and
 * `--verify-remote-secrets` uses it: kube-apiserver names the identity and answers which of istiod's reads
 * the ClusterRole of docs/topology.md allows (not endpoints nor endpointslices: it is Meshwright's role,
 * not istio-reader's).
 */
import assert from 'node:assert/strict';
import { X509Certificate } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { demoDirectory } from '../../simulator/src/index';
import { discoverTopology } from '../../server/src/topology/discover-topology';
import { REPO_ROOT, assertCliBuilt, runCliInBackground } from '../cli/support/cli-process';
import { type RealControlPlane } from './support/control-plane';
import { startPlaneWithRealRemoteSecret } from './support/real-token-remote-secret';
import { USERS } from './support/api-server';
import { sharedDemoControlPlane } from './support/shared-control-plane';

interface CheckJson {
  version: number;
  checks: { name: string; status: string; clusters: string[]; code?: string; message: string }[];
}

const DEMO_TOKEN = 'demo-fake-token-not-a-credential';

describe('real clusters: trust facts and meshwright check', function () {
  this.timeout(240_000);
  before(assertCliBuilt);

  describe('the shared demo mesh', () => {
    let plane: RealControlPlane;
    before(async () => {
      plane = await sharedDemoControlPlane();
    });

    it('discovery reads the roots, istiod versions and remote secret facts, and no token', async () => {
      const { snapshot } = await discoverTopology({ kubeconfig: plane.kubeconfig('reader') });
      const rootPem = fs
        .readFileSync(path.join(demoDirectory(), 'east', '07-istio-ca-root-cert.yaml'), 'utf8')
        .replace(/^(?! {4}).*\n/gm, '')
        .replace(/^ {4}/gm, '');
      const fingerprint = new X509Certificate(rootPem).fingerprint256;
      for (const cluster of snapshot.clusters) {
        assert.equal(cluster.stale, null, cluster.name);
        assert.deepEqual(
          cluster.trust?.roots?.map((root) => root.fingerprint),
          [fingerprint],
          cluster.name,
        );
      }
      const east = snapshot.clusters.find((cluster) => cluster.name === 'east')!;
      assert.deepEqual(east.trust?.istiods, [{ name: 'istiod', revision: 'default', version: '1.24.2' }]);
      assert.equal(east.apiServer, plane.cluster('east').url);
      assert.deepEqual(
        east.remoteSecrets
          .map((secret) => `${secret.cluster} ${secret.access?.server} ${secret.access?.credential}`)
          .sort(),
        ['edge https://edge.k8s.demo.internal:6443 token', 'west https://west.k8s.demo.internal:6443 token'],
      );
      assert.ok(!JSON.stringify(snapshot).includes(DEMO_TOKEN), 'a remote secret token reached the snapshot');
    });

    it('meshwright check --kubeconfig prints the checklist: shared roots, secrets naming other servers', async () => {
      const run = await runCliInBackground(
        ['check', '--kubeconfig', plane.kubeconfig('reader'), '--format', 'json'],
        { cwd: REPO_ROOT },
      );
      assert.ok(run.status === 0 || run.status === 1, run.stderr);
      assert.ok(!run.stdout.includes(DEMO_TOKEN) && !run.stderr.includes(DEMO_TOKEN));
      const report = JSON.parse(run.stdout) as CheckJson;
      assert.equal(report.version, 1);
      const line = (name: string, clusters: string) =>
        report.checks.find((c) => c.name === name && c.clusters.join(',') === clusters);
      assert.equal(line('reachability', 'east')?.status, 'pass');
      assert.equal(line('trust roots', 'east,west')?.status, 'pass');
      const moved = report.checks.filter((c) => c.code === 'MESH305');
      assert.deepEqual(moved.map((c) => c.clusters.join('→')).sort(), [
        'east→edge',
        'east→west',
        'west→east',
        'west→edge',
      ]);
      const eastToWest = moved.find((c) => c.clusters.join() === 'east,west')!;
      assert.ok(eastToWest.message.includes('https://west.k8s.demo.internal:6443'));
      assert.ok(eastToWest.message.includes(plane.cluster('west').url), eastToWest.message);
    });
  });

  describe('a private plane where a remote secret carries a real token', () => {
    let plane: RealControlPlane;
    before(async () => {
      plane = await startPlaneWithRealRemoteSecret();
    });
    after(async () => plane?.stop());

    it('--verify-remote-secrets names the identity the server saw and the reads it refuses; never the token', async () => {
      const token = plane.cluster('west').identities.reader.token;
      const run = await runCliInBackground(
        ['check', '--kubeconfig', plane.kubeconfig('reader'), '--verify-remote-secrets', '--format', 'json'],
        { cwd: REPO_ROOT },
      );
      assert.ok(run.status === 0 || run.status === 1, run.stderr);
      assert.ok(!run.stdout.includes(token) && !run.stderr.includes(token), 'the token was printed');
      const report = JSON.parse(run.stdout) as CheckJson;
      const access = report.checks.filter((c) => c.name === 'remote access');
      const eastToWest = access.find((c) => c.clusters.join() === 'east,west');
      assert.ok(eastToWest, JSON.stringify(access));
      assert.equal(eastToWest.status, 'fail');
      assert.ok(
        eastToWest.message.includes(`reached ${plane.cluster('west').url} as ${USERS.reader}`),
        eastToWest.message,
      );
      assert.match(
        eastToWest.message,
        /may not get endpoints, list endpoints, watch endpoints, get endpointslices\.discovery\.k8s\.io/,
      );
      assert.doesNotMatch(eastToWest.message, /pods|secrets|services|nodes|namespaces/);
      // The secret still naming the invented server is refused at connection, not with the token.
      const westToEast = access.find((c) => c.clusters.join() === 'west,east');
      assert.equal(westToEast?.status, 'fail');
      assert.match(
        westToEast?.message ?? '',
        /https:\/\/east\.k8s\.demo\.internal:6443 could not be used: unreachable/,
      );
      // The text form says the same in one line with its hint.
      const text = await runCliInBackground(
        ['check', '--kubeconfig', plane.kubeconfig('reader'), '--verify-remote-secrets'],
        { cwd: REPO_ROOT },
      );
      assert.match(
        text.stdout,
        /✖ east → west: reached .* as meshwright-reader, but it may not get endpoints/,
      );
      assert.ok(!text.stdout.includes(token) && !text.stderr.includes(token));
    });
  });
});
