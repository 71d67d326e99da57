/**
 * The Mesh Health view's server side over stdio (the built dist/server/server.js) against the simulated
 * demo mesh: `meshwright/meshHealth` answers the checklist with the planted MESH306 (east's remote secret
 * for edge, its token expiring in 3 days), its report is the text `meshwright check` prints, the map marks
 * the failing link, and `meshwright/verifyRemoteSecrets` refuses in an untrusted workspace and otherwise
 * reports what each remote secret's credential could do (the demo's tokens are refused), all without a
 * part of any token in any message.
 */
import assert from 'node:assert/strict';
import { type CheckResult } from '../../protocol/check-results';
import {
  MESH_HEALTH_REQUEST,
  type MeshHealthResult,
  VERIFY_REMOTE_SECRETS_REQUEST,
  type VerifyRemoteSecretsResult,
} from '../../protocol/mesh-health';
import { MESH_GRAPH_REQUEST, type MeshGraph, WORKSPACE_TRUST_NOTIFICATION } from '../../protocol/requests';
import { REPO_ROOT, runCliInBackground } from '../cli/support/cli-process';
import { LspTestClient } from '../lsp/support/lsp-test-client';
import { startForTest, waitFor, type SimulatorUnderTest } from './sim-harness';

const planted = (check: CheckResult) =>
  check.code === 'MESH306' && check.clusters.join(',') === 'east,edge' && check.status === 'warn';

describe('language server: mesh health', function () {
  this.timeout(120_000);
  let sim: SimulatorUnderTest;
  let client: LspTestClient | undefined;

  before(async () => {
    sim = await startForTest({ demo: true });
  });
  after(async () => {
    await client?.stop();
    await sim?.stop();
  });

  it('answers the checklist with the planted MESH306, as meshwright check prints it, and marks the map', async () => {
    const messages: unknown[] = [];
    client = await LspTestClient.start({
      settings: { validation: { enable: true }, kubeconfig: sim.kubeconfigPath, contexts: [] },
      initializationOptions: { trustedWorkspace: false },
    });
    const current = client;
    current.connection.onNotification((method: string, params: unknown) => messages.push({ method, params }));
    const health = (): Promise<MeshHealthResult> => current.connection.sendRequest(MESH_HEALTH_REQUEST);
    const synced = (await waitFor(async () => {
      const answer = await health();
      messages.push(answer);
      const reachable = answer.checks.filter((c) => c.name === 'reachability' && c.status === 'pass');
      return reachable.length === 3 && answer.checks.some(planted) ? answer : undefined;
    }, 'the checklist of the three demo clusters with MESH306'))!;

    const check = synced.checks.find(planted)!;
    assert.equal(check.name, 'remote secret');
    assert.match(check.message, /^east → edge: the token .* expires in 3 days/);
    assert.match(check.hint!, /istioctl create-remote-secret --context=edge/);
    assert.equal(synced.problem, null);
    assert.equal(synced.verifiedAt, null);
    assert.ok(!synced.checks.some((c) => c.name === 'remote access'), 'nothing verified unless asked');

    const cli = await runCliInBackground(['check', '--kubeconfig', sim.kubeconfigPath], { cwd: REPO_ROOT });
    assert.equal(synced.report, cli.stdout, 'the report is the CLI checklist, without colour');
    assert.ok(!synced.report.includes('\u001b['), 'no colour');

    const graph = (await current.connection.sendRequest(MESH_GRAPH_REQUEST)) as MeshGraph;
    messages.push(graph);
    const edge = graph.edges.find((e) => e.id === 'trust:east->edge');
    assert.ok(edge, JSON.stringify(graph.edges));
    assert.equal(edge.kind, 'trust');
    assert.equal(edge.severity, 'warning');
    assert.match(edge.problems!.join('\n'), /^MESH306: east → edge: the token/);

    const refused = (await current.connection.sendRequest(
      VERIFY_REMOTE_SECRETS_REQUEST,
    )) as VerifyRemoteSecretsResult;
    messages.push(refused);
    assert.match(refused.refused ?? '', /not trusted/);
    assert.deepEqual(refused.checks, []);
    assert.equal((await health()).verifiedAt, null);

    await current.connection.sendNotification(WORKSPACE_TRUST_NOTIFICATION, { trusted: true });
    await waitFor(async () => {
      const answer = await health();
      return answer.checks.filter((c) => c.name === 'reachability' && c.status === 'pass').length === 3
        ? answer
        : undefined;
    }, 'the clusters read again in the trusted workspace');
    const verified = (await current.connection.sendRequest(
      VERIFY_REMOTE_SECRETS_REQUEST,
    )) as VerifyRemoteSecretsResult;
    messages.push(verified);
    assert.equal(verified.refused, null);
    assert.deepEqual(verified.unreadable, []);
    assert.equal(verified.checks.length, 4, JSON.stringify(verified.checks, null, 2));
    for (const access of verified.checks) {
      assert.equal(access.name, 'remote access');
      assert.equal(access.status, 'fail');
      assert.match(
        access.message,
        /could not be used.*: the server refused the credential \(401 Unauthorized\)/,
      );
    }
    assert.match(
      verified.checks.find((c) => c.clusters.join(',') === 'east,edge')!.message,
      /as system:serviceaccount:istio-system:istio-reader-service-account/,
      'says whose identity it used',
    );
    const after = await health();
    messages.push(after);
    assert.notEqual(after.verifiedAt, null);
    assert.equal(after.checks.filter((c) => c.name === 'remote access').length, 4);
    assert.match(after.report, /✖ east → edge: https:\/\/127\.0\.0\.1:\d+ could not be used/);
    const marked = (await current.connection.sendRequest(MESH_GRAPH_REQUEST)) as MeshGraph;
    messages.push(marked);
    const failing = marked.edges.find((e) => e.id === 'trust:east->edge')!;
    assert.equal(failing.severity, 'error');
    assert.equal(failing.problems!.length, 2);

    const sent = JSON.stringify({ messages, published: current.published, log: current.serverLog });
    for (const token of demoTokens(sim)) {
      for (const part of token.split('.')) assert.ok(!sent.includes(part), 'a part of a token was sent');
    }
  });
});

/** Every token the demo's remote secrets hold (the simulator's own copy of the objects). */
function demoTokens(sim: SimulatorUnderTest): string[] {
  const tokens: string[] = [];
  for (const name of ['east', 'west', 'edge']) {
    for (const object of sim.simulator.cluster(name).objects()) {
      if (object.kind !== 'Secret' || object.metadata.labels?.['istio/multiCluster'] !== 'true') continue;
      for (const value of Object.values((object as unknown as { data: Record<string, string> }).data)) {
        const token = /token: (\S+)/.exec(Buffer.from(value, 'base64').toString('utf8'))?.[1];
        if (token) tokens.push(token);
      }
    }
  }
  assert.ok(tokens.length >= 4, `the demo plants tokens (found ${tokens.length})`);
  return tokens;
}
