/**
 * The mesh map's host/webview contract without a browser: the message guards on both sides, the page's
 * Content-Security-Policy, and the mapping of the server's graph onto cytoscape elements.
 */
import assert from 'node:assert/strict';
import { isHostToViewMessage, isViewToHostMessage } from '../../protocol/map-messages';
import { contentSecurityPolicy, createNonce, meshMapHtml } from '../../client/src/map/mesh-map-html';
import { buildMeshGraph } from '../../server/src/views/mesh-graph';
import { demoDirectory } from '../../simulator/src/index';
import { graphElements, structureKey } from '../../webview/map/graph-elements';
import { snapshotOfDirectories } from './support/cluster-state-snapshots';

const demoGraph = buildMeshGraph({ snapshot: snapshotOfDirectories(demoDirectory()) });

describe('mesh map messages', () => {
  it('accepts every well-formed message from the webview', () => {
    for (const message of [
      { type: 'ready' },
      { type: 'refresh' },
      { type: 'revealCluster', cluster: 'east' },
      { type: 'openLive', uri: 'meshwright:/east/DestinationRule/bookinfo/ratings.yaml' },
      { type: 'rendered', version: 3, nodes: 9, edges: 4, layoutMs: 12, drawMs: 20 },
      { type: 'cspViolation', directive: 'style-src-elem', blocked: 'inline' },
    ]) {
      assert.ok(isViewToHostMessage(message), JSON.stringify(message));
    }
  });

  it('refuses what a page must not make the host do, and anything malformed', () => {
    for (const message of [
      null,
      'ready',
      [],
      { type: 'evaluate', code: '1' },
      { type: 'revealCluster' },
      { type: 'revealCluster', cluster: '' },
      { type: 'revealCluster', cluster: 7 },
      // Only Meshwright's read-only live documents may be opened from the page.
      { type: 'openLive', uri: 'file:///etc/passwd' },
      { type: 'openLive', uri: 'command:workbench.action.terminal.new' },
      { type: 'openLive', uri: 'meshwright:/east/../../x.yaml/y' },
      { type: 'rendered', version: '3', nodes: 9, edges: 4, layoutMs: 12, drawMs: 20 },
      { type: 'rendered', version: 3, nodes: Number.NaN, edges: 4, layoutMs: 12, drawMs: 20 },
      { type: 'rendered', version: 3, nodes: 9, edges: 4, layoutMs: 12 },
    ]) {
      assert.equal(isViewToHostMessage(message), false, JSON.stringify(message));
    }
  });

  it('lets the webview check what the host sends', () => {
    assert.ok(isHostToViewMessage({ type: 'graph', graph: demoGraph }));
    assert.ok(isHostToViewMessage({ type: 'theme', kind: 'highContrastLight' }));
    assert.ok(isHostToViewMessage({ type: 'status', message: null }));
    assert.ok(isHostToViewMessage({ type: 'status', message: 'the language server is not running' }));
    assert.equal(isHostToViewMessage({ type: 'theme', kind: 'sepia' }), false);
    assert.equal(
      isHostToViewMessage({ type: 'graph', graph: { ...demoGraph, nodes: [{ id: 'x' }] } }),
      false,
    );
    assert.equal(
      isHostToViewMessage({ type: 'graph', graph: { ...demoGraph, edges: [{ id: 'e', source: 'a' }] } }),
      false,
    );
    assert.equal(isHostToViewMessage({ type: 'graph', graph: { ...demoGraph, version: 'v1' } }), false);
  });
});

