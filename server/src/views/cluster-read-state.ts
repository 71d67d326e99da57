/**
 * The read-only page served at a cluster's own URI (`meshwright:/<cluster>`): what Meshwright could not
 * read there and why, so that the info diagnostic saying a cluster was read only in part (MESH010) opens
 * on an explanation instead of nothing. Its first line is where those diagnostics sit.
 */
import { type ClusterSnapshot } from '../mesh/snapshot';

export function renderClusterReadState(cluster: ClusterSnapshot): string {
  const unread = cluster.unread ?? [];
  const lines = [
    `# Cluster ${cluster.name}: ${unread.length === 0 ? 'every resource type was read' : 'read in part'}`,
    `# role: ${cluster.role}; ${cluster.stale ? `stale: ${cluster.stale}` : 'current'}`,
  ];
  if (unread.length > 0) {
    lines.push('#', '# Not read:');
    for (const type of unread) lines.push(`#   ${type.id}: ${type.reason}`);
    lines.push(
      '#',
      `# Objects of these types in ${cluster.name} are unknown, not absent: the checks that need them report`,
      '# nothing for this cluster until they can be read. For RBAC refusals, grant list and watch on them',
      '# (docs/topology.md has a read-only ClusterRole); the page follows the cluster as it is read again.',
    );
  }
  return `${lines.join('\n')}\n`;
}
