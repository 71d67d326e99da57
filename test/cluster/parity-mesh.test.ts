/**
 * Issue 5 item 6: every MESH fixture case, and the demo mesh, gives the same diagnostics offline
 * (`--cluster name=dir`) and live (the same directories served by the simulator, discovered over HTTPS).
 * Through the engine for every case; through the built CLI (`--cluster` vs `--kubeconfig`) for the firing
 * cases and the demo.
 */
import assert from 'node:assert/strict';
import path from 'node:path';
import fs from 'node:fs';
import { demoDirectory, DEMO_CLUSTER_NAMES } from '../../simulator/src/index';
import { assertCliBuilt } from '../cli/support/cli-process';
import {
  FIXTURES,
  type ParityOutcome,
  analyzeBothWays,
  cliBothWays,
  describeDifferences,
  formatComparable,
  parityCases,
  readClusterDirectories,
  readParityCase,
  unexpectedSimulatorObjects,
} from './parity-harness';

const MESH_CODE = /^MESH\d{3}$/;

function assertSameBothWays(name: string, outcome: ParityOutcome): void {
  assert.deepEqual(outcome.failures, [], `${name}: analyzer failures`);
  assert.ok(
    outcome.onlyOffline.length === 0 && outcome.onlyLive.length === 0,
    describeDifferences(name, outcome),
  );
  assert.deepEqual(
    unexpectedSimulatorObjects(outcome),
    [],
    `${name}: live diagnostics about objects no state file defines`,
  );
}

/** A firing case must fire live too, on the code its directory names: parity of two empty lists proves little. */
function assertFiresLive(name: string, outcome: ParityOutcome): void {
  const code = name.split('/')[0]!;
  if (!name.split('/')[2]!.startsWith('fires-')) return;
  assert.ok(
    outcome.live.some((d) => d.code === code),
    `${name}: no ${code} in the live analysis:\n${outcome.live.map(formatComparable).join('\n')}`,
  );
}

describe('offline/live parity of the MESH fixtures', function () {
  this.timeout(60_000);
  const cases = parityCases((name) => /^MESH\d{3}\//.test(name));

  it('covers every MESH case directory (each has cluster states)', () => {
    const all = fs
      .readdirSync(FIXTURES)
      .filter((code) => code.startsWith('MESH'))
      .flatMap((code) =>
        fs
          .readdirSync(path.join(FIXTURES, code))
          .flatMap((analyzer) =>
            fs.readdirSync(path.join(FIXTURES, code, analyzer)).map((name) => `${code}/${analyzer}/${name}`),
          ),
      )
      .sort();
    assert.ok(all.length > 0);
    assert.deepEqual(
      cases.map((c) => c.name),
      all,
    );
  });

  describe('engine: --cluster files vs simulator + discovery', () => {
    for (const testCase of cases) {
      it(testCase.name, async () => {
        const outcome = await analyzeBothWays(testCase.directory);
        assertSameBothWays(testCase.name, outcome);
        assertFiresLive(testCase.name, outcome);
      });
    }
  });

  describe('built CLI: analyze --cluster vs analyze --kubeconfig', () => {
    before(() => assertCliBuilt());
    for (const testCase of cases.filter((c) => c.name.split('/')[2]!.startsWith('fires-'))) {
      it(testCase.name, async () => {
        const outcome = await cliBothWays(readParityCase(testCase.directory), testCase.directory);
        assertSameBothWays(testCase.name, outcome);
        assertFiresLive(testCase.name, outcome);
      });
    }
  });

  describe('the demo mesh (simulator/demo)', () => {
    const demo = readClusterDirectories(
      DEMO_CLUSTER_NAMES.map((name) => ({ name, directory: path.join(demoDirectory(), name) })),
    );

    it('gives the same diagnostics both ways, and no MESH101-MESH110 (its topology is meant to be clean)', async () => {
      const outcome = await analyzeBothWays(demo);
      assertSameBothWays('demo', outcome);
      const topology = outcome.live.filter(
        (d) => MESH_CODE.test(d.code) && d.code < 'MESH2' && d.code !== 'MESH107',
      );
      assert.deepEqual(topology.map(formatComparable), []);
    });

    it('gives the same diagnostics through the CLI', async () => {
      assertCliBuilt();
      const outcome = await cliBothWays(demo, demoDirectory());
      assertSameBothWays('demo (CLI)', outcome);
    });
  });
});
