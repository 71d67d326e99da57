/**
 * The bytes discovery reads from one cluster: every watched collection listed in pages of 500, as the
 * resource watcher lists it, gzip accepted. Counted three ways: on the wire (compressed), as JSON (what
 * is inflated), and what is left for JSON.parse once the byte pruner has cut out the members the
 * resource never keeps. Read with
 * node's own HTTPS client, so the figures do not depend on the client under test.
 */
import https from 'node:https';
import zlib from 'node:zlib';
import { KubeConfig } from '@kubernetes/client-node';
import { MemberPruner } from '../server/src/topology/kube-api/json-pruning';
import { collectionPath, watchedResources } from '../server/src/topology/watched-resources';

const BULKY_PRUNER = new MemberPruner();

export interface ListBytes {
  cluster: string;
  objects: number;
  wireBytes: number;
  jsonBytes: number;
  parsedBytes: number;
  /** JSON bytes per kind, largest first. */
  byKind: { kind: string; objects: number; jsonBytes: number }[];
}

export async function listBytes(kubeconfig: string, context: string): Promise<ListBytes> {
  const config = new KubeConfig();
  config.loadFromFile(kubeconfig);
  config.setCurrentContext(context);
  const server = config.getCurrentCluster()?.server ?? '';
  const options: https.RequestOptions = {};
  await config.applyToHTTPSOptions(options);
  const totals: ListBytes = {
    cluster: context,
    objects: 0,
    wireBytes: 0,
    jsonBytes: 0,
    parsedBytes: 0,
    byKind: [],
  };
  for (const resource of watchedResources()) {
    const kind = { kind: resource.kind, objects: 0, jsonBytes: 0 };
    let token: string | undefined;
    do {
      const query = new URLSearchParams({ limit: '500' });
      if (resource.labelSelector) query.set('labelSelector', resource.labelSelector);
      if (token) query.set('continue', token);
      const { wire, json } = await get(
        `${server}${collectionPath(resource)}?${query}`,
        options,
        resource.metadataOnly,
      );
      const page = JSON.parse(json.toString('utf8')) as {
        items?: unknown[];
        metadata?: { continue?: string };
      };
      totals.wireBytes += wire;
      totals.jsonBytes += json.length;
      kind.jsonBytes += json.length;
      kind.objects += page.items?.length ?? 0;
      totals.parsedBytes += (resource.pruner ?? BULKY_PRUNER).prune(json).length;
      token = page.metadata?.continue || undefined;
    } while (token);
    totals.objects += kind.objects;
    if (kind.objects > 0) totals.byKind.push(kind);
  }
  totals.byKind.sort((a, b) => b.jsonBytes - a.jsonBytes);
  return totals;
}

function get(
  url: string,
  options: https.RequestOptions,
  metadataOnly = false,
): Promise<{ wire: number; json: Buffer }> {
  const accept = metadataOnly
    ? 'application/json;as=PartialObjectMetadataList;g=meta.k8s.io;v=v1,application/json'
    : 'application/json';
  return new Promise((resolve, reject) => {
    const request = https.get(
      url,
      { ...options, headers: { ...options.headers, accept, 'accept-encoding': 'gzip' } },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('error', reject);
        response.on('end', () => {
          const body = Buffer.concat(chunks);
          if (response.statusCode !== 200) {
            reject(new Error(`${url}: ${response.statusCode}`));
            return;
          }
          const gzip = response.headers['content-encoding'] === 'gzip';
          resolve({ wire: body.length, json: gzip ? zlib.gunzipSync(body) : body });
        });
      },
    );
    request.on('error', reject);
  });
}
