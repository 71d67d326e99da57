/**
 * Targets inside the AnalysisSession: modelines and rules move documents between per-primary views
 * incrementally, report MESH003/MESH107 where they belong, and answer documentTargets and the hover. The
 * cluster states are the MESH205 fixture's (east and west primaries, edge a remote served by east).
 */
import assert from 'node:assert/strict';
import path from 'node:path';
import { type MeshDiagnostic } from '../../../../server/src/mesh/diagnostic';
import { analyze } from '../../../../server/src/analysis/engine';
import { AnalysisSession } from '../../../../server/src/analysis/session/analysis-session';
import { FIXTURES, readCase } from '../fixture-cases';

const CASE = readCase(
  path.join(FIXTURES, 'MESH205/subset-in-some-primaries/fires-document-routes-to-subset-in-east-only'),
);
const ROUTES = CASE.documents[0]!.text.replace(/^#.*\n/gm, '');
const URI = 'file:///workspace/reviews-routes.yaml';

function newSession(): AnalysisSession {
  const session = new AnalysisSession({ kubernetesState: 'files', celRules: null });
  for (const cluster of CASE.clusters) session.setClusterFiles(cluster.name, cluster.files);
  return session;
}

const summary = (diagnostics: readonly MeshDiagnostic[], codes: RegExp = /^MESH(1|2|003)/): string[] =>
  diagnostics
    .filter((d) => codes.test(d.code))
    .map((d) => `${d.code} ${d.range.start.line}:${d.range.start.character}-${d.range.end.character}`)
    .sort();

describe('targets in the analysis session', () => {
  it('a modeline narrowing the document re-analyses it incrementally, as a fresh analysis would', () => {
    const session = newSession();
    session.setDocument(URI, ROUTES);
    session.refresh();
    assert.deepEqual(summary(session.diagnosticsFor(URI), /MESH205/), ['MESH205 16:20-22']);

    const runsBefore = session.stats().tasksRun;
    const narrowed = `# meshwright: clusters=east\n${ROUTES}`;
    session.setDocument(URI, narrowed);
    const { changedUris } = session.refresh();
    assert.ok(changedUris.includes(URI));
    assert.deepEqual(
      summary(session.diagnosticsFor(URI), /MESH205/),
      [],
      'east defines v3: nothing to report',
    );
    const rerun = session.stats().tasksRun - runsBefore;
    assert.ok(rerun > 0 && rerun < session.stats().tasks / 4, `re-ran ${rerun} of ${session.stats().tasks}`);

    // Back to the default targets: the same result as before, and as a one-shot analysis.
    session.setDocument(URI, ROUTES);
    session.refresh();
    const fresh = analyze({
      documents: [{ uri: URI, text: ROUTES }],
      clusters: CASE.clusters,
      celRules: null,
    }).diagnostics.filter((d) => d.uri === URI);
    assert.deepEqual(summary(session.diagnosticsFor(URI)), summary(fresh));
    assert.deepEqual(summary(session.diagnosticsFor(URI), /MESH205/), ['MESH205 16:20-22']);
  });

  it('meshwright.targets rules retarget the documents no modeline governs', () => {
    const session = newSession();
    session.setDocument(URI, ROUTES);
    session.refresh();
    session.setTargetRules([{ files: '**', clusters: ['east'] }], (uri) =>
      uri.replace('file:///workspace/', ''),
    );
    session.refresh();
    assert.deepEqual(summary(session.diagnosticsFor(URI), /MESH205/), []);
    assert.deepEqual(session.documentTargets(URI)[0]?.targets, ['east']);
    assert.equal(session.documentTargets(URI)[0]?.source, 'setting');
    // A modeline beats the rule.
    session.setDocument(URI, `# meshwright: clusters=east,west\n${ROUTES}`);
    session.refresh();
    assert.equal(session.documentTargets(URI)[0]?.source, 'modeline');
    assert.deepEqual(summary(session.diagnosticsFor(URI), /MESH205/), ['MESH205 17:20-22']);
    session.setTargetRules([], () => undefined);
    session.setDocument(URI, ROUTES);
    session.refresh();
    assert.deepEqual(session.documentTargets(URI)[0], {
      ...session.documentTargets(URI)[0],
      targets: ['east', 'west'],
      remoteTargets: [],
      source: 'default',
    });
  });

  it('reports a remote target (MESH107) on the modeline, following the text without re-analysis', () => {
    const session = newSession();
    session.setDocument(URI, `# meshwright: clusters=east,edge\n${ROUTES}`);
    session.refresh();
    const [remote] = session.diagnosticsFor(URI).filter((d) => d.code === 'MESH107');
    assert.deepEqual(remote?.range, { start: { line: 0, character: 28 }, end: { line: 0, character: 32 } });
    assert.match(
      remote!.message,
      /targets remote cluster edge \(from the modeline\).*served by east's istiod/,
    );
    assert.deepEqual((remote!.data as { actions: unknown }).actions, { apply: ['east'], narrowTo: ['east'] });
    assert.deepEqual(session.documentTargets(URI)[0]?.remoteTargets, ['edge']);

    const runs = session.stats().tasksRun;
    session.setDocument(URI, `\n\n# meshwright: clusters=east,edge\n${ROUTES}`);
    session.refresh();
    assert.equal(session.stats().tasksRun, runs, 'blank lines change no object and no target');
    const [moved] = session.diagnosticsFor(URI).filter((d) => d.code === 'MESH107');
    assert.deepEqual(moved?.range, { start: { line: 2, character: 28 }, end: { line: 2, character: 32 } });
  });

  it('reports modeline problems (MESH003): unknown keys, unknown clusters with a suggestion', () => {
    const session = newSession();
    session.setDocument(URI, `# meshwright: clusters=esat; owner=me\n${ROUTES}`);
    session.refresh();
    const problems = session.diagnosticsFor(URI).filter((d) => d.code === 'MESH003');
    assert.deepEqual(
      problems.map((d) => `${d.range.start.character}-${d.range.end.character}`),
      ['23-27', '29-34'],
    );
    assert.match(
      problems[0]!.message,
      /Cluster esat is not a cluster of the mesh \(known: east, edge, west\): did you mean east\?/,
    );
    assert.match(problems[1]!.message, /Unknown modeline key "owner"/);
    assert.equal(problems[0]!.severity, 'warning');

    // Without any cluster the names cannot be judged: only the syntax is reported.
    const alone = new AnalysisSession({ celRules: null });
    alone.setDocument(URI, `# meshwright: clusters=esat\n${ROUTES}`);
    alone.refresh();
    assert.deepEqual(
      alone.diagnosticsFor(URI).filter((d) => d.code === 'MESH003'),
      [],
    );
    assert.deepEqual(alone.documentTargets(URI)[0]?.targets, ['esat']);
  });

  it('explains a modeline in its hover', () => {
    const session = newSession();
    session.setDocument(URI, `# meshwright: clusters=east,edge\n${ROUTES}`);
    session.refresh();
    const hover = session.modelineHover(URI, 0)!;
    assert.match(hover, /\*\*Targets: east, edge\*\* \(named by this modeline\)/);
    assert.match(hover, /`east`: primary/);
    assert.match(hover, /edge is a remote served by east: Istio config there is ignored \(MESH107\)/);
    assert.match(hover, /Primaries of the mesh: east, west\./);
    assert.match(hover, /Applies to: VirtualService bookinfo\/reviews/);
    assert.equal(session.modelineHover(URI, 1), undefined);
  });
});
