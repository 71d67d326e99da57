/**
 * The differential comparison against live API servers: each case is seeded into a real kube-apiserver
 * (live-case.ts), then `istioctl analyze -A` and `meshwright analyze --kubeconfig` read that server,
 * and the case is taken out again. The case's authored documents are in the cluster then, so neither
 * tool gets a file: both analyse exactly what the server holds, defaults included. Live istioctl runs
 * every analyzer, so every code both tools implement is compared.
 *
 * Cases are spread over the servers of one control plane, one case per server at a time, each server
 * taking the same cases in the same order in every run; after each case the server is proven to be as
 * it was before the first (live-case.ts), so no case sees another's objects.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type RealControlPlane } from './control-plane';
import { type CaseResult, type DiffCase, compareCase, runMeshwrightLive } from './differential';
import { runIstioctlLive } from './istioctl';
import { LiveCase, type Refusal, caseCollections, meshConfigMap, readManifests } from './live-case';
import { ResourcePaths } from './resource-paths';
import { ServerState } from './server-state';

export interface LiveCaseResult extends CaseResult {
  /** Objects of the case the server did not take: neither tool saw them. */
  readonly refused: readonly Refusal[];
}

/** Live istioctl runs every analyzer: nothing of Meshwright's is out of its sight. */
const EVERYTHING_VISIBLE = (): boolean => true;

export async function runLiveDifferential(
  binary: string,
  plane: RealControlPlane,
  cases: readonly DiffCase[],
): Promise<LiveCaseResult[]> {
  const kubeconfig = plane.kubeconfig('admin');
  // Meshwright analyses this empty directory beside the cluster: no paths would mean the current one.
  const nothing = fs.mkdtempSync(path.join(os.tmpdir(), 'meshwright-live-nothing-'));
  try {
    const objects = cases.map((diffCase) => {
      const manifests = readManifests(diffCase.files);
      if (diffCase.meshConfig) manifests.push(meshConfigMap(diffCase.meshConfig));
      return manifests;
    });
    const lanes = await Promise.all(
      plane.clusterNames.map(async (context) => {
        const rest = plane.cluster(context).rest('admin');
        const paths = new ResourcePaths(rest);
        const collections = await Promise.all(objects.map((manifests) => caseCollections(paths, manifests)));
        const everyCollection = new Set(collections.flat());
        // Recorded before the first case: what every reset on this server must come back to.
        const state = await ServerState.record(rest, everyCollection);
        const namespaces = await rest.json<{ items: { metadata: { name: string } }[] }>('/api/v1/namespaces');
        return {
          context,
          rest,
          paths,
          collections,
          baseline: { state, namespaces: new Set(namespaces.items.map((item) => item.metadata.name)) },
        };
      }),
    );
    const results = new Array<LiveCaseResult>(cases.length);
    await Promise.all(
      assignToLanes(objects, lanes.length).map(async (indices, laneIndex) => {
        const lane = lanes[laneIndex]!;
        for (const index of indices) {
          const diffCase = cases[index]!;
          const live = await LiveCase.seed(
            lane.rest,
            lane.paths,
            lane.baseline,
            objects[index]!,
            lane.collections[index]!,
          );
          try {
            const [theirs, ours] = await Promise.all([
              runIstioctlLive(binary, { kubeconfig, context: lane.context }, { timeoutMs: 150_000 }),
              runMeshwrightLive(kubeconfig, [lane.context], [nothing]),
            ]).catch((error: unknown) => {
              throw new Error(
                `case ${diffCase.id}: ${error instanceof Error ? error.message : String(error)}`,
              );
            });
            results[index] = {
              ...compareCase(diffCase, theirs, ours, EVERYTHING_VISIBLE),
              refused: live.refused,
            };
          } finally {
            await live.reset().catch((error: unknown) => {
              throw new Error(`resetting after case ${diffCase.id} on ${lane.context}: ${String(error)}`);
            });
          }
        }
      }),
    );
    return results;
  } finally {
    fs.rmSync(nothing, { recursive: true, force: true });
  }
}

/**
 * Which server takes which cases, the same in every run: in order, each case to the server with the
 * fewest objects so far (ties to the first), so that the servers finish at about the same time.
 */
export function assignToLanes(objects: readonly (readonly unknown[])[], lanes: number): number[][] {
  const assigned = Array.from({ length: lanes }, () => [] as number[]);
  const load = new Array<number>(lanes).fill(0);
  objects.forEach((manifests, index) => {
    const lightest = load.indexOf(Math.min(...load));
    assigned[lightest]!.push(index);
    // A case costs two analyses whatever its size, and a little more per object.
    load[lightest]! += 10 + manifests.length;
  });
  return assigned;
}
