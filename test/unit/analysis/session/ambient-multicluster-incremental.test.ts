/**
 * The ambient cross-cluster checks (MESH407-MESH410) follow live changes incrementally: after each change
 * to one cluster's objects, the session gives exactly what a fresh analysis of the new state gives.
 */
import assert from 'node:assert/strict';
import path from 'node:path';
import { AnalysisSession } from '../../../../server/src/analysis/session/analysis-session';
import { type KubeObject } from '../../../../server/src/mesh/snapshot';
import { loadState } from '../../../../simulator/src/index';
import { snapshotOfObjects } from '../../support/cluster-state-snapshots';
import { FIXTURES } from '../fixture-cases';

const AMBIENT_CODES = /^MESH(40[7-9]|410)$/;
const CASE = path.join(
  FIXTURES,
  'MESH408',
  'global-service-waypoint',
  'fires-waypoint-service-local',
  'clusters',
);

type State = Record<'east' | 'west', KubeObject[]>;

function stateOf(): State {
  const load = (name: string): KubeObject[] =>
    loadState([path.join(CASE, name)]).map((loaded, index) => ({
      ...(loaded.object as KubeObject),
      metadata: { ...(loaded.object as KubeObject).metadata, resourceVersion: '1', uid: `${name}-${index}` },
    }));
  return { east: load('east'), west: load('west') };
}

function findings(session: AnalysisSession): string[] {
  return session
    .allDiagnostics()
    .filter((d) => AMBIENT_CODES.test(d.code))
    .map((d) => `${d.code} @${d.cluster} ${d.resource?.kind} ${d.resource?.namespace}/${d.resource?.name}`)
    .sort();
}

function fresh(state: State, version: number): string[] {
  const session = new AnalysisSession({ defaultIngressGateway: false, celRules: null });
  session.setSnapshot(snapshotOfObjects(clustersOf(state), version));
  session.refresh();
  return findings(session);
}

function clustersOf(state: State): { name: string; objects: KubeObject[] }[] {
  return [
    { name: 'east', objects: state.east },
    { name: 'west', objects: state.west },
  ];
}

/** A copy of `object` with `labels` merged in (undefined removes) and a new resourceVersion. */
function relabelled(object: KubeObject, labels: Record<string, string | undefined>): KubeObject {
  const merged: Record<string, string> = { ...object.metadata.labels };
  for (const [key, value] of Object.entries(labels)) {
    if (value === undefined) delete merged[key];
    else merged[key] = value;
  }
  const version = String(Number(object.metadata.resourceVersion ?? '1') + 1);
  return { ...object, metadata: { ...object.metadata, labels: merged, resourceVersion: version } };
}

function change(
  objects: KubeObject[],
  kind: string,
  name: string,
  edit: (object: KubeObject) => KubeObject | undefined,
): KubeObject[] {
  return objects.flatMap((object) => {
    if (object.kind !== kind || object.metadata.name !== name) return [object];
    const edited = edit(object);
    return edited ? [edited] : [];
  });
}

describe('ambient across clusters in the analysis session', () => {
  it('follows each change as a fresh analysis would', () => {
    let state = stateOf();
    let version = 1;
    const session = new AnalysisSession({ defaultIngressGateway: false, celRules: null });
    session.setSnapshot(snapshotOfObjects(clustersOf(state), version));
    session.refresh();
    assert.deepEqual(findings(session), [
      'MESH407 @east Service shop/waypoint',
      'MESH408 @east Service shop/reviews',
    ]);

    const steps: { what: string; apply: (state: State) => State; expected: string[] }[] = [
      {
        what: "east's waypoint Service labelled global",
        apply: (s) => ({
          ...s,
          east: change(s.east, 'Service', 'waypoint', (o) => relabelled(o, { 'istio.io/global': 'true' })),
        }),
        expected: [],
      },
      {
        what: "west's ambient east-west gateway removed",
        apply: (s) => ({ ...s, west: change(s.west, 'Gateway', 'istio-eastwestgateway', () => undefined) }),
        expected: ['MESH409 @west Namespace /shop'],
      },
      {
        what: "west's namespace bound to no waypoint",
        apply: (s) => ({
          ...s,
          west: change(s.west, 'Namespace', 'shop', (o) =>
            relabelled(o, { 'istio.io/use-waypoint': undefined }),
          ),
        }),
        expected: [
          'MESH409 @west Namespace /shop',
          'MESH410 @east Namespace /shop',
          'MESH410 @west Namespace /shop',
        ],
      },
      {
        what: "west's Service reviews no longer global",
        apply: (s) => ({
          ...s,
          west: change(s.west, 'Service', 'reviews', (o) => relabelled(o, { 'istio.io/global': undefined })),
        }),
        expected: [
          'MESH407 @west Service shop/reviews',
          'MESH409 @west Namespace /shop',
          'MESH410 @east Namespace /shop',
          'MESH410 @west Namespace /shop',
        ],
      },
    ];
    for (const step of steps) {
      state = step.apply(state);
      version += 1;
      session.setSnapshot(snapshotOfObjects(clustersOf(state), version));
      session.refresh();
      assert.deepEqual(
        findings(session),
        fresh(state, version),
        `after ${step.what}: not as a fresh analysis`,
      );
      assert.deepEqual(findings(session), step.expected, `after ${step.what}`);
    }
  });
});
