/**
 * The simulator's control API, as a user of `npm run demo` would call it: each cluster entry of the
 * kubeconfig names its control URL (extension `meshwright-sim`), authenticated with that cluster's bearer
 * token and trusted through the kubeconfig's CA. Used by the e2e tests (extension host and UI) to stop and
 * start a demo cluster. Never prints a token.
 */
import * as fs from 'node:fs';
import * as https from 'node:https';
import YAML from 'yaml';

interface ClusterAccess {
  readonly control: string;
  readonly token: string;
  readonly ca: Buffer;
}

function accessOf(kubeconfigPath: string, cluster: string): ClusterAccess {
  const config = YAML.parse(fs.readFileSync(kubeconfigPath, 'utf8')) as {
    clusters: {
      name: string;
      cluster: {
        'certificate-authority-data': string;
        extensions?: { name: string; extension: { control?: string } }[];
      };
    }[];
    contexts: { name: string; context: { cluster: string; user: string } }[];
    users: { name: string; user: { token?: string } }[];
  };
  const context = config.contexts.find((entry) => entry.name === cluster)?.context;
  const entry = config.clusters.find(
    (candidate) => candidate.name === (context?.cluster ?? cluster),
  )?.cluster;
  const control = entry?.extensions?.find((extension) => extension.name === 'meshwright-sim')?.extension
    .control;
  const token = config.users.find((user) => user.name === context?.user)?.user.token;
  if (!entry || !control || !token) {
    throw new Error(`${kubeconfigPath} has no meshwright-sim control URL and token for cluster ${cluster}`);
  }
  return { control, token, ca: Buffer.from(entry['certificate-authority-data'], 'base64') };
}

/** POST `<control>/<action>` (stop, start, drop-watches, faults) for one cluster; resolves with the answer. */
export function simulatorControl(
  kubeconfigPath: string,
  cluster: string,
  action: 'stop' | 'start',
): Promise<unknown> {
  const access = accessOf(kubeconfigPath, cluster);
  const url = new URL(`${access.control}/${action}`);
  return new Promise((resolve, reject) => {
    const request = https.request(
      url,
      {
        method: 'POST',
        ca: access.ca,
        headers: { authorization: `Bearer ${access.token}` },
        timeout: 10_000,
      },
      (response) => {
        let body = '';
        response.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
        response.on('end', () => {
          if (response.statusCode !== 200) {
            reject(new Error(`simulator control ${action} ${cluster}: HTTP ${response.statusCode} ${body}`));
            return;
          }
          resolve(JSON.parse(body) as unknown);
        });
      },
    );
    request.on('error', reject);
    request.on('timeout', () =>
      request.destroy(new Error(`simulator control ${action} ${cluster}: timed out`)),
    );
    request.end();
  });
}
