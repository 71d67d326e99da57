/**
 * Response compression as a real API server does it (APIResponseCompression): a body over 128 KiB goes
 * gzipped to a client that accepts gzip, smaller bodies and other clients get it as it is. Held to the
 * real kubectl (its Go transport asks for gzip and inflates by itself) and to discovery's client.
 */
import assert from 'node:assert/strict';
import https from 'node:https';
import { gunzipSync } from 'node:zlib';
import { KubeConfig } from '@kubernetes/client-node';
import { acceptsGzip, GZIP_THRESHOLD_BYTES, gzipBody } from '../../simulator/src/http/response-compression';
import { generateMesh } from '../../simulator/src/index';
import { KubeApiClient } from '../../server/src/topology/kube-api/kube-api-client';
import { readKubeconfig, startForTest, type SimulatorUnderTest } from './sim-harness';

interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

describe('meshwright-sim response compression', function () {
  this.timeout(60_000);
  let sim: SimulatorUnderTest;
  let server: string;
  let token: string;
  // 150 services with 2 small pods each: the pods list is several hundred KiB, the namespaces list a few
  // (realistic pods would make it megabytes, which kubectl -v=8 prints whole).
  const mesh = generateMesh({
    clusters: 1,
    networks: 1,
    servicesPerCluster: 150,
    podsPerService: 2,
    objects: 'small',
  });
  const podCount = (mesh.clusters[0]?.objects ?? []).filter((object) => object.kind === 'Pod').length;

  before(async () => {
    sim = await startForTest({ clusters: mesh.clusters });
    const kubeconfig = readKubeconfig(sim.kubeconfigPath);
    server = kubeconfig.clusters[0]?.cluster.server ?? '';
    token = kubeconfig.users[0]?.user.token ?? '';
  });
  after(async () => sim.stop());

  function get(path: string, acceptEncoding?: string): Promise<RawResponse> {
    return new Promise((resolve, reject) => {
      const headers: Record<string, string> = { Authorization: `Bearer ${token}` };
      if (acceptEncoding !== undefined) headers['Accept-Encoding'] = acceptEncoding;
      https
        .get(`${server}${path}`, { ca: sim.simulator.caCertificatePem, headers }, (response) => {
          const chunks: Buffer[] = [];
          response.on('data', (chunk: Buffer) => chunks.push(chunk));
          response.on('end', () =>
            resolve({
              status: response.statusCode ?? 0,
              headers: response.headers,
              body: Buffer.concat(chunks),
            }),
          );
        })
        .on('error', reject);
    });
  }

  it('gzips a big list for a client that accepts gzip; the same JSON inflated', async () => {
    const plain = await get('/api/v1/pods');
    const compressed = await get('/api/v1/pods', 'gzip, deflate');
    assert.equal(plain.status, 200);
    assert.ok(plain.body.length > GZIP_THRESHOLD_BYTES, `the list is ${plain.body.length} bytes`);
    assert.equal(plain.headers['content-encoding'], undefined);
    assert.equal(compressed.status, 200);
    assert.equal(compressed.headers['content-encoding'], 'gzip');
    assert.equal(compressed.headers.vary, 'Accept-Encoding');
    assert.equal(Number(compressed.headers['content-length']), compressed.body.length);
    assert.ok(compressed.body.length * 5 < plain.body.length, 'a list of pods shrinks more than five-fold');
    assert.deepEqual(JSON.parse(gunzipSync(compressed.body).toString()), JSON.parse(plain.body.toString()));
  });

  it('compresses a page anew once an object in it changed', async () => {
    const first = await get('/api/v1/pods', 'gzip');
    const list = JSON.parse(gunzipSync(first.body).toString()) as {
      items: { metadata: { name: string; namespace: string; labels?: Record<string, string> } }[];
    };
    const pod = list.items[7];
    assert.ok(pod);
    const cluster = sim.simulator.cluster('cluster-001');
    const stored = cluster
      .objects()
      .find((object) => object.kind === 'Pod' && object.metadata.name === pod.metadata.name);
    assert.ok(stored);
    cluster.put({
      ...stored,
      metadata: { ...stored.metadata, labels: { ...stored.metadata.labels, changed: 'yes' } },
    });
    const after = JSON.parse(gunzipSync((await get('/api/v1/pods', 'gzip')).body).toString()) as typeof list;
    const changed = after.items.find((item) => item.metadata.name === pod.metadata.name);
    assert.equal(changed?.metadata.labels?.changed, 'yes');
  });

  it('sends small bodies and clients that refuse gzip the bytes as they are', async () => {
    const small = await get('/api/v1/namespaces', 'gzip');
    assert.equal(small.status, 200);
    assert.ok(small.body.length < GZIP_THRESHOLD_BYTES);
    assert.equal(small.headers['content-encoding'], undefined);
    assert.equal((JSON.parse(small.body.toString()) as { kind: string }).kind, 'NamespaceList');
    const refused = await get('/api/v1/pods', 'gzip;q=0, identity');
    assert.equal(refused.headers['content-encoding'], undefined);
    assert.equal((JSON.parse(refused.body.toString()) as { items: unknown[] }).items.length, podCount);
  });

  it('keeps the compressed copy of a page: same slice and head, same promise', async () => {
    const joined = Buffer.alloc(200 * 1024, 'a');
    const page = (head: string, from = 0): Buffer[] => [
      Buffer.from(head),
      joined.subarray(from, from + 150 * 1024),
      Buffer.from(']}'),
    ];
    const first = gzipBody(page('{"items":['), 150 * 1024 + 12);
    assert.equal(gzipBody(page('{"items":['), 150 * 1024 + 12), first);
    assert.notEqual(gzipBody(page('{"rv":"2","items":['), 150 * 1024 + 19), first, 'another head');
    assert.notEqual(gzipBody(page('{"items":[', 10), 150 * 1024 + 12), first, 'another slice');
    const spelled = [Buffer.alloc(8 * 1024, 'b'), joined.subarray(0, 150 * 1024)];
    assert.notEqual(
      gzipBody(spelled, 158 * 1024),
      gzipBody(spelled, 158 * 1024),
      'big other parts: not kept',
    );
    assert.equal(gunzipSync(await first).length, 150 * 1024 + 12);
  });

  it('reads Accept-Encoding as RFC 9110 does: codings, wildcards and q-values', () => {
    assert.equal(acceptsGzip('gzip'), true);
    assert.equal(acceptsGzip('deflate, GZIP;q=0.5'), true);
    assert.equal(acceptsGzip('*'), true);
    assert.equal(acceptsGzip(['br', 'gzip']), true);
    assert.equal(acceptsGzip(undefined), false);
    assert.equal(acceptsGzip(''), false);
    assert.equal(acceptsGzip('identity'), false);
    assert.equal(acceptsGzip('gzip;q=0'), false);
    assert.equal(acceptsGzip('br, *;q=0'), false);
  });

  it('kubectl lists the compressed pages whole (its transport asks for gzip and inflates them)', async () => {
    const result = await sim.kubectl('--context', 'cluster-001', 'get', 'pods', '-A', '-o', 'name', '-v=8');
    assert.equal(result.code, 0, result.stderr);
    assert.equal(result.stdout.trim().split('\n').length, podCount);
    // Go's transport drops Content-Encoding once it has inflated a body; `Vary` stays as the server's mark.
    const pods = result.stderr.slice(result.stderr.indexOf('/api/v1/pods?limit=500'));
    assert.match(pods, /Response Headers:[\s\S]*Vary: Accept-Encoding/);
  });

  it("discovery's client asks for gzip and gets every object of a compressed list", async () => {
    const config = new KubeConfig();
    config.loadFromFile(sim.kubeconfigPath);
    config.setCurrentContext('cluster-001');
    const client = new KubeApiClient(config);
    try {
      const page = (await client.getJson('/api/v1/pods', { timeoutMs: 10_000 })) as {
        items: { metadata: { name: string; managedFields?: unknown } }[];
      };
      const plain = JSON.parse((await get('/api/v1/pods')).body.toString()) as typeof page;
      assert.deepEqual(
        page.items.map((item) => item.metadata.name),
        plain.items.map((item) => item.metadata.name),
      );
      assert.ok(plain.items.every((item) => item.metadata.managedFields !== undefined));
      assert.ok(
        page.items.every((item) => item.metadata.managedFields === undefined),
        'pruned after inflating',
      );
    } finally {
      client.dispose();
    }
  });
});
