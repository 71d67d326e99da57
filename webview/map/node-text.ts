/**
 * The words for a node's state, shared by the tooltip and the accessible summary so both say the same:
 * "in sync", "stale: <reason>", "drift 2", "primary, revision canary".
 */
import type { MeshGraphNode, MeshHealth } from '../../protocol/requests';

const HEALTH_WORDS: Readonly<Record<MeshHealth, string>> = {
  ok: 'in sync',
  stale: 'stale',
  unreachable: 'unreachable',
  unknown: 'not read yet',
};

export function healthText(node: MeshGraphNode): string {
  const words = HEALTH_WORDS[node.health];
  return node.healthReason ? `${words}: ${node.healthReason}` : words;
}

/** `primary, revision default` / `remote` / `istiod, revision canary`. */
export function roleText(node: MeshGraphNode): string {
  const revisions = node.revisions ?? [];
  const revision =
    revisions.length > 0 ? `, revision${revisions.length > 1 ? 's' : ''} ${revisions.join(', ')}` : '';
  if (node.kind === 'controlPlane') return `istiod in ${node.cluster ?? '?'}${revision}`;
  return `${node.role ?? 'unknown role'}${revision}`;
}

/** `2 waypoints` for a cluster with ambient waypoints; null without. */
export function waypointText(node: MeshGraphNode): string | null {
  const count = node.waypoints?.length ?? 0;
  return count === 0 ? null : `${count} waypoint${count === 1 ? '' : 's'}`;
}

export function driftText(node: MeshGraphNode): string {
  return node.drift === 0
    ? 'no drift'
    : `drift ${node.drift} (Istio objects missing or different vs other primaries)`;
}
