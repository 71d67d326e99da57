/**
 * The info diagnostics (MESH010) that say what the analysis could not see: for each cluster, each type
 * that could not be read there with its cause. Types left unread for the same cause (the whole cluster
 * down or refused) are said once, in one diagnostic naming them all, rather than thirty times.
 *
 * They are about a cluster, not an object: anchored at the cluster's own URI (`meshwright:/<cluster>`),
 * where the CLI prints them with the findings and the editor's views can pick them up.
 */
import { CLUSTER_PARTLY_READ, type MeshDiagnostic } from '../../mesh/diagnostic';
import { type ReadCoverage } from '../framework/read-coverage';
import { joinNames } from '../../text/join-names';
import { clusterUri } from '../../yaml/live-object-document';

const ORIGIN = { line: 0, character: 0 };

export function coverageDiagnostics(coverage: ReadCoverage): MeshDiagnostic[] {
  const diagnostics: MeshDiagnostic[] = [];
  for (const { cluster, unread } of coverage.clusters) {
    const byReason = new Map<string, string[]>();
    for (const type of unread) byReason.set(type.reason, [...(byReason.get(type.reason) ?? []), type.id]);
    for (const [reason, ids] of byReason) {
      const what =
        ids.length === 1 ? `${ids[0]} could not be read` : `${ids.length} resource types could not be read`;
      const listed = ids.length === 1 ? '' : ` (${joinNames(ids)})`;
      diagnostics.push({
        code: CLUSTER_PARTLY_READ,
        severity: 'info',
        message: `Cluster ${cluster}: ${what}: ${reason}${listed}. Their objects in ${cluster} are unknown, not absent: the checks that need them report nothing until they can be read.`,
        uri: clusterUri(cluster),
        range: { start: ORIGIN, end: ORIGIN },
        cluster,
        related: [],
      });
    }
  }
  return diagnostics;
}
