/**
 * Owns the cytoscape instance of the mesh map: draws a graph, lays it out with fcose (a force-directed
 * layout that understands compound nodes, so networks stay boxes around their clusters), and updates it
 * without losing the user's place: a graph whose structure is unchanged (only health, drift or text moved)
 * is restyled in place, and a changed one is laid out again starting from the current positions, keeping
 * the zoom the user chose.
 */
import cytoscape, {
  type Core,
  type ElementDefinition,
  type EventObject,
  type NodeSingular,
  type Position,
} from 'cytoscape';
import fcose from 'cytoscape-fcose';
import type { MeshGraph } from '../../protocol/requests';
import { graphElements, structureKey } from './graph-elements';
import type { SavedViewState } from './host-channel';
import { mapStylesheet } from './map-style';
import type { Palette } from './theme-palette';

cytoscape.use(fcose);

export interface MapViewEvents {
  /** A cluster (or a control plane, standing for its cluster) was clicked. */
  picked(nodeId: string, cluster: string | undefined): void;
  /** The background was clicked. */
  cleared(): void;
  /** The pointer is over a node (its position in the container), or over none (null). */
  hovered(nodeId: string | null, at: Position | null): void;
  /** Positions or viewport changed: worth saving. */
  moved(): void;
}

export interface RenderOutcome {
  /** Milliseconds spent in the layout; 0 when the positions were kept or restored. */
  readonly layoutMs: number;
  readonly laidOut: boolean;
}

/** What the tests and the benchmark read back: where cytoscape put each node. */
export interface RenderedNode {
  readonly id: string;
  readonly parent: string | null;
  readonly classes: readonly string[];
  /** Bounding box in rendered (screen) pixels, relative to the map container. */
  readonly box: { readonly x1: number; readonly y1: number; readonly x2: number; readonly y2: number };
  /** The border colour cytoscape draws (`rgb(...)`): health, from the theme. */
  readonly borderColour: string;
  readonly selected: boolean;
}

const PADDING = 30;

export class MeshMapView {
  private readonly cy: Core;
  private structure: string | null = null;
  /** True once the user zoomed or panned: updates then keep their viewport instead of fitting. */
  private userViewport = false;

  constructor(container: HTMLElement, palette: Palette, events: MapViewEvents) {
    this.cy = cytoscape({
      container,
      style: mapStylesheet(palette),
      minZoom: 0.1,
      maxZoom: 4,
      boxSelectionEnabled: false,
      selectionType: 'single',
    });
    this.cy.on('tap', 'node', (event: EventObject) => {
      const node = event.target as NodeSingular;
      const cluster = node.data('cluster') as string | undefined;
      events.picked(node.id(), cluster);
    });
    this.cy.on('tap', (event: EventObject) => {
      if (event.target === this.cy) events.cleared();
    });
    this.cy.on('mouseover', 'node', (event: EventObject) =>
      events.hovered((event.target as NodeSingular).id(), event.renderedPosition),
    );
    this.cy.on('mouseout', 'node', () => events.hovered(null, null));
    this.cy.on('dragpan scrollzoom pinchzoom', () => {
      this.userViewport = true;
    });
    this.cy.on('viewport dragfree', () => events.moved());
  }

  setPalette(palette: Palette): void {
    this.cy.style(mapStylesheet(palette));
  }

  async render(graph: MeshGraph, saved?: SavedViewState): Promise<RenderOutcome> {
    const key = structureKey(graph);
    const elements = graphElements(graph);
    if (key === this.structure) {
      this.cy.batch(() => this.updateInPlace(elements));
      return { layoutMs: 0, laidOut: false };
    }
    this.cy.batch(() => this.replaceStructure(elements));
    this.structure = key;
    if (saved && saved.structure === key && this.restore(saved)) return { layoutMs: 0, laidOut: false };
    const positioned = this.cy.nodes(':childless').filter((node) => node.scratch('_meshPlaced') === true);
    const randomize = positioned.length < this.cy.nodes(':childless').length / 2;
    const layoutMs = await this.layout(randomize, !this.userViewport);
    return { layoutMs, laidOut: true };
  }

  fit(): void {
    this.userViewport = false;
    this.cy.fit(undefined, PADDING);
  }

  async relayout(): Promise<number> {
    this.userViewport = false;
    return this.layout(true, true);
  }

  /** The node's box in rendered pixels, for placing the tooltip. */
  renderedBox(id: string): RenderedNode['box'] | null {
    const node = this.cy.getElementById(id);
    return node.empty() ? null : node.renderedBoundingBox({});
  }

  /** Selects a node and brings it to the middle, zoomed in enough to read (a deliberate viewport). */
  focus(id: string): void {
    const node = this.cy.getElementById(id);
    if (node.empty()) return;
    this.select(id);
    this.userViewport = true;
    this.cy.zoom({ level: Math.max(this.cy.zoom(), 1), renderedPosition: node.renderedPosition() });
    this.cy.center(node);
  }

