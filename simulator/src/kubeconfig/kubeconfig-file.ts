/**
 * The kubeconfig a simulator run writes: one cluster, user and context per simulated cluster (context
 * name = cluster name), the run's CA inline, and bearer tokens. It is a test artefact that holds live
 * tokens: written with mode 0600, and never printed.
 */
import fs from 'node:fs';
import path from 'node:path';
import YAML from 'yaml';

export interface KubeconfigCluster {
  name: string;
  server: string;
  token: string;
  /** The control API URL of this cluster, stored as a cluster extension (as minikube stores its own). */
  controlUrl: string;
}

export function kubeconfigText(clusters: readonly KubeconfigCluster[], caCertificatePem: string): string {
  const caData = Buffer.from(caCertificatePem).toString('base64');
  const config = {
    apiVersion: 'v1',
    kind: 'Config',
    preferences: {},
    'current-context': clusters[0]?.name ?? '',
    clusters: clusters.map((cluster) => ({
      name: cluster.name,
      cluster: {
        server: cluster.server,
        'certificate-authority-data': caData,
        extensions: [{ name: 'meshwright-sim', extension: { control: cluster.controlUrl } }],
      },
    })),
    contexts: clusters.map((cluster) => ({
      name: cluster.name,
      context: { cluster: cluster.name, user: `${cluster.name}-admin` },
    })),
    users: clusters.map((cluster) => ({ name: `${cluster.name}-admin`, user: { token: cluster.token } })),
  };
  return YAML.stringify(config);
}

export function writeKubeconfig(file: string, text: string): void {
  fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  fs.writeFileSync(file, text, { mode: 0o600 });
  fs.chmodSync(file, 0o600);
}
