/**
 * The cap on an API server's answers: a body, compressed or once inflated, or a watch event, over the cap
 * fails its request with a reason that names the cap, instead of being held in memory whatever its size.
 */
import assert from 'node:assert/strict';
import http from 'node:http';
import { gzipSync } from 'node:zlib';
import { KubeApiClient } from '../../server/src/topology/kube-api/kube-api-client';
import { KubeApiError } from '../../server/src/topology/kube-api/kube-api-errors';
import { listLimits } from '../../server/src/topology/kube-api/request-limiter';
import { localKubeConfig } from './support/local-kubeconfig';

const CAP = 1024 * 1024;
const REQUEST = { timeoutMs: 10_000 };

describe('API response size cap', function () {
  this.timeout(20_000);
  let server: http.Server;
  let client: KubeApiClient;
  let answer: (response: http.ServerResponse) => void = () => undefined;

  before(async () => {
    server = http.createServer((_request, response) => answer(response));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const config = localKubeConfig(server);
    client = new KubeApiClient(config, listLimits(CAP));
  });
  after(async () => {
    client.dispose();
    await new Promise((resolve) => server.close(resolve));
  });

  const listOf = (bytes: number): Buffer =>
    Buffer.from(JSON.stringify({ kind: 'List', items: [], padding: 'x'.repeat(bytes) }));

  it('a body under the cap is read', async () => {
    answer = (response) => response.end(listOf(CAP / 2));
    assert.equal(((await client.getJson('/api/v1/pods', REQUEST)) as { kind: string }).kind, 'List');
  });

  it('a body over the cap fails the request', async () => {
    answer = (response) => {
      response.write(listOf(CAP * 2));
      // The server would go on: the client must stop reading at the cap.
    };
    await assert.rejects(
      client.getJson('/api/v1/pods', REQUEST),
      (error: unknown) =>
        error instanceof KubeApiError &&
        error.kind === 'server-error' &&
        error.detail === "the API server's answer is over 1 MiB",
    );
  });

  it('a small gzip body that inflates over the cap fails the request', async () => {
    const bomb = gzipSync(listOf(CAP * 8));
    assert.ok(bomb.length < CAP / 10);
    answer = (response) => {
      response.setHeader('content-encoding', 'gzip');
      response.end(bomb);
    };
    await assert.rejects(
      client.getJson('/api/v1/pods', REQUEST),
      (error: unknown) =>
        error instanceof KubeApiError &&
        error.detail === 'the API server answered /api/v1/pods with a gzip body that inflates to over 1 MiB',
    );
  });

  it('a watch event without an end of line over the cap ends the watch', async () => {
    answer = (response) => response.write(`{"type":"ADDED","object":{"padding":"${'x'.repeat(CAP * 2)}`);
    await assert.rejects(
      client.watch('/api/v1/pods?watch=1', { ...REQUEST, idleTimeoutMs: 10_000 }, () => undefined),
      (error: unknown) =>
        error instanceof KubeApiError && error.detail === "the API server's answer is over 1 MiB",
    );
  });
});
