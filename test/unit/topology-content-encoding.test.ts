/**
 * Discovery's client and compressed bodies: lists ask for gzip and are inflated before pruning and
 * parsing; watches do not ask; an encoding nobody asked for or a body that does not inflate is the
 * server's error, and a refusal stays a refusal. Against a plain-HTTP server on 127.0.0.1 (a cluster
 * reached through `kubectl proxy` looks like this), so each answer's encoding is chosen by the test.
 */
import assert from 'node:assert/strict';
import http from 'node:http';
import { gzipSync } from 'node:zlib';
import { ContentEncodingError, decodeContent } from '../../server/src/topology/kube-api/content-encoding';
import { KubeApiClient } from '../../server/src/topology/kube-api/kube-api-client';
import { KubeApiError } from '../../server/src/topology/kube-api/kube-api-errors';
import { localKubeConfig } from './support/local-kubeconfig';

interface Answer {
  status?: number;
  encoding?: string;
  body: Buffer;
}

const LIST = {
  kind: 'PodList',
  apiVersion: 'v1',
  metadata: { resourceVersion: '7' },
  items: [{ metadata: { name: 'a', namespace: 'n', managedFields: [{ manager: 'kubectl' }] } }],
};
const PRUNED_LIST = { ...LIST, items: [{ metadata: { name: 'a', namespace: 'n' } }] };

describe('topology: compressed API responses', () => {
  let server: http.Server;
  let answer: Answer;
  let seen: http.IncomingHttpHeaders[];
  let client: KubeApiClient;

  before(async () => {
    server = http.createServer((request, response) => {
      seen.push(request.headers);
      response.writeHead(answer.status ?? 200, {
        'Content-Type': 'application/json',
        ...(answer.encoding ? { 'Content-Encoding': answer.encoding } : {}),
      });
      response.end(answer.body);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const config = localKubeConfig(server);
    client = new KubeApiClient(config);
  });
  after(async () => {
    client.dispose();
    await new Promise((resolve) => server.close(resolve));
  });
  beforeEach(() => {
    seen = [];
  });

  const getList = (): Promise<unknown> => client.getJson('/api/v1/pods?limit=500', { timeoutMs: 5_000 });
  const failure = async (): Promise<KubeApiError> => {
    const error = await getList().then(
      () => assert.fail('the request should fail'),
      (caught: unknown) => caught,
    );
    assert.ok(error instanceof KubeApiError, String(error));
    return error;
  };

  it('asks for gzip on a list and inflates the answer before pruning it', async () => {
    answer = { encoding: 'gzip', body: gzipSync(JSON.stringify(LIST)) };
    assert.deepEqual(await getList(), PRUNED_LIST);
    assert.equal(seen[0]?.['accept-encoding'], 'gzip');
  });

  it('reads an answer the server did not compress', async () => {
    answer = { body: Buffer.from(JSON.stringify(LIST)) };
    assert.deepEqual(await getList(), PRUNED_LIST);
  });

  it('does not ask for gzip on a watch', async () => {
    answer = { body: Buffer.from('') };
    await client.watch('/api/v1/pods?watch=1', { timeoutMs: 5_000, idleTimeoutMs: 5_000 }, () => undefined);
    assert.equal(seen[0]?.['accept-encoding'], undefined);
  });

  it('calls an encoding it did not ask for, or gzip that does not inflate, the server’s error', async () => {
    answer = { encoding: 'br', body: Buffer.from('not brotli') };
    const unknown = await failure();
    assert.equal(unknown.kind, 'server-error');
    assert.match(unknown.detail, /\/api\/v1\/pods with a body in the "br" encoding, which was not asked for/);
    assert.doesNotMatch(unknown.detail, /limit=/);

    answer = { encoding: 'gzip', body: Buffer.from('plainly not gzip') };
    const corrupt = await failure();
    assert.equal(corrupt.kind, 'server-error');
    assert.match(corrupt.detail, /a gzip body that does not inflate/);
  });

  it('keeps a refusal a refusal, with its Status message inflated or not', async () => {
    const status = { kind: 'Status', status: 'Failure', code: 403, message: 'pods is forbidden: no' };
    answer = { status: 403, encoding: 'gzip', body: gzipSync(JSON.stringify(status)) };
    const refused = await failure();
    assert.equal(refused.kind, 'forbidden');
    assert.equal(refused.detail, 'pods is forbidden: no');

    answer = { status: 403, encoding: 'gzip', body: Buffer.from('garbled') };
    const garbled = await failure();
    assert.equal(garbled.kind, 'forbidden');
  });

  it('decodes identity, gzip and x-gzip bodies, big ones in one piece', async () => {
    const text = Buffer.from('x'.repeat(3 * 1024 * 1024));
    assert.equal(await decodeContent(text, undefined), text);
    assert.equal(await decodeContent(text, ' Identity '), text);
    assert.ok((await decodeContent(gzipSync(text), 'gzip')).equals(text));
    assert.ok((await decodeContent(gzipSync(text), 'x-gzip')).equals(text));
    await assert.rejects(decodeContent(text, 'deflate'), ContentEncodingError);
    // The output is sized from the trailer's ISIZE, which zlib checks too: a body whose trailer lies fails.
    const understated = gzipSync(text);
    understated.writeUInt32LE(10, understated.length - 4);
    await assert.rejects(decodeContent(understated, 'gzip'), ContentEncodingError);
  });
});
