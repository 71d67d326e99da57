/**
 * The mesh map webview's HTML: a strict Content-Security-Policy with a fresh nonce per render, the
 * bundled script and stylesheet from dist/webview (through `asWebviewUri`, done by the caller), and the
 * static parts of the page (toolbar, legend, the accessible summary the script fills in). No `vscode`
 * import: the benchmark renders the same page in a plain browser.
 *
 * Why the policy allows what it does:
 * - scripts: only the one carrying the nonce (no inline handlers, no eval; cytoscape and fcose need none);
 * - styles: our stylesheet (cspSource) and nonce'd style elements. Cytoscape inserts one `<style>` of its
 *   own when the first graph is created, unless an element with its id exists: the page ships that
 *   element, with the nonce and the same rule, so nothing is refused;
 * - images: cspSource and `data:` (cytoscape's PNG export, unused today, and VS Code's own icons);
 * - nothing remote: no connect-src, font-src or frame-src at all.
 */
import { randomBytes } from 'node:crypto';

export interface MeshMapPageResources {
  /** `webview.cspSource` */
  readonly cspSource: string;
  /** The webview URI of dist/webview/map.js */
  readonly scriptUri: string;
  /** The webview URI of dist/webview/map.css */
  readonly styleUri: string;
  /** Defaults to a fresh random nonce; tests pass their own. */
  readonly nonce?: string;
}

/** Cytoscape's own stylesheet id and container class (cytoscape/src/extensions/renderer/base). */
const CYTOSCAPE_STYLESHEET_ID = '__________cytoscape_stylesheet';
const CYTOSCAPE_CONTAINER_CLASS = '__________cytoscape_container';

export function createNonce(): string {
  // 128 bits; base64 is what CSP nonces are written in.
  return randomBytes(16).toString('base64');
}

export function contentSecurityPolicy(cspSource: string, nonce: string): string {
  return [
    "default-src 'none'",
    `img-src ${cspSource} data:`,
    `style-src ${cspSource} 'nonce-${nonce}'`,
    `script-src 'nonce-${nonce}'`,
  ].join('; ');
}

export function meshMapHtml(resources: MeshMapPageResources): string {
  const nonce = resources.nonce ?? createNonce();
  const csp = contentSecurityPolicy(resources.cspSource, nonce);
  return `<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="UTF-8">
  <meta http-equiv="Content-Security-Policy" content="${attribute(csp)}">
  <meta name="viewport" content="width=device-width, initial-scale=1.0">
  <link rel="stylesheet" href="${attribute(resources.styleUri)}">
  <style id="${CYTOSCAPE_STYLESHEET_ID}" nonce="${attribute(nonce)}">.${CYTOSCAPE_CONTAINER_CLASS} { position: relative; }</style>
  <title>Mesh Map</title>
</head>
<body>
  <header class="toolbar" role="toolbar" aria-label="Mesh map actions">
    <button id="fit" type="button" title="Fit the whole mesh in the view">Fit</button>
    <button id="relayout" type="button" title="Lay the graph out again">Re-layout</button>
    <button id="refresh" type="button" title="Ask the language server for the graph again">Refresh</button>
    <span id="status" role="status" aria-live="polite">Waiting for the topology…</span>
  </header>
  <main>
    <div id="map" role="img" aria-label="Mesh map: networks as boxes holding their clusters. The list beside it says the same in text."></div>
    <aside id="side">
      <section id="legend" aria-label="Legend">
        <h2>Legend</h2>
        <ul>
          <li><span class="swatch health-ok"></span>in sync</li>
          <li><span class="swatch health-stale"></span>stale or partial</li>
          <li><span class="swatch health-unreachable"></span>unreachable</li>
          <li><span class="swatch health-unknown"></span>not read yet</li>
          <li><span class="swatch drift"></span>config drift between primaries</li>
          <li><span class="line serves"></span>control plane serves cluster</li>
          <li><span class="line east-west"></span>east-west gateway link</li>
          <li><span class="line remote-secret"></span>remote secret across unlinked networks</li>
          <li><span class="line trust"></span>trust problem: no common root, failing remote secret (codes on the line)</li>
        </ul>
        <p class="hint">Shapes: cluster ▭, istiod ⬡, east-west gateway ◇. Click a cluster to reveal it in the Topology view.</p>
      </section>
      <section id="summary" aria-label="Networks and clusters"></section>
    </aside>
    <div id="details" role="tooltip" hidden></div>
  </main>
  <script nonce="${attribute(nonce)}" src="${attribute(resources.scriptUri)}"></script>
</body>
</html>
`;
}

function attribute(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
