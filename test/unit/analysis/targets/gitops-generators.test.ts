/**
 * The details of ApplicationSet generators and Application sources, on small inline repositories:
 * selectors with matchExpressions, nested list elements, `values` of a clusters generator, Go template
 * functions left unresolved, several sources, recursion, and objects Meshwright cannot read.
 */
import assert from 'node:assert/strict';
import { type InputFile } from '../../../../server/src/analysis/engine';
import { AnalysisSession } from '../../../../server/src/analysis/session/analysis-session';
import path from 'node:path';
import { FIXTURES, readCase } from '../fixture-cases';

// east and west primaries, edge a remote of east.
const CLUSTERS = readCase(
  path.join(FIXTURES, 'MESH205/subset-in-some-primaries/fires-document-routes-to-subset-in-east-only'),
).clusters;

const ROOT = 'file:///repo/';
const DR = (name: string): string => `apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata:
  name: ${name}
  namespace: bookinfo
spec:
  host: ${name}
`;

function analysed(files: Record<string, string>) {
  const session = new AnalysisSession({ kubernetesState: 'files', celRules: null });
  for (const cluster of CLUSTERS) session.setClusterFiles(cluster.name, cluster.files);
  const inputs: InputFile[] = Object.entries(files).map(([file, text]) => ({ uri: ROOT + file, text }));
  for (const input of inputs) session.setDocument(input.uri, input.text);
  session.refresh();
  return {
    targets: (file: string) => {
      const [info] = session.documentTargets(ROOT + file);
      return info ? `${info.source}: ${info.targets.join(',')}` : 'none';
    },
    notes: () =>
      session
        .allDiagnostics()
        .filter((d) => d.code === 'MESH030')
        .map((d) => `${d.uri.slice(ROOT.length)}:${d.range.start.line} ${d.message}`),
  };
}

const SECRETS = ['east', 'west', 'edge']
  .map(
    (name, index) => `apiVersion: v1
kind: Secret
metadata:
  name: ${name}
  labels:
    argocd.argoproj.io/secret-type: cluster
    tier: ${index === 2 ? 'edge' : 'core'}
stringData:
  name: ${name}
  server: https://${name}.example
`,
  )
  .join('---\n');

