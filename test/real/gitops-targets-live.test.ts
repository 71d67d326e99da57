/**
 * `meshwright analyze REPO --kubeconfig K` (the built CLI) against the demo mesh on real kube-apiservers:
 * Argo CD Applications that name their clusters by API server URL are matched to the kubeconfig contexts
 * with that server, so each primary receives its own DestinationRule from the repository, and MESH205
 * fires on the shared route west receives without subset v3. The repository is the Argo CD fixture
 * (test/fixtures/gitops/argo-repo) with the URLs of these servers written in, and without its Argo CD
 * cluster Secrets, so that nothing but the kubeconfig can match a URL.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type JsonReport } from '../../server/src/cli/format-json';
import { REPO_ROOT, runCliInBackground } from '../cli/support/cli-process';
import { type RealControlPlane } from './support/control-plane';
import { sharedDemoControlPlane } from './support/shared-control-plane';

const FIXTURE = path.join(REPO_ROOT, 'test/fixtures/gitops/argo-repo');

describe('real clusters: targets from Argo CD Applications naming API server URLs', function () {
  this.timeout(240_000);
  let plane: RealControlPlane;
  let repository: string;

  before(async () => {
    plane = await sharedDemoControlPlane();
    repository = fs.mkdtempSync(path.join(os.tmpdir(), 'meshwright-gitops-live-'));
    fs.cpSync(FIXTURE, repository, { recursive: true });
    fs.rmSync(path.join(repository, 'argocd/cluster-secrets.yaml'));
    fs.rmSync(path.join(repository, 'argocd/broken.yaml'));
    const rewrite = (file: string, from: string, to: string): void => {
      const full = path.join(repository, file);
      const text = fs.readFileSync(full, 'utf8');
      assert.ok(text.includes(from), `${file} holds ${from}`);
      fs.writeFileSync(full, text.replace(from, to));
    };
    rewrite(
      'argocd/mesh-east.yaml',
      'name: east\n    namespace',
      `server: ${plane.cluster('east').url}\n    namespace`,
    );
    rewrite('argocd/mesh-west.yaml', 'https://west.mesh.example:6443', plane.cluster('west').url);
  });
  after(() => {
    if (repository) fs.rmSync(repository, { recursive: true, force: true });
  });

  it('sends each DestinationRule to the primary whose server its Application names, and compares them', async () => {
    const run = await runCliInBackground(
      ['analyze', '.', '--kubeconfig', plane.kubeconfig('reader'), '--format', 'json', '--fail-on', 'none'],
      { cwd: repository },
    );
    assert.equal(run.status, 0, run.stderr);
    const report = JSON.parse(run.stdout) as JsonReport;
    const targets = (file: string): string =>
      report.targets
        .filter((t) => t.file === file)
        .map((t) => `${t.source}: ${t.clusters.join(',')} from ${t.origins.map((o) => o.name).join(',')}`)
        .join('; ');
    assert.equal(targets('mesh/east/reviews-dr.yaml'), 'gitops: east from mesh-east');
    assert.equal(targets('mesh/west/reviews-dr.yaml'), 'gitops: west from mesh-west');
    assert.equal(targets('mesh/shared/reviews-vs.yaml'), 'gitops: east,west from mesh-shared,mesh-shared');
    const mesh205 = report.diagnostics.filter((d) => d.code === 'MESH205');
    assert.deepEqual(
      mesh205.map((d) => d.file),
      ['mesh/shared/reviews-vs.yaml'],
    );
    assert.match(mesh205[0]!.message, /exists in primary east but not in primary west/);
    // Only the clusters generator's selector, without cluster Secrets, cannot be followed.
    assert.deepEqual(
      report.diagnostics.filter((d) => d.code === 'MESH030').map((d) => `${d.file}:${d.range.start.line}`),
      ['argocd/mesh-by-cluster.yaml:10'],
    );
  });
});
