/**
 * `meshwright/meshGraph`: the mesh map's graph, answered at once from the latest topology state (snapshot,
 * health, kubeconfig problem). The graph is built on the first request after a change and kept until the
 * next one, so a map that re-asks on every `meshwright/topologyChanged` costs one build per change. No
 * notification of its own: clients re-ask when the topology-changed notification arrives. Given the Mesh
 * Health checklist, the graph also shows the trust problems between clusters.
 */
import { type Connection } from 'vscode-languageserver';
import { type MeshGraph } from '../../../protocol/mesh-graph';
import { buildMeshGraph } from '../views/mesh-graph';
import { EMPTY_SNAPSHOT } from '../mesh/snapshot';
import { type TopologyState } from '../topology/topology-service';
import { MESH_GRAPH_REQUEST } from '../../../protocol/requests';
import { type TopologyFeature } from './topology-feature';
import { type CheckResult } from '../../../protocol/check-results';

export interface MeshGraphFeature {
  /** The graph of the latest state (built now if it changed since the last call). */
  graph(): MeshGraph;
  dispose(): void;
}

export function registerMeshGraphFeature(
  connection: Connection,
  topology: Pick<TopologyFeature, 'onSnapshot'>,
  /** The checklist of the latest state (the same array until it changes). */
  checks?: () => readonly CheckResult[],
): MeshGraphFeature {
  // Every state change (settings, snapshot, health) is announced through onSnapshot, the first one when
  // the settings are applied; until then there are no clusters.
  let state: TopologyState = { snapshot: EMPTY_SNAPSHOT, health: [], problem: null };
  let cached: { state: TopologyState; checks: readonly CheckResult[] | undefined; graph: MeshGraph } | null =
    null;
  const unsubscribe = topology.onSnapshot((event) => {
    state = event.state;
  });

  const graph = (): MeshGraph => {
    const currentChecks = checks?.();
    if (cached?.state !== state || cached.checks !== currentChecks) {
      cached = {
        state,
        checks: currentChecks,
        graph: buildMeshGraph({
          snapshot: state.snapshot,
          health: state.health,
          problem: state.problem,
          ...(currentChecks ? { checks: currentChecks } : {}),
        }),
      };
    }
    return cached.graph;
  };

  connection.onRequest(MESH_GRAPH_REQUEST, (): MeshGraph => graph());
  return { graph, dispose: unsubscribe };
}
