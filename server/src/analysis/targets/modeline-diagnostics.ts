/**
 * MESH003: what is wrong with a file's modelines. Syntax problems (an unknown key, no names, `*` among
 * names) always; cluster names the analysis does not know only when it knows some clusters (with none,
 * every name would look wrong), with a "did you mean" from the cluster names and IDs. A remote cluster
 * named on purpose is not a problem of the modeline: MESH107 reports what it means for the documents.
 */
import { type MeshDiagnostic } from '../../mesh/diagnostic';
import { type ClusterInfo } from '../model/mesh-index';
import { closestName } from '../../text/closest-name';
import { type Modeline } from './modelines';

export const MODELINE_PROBLEM = 'MESH003';

export function modelineDiagnostics(
  uri: string,
  modelines: readonly Modeline[],
  clusters: readonly ClusterInfo[],
): MeshDiagnostic[] {
  const diagnostics: MeshDiagnostic[] = [];
  const warn = (message: string, range: MeshDiagnostic['range']): void => {
    diagnostics.push({
      code: MODELINE_PROBLEM,
      severity: 'warning',
      message,
      uri,
      range,
      cluster: null,
      related: [],
    });
  };
  const names = clusters.map((cluster) => cluster.name);
  for (const modeline of modelines) {
    for (const problem of modeline.problems) warn(problem.message, problem.range);
    if (clusters.length === 0) continue;
    for (const named of modeline.clusters?.names ?? []) {
      if (names.includes(named.name)) continue;
      const byId = clusters.find((cluster) => cluster.facts.id === named.name);
      const suggestion = byId ? byId.name : closestName(named.name, names);
      const hint = byId
        ? `: ${named.name} is the cluster ID of ${byId.name}; modelines name clusters by kubeconfig context (or --cluster name), so write ${byId.name}`
        : suggestion
          ? `: did you mean ${suggestion}?`
          : '';
      warn(
        `Cluster ${named.name} is not a cluster of the mesh (known: ${names.join(', ')})${hint}. The documents after this modeline are not checked against it; fix the name or remove it.`,
        named.range,
      );
    }
  }
  return diagnostics;
}
