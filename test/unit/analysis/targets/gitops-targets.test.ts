/**
 * Targets from the repository's Argo CD and Flux objects (test/fixtures/gitops): Applications by name
 * and server URL, ApplicationSets with list and clusters generators, Flux Kustomizations by folder and
 * kubeConfig Secret; precedence under the modeline and the setting; MESH030 on what cannot be followed;
 * and MESH205 comparing what each primary receives. The cluster states are the MESH205 fixture's (east
 * and west primaries, edge a remote of east).
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { type MeshDiagnostic } from '../../../../server/src/mesh/diagnostic';
import { type InputFile, analyze } from '../../../../server/src/analysis/engine';
import { AnalysisSession } from '../../../../server/src/analysis/session/analysis-session';
import { FIXTURES, readCase } from '../fixture-cases';

const GITOPS = path.resolve(__dirname, '../../../fixtures/gitops');
const CLUSTERS = readCase(
  path.join(FIXTURES, 'MESH205/subset-in-some-primaries/fires-document-routes-to-subset-in-east-only'),
).clusters;
const ENDPOINTS = new Map([
  ['east', 'https://east.mesh.example:6443'],
  ['west', 'https://west.mesh.example:6443/'],
  ['edge', 'https://edge.mesh.example:6443'],
]);

function repository(name: string): InputFile[] {
  const root = path.join(GITOPS, name);
  const files: InputFile[] = [];
  const walk = (dir: string): void => {
    for (const entry of fs
      .readdirSync(dir, { withFileTypes: true })
      .sort((a, b) => a.name.localeCompare(b.name))) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name.endsWith('.yaml'))
        files.push({ uri: pathToFileURL(full).href, text: fs.readFileSync(full, 'utf8') });
    }
  };
  walk(root);
  return files;
}

const uriOf = (repo: string, relative: string): string =>
  pathToFileURL(path.join(GITOPS, repo, relative)).href;

function session(files: readonly InputFile[], clusters = true): AnalysisSession {
  const created = new AnalysisSession({ kubernetesState: 'files', celRules: null, incremental: true });
  if (clusters) for (const cluster of CLUSTERS) created.setClusterFiles(cluster.name, cluster.files);
  created.setClusterEndpoints(ENDPOINTS);
  for (const file of files) created.setDocument(file.uri, file.text);
  created.refresh();
  return created;
}

function targetsOf(analysis: AnalysisSession, uri: string): { targets: string[]; source: string } {
  const [info] = analysis.documentTargets(uri);
  assert.ok(info, `no Istio document in ${uri}`);
  return { targets: [...info.targets], source: info.source };
}

const notes = (diagnostics: readonly MeshDiagnostic[]): string[] =>
  diagnostics
    .filter((d) => d.code === 'MESH030')
    .map((d) => `${path.basename(d.uri)}:${d.range.start.line} ${d.message}`);

describe('targets from Argo CD and Flux objects', () => {
  describe('Argo CD', () => {
    const files = repository('argo-repo');

    it('gives each path the clusters of the Applications and ApplicationSets deploying it', () => {
      const analysis = session(files);
      assert.deepEqual(targetsOf(analysis, uriOf('argo-repo', 'mesh/east/reviews-dr.yaml')).targets, [
        'east',
      ]);
      // By API server URL, through the kubeconfig's endpoints (a trailing slash does not matter).
      assert.deepEqual(targetsOf(analysis, uriOf('argo-repo', 'mesh/west/reviews-dr.yaml')).targets, [
        'west',
      ]);
      // The list generator: both elements.
      assert.deepEqual(targetsOf(analysis, uriOf('argo-repo', 'mesh/shared/reviews-vs.yaml')), {
        targets: ['east', 'west'],
        source: 'gitops',
      });
      // The clusters generator selects the cluster Secrets labelled mesh=istio: not edge.
      assert.deepEqual(
        targetsOf(analysis, uriOf('argo-repo', 'mesh/by-cluster/east/ratings-dr.yaml')).targets,
        ['east'],
      );
      assert.deepEqual(
        targetsOf(analysis, uriOf('argo-repo', 'mesh/by-cluster/west/ratings-dr.yaml')).targets,
        ['west'],
      );
      assert.equal(
        targetsOf(analysis, uriOf('argo-repo', 'mesh/by-cluster/edge/ratings-dr.yaml')).source,
        'default',
      );
    });

    it('says which objects a document’s targets come from, with file and line', () => {
      const analysis = session(files);
      const [info] = analysis.documentTargets(uriOf('argo-repo', 'mesh/shared/reviews-vs.yaml'));
      assert.deepEqual(
        info?.origins.map(
          (origin) =>
            `${origin.kind} ${origin.name} ${origin.generated ?? ''} ${path.basename(origin.uri)}:${origin.range.start.line}`,
        ),
        [
          'ApplicationSet mesh-shared shared-east mesh-shared.yaml:4',
          'ApplicationSet mesh-shared shared-west mesh-shared.yaml:4',
        ],
      );
    });

    it('explains the targets in a hover on the document’s first line, and only there', () => {
      const analysis = session(files);
      const vs = uriOf('argo-repo', 'mesh/shared/reviews-vs.yaml');
      const hover = analysis.gitOpsTargetsHover(vs, 0);
      assert.ok(hover);
      assert.equal(
        hover.split('\n').slice(0, 4).join('\n'),
        [
          '**Targets: east, west** (from the Argo CD / Flux objects of the repository)',
          '',
          `- Application shared-east, generated by ApplicationSet argocd/mesh-shared: [argocd/mesh-shared.yaml:5](${uriOf('argo-repo', 'argocd/mesh-shared.yaml')}#L5)`,
          `- Application shared-west, generated by ApplicationSet argocd/mesh-shared: [argocd/mesh-shared.yaml:5](${uriOf('argo-repo', 'argocd/mesh-shared.yaml')}#L5)`,
        ].join('\n'),
      );
      assert.equal(analysis.gitOpsTargetsHover(vs, 1), undefined);
      // Targets that do not come from the repository have no such hover.
      assert.equal(
        analysis.gitOpsTargetsHover(uriOf('argo-repo', 'mesh/by-cluster/edge/ratings-dr.yaml'), 0),
        undefined,
      );
    });

    it('compares what each primary receives from the repository (MESH205 on the shared route)', () => {
      const diagnostics = analyze({
        documents: files,
        clusters: CLUSTERS,
        clusterEndpoints: ENDPOINTS,
        celRules: null,
      }).diagnostics;
      const vs = uriOf('argo-repo', 'mesh/shared/reviews-vs.yaml');
      const mesh205 = diagnostics.filter((d) => d.code === 'MESH205' && d.uri === vs);
      assert.equal(
        mesh205.length,
        1,
        JSON.stringify(
          diagnostics.filter((d) => d.uri === vs),
          null,
          1,
        ),
      );
      assert.match(mesh205[0]!.message, /west/);
      // Without the Applications, both DestinationRules would go to both primaries: no MESH205 then.
      const withoutGitOps = analyze({
        documents: files.filter((file) => !file.uri.includes('/argocd/')),
        clusters: CLUSTERS,
        celRules: null,
      }).diagnostics;
      assert.equal(withoutGitOps.filter((d) => d.code === 'MESH205' && d.uri === vs).length, 0);
    });

    it('lets a modeline and the meshwright.targets setting win', () => {
      const vs = files.find((file) => file.uri.endsWith('mesh/shared/reviews-vs.yaml'))!;
      const analysis = session(files);
      analysis.setDocument(vs.uri, `# meshwright: clusters=east\n${vs.text}`);
      analysis.refresh();
      assert.deepEqual(targetsOf(analysis, vs.uri), { targets: ['east'], source: 'modeline' });
      assert.deepEqual(
        analysis.diagnosticsFor(vs.uri).filter((d) => d.code === 'MESH205'),
        [],
        'east alone defines v3',
      );
      analysis.setDocument(vs.uri, vs.text);
      analysis.setTargetRules([{ files: '**/shared/**', clusters: ['west'] }], (uri) => uri);
      analysis.refresh();
      assert.deepEqual(targetsOf(analysis, vs.uri), { targets: ['west'], source: 'setting' });
    });

    it('follows an edit of an Application: its files move at once', () => {
      const app = files.find((file) => file.uri.endsWith('argocd/mesh-east.yaml'))!;
      const analysis = session(files);
      const dr = uriOf('argo-repo', 'mesh/east/reviews-dr.yaml');
      analysis.setDocument(app.uri, app.text.replace('name: east', 'name: west'));
      const { changedUris } = analysis.refresh();
      assert.ok(changedUris.includes(dr));
      assert.deepEqual(targetsOf(analysis, dr).targets, ['west']);
      analysis.removeDocument(app.uri);
      analysis.refresh();
      assert.equal(targetsOf(analysis, dr).source, 'default');
    });

    it('notes what it cannot follow (MESH030, info), on the object, and never fails', () => {
      const analysis = session(files);
      const broken = uriOf('argo-repo', 'argocd/broken.yaml');
      const found = analysis.diagnosticsFor(broken);
      assert.ok(found.every((d) => d.code !== 'MESH030' || d.severity === 'info'));
      const messages = notes(found);
      assert.equal(messages.length, 3, messages.join('\n'));
      assert.match(
        messages[0]!,
        /^broken\.yaml:9 Application argocd\/missing-path: no file of the workspace is under path mesh\/north/,
      );
      assert.match(
        messages[1]!,
        /^broken\.yaml:23 Application argocd\/unknown-cluster: cluster south is no cluster of the mesh \(known: east, edge, west\)/,
      );
      assert.match(
        messages[2]!,
        /^broken\.yaml:32 ApplicationSet from-git: the git generator is not supported/,
      );
      assert.deepEqual(found.find((d) => d.code === 'MESH030')?.resource, {
        apiVersion: 'argoproj.io/v1alpha1',
        kind: 'Application',
        namespace: 'argocd',
        name: 'missing-path',
      });
      // Suppressible like any finding about an object.
      analysis.setSuppressions(['MESH030=Application missing-path.argocd']);
      assert.equal(notes(analysis.diagnosticsFor(broken)).length, 2);
      // The unknown cluster gives no targets: mesh/shared keeps the ApplicationSet's.
      assert.deepEqual(targetsOf(analysis, uriOf('argo-repo', 'mesh/shared/reviews-vs.yaml')).targets, [
        'east',
        'west',
      ]);
    });

    it('counts files that exist without being analysed (rendered away) as the path’s', () => {
      const analysed = files.filter((file) => !file.uri.includes('/mesh/east/'));
      const note = (repositoryFiles?: readonly string[]): string[] =>
        notes(
          analyze({
            documents: analysed,
            clusters: CLUSTERS,
            celRules: null,
            ...(repositoryFiles ? { repositoryFiles } : {}),
          }).diagnostics,
        ).filter((message) => message.includes('mesh-east'));
      assert.equal(note().length, 1, 'mesh/east has no analysed file');
      assert.deepEqual(note([uriOf('argo-repo', 'mesh/east/kustomization.yaml')]), []);
    });

    it('without endpoints, matches servers through the cluster Secrets; without clusters, keeps names', () => {
      const noEndpoints = new AnalysisSession({ kubernetesState: 'files', celRules: null });
      for (const cluster of CLUSTERS) noEndpoints.setClusterFiles(cluster.name, cluster.files);
      for (const file of files) noEndpoints.setDocument(file.uri, file.text);
      noEndpoints.refresh();
      assert.deepEqual(targetsOf(noEndpoints, uriOf('argo-repo', 'mesh/west/reviews-dr.yaml')).targets, [
        'west',
      ]);

      const noClusters = session(files, false);
      assert.deepEqual(targetsOf(noClusters, uriOf('argo-repo', 'mesh/east/reviews-dr.yaml')).targets, [
        'east',
      ]);
      assert.deepEqual(notes(noClusters.allDiagnostics()).length, 2, 'no "unknown cluster" without clusters');
    });
  });

  describe('Flux', () => {
    const files = repository('flux-repo');

    it('sends a path to the cluster whose clusters/<name>/ folder holds the Kustomization, or to its kubeConfig Secret', () => {
      const analysis = session(files);
      assert.deepEqual(targetsOf(analysis, uriOf('flux-repo', 'apps/east/reviews-dr.yaml')).targets, [
        'east',
      ]);
      // Flux builds every manifest below the path.
      assert.deepEqual(targetsOf(analysis, uriOf('flux-repo', 'apps/west/reviews/reviews-dr.yaml')).targets, [
        'west',
      ]);
      const orphan = notes(analysis.diagnosticsFor(uriOf('flux-repo', 'infra/orphan.yaml')));
      assert.equal(orphan.length, 1);
      assert.match(
        orphan[0]!,
        /Kustomization flux-system\/orphan: without spec.kubeConfig it goes to the cluster Flux runs in/,
      );
    });

    it('compares the primaries: west receives the route to v3 without the subset', () => {
      const diagnostics = analyze({ documents: files, clusters: CLUSTERS, celRules: null }).diagnostics;
      const mesh205 = diagnostics
        .filter((d) => d.code === 'MESH205')
        .map((d) => path.relative(GITOPS, new URL(d.uri).pathname));
      assert.deepEqual(mesh205, ['flux-repo/apps/west/reviews/reviews-vs.yaml']);
    });
  });
});
