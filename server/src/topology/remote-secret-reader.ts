/**
 * Reads the remote secrets of some clusters whole, for `--verify-remote-secrets` only (discovery never
 * keeps their values): the caller uses them at once and drops them.
 */
import { type KubeObject } from '../mesh/snapshot';
import { asArray } from '../mesh/object-fields';
import { KubeApiClient } from './kube-api/kube-api-client';
import { loadKubeconfig } from './kube-api/kubeconfig-loader';

const REMOTE_SECRETS_PATH = `/api/v1/namespaces/istio-system/secrets?labelSelector=${encodeURIComponent('istio/multiCluster=true')}`;

export interface RemoteSecretRead {
  readonly cluster: string;
  readonly secrets: readonly KubeObject[];
  /** Why they could not be read; absent when they were. */
  readonly error?: string;
}

export async function readRemoteSecrets(options: {
  readonly kubeconfig: string | undefined;
  readonly contexts: readonly string[];
  readonly env?: Readonly<Record<string, string | undefined>>;
  readonly timeoutMs: number;
}): Promise<RemoteSecretRead[]> {
  const loaded = loadKubeconfig({
    kubeconfig: options.kubeconfig,
    contexts: options.contexts,
    trusted: true,
    ...(options.env ? { env: options.env } : {}),
  });
  return Promise.all(
    loaded.endpoints.map(async (endpoint): Promise<RemoteSecretRead> => {
      if (!endpoint.config || endpoint.refused) {
        return { cluster: endpoint.name, secrets: [], error: endpoint.refused ?? 'no usable context' };
      }
      const client = new KubeApiClient(endpoint.config);
      try {
        const list = (await client.getJson(REMOTE_SECRETS_PATH, { timeoutMs: options.timeoutMs })) as {
          items?: unknown;
        };
        return { cluster: endpoint.name, secrets: asArray(list?.items) as KubeObject[] };
      } catch (error) {
        return {
          cluster: endpoint.name,
          secrets: [],
          error: error instanceof Error ? error.message : String(error),
        };
      } finally {
        client.dispose();
      }
    }),
  );
}
