/**
 * The differential comparison against live API servers: each case is seeded into a real kube-apiserver
 * (live-case.ts), then `istioctl analyze -A` and `meshwright analyze --kubeconfig` read that server,
 * and the case is taken out again. The case's authored documents are in the cluster then, so neither
 * tool gets a file: both analyse exactly what the server holds, defaults included. Live istioctl runs
 * every analyzer, so every code both tools implement is compared.
 *
 * Cases are spread over the servers of one control plane, one case per server at a time.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type RealControlPlane } from './control-plane';
import { type CaseResult, type DiffCase, compareCase, runMeshwrightLive } from './differential';
import { inPool, runIstioctlLive } from './istioctl';
import { LiveCase, type Refusal, meshConfigMap, readManifests } from './live-case';
import { ResourcePaths } from './resource-paths';

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
    const lanes = await Promise.all(
      plane.clusterNames.map(async (context) => {
        const rest = plane.cluster(context).rest('admin');
        const namespaces = await rest.json<{ items: { metadata: { name: string } }[] }>('/api/v1/namespaces');
        return {
          context,
          rest,
          paths: new ResourcePaths(rest),
          baseline: new Set(namespaces.items.map((item) => item.metadata.name)),
        };
      }),
    );
    const queue = [...cases.entries()];
    const results = new Array<LiveCaseResult>(cases.length);
    await inPool(lanes, lanes.length, async (lane) => {
      for (let next = queue.shift(); next; next = queue.shift()) {
        const [index, diffCase] = next;
        const objects = readManifests(diffCase.files);
        if (diffCase.meshConfig) objects.push(meshConfigMap(diffCase.meshConfig));
        const live = await LiveCase.seed(lane.rest, lane.paths, lane.baseline, objects);
        try {
          const [theirs, ours] = await Promise.all([
            runIstioctlLive(binary, { kubeconfig, context: lane.context }, { timeoutMs: 150_000 }),
            runMeshwrightLive(kubeconfig, [lane.context], [nothing]),
          ]).catch((error: unknown) => {
            throw new Error(`case ${diffCase.id}: ${error instanceof Error ? error.message : String(error)}`);
          });
          results[index] = {
            ...compareCase(diffCase, theirs, ours, EVERYTHING_VISIBLE),
            refused: live.refused,
          };
        } finally {
          await live.reset();
        }
      }
    });
    return results;
  } finally {
    fs.rmSync(nothing, { recursive: true, force: true });
  }
}
