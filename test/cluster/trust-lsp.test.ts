/**
 * The trust facts in the language server (the built dist/server/server.js) against the simulated demo
 * mesh, whose east holds a remote secret for edge with a real-looking JWT (expiring in 3 days): the
 * problems of the live objects include that token's MESH306, the secret's read-only document shows the
 * summary discovery kept, and no part of the token is in any message the server sends: notifications,
 * answers, diagnostics or its log.
 */
import assert from 'node:assert/strict';
import {
  EXPLORER_NAMESPACES_REQUEST,
  EXPLORER_PROBLEMS_REQUEST,
  type ExplorerNamespacesResult,
  type ExplorerProblemsResult,
  LIVE_DOCUMENT_REQUEST,
  TOPOLOGY_CHANGED_NOTIFICATION,
  TOPOLOGY_REQUEST,
  type TopologyChangedParams,
} from '../../protocol/requests';
import { LspTestClient } from '../lsp/support/lsp-test-client';
import { startForTest, waitFor, type SimulatorUnderTest } from './sim-harness';

const SECRET_URI = 'meshwright:/east/Secret/istio-system/istio-remote-secret-edge.yaml';

describe('language server: trust facts without the token', function () {
  this.timeout(90_000);
  let sim: SimulatorUnderTest;
  let client: LspTestClient | undefined;

  before(async () => {
    sim = await startForTest({ demo: true });
  });
  after(async () => {
    await client?.stop();
    await sim?.stop();
  });

  it('reports the expiring token and shows the summary, and no message carries the token', async () => {
    const secret = sim.simulator
      .cluster('east')
      .objects()
      .find((object) => object.metadata.name === 'istio-remote-secret-edge');
    const data = (secret as unknown as { data: { edge: string } }).data.edge;
    const token = /token: (\S+)/.exec(Buffer.from(data, 'base64').toString('utf8'))![1]!;
    assert.equal(token.split('.').length, 3);

    const messages: unknown[] = [];
    client = await LspTestClient.start({
      settings: { validation: { enable: true }, kubeconfig: sim.kubeconfigPath, contexts: [] },
    });
    const current = client;
    current.connection.onNotification((method: string, params: unknown) => messages.push({ method, params }));
    current.connection.onNotification(TOPOLOGY_CHANGED_NOTIFICATION, (params: TopologyChangedParams) =>
      messages.push(params),
    );
    // The cluster's summary keeps its most severe few problems (the demo's errors), so the warning is
    // looked for where the secret lives: east's istio-system.
    const planted = (await waitFor(async () => {
      const answer = (await current.connection.sendRequest(
        EXPLORER_PROBLEMS_REQUEST,
      )) as ExplorerProblemsResult;
      messages.push(answer);
      const namespaces = (await current.connection.sendRequest(EXPLORER_NAMESPACES_REQUEST, {
        cluster: 'east',
      })) as ExplorerNamespacesResult;
      messages.push(namespaces);
      const istioSystem = namespaces.namespaces.find((namespace) => namespace.name === 'istio-system');
      const east = answer.clusters.find((entry) => entry.cluster === 'east');
      if (!east || east.problems.warnings === 0) return undefined;
      return istioSystem?.problems.top.find((line) => line.code === 'MESH306');
    }, 'MESH306 among the problems of east istio-system'))!;
    assert.equal(planted.severity, 'warning');
    assert.equal(planted.uri, SECRET_URI);
    assert.match(planted.message, /expires in 3 days/);

    const document = (await current.connection.sendRequest(LIVE_DOCUMENT_REQUEST, {
      uri: SECRET_URI,
    })) as string;
    messages.push(document);
    assert.match(document, /meshwright\.io\/remote-secret-summary/);
    assert.match(document, /istio-reader-service-account/);
    messages.push(await current.connection.sendRequest(TOPOLOGY_REQUEST));

    const sent = JSON.stringify({ messages, published: current.published, log: current.serverLog });
    for (const part of token.split('.')) assert.ok(!sent.includes(part), 'a part of the token was sent');
    assert.ok(!sent.includes(data.slice(0, 40)), 'the secret value was sent');
  });
});
