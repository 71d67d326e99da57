/**
 * The map in words: every network with its clusters (role, revision, health, drift), and a button per
 * cluster that reveals it in the Topology view. Screen readers get what the canvas cannot say, keyboard
 * users get the clicks, and tests read the mesh's shape from it (`li[data-network] li[data-cluster]`).
 */
import type { MeshGraph, MeshGraphNode } from '../../protocol/requests';
import { driftText, healthText, roleText, waypointText } from './node-text';

export function renderSummary(
  element: HTMLElement,
  graph: MeshGraph,
  revealCluster: (cluster: string) => void,
): void {
  const networks = graph.nodes.filter((node) => node.kind === 'network');
  const clusters = graph.nodes.filter((node) => node.kind === 'cluster');
  const heading = document.createElement('h2');
  heading.textContent = 'Networks and clusters';
  const overview = document.createElement('p');
  overview.id = 'summary-overview';
  const drifted = clusters.filter((cluster) => cluster.drift > 0).length;
  const unhealthy = clusters.filter((cluster) => cluster.health !== 'ok').length;
  overview.textContent =
    graph.problem ??
    (clusters.length === 0
      ? 'No clusters yet.'
      : `${count(clusters.length, 'cluster')} in ${count(networks.length, 'network')}` +
        `; ${unhealthy === 0 ? 'all in sync' : `${count(unhealthy, 'cluster')} not in sync`}` +
        `; ${drifted === 0 ? 'no drift' : `${count(drifted, 'cluster')} with drift`}.`);

  const list = document.createElement('ul');
  list.className = 'networks';
  for (const network of networks) {
    const item = document.createElement('li');
    item.dataset.network = network.network ?? '';
    const name = document.createElement('span');
    name.className = 'network-name';
    name.textContent = network.label;
    item.append(name, ` (${healthText(network)})`);
    for (const problem of network.problems ?? []) item.append(problemLine(problem));
    const members = document.createElement('ul');
    for (const cluster of clusters.filter((node) => node.parent === network.id)) {
      members.append(clusterItem(cluster, revealCluster));
    }
    item.append(members);
    list.append(item);
  }
  element.replaceChildren(heading, overview, list);
}

function clusterItem(cluster: MeshGraphNode, revealCluster: (cluster: string) => void): HTMLElement {
  const item = document.createElement('li');
  const name = cluster.cluster ?? cluster.label;
  item.dataset.cluster = name;
  item.dataset.health = cluster.health;
  item.dataset.drift = String(cluster.drift);
  const reveal = document.createElement('button');
  reveal.type = 'button';
  reveal.className = 'reveal';
  reveal.textContent = name;
  reveal.title = `Reveal ${name} in the Topology view`;
  reveal.addEventListener('click', () => revealCluster(name));
  const details = document.createElement('span');
  details.className = 'cluster-details';
  const waypoints = waypointText(cluster);
  details.textContent = `: ${roleText(cluster)}; ${healthText(cluster)}; ${driftText(cluster)}${waypoints ? `; ${waypoints}` : ''}`;
  item.append(reveal, details);
  for (const problem of cluster.problems ?? []) item.append(problemLine(problem));
  return item;
}

function problemLine(text: string): HTMLElement {
  const element = document.createElement('div');
  element.className = 'problem';
  element.textContent = text;
  return element;
}

function count(value: number, noun: string): string {
  return `${value} ${noun}${value === 1 ? '' : 's'}`;
}
