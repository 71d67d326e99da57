/**
 * The Mesh Health view's server side on real API servers. On the shared demo mesh (read only): the
 * language server's checklist is the one `meshwright check` prints for the same kubeconfig, with the
 * remote secrets naming invented servers (MESH305) on the map's trust edges. On a private plane where
 * east's remote secret for west carries the real token of west's `reader` identity,
 * `meshwright/verifyRemoteSecrets` (trusted workspace) makes kube-apiserver name that identity and the
 * reads it refuses, in the view's checks, and the token is in no message the server sent.
 */
import assert from 'node:assert/strict';
import { type CheckResult } from '../../protocol/check-results';
import {
  MESH_HEALTH_REQUEST,
  type MeshHealthResult,
  VERIFY_REMOTE_SECRETS_REQUEST,
  type VerifyRemoteSecretsResult,
} from '../../protocol/mesh-health';
import { MESH_GRAPH_REQUEST, type MeshGraph } from '../../protocol/requests';
import { REPO_ROOT, assertCliBuilt, runCliInBackground } from '../cli/support/cli-process';
import { waitFor } from '../cluster/sim-harness';
import { LspTestClient } from '../lsp/support/lsp-test-client';
import { USERS } from './support/api-server';
import { startPlaneWithRealRemoteSecret } from './support/real-token-remote-secret';
import { type RealControlPlane } from './support/control-plane';
import { sharedDemoControlPlane } from './support/shared-control-plane';

const synced = (clusters: number) => (answer: MeshHealthResult) =>
  answer.checks.filter((c) => c.name === 'reachability' && c.status === 'pass').length === clusters
    ? answer
    : undefined;

describe('real clusters: mesh health in the language server', function () {
  this.timeout(240_000);
  before(assertCliBuilt);
  let client: LspTestClient | undefined;
  afterEach(async () => {
    await client?.stop();
    client = undefined;
  });

  const start = async (kubeconfig: string): Promise<LspTestClient> => {
    client = await LspTestClient.start({
      settings: { validation: { enable: true }, kubeconfig, contexts: [] },
      initializationOptions: { trustedWorkspace: true },
    });
    return client;
  };
  const health = (lsp: LspTestClient) => (): Promise<MeshHealthResult> =>
    lsp.connection.sendRequest(MESH_HEALTH_REQUEST);

  it('the shared demo: the checklist of meshwright check, and the moved secrets on the map', async () => {
    const plane = await sharedDemoControlPlane();
    const kubeconfig = plane.kubeconfig('reader');
    const lsp = await start(kubeconfig);
    const answer = (await waitFor(
      async () => synced(3)(await health(lsp)()),
      'the three clusters in the checklist',
      60_000,
    ))!;
    const cli = await runCliInBackground(['check', '--kubeconfig', kubeconfig], { cwd: REPO_ROOT });
    assert.equal(answer.report, cli.stdout, 'the view checks what the CLI checks');
    const moved = answer.checks.filter((c) => c.code === 'MESH305').map((c) => c.clusters.join('→'));
    assert.deepEqual(moved.sort(), ['east→edge', 'east→west', 'west→east', 'west→edge']);
    const graph = (await lsp.connection.sendRequest(MESH_GRAPH_REQUEST)) as MeshGraph;
    const trust = graph.edges.filter((e) => e.kind === 'trust').map((e) => `${e.id} ${e.severity}`);
    assert.deepEqual(trust.sort(), [
      'trust:east->edge warning',
      'trust:east->west warning',
      'trust:west->east warning',
      'trust:west->edge warning',
    ]);
  });

  describe('a private plane where a remote secret carries a real token', () => {
    let plane: RealControlPlane;
    before(async () => {
      plane = await startPlaneWithRealRemoteSecret();
    });
    after(async () => plane?.stop());

    it('verifyRemoteSecrets names the identity kube-apiserver saw and the refused reads; no token sent', async () => {
      const token = plane.cluster('west').identities.reader.token;
      // The remote secrets are read with an identity that may read them (the reader may not).
      const lsp = await start(plane.kubeconfig('admin'));
      const messages: unknown[] = [];
      lsp.connection.onNotification((method: string, params: unknown) => messages.push({ method, params }));
      await waitFor(async () => synced(2)(await health(lsp)()), 'east and west in the checklist', 60_000);

      const verified = (await lsp.connection.sendRequest(
        VERIFY_REMOTE_SECRETS_REQUEST,
      )) as VerifyRemoteSecretsResult;
      messages.push(verified);
      assert.equal(verified.refused, null);
      assert.deepEqual(verified.unreadable, []);
      const eastToWest = verified.checks.find((c) => c.clusters.join() === 'east,west');
      assert.ok(eastToWest, JSON.stringify(verified.checks));
      assert.equal(eastToWest.status, 'fail');
      assert.ok(
        eastToWest.message.includes(`reached ${plane.cluster('west').url} as ${USERS.reader}`),
        eastToWest.message,
      );
      assert.match(eastToWest.message, /may not get endpoints, list endpoints, watch endpoints/);

      const after = await health(lsp)();
      messages.push(after);
      const inView = after.checks.find(
        (c: CheckResult) => c.name === 'remote access' && c.clusters.join() === 'east,west',
      );
      assert.deepEqual(inView, eastToWest, 'the verification joins the checklist');
      const graph = (await lsp.connection.sendRequest(MESH_GRAPH_REQUEST)) as MeshGraph;
      messages.push(graph);
      const edge = graph.edges.find((e) => e.id === 'trust:east->west');
      assert.equal(edge?.severity, 'error');

      const sent = JSON.stringify({ messages, published: lsp.published, log: lsp.serverLog });
      assert.ok(!sent.includes(token), 'the token was sent to the client');
    });
  });
});
