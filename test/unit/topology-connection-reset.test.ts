/**
 * A one-shot read (`meshwright topology`, `analyze --kubeconfig`) asks a list again when its connection
 * is reset, as client-go does for GETs, instead of reporting the whole cluster unreachable; a server that
 * keeps resetting is still reported down, with the reset as its reason.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import http from 'node:http';
import { type AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import YAML from 'yaml';
import { discoverTopology } from '../../server/src/topology/discover-topology';
import { watchedResources } from '../../server/src/topology/watched-resources';

function emptyList(kind: string): string {
  return JSON.stringify({ kind, apiVersion: 'v1', metadata: { resourceVersion: '7' }, items: [] });
}

async function serverResetting(
  path_: string,
  times: number,
): Promise<{ server: http.Server; resets: () => number }> {
  let resets = 0;
  const server = http.createServer((request, response) => {
    if (request.url?.startsWith(path_) && resets < times) {
      resets += 1;
      request.socket.destroy();
      return;
    }
    response.writeHead(200, { 'Content-Type': 'application/json' });
    response.end(emptyList('List'));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, resets: () => resets };
}

function kubeconfigFor(server: http.Server, directory: string): string {
  const file = path.join(directory, 'kubeconfig');
  const port = (server.address() as AddressInfo).port;
  fs.writeFileSync(
    file,
    YAML.stringify({
      apiVersion: 'v1',
      kind: 'Config',
      'current-context': 'c',
      clusters: [
        { name: 'c', cluster: { server: `http://127.0.0.1:${port}`, 'insecure-skip-tls-verify': true } },
      ],
      users: [{ name: 'u', user: { token: 'not-a-real-token' } }],
      contexts: [{ name: 'c', context: { cluster: 'c', user: 'u' } }],
    }),
  );
  return file;
}

describe('one-shot discovery and connection resets', () => {
  const resources = watchedResources().filter((resource) => ['namespaces', 'nodes'].includes(resource.id));
  let directory: string;
  beforeEach(() => {
    directory = fs.mkdtempSync(path.join(os.tmpdir(), 'meshwright-reset-'));
  });
  afterEach(() => fs.rmSync(directory, { recursive: true, force: true }));

  it('asks a list again after a reset connection and reads the cluster whole', async () => {
    const { server, resets } = await serverResetting('/api/v1/namespaces', 1);
    try {
      const result = await discoverTopology({
        kubeconfig: kubeconfigFor(server, directory),
        resources,
        env: {},
      });
      assert.equal(resets(), 1);
      assert.equal(result.health[0]?.state, 'synced', JSON.stringify(result.health));
      assert.equal(result.health[0]?.reachable, true);
    } finally {
      server.close();
    }
  });

  it('still calls a cluster down when every attempt is reset, naming the reset', async () => {
    const { server, resets } = await serverResetting('/api/v1/namespaces', 100);
    try {
      const result = await discoverTopology({
        kubeconfig: kubeconfigFor(server, directory),
        resources,
        env: {},
      });
      // The first request and two more; the HTTP/1 transport itself also asks once more when the reset
      // socket was a reused keep-alive one (its request may never have reached the server).
      assert.ok(resets() >= 3 && resets() <= 4, `${resets()} requests`);
      assert.equal(result.health[0]?.reachable, false);
      assert.match(result.health[0]?.stale ?? '', /ECONNRESET 127\.0\.0\.1:\d+/);
    } finally {
      server.close();
    }
  });
});
