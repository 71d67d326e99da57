/**
 * Topology snapshots made from cluster states without a cluster: the objects of YAML directories (the
 * demo mesh, fixtures) or of `generateMesh`, with facts derived by the same function discovery uses.
 * Every cluster is reachable and fresh, as after a complete read.
 */
import fs from 'node:fs';
import path from 'node:path';
import { deriveClusterFacts } from '../../../server/src/mesh/derive-cluster-facts';
import { type KubeObject, type TopologySnapshot } from '../../../server/src/mesh/snapshot';
import { loadState } from '../../../simulator/src/index';

export function snapshotOfObjects(
  clusters: readonly { readonly name: string; readonly objects: readonly KubeObject[] }[],
  version = 1,
): TopologySnapshot {
  return {
    version,
    clusters: clusters.map(({ name, objects }) => ({
      ...deriveClusterFacts(name, objects),
      reachable: true,
      stale: null,
      objects,
    })),
  };
}

/** One cluster per sub-directory of `directory`, named after it. */
export function snapshotOfDirectories(directory: string, version = 1): TopologySnapshot {
  const names = fs
    .readdirSync(directory, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
  return snapshotOfObjects(
    names.map((name) => ({
      name,
      objects: loadState([path.join(directory, name)]).map((loaded) => loaded.object as KubeObject),
    })),
    version,
  );
}
