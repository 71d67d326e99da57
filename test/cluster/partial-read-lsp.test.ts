/**
 * A cluster read only in part, in the language server (the built server over stdio, against the demo mesh
 * with west's DestinationRules refused): the Problems panel gets one MESH010 on west's own URI without
 * anything being opened, that URI serves a page saying what was not read and why, and once the type can
 * be read again (the refusal lifted) the diagnostic goes away.
 */
import assert from 'node:assert/strict';
import { LIVE_DOCUMENT_REQUEST } from '../../protocol/requests';
import { LspTestClient } from '../lsp/support/lsp-test-client';
import { startForTest, waitFor, type SimulatorUnderTest } from './sim-harness';

const WEST = 'meshwright:/west';

describe('language server: a cluster read in part', function () {
  this.timeout(90_000);
  let sim: SimulatorUnderTest;
  let client: LspTestClient | undefined;

  before(async () => {
    sim = await startForTest({ demo: true });
  });
  afterEach(async () => {
    await client?.stop();
    client = undefined;
    sim.simulator.clusters.forEach((cluster) => cluster.resetFaults());
  });
  after(async () => sim?.stop());

  it("says in Problems that west's DestinationRules could not be read, on a page that explains it", async () => {
    sim.simulator
      .cluster('west')
      .setFaults({ forbidden: [{ resource: 'destinationrules', group: 'networking.istio.io' }] });
    const current = await LspTestClient.start({
      settings: { validation: { enable: true }, kubeconfig: sim.kubeconfigPath, contexts: [] },
    });
    client = current;
    const westDiagnostics = () =>
      current.published.filter((params) => params.uri === WEST).at(-1)?.diagnostics;
    const info = await waitFor(
      () =>
        westDiagnostics()
          ?.filter((d) => d.code === 'MESH010')
          .at(0),
      'MESH010 on meshwright:/west',
      30_000,
    );
    assert.ok(info);
    assert.equal(info.severity, 3, 'information');
    assert.match(
      info.message,
      /Cluster west: destinationrules\.networking\.istio\.io could not be read: RBAC.*403/,
    );
    assert.equal(westDiagnostics()?.length, 1);
    assert.ok(
      !current.published.some((params) => params.uri === 'meshwright:/east' && params.diagnostics.length > 0),
    );

    const page = (await current.connection.sendRequest(LIVE_DOCUMENT_REQUEST, { uri: WEST })) as
      string | null;
    assert.match(page ?? '', /^# Cluster west: read in part\n/);
    assert.match(page ?? '', /# {3}destinationrules\.networking\.istio\.io: RBAC: cannot list .*\(403\)/);

    sim.simulator.cluster('west').resetFaults();
    await waitFor(
      () => (westDiagnostics()?.length === 0 ? true : undefined),
      'MESH010 cleared once readable',
      60_000,
    );
  });
});
