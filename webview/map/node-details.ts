/**
 * The tooltip of a map node: role and revision, health with its reason, the drifted objects (each with a
 * button opening its live copy) and any other problem. Shown on hover; pinned while the node is selected,
 * so its buttons can be reached. Built with DOM calls and textContent only: names come from clusters.
 */
import type { MeshGraphNode } from '../../protocol/requests';
import { driftText, healthText, roleText, waypointText } from './node-text';

/** A node's box in rendered pixels, relative to the map. */
export interface Box {
  readonly x1: number;
  readonly y1: number;
  readonly x2: number;
  readonly y2: number;
}

export interface DetailsActions {
  openLive(uri: string): void;
  revealCluster(cluster: string): void;
}

export class NodeDetails {
  private pinned: string | null = null;

  /** `element` is positioned over `area` (the map), whose box it stays inside. */
  constructor(
    private readonly element: HTMLElement,
    private readonly area: HTMLElement,
    private readonly actions: DetailsActions,
  ) {}

  /** Hover: show unless another node's details are pinned. */
  hover(node: MeshGraphNode | undefined, box: Box | null): void {
    if (this.pinned !== null) return;
    if (!node || !box) {
      this.element.hidden = true;
      return;
    }
    this.show(node, box);
    // A hover tooltip is information only: the pointer goes through it to the map.
    this.element.style.pointerEvents = 'none';
  }

  pin(node: MeshGraphNode | undefined, box: Box | null): void {
    this.pinned = null;
    if (!node || !box) {
      this.element.hidden = true;
      return;
    }
    this.show(node, box);
    this.element.style.pointerEvents = 'auto';
    this.pinned = node.id;
  }

  unpin(): void {
    this.pinned = null;
    this.element.hidden = true;
  }

  /** The pinned node changed (a new graph): redraw its details, or drop them if it is gone. */
  refresh(lookup: (id: string) => MeshGraphNode | undefined, box: (id: string) => Box | null): void {
    if (this.pinned === null) return;
    const node = lookup(this.pinned);
    const where = box(this.pinned);
    if (!node || !where) this.unpin();
    else this.show(node, where);
  }

  private show(node: MeshGraphNode, box: Box): void {
    const root = this.element;
    root.replaceChildren();
    root.append(heading(node));
    const lines: string[] = [];
    if (node.kind === 'cluster' || node.kind === 'controlPlane') lines.push(roleText(node));
    if (node.kind === 'cluster') lines.push(`network ${node.network ?? '(default)'}`);
    if (node.kind !== 'network') lines.push(healthText(node));
    else lines.push(`worst health inside: ${healthText(node)}`);
    for (const address of node.addresses ?? []) lines.push(address);
    if (node.kind === 'cluster' && node.waypoints && node.waypoints.length > 0) {
      lines.push(`${waypointText(node)}: ${node.waypoints.join(', ')}`);
    }
    if (node.kind === 'cluster') lines.push(driftText(node));
    for (const line of lines) root.append(paragraph(line));

    if (node.drifted && node.drifted.length > 0) {
      const list = document.createElement('ul');
      list.className = 'drifted';
      for (const drifted of node.drifted) {
        const item = document.createElement('li');
        const against = drifted.comparedWith ? ` (vs ${drifted.comparedWith})` : '';
        const fields = drifted.fields.length > 0 ? `: ${drifted.fields.join(', ')}` : '';
        item.append(`${drifted.resource} ${drifted.kind}${against}${fields}`);
        if (drifted.liveUri) {
          const uri = drifted.liveUri;
          item.append(
            ' ',
            button('Open live copy', () => this.actions.openLive(uri)),
          );
        }
        list.append(item);
      }
      root.append(list);
    }
    for (const problem of node.problems ?? []) root.append(paragraph(problem, 'problem'));
    if (node.cluster && (node.kind === 'cluster' || node.kind === 'controlPlane')) {
      const cluster = node.cluster;
      root.append(
        button(`Reveal ${cluster} in the Topology view`, () => this.actions.revealCluster(cluster)),
      );
    }
    root.hidden = false;
    place(root, this.area, box);
  }
}

function heading(node: MeshGraphNode): HTMLElement {
  const element = document.createElement('h3');
  const kind = { network: 'network', cluster: 'cluster', controlPlane: 'control plane', gateway: 'gateways' }[
    node.kind
  ];
  element.textContent = `${node.label.split('\n')[0] ?? node.label} — ${kind}`;
  return element;
}

function paragraph(text: string, className?: string): HTMLElement {
  const element = document.createElement('p');
  element.textContent = text;
  if (className) element.className = className;
  return element;
}

function button(text: string, onClick: () => void): HTMLButtonElement {
  const element = document.createElement('button');
  element.type = 'button';
  element.textContent = text;
  element.addEventListener('click', onClick);
  return element;
}

/**
 * Beside the node, inside the map, never over it (a click on the node must reach the node): right of it
 * if there is room, else left, else below or above; clamped to the map only as a last resort.
 */
function place(element: HTMLElement, area: HTMLElement, box: Box): void {
  const width = element.offsetWidth;
  const height = element.offsetHeight;
  const maxX = Math.max(8, area.clientWidth - width - 8);
  const maxY = Math.max(8, area.clientHeight - height - 8);
  const clampX = (x: number): number => Math.min(Math.max(8, x), maxX);
  const clampY = (y: number): number => Math.min(Math.max(8, y), maxY);
  const right = box.x2 + 12;
  const left = box.x1 - width - 12;
  const below = box.y2 + 12;
  const above = box.y1 - height - 12;
  let x: number;
  let y: number;
  if (right <= maxX) [x, y] = [right, clampY(box.y1)];
  else if (left >= 8) [x, y] = [left, clampY(box.y1)];
  else if (below <= maxY) [x, y] = [clampX(box.x1), below];
  else if (above >= 8) [x, y] = [clampX(box.x1), above];
  else [x, y] = [clampX(left), clampY(box.y1)];
  element.style.left = `${x}px`;
  element.style.top = `${y}px`;
}