describe('ApplicationSet generators and Application sources', () => {
  it('selects clusters with matchExpressions and substitutes labels and values', () => {
    const result = analysed({
      'argocd/secrets.yaml': SECRETS,
      'argocd/set.yaml': `apiVersion: argoproj.io/v1alpha1
kind: ApplicationSet
metadata:
  name: by-tier
spec:
  generators:
    - clusters:
        selector:
          matchExpressions:
            - key: tier
              operator: NotIn
              values: [edge]
        values:
          folder: 'overlays/{{name}}'
  template:
    metadata:
      name: '{{name}}-{{metadata.labels.tier}}'
    spec:
      source:
        path: '{{values.folder}}'
      destination:
        name: '{{name}}'
`,
      'overlays/east/dr.yaml': DR('a'),
      'overlays/west/dr.yaml': DR('b'),
      'overlays/edge/dr.yaml': DR('c'),
    });
    assert.equal(result.targets('overlays/east/dr.yaml'), 'gitops: east');
    assert.equal(result.targets('overlays/west/dr.yaml'), 'gitops: west');
    assert.equal(result.targets('overlays/edge/dr.yaml'), 'default: east,west');
    assert.deepEqual(result.notes(), []);
  });

  it('reads nested list elements, several sources, and recurses only when asked or for a kustomization', () => {
    const result = analysed({
      'argocd/set.yaml': `apiVersion: argoproj.io/v1alpha1
kind: ApplicationSet
metadata:
  name: nested
spec:
  goTemplate: true
  generators:
    - list:
        elements:
          - cluster: {name: east}
            dir: flat
  template:
    metadata:
      name: 'x-{{ .cluster.name }}'
    spec:
      sources:
        - path: '{{ .dir }}'
        - path: deep
          directory:
            recurse: true
        - path: kustomized
      destination:
        name: '{{ .cluster.name }}'
`,
      'flat/dr.yaml': DR('a'),
      'flat/sub/dr.yaml': DR('b'),
      'deep/sub/dr.yaml': DR('c'),
      'kustomized/kustomization.yaml': 'resources: [sub/dr.yaml]\n',
      'kustomized/sub/dr.yaml': DR('d'),
    });
    assert.equal(result.targets('flat/dr.yaml'), 'gitops: east');
    assert.equal(
      result.targets('flat/sub/dr.yaml'),
      'default: east,west',
      'Argo CD directories do not recurse',
    );
    assert.equal(result.targets('deep/sub/dr.yaml'), 'gitops: east');
    assert.equal(result.targets('kustomized/sub/dr.yaml'), 'gitops: east');
  });

  it('notes template functions, a selector without cluster Secrets, a destination without a cluster, matrix', () => {
    const result = analysed({
      'argocd/set.yaml': `apiVersion: argoproj.io/v1alpha1
kind: ApplicationSet
metadata:
  name: odd
spec:
  goTemplate: true
  generators:
    - list:
        elements:
          - cluster: East
    - clusters:
        selector:
          matchLabels: {tier: core}
    - matrix:
        generators: []
  template:
    metadata:
      name: 'odd'
    spec:
      source:
        path: apps
      destination:
        name: '{{ .cluster | lower }}'
---
apiVersion: argoproj.io/v1alpha1
kind: Application
metadata:
  name: nowhere
spec:
  source:
    path: apps
  destination:
    namespace: bookinfo
`,
      'apps/dr.yaml': DR('a'),
    });
    const notes = result.notes();
    assert.equal(notes.length, 4, notes.join('\n'));
    assert.match(
      notes[0]!,
      /^argocd\/set\.yaml:11 This clusters generator selects by labels, but the repository holds no Argo CD cluster Secret/,
    );
    assert.match(
      notes[1]!,
      /^argocd\/set\.yaml:13 ApplicationSet odd: the matrix generator is not supported/,
    );
    assert.match(
      notes[2]!,
      /^argocd\/set\.yaml:22 ApplicationSet odd: \{\{ \.cluster \| lower \}\} keeps a placeholder/,
    );
    assert.match(
      notes[3]!,
      /^argocd\/set\.yaml:31 Application default\/nowhere: spec\.destination names no cluster/,
    );
    assert.equal(result.targets('apps/dr.yaml'), 'default: east,west');
  });

  it('gives a rendered overlay, analysed under its kustomization.yaml, the clusters of its Application', () => {
    // How Kustomize rendering hands an overlay to the analysis: its objects as one document at the
    // overlay's kustomization.yaml, the base and patch files not analysed on their own.
    const result = analysed({
      'argocd/east.yaml': `apiVersion: argoproj.io/v1alpha1
kind: Application
metadata:
  name: east
spec:
  source:
    path: overlays/east
  destination:
    name: east
`,
      'overlays/east/kustomization.yaml': DR('rendered'),
    });
    assert.equal(result.targets('overlays/east/kustomization.yaml'), 'gitops: east');
    assert.deepEqual(result.notes(), []);
  });

  it('never fails on objects of the wrong shape', () => {
    const result = analysed({
      'argocd/bad.yaml': `apiVersion: argoproj.io/v1alpha1
kind: ApplicationSet
metadata:
  name: bad
spec:
  generators: 7
  template: [1, 2]
---
apiVersion: argoproj.io/v1alpha1
kind: Application
metadata:
  name: bad
spec:
  source: {path: 3}
  sources: nope
  destination: {name: [east]}
---
apiVersion: kustomize.toolkit.fluxcd.io/v1
kind: Kustomization
metadata:
  name: bad
spec:
  path: {a: 1}
  kubeConfig: {secretRef: 5}
`,
      'apps/dr.yaml': DR('a'),
    });
    assert.equal(result.targets('apps/dr.yaml'), 'default: east,west');
    assert.deepEqual(
      result.notes().map((note) => note.split(':').slice(0, 3).join(':')),
      [
        'argocd/bad.yaml:15 Application default/bad: spec.destination names no cluster (neither name nor server), so Meshwright cannot tell where its path goes. Set destination.name or destination.server.',
        'argocd/bad.yaml:20 Kustomization default/bad: without spec.kubeConfig it goes to the cluster Flux runs in, which Meshwright reads from the clusters/<name>/ folder holding it; this one is in no such folder, so the files of . get no targets from it. Move it under clusters/<name>/ or give the path a meshwright.targets rule.',
      ].map((note) => note.split(':').slice(0, 3).join(':')),
    );
  });
});
