/**
 * The meshes the harness seeds: the demo's Bookinfo over east, west (primaries) and edge (a remote of
 * east), the very files the simulator serves; and an external control plane, whose istiod reads its config
 * from a config cluster that runs no workloads and serves two remote clusters.
 */
import path from 'node:path';
import { DEMO_CLUSTER_NAMES, demoDirectory, loadState } from '../../../simulator/src/index';
import { type RealClusterSpec } from './control-plane';
import { type KubeManifest } from './rbac';

export const EXTERNAL_CONTROL_PLANE_DIRECTORY = path.resolve(
  __dirname,
  '..',
  '..',
  'fixtures',
  'real',
  'external-control-plane',
);
export const EXTERNAL_CONTROL_PLANE_CLUSTERS = ['config', 'remote-a', 'remote-b'] as const;

function clusterFrom(name: string, directory: string): RealClusterSpec {
  const objects = loadState([directory]).map((loaded) => loaded.object as unknown as KubeManifest);
  return { name, objects };
}

export function demoMesh(): RealClusterSpec[] {
  return DEMO_CLUSTER_NAMES.map((name) => clusterFrom(name, path.join(demoDirectory(), name)));
}

export function externalControlPlaneMesh(): RealClusterSpec[] {
  return EXTERNAL_CONTROL_PLANE_CLUSTERS.map((name) =>
    clusterFrom(name, path.join(EXTERNAL_CONTROL_PLANE_DIRECTORY, name)),
  );
}
