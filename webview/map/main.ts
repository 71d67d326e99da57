/**
 * The mesh map webview's entry point (bundled to dist/webview/map.js): connects the host channel, the
 * cytoscape view, the tooltip, the accessible summary and the toolbar, and re-reads the theme's colours
 * when VS Code changes them. Graphs are drawn one at a time, the latest winning, so a burst of topology
 * changes costs one layout.
 */
import './map.css';
import type { MeshGraph, MeshGraphNode } from '../../protocol/requests';
import { HostChannel } from './host-channel';
import { renderSummary } from './map-summary';
import { MeshMapView, type RenderedNode } from './mesh-map-view';
import { NodeDetails } from './node-details';
import { readPalette } from './theme-palette';

/** What the e2e tests and the benchmark read back (`window.meshMap`). */
export interface MeshMapProbe {
  /** The version of the graph on screen; null before the first. */
  readonly version: number | null;
  readonly zoom: number;
  readonly nodes: readonly RenderedNode[];
  /** Content-Security-Policy refusals seen by this page (there should be none). */
  readonly cspViolations: readonly string[];
}

declare global {
  interface Window {
    meshMap?: { state(): MeshMapProbe };
  }
}

const channel = new HostChannel();
const cspViolations: string[] = [];
document.addEventListener('securitypolicyviolation', (event) => {
  cspViolations.push(`${event.effectiveDirective}: ${event.blockedURI || 'inline'}`);
  channel.post({ type: 'cspViolation', directive: event.effectiveDirective, blocked: event.blockedURI });
});

const element = (id: string): HTMLElement => {
  const found = document.getElementById(id);
  if (!found) throw new Error(`the mesh map page has no #${id}`);
  return found;
};
const status = element('status');
const summary = element('summary');

let shown: MeshGraph | null = null;
let nodesById = new Map<string, MeshGraphNode>();
let pending: MeshGraph | null = null;
let pendingSince = 0;
let drawing: Promise<void> = Promise.resolve();
let saveTimer: number | undefined;

const revealCluster = (cluster: string): void => channel.post({ type: 'revealCluster', cluster });
const details = new NodeDetails(element('details'), element('map'), {
  openLive: (uri) => channel.post({ type: 'openLive', uri }),
  revealCluster,
});
const view = new MeshMapView(element('map'), readPalette(), {
  picked: (id, cluster) => {
    const node = nodesById.get(id);
    view.select(id);
    details.pin(node, view.renderedBox(id));
    if (cluster && (node?.kind === 'cluster' || node?.kind === 'controlPlane')) revealCluster(cluster);
  },
  cleared: () => {
    view.select(null);
    details.unpin();
  },
  hovered: (id) =>
    details.hover(id === null ? undefined : nodesById.get(id), id === null ? null : view.renderedBox(id)),
  moved: () => {
    // Saved a little after the last move: VS Code restores it when the hidden panel is shown again.
    window.clearTimeout(saveTimer);
    saveTimer = window.setTimeout(() => channel.saveState(view.viewState()), 250);
  },
});

function show(graph: MeshGraph): void {
  pending = graph;
  pendingSince = performance.now();
  drawing = drawing.then(drawPending).catch((error: unknown) => {
    status.textContent = `Drawing the map failed: ${error instanceof Error ? error.message : String(error)}`;
  });
}

async function drawPending(): Promise<void> {
  const graph = pending;
  const arrived = pendingSince;
  pending = null;
  if (graph === null) return;
  const saved = shown === null ? channel.savedState() : undefined;
  const outcome = await view.render(graph, saved);
  shown = graph;
  nodesById = new Map(graph.nodes.map((node) => [node.id, node]));
  details.refresh(
    (id) => nodesById.get(id),
    (id) => view.renderedBox(id),
  );
  renderSummary(summary, graph, revealCluster);
  status.textContent = statusLine(graph);
  document.body.dataset.graphVersion = String(graph.version);
  channel.saveState(view.viewState());
  channel.post({
    type: 'rendered',
    version: graph.version,
    nodes: graph.nodes.length,
    edges: graph.edges.length,
    layoutMs: Math.round(outcome.layoutMs),
    drawMs: Math.round(performance.now() - arrived),
  });
}

/** Selects and centres a cluster (the Topology view's "Reveal in Mesh Map"), and pins its details. */
function focusCluster(cluster: string): void {
  const node = [...nodesById.values()].find(
    (candidate) => candidate.kind === 'cluster' && candidate.cluster === cluster,
  );
  if (!node) {
    status.textContent = `Cluster ${cluster} is not in the map (not among the watched clusters).`;
    return;
  }
  view.focus(node.id);
  details.pin(node, view.renderedBox(node.id));
}

function statusLine(graph: MeshGraph): string {
  if (graph.problem) return graph.problem;
  const clusters = graph.nodes.filter((node) => node.kind === 'cluster').length;
  if (clusters === 0) return 'No clusters yet: Meshwright is reading the kubeconfig (meshwright.kubeconfig).';
  const networks = graph.nodes.filter((node) => node.kind === 'network').length;
  return `${clusters} cluster${clusters === 1 ? '' : 's'} in ${networks} network${networks === 1 ? '' : 's'} (snapshot ${graph.version})`;
}

/** VS Code rewrites the theme variables and the body class on a theme change: restyle once per frame. */
let repaintQueued = false;
function repaint(): void {
  if (repaintQueued) return;
  repaintQueued = true;
  requestAnimationFrame(() => {
    repaintQueued = false;
    view.setPalette(readPalette());
  });
}
const themeObserver = new MutationObserver(repaint);
themeObserver.observe(document.body, { attributes: true, attributeFilter: ['class'] });
themeObserver.observe(document.documentElement, { attributes: true, attributeFilter: ['style'] });

channel.listen((message) => {
  switch (message.type) {
    case 'graph':
      show(message.graph);
      break;
    case 'focusCluster':
      drawing = drawing.then(() => focusCluster(message.cluster));
      break;
    case 'theme':
      repaint();
      break;
    case 'status':
      status.textContent = message.message ?? (shown ? statusLine(shown) : '');
      break;
  }
});

element('fit').addEventListener('click', () => view.fit());
element('relayout').addEventListener('click', () => {
  drawing = drawing.then(async () => {
    await view.relayout();
    channel.saveState(view.viewState());
  });
});
element('refresh').addEventListener('click', () => channel.post({ type: 'refresh' }));
document.addEventListener('keydown', (event) => {
  if (event.key === 'Escape') {
    view.select(null);
    details.unpin();
  }
});

window.meshMap = {
  state: () => ({
    version: shown?.version ?? null,
    zoom: view.zoom(),
    nodes: view.renderedNodes(),
    cspViolations: [...cspViolations],
  }),
};

channel.post({ type: 'ready' });
