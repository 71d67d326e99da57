/**
 * The demo mesh's clusters (`meshwright-sim --demo`): Bookinfo over east and west (primaries on networks
 * net1 and net2) and edge (a remote of east on net1). Their state is YAML under simulator/demo/<cluster>;
 * simulator/demo/README.md lists the mistakes planted in it.
 */
import { packagePath } from '../package-files';
import { type ClusterSource } from '../simulator';

export const DEMO_CLUSTER_NAMES = ['east', 'west', 'edge'] as const;

export function demoDirectory(): string {
  return packagePath('simulator', 'demo');
}

export function demoClusters(): ClusterSource[] {
  return DEMO_CLUSTER_NAMES.map((name) => ({ name, paths: [packagePath('simulator', 'demo', name)] }));
}
