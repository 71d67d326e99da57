/**
 * AnalysisSession.refreshInSteps: the language server runs a big refresh a step at a time and answers
 * requests in between. Stepping must change nothing: the same diagnostics and changed URIs as refresh(),
 * and any use of the session between two steps completes the refresh first, so nobody sees a half-done
 * analysis and no changed URI is lost.
 */
import assert from 'node:assert/strict';
import { PUBLIC_GATEWAY, generateMeshDocuments } from '../../../../bench/analysis-corpus';
import { AnalysisSession } from '../../../../server/src/analysis/session/analysis-session';
import { drain } from '../../../../server/src/analysis/session/stepped-work';
import { type TopologySnapshot } from '../../../../server/src/mesh/snapshot';
import { generateMesh } from '../../../../simulator/src/index';
import { snapshotOfObjects } from '../../support/cluster-state-snapshots';

function meshSnapshot(): TopologySnapshot {
  const generated = generateMesh({ clusters: 3, servicesPerCluster: 60, networks: 2 });
  return snapshotOfObjects(generated.clusters.map((c) => ({ name: c.name, objects: c.objects ?? [] })));
}

const FILES = [
  { uri: 'file:///policies/mesh.yaml', text: [PUBLIC_GATEWAY, ...generateMeshDocuments(120)].join('---\n') },
  { uri: 'file:///policies/more.yaml', text: generateMeshDocuments(40, 'b').join('---\n') },
];

/** A session holding the mesh and the files, nothing analysed yet. */
function loadedSession(): AnalysisSession {
  const session = new AnalysisSession({
    kubernetesState: 'auto',
    defaultIngressGateway: false,
    celRules: null,
  });
  session.setSnapshot(meshSnapshot());
  for (const file of FILES) session.setDocument(file.uri, file.text);
  return session;
}

describe('AnalysisSession.refreshInSteps', function () {
  this.timeout(60_000);
  const snapshot = meshSnapshot();
  const reference = loadedSession();
  const expected = reference.refresh();
  const liveUris = snapshot.clusters.flatMap((cluster) =>
    expected.changedUris.filter((uri) => uri.includes(cluster.name)),
  );

  /** Steps of a stepped refresh with a step per item (as many as objects indexed and analyses run). */
  let stepCount = 0;
  /** Points to interleave at: the indexing, the middle of the analyses, the last analyses. */
  const interleavings = (): number[] => [1, Math.floor(stepCount / 2), stepCount - 2];

  before(() => {
    const steps = loadedSession().refreshInSteps(0);
    while (!steps.next().done) stepCount++;
  });

  it('takes several steps and ends where refresh() ends', () => {
    const session = loadedSession();
    const steps = session.refreshInSteps(0);
    let taken = 0;
    let step = steps.next();
    while (!step.done) {
      taken++;
      step = steps.next();
    }
    assert.equal(taken, stepCount);
    assert.ok(stepCount > 1_000, `${stepCount} steps`);
    assert.ok(liveUris.length > 0, 'the live objects have diagnostics of their own');
    assert.deepEqual(step.value, expected);
    assert.deepEqual(session.allDiagnostics(), reference.allDiagnostics());
  });

  it('completes at once when the session is read between two steps, and loses no changed URI', () => {
    for (const after of interleavings()) {
      const session = loadedSession();
      const steps = session.refreshInSteps(0);
      for (let taken = 0; taken < after; taken++) steps.next();
      // A request in between (the server publishing a file, a view asking for a live object).
      assert.deepEqual(session.diagnosticsFor(FILES[0]!.uri), reference.diagnosticsFor(FILES[0]!.uri));
      assert.deepEqual(drain(steps), expected, `read after ${after} steps`);
    }
  });

  it('applies an edit made between two steps after the refresh under way, and reports both', () => {
    const edited = `${FILES[1]!.text}---\n${generateMeshDocuments(2, 'c').join('---\n')}`;
    const atOnce = loadedSession();
    atOnce.refresh();
    atOnce.setDocument(FILES[1]!.uri, edited);
    const afterEdit = atOnce.refresh();

    for (const after of interleavings()) {
      const session = loadedSession();
      const steps = session.refreshInSteps(0);
      for (let taken = 0; taken < after; taken++) steps.next();
      session.setDocument(FILES[1]!.uri, edited);
      assert.deepEqual(
        drain(steps).changedUris,
        [...new Set([...expected.changedUris, ...afterEdit.changedUris])].sort(),
        `edited after ${after} steps`,
      );
      assert.deepEqual(session.allDiagnostics(), atOnce.allDiagnostics());
    }
  });

  it('refresh() during a stepped refresh returns its changed URIs too', () => {
    for (const after of interleavings()) {
      const session = loadedSession();
      const steps = session.refreshInSteps(0);
      for (let taken = 0; taken < after; taken++) steps.next();
      assert.deepEqual(session.refresh(), expected, `refreshed after ${after} steps`);
      const rest = steps.next();
      assert.equal(rest.done, true);
      assert.deepEqual(rest.value, { changedUris: [] });
    }
  });
});
