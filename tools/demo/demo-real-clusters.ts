/**
 * The demo mesh on real API servers (`npm run demo -- --real-clusters`): builds etcd and kube-apiserver
 * from their Go modules when missing (needs Go; the simulator stays the default because a user's machine
 * has none), starts the test harness' local control plane with the demo's three clusters, and writes a
 * kubeconfig where the demo workspace's settings look. Its identity may read everything Meshwright reads
 * and apply Istio config, nothing more.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { RealControlPlane } from '../../test/real/support/control-plane';
import { demoMesh } from '../../test/real/support/meshes';
import { type DemoMesh } from './demo-simulator';

export async function startDemoRealClusters(repoRoot: string, kubeconfig: string): Promise<DemoMesh> {
  const build = spawnSync('bash', [path.join(repoRoot, 'tools', 'real-clusters', 'build-binaries.sh')], {
    cwd: repoRoot,
    stdio: 'inherit',
  });
  if (build.status !== 0) {
    throw new Error(
      'building the real-cluster binaries failed (see above); `npm run demo` without --real-clusters uses the simulator',
    );
  }
  const plane = await RealControlPlane.start(demoMesh());
  fs.mkdirSync(path.dirname(kubeconfig), { recursive: true });
  fs.copyFileSync(plane.kubeconfig('applier'), kubeconfig);
  fs.chmodSync(kubeconfig, 0o600);
  const servers = plane.clusterNames.map((name) => `${name} ${plane.cluster(name).url}`).join(', ');
  return {
    kubeconfig,
    readyLine: `real API servers ready in ${(plane.startedInMs / 1000).toFixed(1)} s: ${servers}`,
    stop: () => plane.stop(),
  };
}
