/**
 * Issue 5 item 6 for the IST fixtures that have cluster states: each analysed offline (`--cluster`
 * files) and live (simulator + discovery). Where the two cannot agree today the difference is listed
 * below with its cause, and the test requires exactly those differences: a gap that closes (or a new
 * one) fails the test until this list is brought up to date.
 */
import assert from 'node:assert/strict';
import {
  type ComparableDiagnostic,
  analyzeBothWays,
  describeDifferences,
  parityCases,
  unexpectedSimulatorObjects,
} from './parity-harness';

interface KnownDifference {
  readonly side: 'offline' | 'live';
  /** `CODE where [node]`, as formatted below. */
  readonly diagnostic: string;
}

interface KnownGap {
  readonly reason: string;
  readonly differences: readonly KnownDifference[];
}

/**
 * Differences live discovery cannot close yet, keyed by case. Empty today: discovery reads pod security
 * contexts, the injector ConfigMap, gateway credential summaries and validating webhooks, and
 * `--cluster` files no longer get the default ingress gateway, so every case agrees both ways.
 */
const KNOWN_GAPS: Readonly<Record<string, KnownGap>> = {};

/**
 * Cases whose cluster state the simulator cannot serve: the live run must fail with this cause. Empty since
 * it serves the Gateway API (the IST0171 cases hold Gateways and HTTPRoutes).
 */
const UNSERVABLE: Readonly<Record<string, RegExp>> = {};

function key(side: 'offline' | 'live', d: ComparableDiagnostic): string {
  return `${side} ${d.code} ${d.where} [${d.node}]`;
}

describe('offline/live parity of the IST fixtures with cluster states', function () {
  this.timeout(60_000);
  const cases = parityCases((name) => name.startsWith('IST'));

  it('lists known gaps only for existing cases', () => {
    const names = new Set(cases.map((c) => c.name));
    for (const name of [...Object.keys(KNOWN_GAPS), ...Object.keys(UNSERVABLE)])
      assert.ok(names.has(name), name);
  });

  for (const testCase of cases) {
    const unservable = UNSERVABLE[testCase.name];
    if (unservable) {
      it(`${testCase.name} (the simulator refuses its state)`, async () => {
        await assert.rejects(analyzeBothWays(testCase.directory), unservable);
      });
      continue;
    }
    const gap = KNOWN_GAPS[testCase.name];
    it(`${testCase.name}${gap ? ' (known gap)' : ''}`, async () => {
      const outcome = await analyzeBothWays(testCase.directory);
      assert.deepEqual(outcome.failures, []);
      assert.deepEqual(unexpectedSimulatorObjects(outcome), []);
      const actual = [
        ...outcome.onlyOffline.map((d) => key('offline', d)),
        ...outcome.onlyLive.map((d) => key('live', d)),
      ].sort();
      const expected = (gap?.differences ?? []).map((d) => `${d.side} ${d.diagnostic}`).sort();
      assert.deepEqual(
        actual,
        expected,
        `${describeDifferences(testCase.name, outcome)}${gap ? `\n  known cause: ${gap.reason}` : ''}`,
      );
    });
  }
});
