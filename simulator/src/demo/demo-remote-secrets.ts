/**
 * Points the demo's remote secrets at the simulated clusters: the files name invented servers
 * (`https://west.k8s.demo.internal:6443`), the simulator's clusters listen on 127.0.0.1 ports known only
 * once they run. After start, each remote secret's kubeconfig gets the server URL and CA of the cluster
 * its key names, as `istioctl create-remote-secret` would have written them; the token stays as it was
 * (the demo's placeholder, or the planted expiring one). Without this every secret would name a server
 * other than the kubeconfig's (MESH305), drowning the demo's planted findings.
 */
import { type SimulatedCluster } from '../cluster/simulated-cluster';
import { type KubeObject } from '../model/kube-object';

const REMOTE_SECRET_LABEL = 'istio/multiCluster';

export function wireDemoRemoteSecrets(clusters: readonly SimulatedCluster[], caPem: string): void {
  const byName = new Map(clusters.map((cluster) => [cluster.name, cluster]));
  for (const cluster of clusters) {
    const secrets = cluster
      .objects()
      .filter((o) => o.kind === 'Secret' && o.metadata.labels?.[REMOTE_SECRET_LABEL] === 'true');
    for (const secret of secrets) {
      const data = { ...((secret as { data?: Record<string, string> }).data ?? {}) };
      let changed = false;
      for (const [key, value] of Object.entries(data)) {
        const target = byName.get(key);
        if (!target) continue;
        const kubeconfig = Buffer.from(value, 'base64')
          .toString('utf8')
          .replace(/server: \S+/, `server: ${target.url}`)
          .replace(
            /certificate-authority-data: \S+/,
            `certificate-authority-data: ${Buffer.from(caPem).toString('base64')}`,
          );
        data[key] = Buffer.from(kubeconfig).toString('base64');
        changed = true;
      }
      if (changed) {
        const {
          managedFields: _managedFields,
          resourceVersion: _resourceVersion,
          ...metadata
        } = secret.metadata;
        cluster.put({ ...secret, metadata, data } as KubeObject);
      }
    }
  }
}