describe('mesh map page', () => {
  const nonce = 'bm9uY2Utb2YtdGhlLXRlc3Q=';
  const html = meshMapHtml({
    cspSource: 'https://file+.vscode-resource.vscode-cdn.net',
    scriptUri: 'https://file+.vscode-resource.vscode-cdn.net/ext/dist/webview/map.js',
    styleUri: 'https://file+.vscode-resource.vscode-cdn.net/ext/dist/webview/map.css',
    nonce,
  });

  it('declares a strict Content-Security-Policy: nothing by default, scripts only by nonce', () => {
    const policy = contentSecurityPolicy('https://file+.vscode-resource.vscode-cdn.net', nonce);
    assert.equal(
      policy,
      "default-src 'none'; img-src https://file+.vscode-resource.vscode-cdn.net data:; " +
        `style-src https://file+.vscode-resource.vscode-cdn.net 'nonce-${nonce}'; script-src 'nonce-${nonce}'`,
    );
    assert.ok(html.includes(`<meta http-equiv="Content-Security-Policy" content="${policy}">`));
    assert.doesNotMatch(html, /unsafe-(inline|eval)/);
  });

  it('loads its one script and stylesheet from the extension, with the nonce, and nothing remote', () => {
    const scripts = [...html.matchAll(/<script\b[^>]*>/g)].map((match) => match[0]);
    assert.deepEqual(scripts, [
      `<script nonce="${nonce}" src="https://file+.vscode-resource.vscode-cdn.net/ext/dist/webview/map.js">`,
    ]);
    const urls = [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((match) => match[1]);
    assert.ok(
      urls.every((url) => url?.startsWith('https://file+.vscode-resource.vscode-cdn.net/ext/dist/webview/')),
    );
    assert.doesNotMatch(html, /\son[a-z]+=/i, 'no inline event handlers');
    assert.doesNotMatch(html, /style="/, 'no inline style attributes');
  });

  it("ships cytoscape's stylesheet element, nonce'd, so cytoscape inserts no un-nonced style", () => {
    assert.match(
      html,
      new RegExp(
        `<style id="__________cytoscape_stylesheet" nonce="${nonce}">\\.__________cytoscape_container \\{ position: relative; \\}</style>`,
      ),
    );
  });

  it('has the accessible summary and the legend for the script to fill', () => {
    assert.match(html, /<section id="summary" aria-label="Networks and clusters">/);
    assert.match(html, /<section id="legend" aria-label="Legend">/);
    assert.match(html, /<div id="map" role="img" aria-label="[^"]+">/);
  });

  it('makes a new 128-bit nonce each time', () => {
    const nonces = new Set(Array.from({ length: 20 }, createNonce));
    assert.equal(nonces.size, 20);
    for (const value of nonces) assert.equal(Buffer.from(value, 'base64').length, 16);
  });
});

describe('mesh graph to cytoscape elements', () => {
  const elements = graphElements(demoGraph);
  const byId = new Map(elements.map((element) => [element.data.id, element]));

  it('keeps the boxes (parents) and the node kinds, and classes health and drift', () => {
    assert.equal(byId.get('cluster:east')?.data.parent, 'network:net1');
    assert.equal(byId.get('network:net1')?.data.parent, undefined);
    assert.deepEqual(byId.get('cluster:east')?.classes, ['cluster', 'health-ok', 'drifted']);
    assert.deepEqual(byId.get('cluster:edge')?.classes, ['cluster', 'health-ok']);
    // east runs the demo's waypoint (namespace ambient-demo).
    assert.equal(byId.get('cluster:east')?.data.label, 'east\nprimary\n1 waypoint\ndrift 2');
    assert.equal(byId.get('cluster:east')?.data.cluster, 'east');
    // net2 has a classic and an ambient east-west gateway.
    assert.equal(byId.get('gateway:net2')?.data.label, 'east-west gateway\n2 gateways');
    const link = elements.find((element) => element.data.source === 'gateway:net1');
    assert.deepEqual([link?.data.target, link?.classes], ['gateway:net2', ['eastWest']]);
    assert.equal(elements.filter((element) => element.group === 'nodes').length, demoGraph.nodes.length);
    assert.equal(elements.filter((element) => element.group === 'edges').length, demoGraph.edges.length);
  });

  it('draws a trust problem as a trust edge labelled with its codes, classed by severity', () => {
    const trust = {
      ...demoGraph,
      edges: [
        ...demoGraph.edges,
        {
          id: 'trust:east->edge',
          source: 'cluster:east',
          target: 'cluster:edge',
          kind: 'trust' as const,
          severity: 'warning' as const,
          problems: ['MESH306: east → edge: the token expires in 3 days', 'east → edge: could not be used'],
        },
      ],
    };
    assert.ok(isHostToViewMessage({ type: 'graph', graph: trust }), 'the page accepts trust edges');
    const edge = graphElements(trust).find((element) => element.data.id === 'trust:east->edge');
    assert.deepEqual(edge?.classes, ['trust', 'warning']);
    assert.equal(edge?.data.label, 'MESH306 trust');
    assert.match(String(edge?.data.problems), /expires in 3 days\neast → edge: could not be used/);
    const plain = graphElements(demoGraph).find((element) => element.group === 'edges');
    assert.equal(plain?.data.label, undefined, 'other edges carry no label');
  });

  it('sizes each node for its label', () => {
    const east = byId.get('cluster:east')?.data;
    assert.ok(east && east.width >= '1 waypoint'.length * 6 && east.height === 4 * 15, JSON.stringify(east));
  });

  it('keeps the layout when only health or drift changed, not when a cluster came or went', () => {
    const unhealthy = {
      ...demoGraph,
      nodes: demoGraph.nodes.map((node) =>
        node.id === 'cluster:west' ? { ...node, health: 'unreachable' as const } : node,
      ),
    };
    assert.equal(structureKey(unhealthy), structureKey(demoGraph));
    const smaller = { ...demoGraph, nodes: demoGraph.nodes.filter((node) => node.id !== 'cluster:edge') };
    assert.notEqual(structureKey(smaller), structureKey(demoGraph));
  });
});