  select(id: string | null): void {
    this.cy.nodes(':selected').unselect();
    if (id !== null) this.cy.getElementById(id).select();
  }

  viewState(): SavedViewState {
    const positions: Record<string, Position> = {};
    this.cy.nodes(':childless').forEach((node) => {
      positions[node.id()] = { ...node.position() };
    });
    return {
      structure: this.structure ?? '',
      positions,
      zoom: this.cy.zoom(),
      pan: { ...this.cy.pan() },
      userViewport: this.userViewport,
    };
  }

  renderedNodes(): RenderedNode[] {
    return this.cy.nodes().map((node) => ({
      id: node.id(),
      parent: node.isChild() ? node.parent().first().id() : null,
      classes: node.classes(),
      box: node.renderedBoundingBox({}),
      borderColour: String(node.style('border-color')),
      selected: node.selected(),
    }));
  }

  zoom(): number {
    return this.cy.zoom();
  }

  private updateInPlace(elements: readonly ElementDefinition[]): void {
    for (const definition of elements)
      this.update(this.cy.getElementById(definition.data.id ?? ''), definition);
  }

  /** Restyling costs per element: only those whose text or classes changed are touched. */
  private update(element: cytoscape.CollectionReturnValue, definition: ElementDefinition): void {
    const signature = JSON.stringify([definition.data, definition.classes]);
    if (element.scratch('_meshSignature') === signature) return;
    element.scratch('_meshSignature', signature);
    element.data(definition.data);
    element.classes(definition.classes ?? []);
  }

  /** Removes what is gone (or moved to another box), adds what is new, updates the rest. */
  private replaceStructure(elements: readonly ElementDefinition[]): void {
    const wanted = new Map(elements.map((definition) => [definition.data.id ?? '', definition]));
    this.cy.elements().forEach((element) => {
      if (element.removed()) return; // a box removed before its children
      const definition = wanted.get(element.id());
      const parentChanged =
        element.isNode() && definition && (element.data('parent') ?? undefined) !== definition.data.parent;
      if (!definition || parentChanged) element.remove();
    });
    const added: ElementDefinition[] = [];
    for (const definition of elements) {
      const element = this.cy.getElementById(definition.data.id ?? '');
      if (element.empty()) added.push(definition);
      else this.update(element, definition);
    }
    const fresh = this.cy.add(added);
    fresh.forEach((element) => {
      const definition = wanted.get(element.id());
      element.scratch('_meshSignature', JSON.stringify([definition?.data, definition?.classes]));
    });
    // New nodes start in the middle of their box (if it already has a place), so an incremental
    // layout moves them a little instead of flinging them across the map.
    fresh.nodes(':childless').forEach((node, index) => {
      const siblings = node.isChild()
        ? node
            .parent()
            .first()
            .children()
            .filter((sibling) => sibling.scratch('_meshPlaced') === true)
        : this.cy.collection();
      const centre = siblings.nonempty() ? siblings.boundingBox({}) : null;
      const jitter = ((index % 7) - 3) * 12;
      node.position(
        centre
          ? { x: (centre.x1 + centre.x2) / 2 + jitter, y: (centre.y1 + centre.y2) / 2 - jitter }
          : { x: jitter, y: -jitter },
      );
    });
  }

  private restore(saved: SavedViewState): boolean {
    const nodes = this.cy.nodes(':childless');
    let complete = true;
    nodes.forEach((node) => {
      if (saved.positions[node.id()] === undefined) complete = false;
    });
    if (!complete) return false;
    nodes.forEach((node) => {
      const position = saved.positions[node.id()];
      if (position) node.position(position);
      node.scratch('_meshPlaced', true);
    });
    this.userViewport = saved.userViewport;
    this.cy.viewport({ zoom: saved.zoom, pan: saved.pan });
    return true;
  }

  private async layout(randomize: boolean, fit: boolean): Promise<number> {
    const started = performance.now();
    const layout = this.cy.layout({
      name: 'fcose',
      quality: 'default',
      randomize,
      animate: false,
      fit,
      padding: PADDING,
      nodeDimensionsIncludeLabels: true,
      packComponents: true,
      nodeRepulsion: () => 4500,
      // East-west links join gateways in different boxes: long and slack, so they do not drag each
      // gateway out to the middle (stretching its box); the rest keep a control plane near its clusters.
      idealEdgeLength: (edge: cytoscape.EdgeSingular) => (edge.hasClass('eastWest') ? 160 : 60),
      edgeElasticity: (edge: cytoscape.EdgeSingular) => (edge.hasClass('eastWest') ? 0.02 : 0.45),
      nestingFactor: 0.1,
      gravity: 0.25,
      gravityCompound: 1.5,
      tile: true,
    } as cytoscape.LayoutOptions);
    const stopped = layout.promiseOn('layoutstop');
    layout.run();
    await stopped;
    this.cy.nodes(':childless').forEach((node) => {
      node.scratch('_meshPlaced', true);
    });
    return performance.now() - started;
  }
}
