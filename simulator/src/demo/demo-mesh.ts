/**
 * The demo mesh's clusters (`meshwright-sim --demo`): Bookinfo over east and west (primaries on networks
 * net1 and net2) and edge (a remote of east on net1). Their state is YAML under simulator/demo/<cluster>;
 * simulator/demo/README.md lists the mistakes planted in it. One of them depends on the time the
 * simulator starts (a remote secret's token expiring in 3 days), so east's objects are given loaded.
 */
import { packagePath } from '../package-files';
import { type ClusterSource } from '../simulator';
import { loadState } from '../state/state-loader';
import { EXPIRING_SECRET, withExpiringToken } from './expiring-remote-secret';

export const DEMO_CLUSTER_NAMES = ['east', 'west', 'edge'] as const;

export function demoDirectory(): string {
  return packagePath('simulator', 'demo');
}

export function demoClusters(now: Date = new Date()): ClusterSource[] {
  return DEMO_CLUSTER_NAMES.map((name) => {
    const directory = packagePath('simulator', 'demo', name);
    if (name !== EXPIRING_SECRET.cluster) return { name, paths: [directory] };
    const objects = loadState([directory]).map((loaded) => loaded.object);
    return { name, objects: withExpiringToken(objects, now) };
  });
}
