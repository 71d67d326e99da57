/**
 * Maps the server's mesh graph onto cytoscape elements, and nothing more (the Kiali split: the backend
 * decides what is in the graph, the view decides how it looks). Styling keys off the classes set here:
 * the node kind, `health-<state>` and `drifted`. Pure, so the mapping is unit-tested without a browser.
 */
import type { ElementDefinition } from 'cytoscape';
import type { MeshGraph, MeshGraphNode } from '../../protocol/requests';
import { waypointText } from './node-text';

export interface NodeData {
  readonly id: string;
  readonly parent?: string;
  readonly label: string;
  readonly kind: MeshGraphNode['kind'];
  readonly cluster?: string;
  /** Body size for the label (childless nodes; boxes size to their children). */
  readonly width: number;
  readonly height: number;
}

/** A 12px UI font averages about 7px a character; a line is about 15px high. */
const CHAR_WIDTH = 7.2;
const LINE_HEIGHT = 15;

export function graphElements(graph: MeshGraph): ElementDefinition[] {
  const nodes = graph.nodes.map((node): ElementDefinition => {
    const label = displayLabel(node);
    const lines = label.split('\n');
    const data: NodeData = {
      id: node.id,
      ...(node.parent !== undefined ? { parent: node.parent } : {}),
      label,
      kind: node.kind,
      ...(node.cluster !== undefined ? { cluster: node.cluster } : {}),
      width: Math.ceil(Math.max(...lines.map((line) => line.length)) * CHAR_WIDTH),
      height: lines.length * LINE_HEIGHT,
    };
    return { group: 'nodes', data, classes: nodeClasses(node) };
  });
  const edges = graph.edges.map((edge): ElementDefinition => ({
    group: 'edges',
    data: {
      id: edge.id,
      source: edge.source,
      target: edge.target,
      kind: edge.kind,
      ...(edge.problems ? { label: trustLabel(edge.problems), problems: edge.problems.join('\n') } : {}),
    },
    classes: edge.severity ? [edge.kind, edge.severity] : [edge.kind],
  }));
  return [...nodes, ...edges];
}

export function nodeClasses(node: MeshGraphNode): string[] {
  return [node.kind, `health-${node.health}`, ...(node.drift > 0 ? ['drifted'] : [])];
}

/** What is written on the node; the details (reasons, drifted objects) go to the tooltip. */
export function displayLabel(node: MeshGraphNode): string {
  switch (node.kind) {
    case 'cluster': {
      const revisions = (node.revisions ?? []).filter((revision) => revision !== 'default');
      const role = `${node.role ?? 'unknown'}${revisions.length > 0 ? ` · ${revisions.join(', ')}` : ''}`;
      const waypoints = waypointText(node);
      return [
        node.label,
        role,
        ...(waypoints ? [waypoints] : []),
        ...(node.drift > 0 ? [`drift ${node.drift}`] : []),
      ].join('\n');
    }
    case 'gateway': {
      const addresses = node.addresses ?? [];
      return addresses.length === 1
        ? `${node.label}\n${addresses[0]}`
        : `${node.label}\n${addresses.length} gateways`;
    }
    default:
      return node.label;
  }
}

/**
 * What decides the layout: the nodes, their boxes and the edges. Two graphs with the same key differ
 * only in colours and text, so the view updates them in place and keeps every position and the zoom.
 */
export function structureKey(graph: MeshGraph): string {
  const nodes = graph.nodes.map((node) => `${node.id}<${node.parent ?? ''}`).sort();
  const edges = graph.edges.map((edge) => edge.id).sort();
  return JSON.stringify([nodes, edges]);
}

/** A trust edge's label: the codes of its problems (`MESH306`), the sentences are in its tooltip. */
function trustLabel(problems: readonly string[]): string {
  const codes = problems.map((problem) => /^(MESH\d+):/.exec(problem)?.[1] ?? 'trust');
  return [...new Set(codes)].join(' ');
}
