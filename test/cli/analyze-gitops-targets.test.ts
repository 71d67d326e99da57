// `meshwright analyze REPO`: the targets of each document come from the repository's Argo CD and Flux
// objects, the JSON report says where from (`targets`), MESH2xx compare what each primary receives, and
// what cannot be followed is a MESH030 note. Clusters from files (the MESH205 fixture's east, west, edge).
import assert from 'node:assert/strict';
import path from 'node:path';
import { REPO_ROOT, assertCliBuilt, runCli } from './support/cli-process';
import { type JsonReport } from '../../server/src/cli/format-json';

const GITOPS = path.join(REPO_ROOT, 'test', 'fixtures', 'gitops');
const CLUSTER_STATES = path.join(
  REPO_ROOT,
  'test/fixtures/analysis/MESH205/subset-in-some-primaries/fires-document-routes-to-subset-in-east-only/clusters',
);
const CLUSTERS = ['east', 'west', 'edge'].flatMap((name) => [
  '--cluster',
  `${name}=${path.join(CLUSTER_STATES, name)}`,
]);

function analyzeJson(args: readonly string[]): JsonReport {
  const result = runCli(['analyze', ...args, '--format', 'json'], { cwd: GITOPS });
  assert.ok(result.status === 0 || result.status === 1, result.stderr);
  return JSON.parse(result.stdout) as JsonReport;
}

describe('meshwright analyze: targets from Argo CD and Flux objects', () => {
  before(assertCliBuilt);

  it('reports MESH205 on the shared route west receives without the subset, and says where targets come from', () => {
    const report = analyzeJson(['argo-repo', ...CLUSTERS]);
    const mesh205 = report.diagnostics.filter((d) => d.code === 'MESH205');
    assert.deepEqual(
      mesh205.map((d) => d.file),
      ['argo-repo/mesh/shared/reviews-vs.yaml'],
    );
    const shared = report.targets.find((t) => t.file === 'argo-repo/mesh/shared/reviews-vs.yaml');
    assert.deepEqual(shared, {
      file: 'argo-repo/mesh/shared/reviews-vs.yaml',
      range: { start: { line: 0, character: 0 }, end: { line: 12, character: 22 } },
      resource: {
        apiVersion: 'networking.istio.io/v1',
        kind: 'VirtualService',
        namespace: 'bookinfo',
        name: 'reviews',
      },
      clusters: ['east', 'west'],
      source: 'gitops',
      origins: ['east', 'west'].map((cluster) => ({
        kind: 'ApplicationSet',
        namespace: 'argocd',
        name: 'mesh-shared',
        application: `shared-${cluster}`,
        file: 'argo-repo/argocd/mesh-shared.yaml',
        range: { start: { line: 4, character: 8 }, end: { line: 4, character: 19 } },
      })),
    });
    const west = report.targets.find((t) => t.file === 'argo-repo/mesh/west/reviews-dr.yaml');
    assert.deepEqual(
      [west?.clusters, west?.source, west?.origins.map((o) => `${o.kind} ${o.name}`)],
      [['west'], 'gitops', ['Application mesh-west']],
    );
    const edge = report.targets.find((t) => t.file === 'argo-repo/mesh/by-cluster/edge/ratings-dr.yaml');
    assert.deepEqual([edge?.source, edge?.origins], ['default', []]);
  });

  it('notes each Application or generator it cannot follow (MESH030, info) and still exits on findings only', () => {
    const report = analyzeJson(['argo-repo', ...CLUSTERS, '--fail-on', 'error']);
    const notes = report.diagnostics.filter((d) => d.code === 'MESH030');
    assert.deepEqual(
      notes.map((d) => [d.file, d.range.start.line, d.severity]),
      [
        ['argo-repo/argocd/broken.yaml', 9, 'info'],
        ['argo-repo/argocd/broken.yaml', 23, 'info'],
        ['argo-repo/argocd/broken.yaml', 32, 'info'],
      ],
    );
  });

  it('--targets (the setting) still wins over the repository', () => {
    const report = analyzeJson(['argo-repo', ...CLUSTERS, '--targets', 'east']);
    assert.ok(report.targets.every((t) => t.source === 'setting' && t.clusters.join() === 'east'));
    assert.deepEqual(
      report.diagnostics.filter((d) => d.code === 'MESH205'),
      [],
    );
  });

  it('follows Flux Kustomizations: clusters/<name>/ folders and kubeConfig Secrets', () => {
    const report = analyzeJson(['flux-repo', ...CLUSTERS]);
    assert.deepEqual(
      report.diagnostics.filter((d) => d.code === 'MESH205').map((d) => d.file),
      ['flux-repo/apps/west/reviews/reviews-vs.yaml'],
    );
    const westRoute = report.targets.find((t) => t.file === 'flux-repo/apps/west/reviews/reviews-vs.yaml');
    assert.deepEqual(
      westRoute?.origins.map((o) => `${o.kind} ${o.namespace}/${o.name} ${o.file}`),
      ['Kustomization flux-system/mesh-west flux-repo/clusters/east/flux-system/mesh.yaml'],
    );
  });
});
