/**
 * The mesh map's trust problems between clusters, from the checklist: pairs of clusters that trust no
 * common root (every cross-cluster handshake between them fails) and remote-secret links that fail or
 * are about to (missing secret, expiring or expired token, a server the kubeconfig does not know, a
 * verification the remote API server refused). One edge per pair, its problems one sentence each. Pure.
 */
import { type CheckResult } from '../../../protocol/check-results';
import { type MeshGraphEdge } from '../../../protocol/mesh-graph';

const REMOTE_SECRET_CHECKS = new Set(['remote secret', 'remote access']);

export function trustEdges(
  checks: readonly CheckResult[],
  clusterNodeId: (cluster: string) => string,
  drawn: ReadonlySet<string>,
): MeshGraphEdge[] {
  const byPair = new Map<string, { source: string; target: string; problems: string[] }>();
  for (const check of checks) {
    if (!isTrustProblem(check)) continue;
    const [source, target] = check.clusters as [string, string];
    if (!drawn.has(source) || !drawn.has(target)) continue;
    const id = `trust:${source}->${target}`;
    const entry = byPair.get(id) ?? { source, target, problems: [] };
    entry.problems.push(`${check.code ? `${check.code}: ` : ''}${check.message}`);
    byPair.set(id, entry);
  }
  return [...byPair].map(([id, entry]) => ({
    id,
    source: clusterNodeId(entry.source),
    target: clusterNodeId(entry.target),
    kind: 'trust',
    problems: entry.problems,
    severity: checks.some(
      (c) =>
        c.status === 'fail' &&
        c.clusters[0] === entry.source &&
        c.clusters[1] === entry.target &&
        isTrustProblem(c),
    )
      ? 'error'
      : 'warning',
  }));
}

function isTrustProblem(check: CheckResult): boolean {
  if (check.status === 'pass' || check.clusters.length !== 2) return false;
  if (check.code === 'MESH301') return check.status === 'fail';
  return REMOTE_SECRET_CHECKS.has(check.name);
}
