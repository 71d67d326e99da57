/**
 * The messages between the mesh map's host (the extension, mesh-map-panel.ts) and its webview
 * (webview/map/), typed both ways. Both sides import this file; it has no `vscode` import and no DOM use,
 * so it bundles into either. Everything crossing the boundary is checked with the guards below: a webview
 * is a page, and the host trusts none of what it posts without looking.
 */
import type { MeshGraph } from './requests';

/** VS Code's theme kinds, as `ColorThemeKind` names (the webview also sees them as body classes). */
export type ThemeKind = 'light' | 'dark' | 'highContrast' | 'highContrastLight';

export type HostToViewMessage =
  /** The graph to draw; replaces the previous one (positions of nodes that stay are kept). */
  | { readonly type: 'graph'; readonly graph: MeshGraph }
  /** Show this cluster: select it, centre it and pin its details (after the graph being drawn). */
  | { readonly type: 'focusCluster'; readonly cluster: string }
  /** The colour theme changed: re-read the theme's colours. */
  | { readonly type: 'theme'; readonly kind: ThemeKind }
  /** Why there is no graph now (the language server is not running...); null clears it. */
  | { readonly type: 'status'; readonly message: string | null };

export type ViewToHostMessage =
  /** The script is running and listening: send the theme and the current graph. */
  | { readonly type: 'ready' }
  /** The user picked a cluster: reveal it in the Topology view. */
  | { readonly type: 'revealCluster'; readonly cluster: string }
  /** Open a live object's read-only document (`meshwright:/<cluster>/<kind>/<namespace>/<name>.yaml`). */
  | { readonly type: 'openLive'; readonly uri: string }
  /** Ask the language server for the graph again. */
  | { readonly type: 'refresh' }
  /** A graph was drawn: its version, its size and how long it took (for the log). */
  | {
      readonly type: 'rendered';
      readonly version: number;
      readonly nodes: number;
      readonly edges: number;
      /** The layout alone; 0 when positions were kept. */
      readonly layoutMs: number;
      /** From the graph's arrival to drawn (layout, styles, summary). */
      readonly drawMs: number;
    }
  /** The page's Content-Security-Policy refused something: a defect worth a log line. */
  | { readonly type: 'cspViolation'; readonly directive: string; readonly blocked: string };

const THEME_KINDS: readonly string[] = ['light', 'dark', 'highContrast', 'highContrastLight'];
const LIVE_URI = /^meshwright:\/[^/]+\/[^/]+\/[^/]+\/[^/]+\.yaml$/;

export function isViewToHostMessage(value: unknown): value is ViewToHostMessage {
  if (!isRecord(value)) return false;
  switch (value.type) {
    case 'ready':
    case 'refresh':
      return true;
    case 'revealCluster':
      return isNonEmptyString(value.cluster);
    case 'openLive':
      // Only Meshwright's own read-only documents: a page must not open arbitrary URIs.
      return typeof value.uri === 'string' && LIVE_URI.test(value.uri);
    case 'rendered':
      return [value.version, value.nodes, value.edges, value.layoutMs, value.drawMs].every(isFiniteNumber);
    case 'cspViolation':
      return typeof value.directive === 'string' && typeof value.blocked === 'string';
    default:
      return false;
  }
}

export function isHostToViewMessage(value: unknown): value is HostToViewMessage {
  if (!isRecord(value)) return false;
  switch (value.type) {
    case 'graph':
      return isMeshGraph(value.graph);
    case 'focusCluster':
      return isNonEmptyString(value.cluster);
    case 'theme':
      return typeof value.kind === 'string' && THEME_KINDS.includes(value.kind);
    case 'status':
      return value.message === null || typeof value.message === 'string';
    default:
      return false;
  }
}

/** The shape the view relies on (ids, kinds, parents, edges); the rest is display text. */
export function isMeshGraph(value: unknown): value is MeshGraph {
  if (!isRecord(value) || !isFiniteNumber(value.version)) return false;
  if (!Array.isArray(value.nodes) || !Array.isArray(value.edges)) return false;
  if (!(value.problem === null || typeof value.problem === 'string')) return false;
  const nodesOk = value.nodes.every(
    (node: unknown) =>
      isRecord(node) &&
      isNonEmptyString(node.id) &&
      typeof node.kind === 'string' &&
      typeof node.label === 'string' &&
      typeof node.health === 'string' &&
      (node.parent === undefined || typeof node.parent === 'string'),
  );
  const edgesOk = value.edges.every(
    (edge: unknown) =>
      isRecord(edge) &&
      isNonEmptyString(edge.id) &&
      isNonEmptyString(edge.source) &&
      isNonEmptyString(edge.target) &&
      typeof edge.kind === 'string',
  );
  return nodesOk && edgesOk;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isNonEmptyString(value: unknown): value is string {
  return typeof value === 'string' && value.length > 0;
}

function isFiniteNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}
