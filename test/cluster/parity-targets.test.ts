/**
 * Issue 5's "done when" on the demo mesh, offline and live: the policies of test/lsp/demo-targets-workspace
 * (a VirtualService routing to a subset only east defines, a DestinationRule aimed at the remote edge by
 * a modeline, a locality failover without outlierDetection) analysed with `--cluster NAME=simulator/demo/
 * NAME` and with `--kubeconfig` against meshwright-sim serving the same directories, through the engine
 * and through the built CLI: the same diagnostics, MESH205 / MESH107 / MESH101 among them.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DEMO_CLUSTER_NAMES, demoDirectory } from '../../simulator/src/index';
import { assertCliBuilt } from '../cli/support/cli-process';
import { DOCUMENTS } from '../lsp/demo-targets-workspace';
import {
  type ParityInput,
  type ParityOutcome,
  analyzeBothWays,
  cliBothWays,
  describeDifferences,
  formatComparable,
  readClusterDirectories,
} from './parity-harness';

const WANTED = [
  'MESH205 reviews-routes.yaml:16:20-16:22 [v3]',
  'MESH107 details-for-edge.yaml:0:23-0:27 [edge]',
  'MESH101 productpage-failover.yaml:11:8-11:16 [failover]',
];

function assertAgreeAndFire(name: string, outcome: ParityOutcome): void {
  assert.deepEqual(outcome.failures, [], `${name}: analyzer failures`);
  assert.ok(
    outcome.onlyOffline.length === 0 && outcome.onlyLive.length === 0,
    describeDifferences(name, outcome),
  );
  const found = outcome.live.map((d) => `${d.code} ${d.where} [${d.node}]`);
  for (const wanted of WANTED) {
    assert.ok(
      found.includes(wanted),
      `${name}: ${wanted} missing from\n${outcome.live.map(formatComparable).join('\n')}`,
    );
  }
}

describe('targets on the demo mesh: offline and live agree', function () {
  this.timeout(120_000);
  let directory: string;
  let input: ParityInput;

  before(() => {
    directory = fs.mkdtempSync(path.join(os.tmpdir(), 'meshwright-demo-targets-'));
    const files = ['reviews-routes.yaml', 'details-for-edge.yaml', 'productpage-failover.yaml'];
    for (const file of files) fs.writeFileSync(path.join(directory, file), DOCUMENTS[file]!);
    const clusters = readClusterDirectories(
      DEMO_CLUSTER_NAMES.map((name) => ({ name, directory: path.join(demoDirectory(), name) })),
    );
    input = { ...clusters, documents: files.map((file) => ({ uri: file, text: DOCUMENTS[file]! })) };
  });
  after(() => fs.rmSync(directory, { recursive: true, force: true }));

  it('through the engine: --cluster files vs simulator + discovery', async () => {
    assertAgreeAndFire('engine', await analyzeBothWays(input));
  });

  it('through the built CLI: analyze --cluster vs analyze --kubeconfig', async () => {
    assertCliBuilt();
    assertAgreeAndFire('CLI', await cliBothWays(input, directory));
  });
});
