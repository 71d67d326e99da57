/**
 * The simulator against the real API server: one request script (fidelity/fidelity-script.ts) runs
 * against a real kube-apiserver seeded with the demo's `east` and against the simulator's demo `east`, and
 * every step must be answered alike (normalised: uids, timestamps, resourceVersion numbers, user names),
 * unless KNOWN_DIFFERENCES lists the step with its reason. A listed difference that no longer occurs fails
 * too, so the list (and docs/simulator.md, "Fidelity to the real API server") stays true.
 */
import assert from 'node:assert/strict';
import { isDeepStrictEqual } from 'node:util';
import { startSimulator, type Simulator } from '../../simulator/src/index';
import { realTarget, simulatorTarget } from './fidelity/api-targets';
import { fidelityScript } from './fidelity/fidelity-script';
import { type Observation } from './fidelity/normalise';
import { runScript, type StepResult } from './fidelity/script-runner';
import { RealControlPlane } from './support/control-plane';
import { demoMesh } from './support/meshes';

const CLUSTER = 'east';
const NAMESPACE = 'fidelity';
/**
 * ServiceAccounts skip the watch cache on the real server, so that its requests about them reach etcd,
 * where compaction makes old resourceVersions unreachable (the watch cache would keep serving them): the
 * script's 410 steps use ServiceAccounts.
 */
const REAL_SERVER_FLAGS = ['--watch-cache-sizes=serviceaccounts#0'];

type Server = 'real' | 'simulator';

interface KnownDifference {
  readonly step: string;
  /** Why the answers differ; docs/simulator.md lists the same. */
  readonly reason: string;
  /**
   * Each server's observation with the listed difference taken out: the two must then be equal, so that
   * no other difference hides behind a listed one.
   */
  readonly without: (observed: unknown, server: Server) => unknown;
}

type WatchObservation = Observation & { body: { type: string; object: Record<string, unknown> }[] };

export const KNOWN_DIFFERENCES: readonly KnownDifference[] = [
  {
    step: 'watch from a resourceVersion older than the server keeps',
    reason:
      "The real server's watch cache replays the changes it holds (every one since the server started); " +
      'the simulator keeps no history from before its seeded state and answers 410 Expired, after which ' +
      'a client lists again.',
    without: (observed, server) => {
      const { status, body } = observed as WatchObservation;
      const replayed = status === 200 && body.length > 0 && body.every((event) => event.type !== 'ERROR');
      const expired =
        status === 200 &&
        body.length === 1 &&
        body[0]?.type === 'ERROR' &&
        body[0].object.code === 410 &&
        body[0].object.reason === 'Expired';
      return (server === 'real' ? replayed : expired) ? 'changes replayed, or 410 Expired' : observed;
    },
  },
  {
    step: 'after compaction: watch from an old resourceVersion',
    reason:
      'Both answer an ERROR event with a 410 Expired Status; its message is etcd\'s ("The resourceVersion ' +
      'for the provided watch is too old.") where a watch reaches etcd, and the watch cache\'s ("too old ' +
      'resource version: X (Y)") where the cache answers, as in the simulator.',
    without: (observed) => {
      const { body, ...rest } = observed as WatchObservation;
      return {
        ...rest,
        body: body.map((event) => ({
          ...event,
          object: { ...event.object, message: '<too old resource version>' },
        })),
      };
    },
  },
  {
    step: 'list /api/v1/namespaces/istio-system/serviceaccounts as a Table',
    reason:
      "The real cluster's namespaces have the `default` ServiceAccount that the controller manager " +
      'creates (the harness does its job); the simulator runs no ServiceAccount controller.',
    without: (observed, server) => {
      const table = observed as { cells: unknown[][] };
      if (server === 'simulator') return observed;
      return { ...table, cells: table.cells.filter((cells) => cells[0] !== 'default') };
    },
  },
];

describe('simulator fidelity to the real API server', function () {
  this.timeout(300_000);
  const script = fidelityScript(NAMESPACE);
  let plane: RealControlPlane | undefined;
  let simulator: Simulator | undefined;
  const results = new Map<Server, StepResult[]>();

  before(async () => {
    const east = demoMesh().filter((cluster) => cluster.name === CLUSTER);
    // One after the other, so that `after` stops whichever started when the other fails.
    const simulated = await startSimulator({ demo: true });
    simulator = simulated;
    const started = await RealControlPlane.start(
      east.map((cluster) => ({ ...cluster, extraFlags: REAL_SERVER_FLAGS })),
    );
    plane = started;
    results.set('real', await runScript(realTarget(started, CLUSTER), script));
    results.set('simulator', await runScript(simulatorTarget(simulated, CLUSTER), script));
  });

  after(async () => {
    await Promise.all([plane?.stop(), simulator?.stop()]);
  });

  function observed(server: Server, step: string): unknown {
    const found = results.get(server)?.find((result) => result.step === step);
    if (!found) throw new Error(`no answer of the ${server} server to "${step}" (did the script run?)`);
    return found.observed;
  }

  it('lists known differences only for steps of the script, once each', () => {
    const names = script.map((step) => step.name);
    assert.equal(new Set(names).size, names.length, 'step names must be unique');
    for (const known of KNOWN_DIFFERENCES) assert.ok(names.includes(known.step), `no step "${known.step}"`);
    const listed = KNOWN_DIFFERENCES.map((known) => known.step);
    assert.equal(new Set(listed).size, listed.length);
  });

  for (const step of script) {
    const known = KNOWN_DIFFERENCES.find((difference) => difference.step === step.name);
    const title = known ? `${step.name} (a listed difference)` : step.name;
    it(title, () => {
      const real = observed('real', step.name);
      const simulated = observed('simulator', step.name);
      if (!known) {
        assert.deepEqual(simulated, real, `the simulator answers "${step.name}" unlike the real server`);
        return;
      }
      assert.ok(
        !isDeepStrictEqual(simulated, real),
        `"${step.name}" is answered alike now: remove it from KNOWN_DIFFERENCES and docs/simulator.md`,
      );
      assert.deepEqual(
        known.without(simulated, 'simulator'),
        known.without(real, 'real'),
        `"${step.name}" differs in more than the listed difference (${known.reason})`,
      );
    });
  }
});
