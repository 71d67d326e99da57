/**
 * A private plane of east and west where east's remote secret for west carries a real credential: west's
 * URL and CA, and the token of west's `reader` identity. What `--verify-remote-secrets` and the language
 * server's verification need to ask a real kube-apiserver who they are and what they may read.
 */
import { RealControlPlane } from './control-plane';
import { demoMesh } from './meshes';
import { ResourcePaths } from './resource-paths';
import { applyObject } from './seed';

export async function startPlaneWithRealRemoteSecret(): Promise<RealControlPlane> {
  const plane = await RealControlPlane.start(demoMesh().filter((spec) => spec.name !== 'edge'));
  const west = plane.cluster('west');
  const kubeconfig = [
    'apiVersion: v1',
    'kind: Config',
    'clusters:',
    '- name: west',
    '  cluster:',
    `    server: ${west.url}`,
    `    certificate-authority-data: ${Buffer.from(west.caPem).toString('base64')}`,
    'users:',
    '- name: west',
    '  user:',
    `    token: ${west.identities.reader.token}`,
    'contexts:',
    '- name: west',
    '  context: {cluster: west, user: west}',
    'current-context: west',
    '',
  ].join('\n');
  const admin = plane.cluster('east').rest('admin');
  await applyObject(admin, new ResourcePaths(admin), {
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: {
      name: 'istio-remote-secret-west',
      namespace: 'istio-system',
      labels: { 'istio/multiCluster': 'true' },
      annotations: { 'networking.istio.io/cluster': 'west' },
    },
    type: 'Opaque',
    data: { west: Buffer.from(kubeconfig).toString('base64') },
  });
  return plane;
}
