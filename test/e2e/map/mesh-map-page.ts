/**
 * The mesh map's page (the built dist/webview/map.js and map.css, in the HTML the extension serves, under
 * the same Content-Security-Policy) in headless Chromium without VS Code: a stand-in `acquireVsCodeApi`
 * records what the page posts, and the test plays the host by posting messages to the page. For the
 * page's own tests and the map benchmark; the real-VS-Code test is test/e2e/ui/mesh-map.test.ts.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { type BrowserContext, chromium, type Page } from 'playwright-core';
import type { HostToViewMessage, ViewToHostMessage } from '../../../protocol/map-messages';
import { meshMapHtml } from '../../../client/src/map/mesh-map-html';
import { waitFor } from '../../../tools/e2e/deadline';
import { CHROMIUM_BIN, REPO_ROOT } from '../../../tools/e2e/paths';
import type { MeshMapProbe } from '../../../webview/map/main';

const WEBVIEW_DIST = path.join(REPO_ROOT, 'dist', 'webview');

// The functions passed to page.evaluate run in the page; this Node project has no DOM types, so the
// little of the page they touch is declared here.
interface PageWindow {
  postMessage(message: unknown, targetOrigin: string): void;
  meshMap?: { state(): MeshMapProbe };
  __posted: ViewToHostMessage[];
}
interface PageDocument {
  readonly documentElement: { readonly style: { setProperty(name: string, value: string): void } };
  readonly body: { readonly classList: { add(name: string): void; remove(...names: string[]): void } };
  addEventListener(type: 'DOMContentLoaded', listener: () => void): void;
}
declare const window: PageWindow;
declare const document: PageDocument;

/** A few of the variables VS Code gives a webview, per theme (from its Dark Modern / Light Modern). */
export const THEME_VARIABLES = {
  dark: {
    bodyClass: 'vscode-dark',
    variables: {
      '--vscode-editor-background': '#1f1f1f',
      '--vscode-foreground': '#cccccc',
      '--vscode-charts-green': '#89d185',
      '--vscode-charts-yellow': '#cca700',
      '--vscode-charts-red': '#f14c4c',
      '--vscode-charts-blue': '#3794ff',
      '--vscode-charts-purple': '#b180d7',
      '--vscode-charts-orange': '#d18616',
      '--vscode-font-family': 'system-ui, sans-serif',
    },
  },
  light: {
    bodyClass: 'vscode-light',
    variables: {
      '--vscode-editor-background': '#ffffff',
      '--vscode-foreground': '#3b3b3b',
      '--vscode-charts-green': '#388a34',
      '--vscode-charts-yellow': '#bf8803',
      '--vscode-charts-red': '#e51400',
      '--vscode-charts-blue': '#1a85ff',
      '--vscode-charts-purple': '#652d90',
      '--vscode-charts-orange': '#d18616',
      '--vscode-font-family': 'system-ui, sans-serif',
    },
  },
} as const;
export type ThemeName = keyof typeof THEME_VARIABLES;

export class MeshMapPage {
  /** Console lines of the page that say the Content-Security-Policy refused something. */
  readonly refusals: string[] = [];

  private constructor(
    readonly page: Page,
    private readonly context: BrowserContext,
    private readonly directory: string,
  ) {}

  static async open(
    options: { theme?: ThemeName; width?: number; height?: number } = {},
  ): Promise<MeshMapPage> {
    for (const file of ['map.js', 'map.css']) {
      if (!fs.existsSync(path.join(WEBVIEW_DIST, file))) {
        throw new Error(`dist/webview/${file} is missing; run \`npm run build\` first`);
      }
    }
    if (!fs.existsSync(CHROMIUM_BIN))
      throw new Error(`${CHROMIUM_BIN} is missing; install Debian's chromium`);
    const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'meshwright-map-page-'));
    const context = await chromium.launchPersistentContext(path.join(directory, 'profile'), {
      executablePath: CHROMIUM_BIN,
      headless: true,
      viewport: { width: options.width ?? 1200, height: options.height ?? 800 },
      args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--allow-file-access-from-files'],
    });
    try {
      const page = context.pages()[0] ?? (await context.newPage());
      const mapPage = new MeshMapPage(page, context, directory);
      page.on('console', (message) => {
        if (message.text().includes('Refused to')) mapPage.refusals.push(message.text());
      });
      const theme = THEME_VARIABLES[options.theme ?? 'dark'];
      // What VS Code does for a webview: acquireVsCodeApi, theme variables on <html>, the theme's body class.
      // Init scripts run outside the page's CSP, as VS Code's own injected code does.
      // Source text, not a function: tsx would wrap a function's inner functions in a helper the page lacks.
      await page.addInitScript({ content: vscodeStandIn(theme) });
      const html = meshMapHtml({
        cspSource: 'file:',
        scriptUri: pathToFileURL(path.join(WEBVIEW_DIST, 'map.js')).toString(),
        styleUri: pathToFileURL(path.join(WEBVIEW_DIST, 'map.css')).toString(),
      });
      const file = path.join(directory, 'map.html');
      fs.writeFileSync(file, html);
      await page.goto(pathToFileURL(file).toString());
      await mapPage.waitForPosted((message) => message.type === 'ready', 'the page to say ready');
      return mapPage;
    } catch (error) {
      await context.close().catch(() => undefined);
      fs.rmSync(directory, { recursive: true, force: true });
      throw error;
    }
  }

  /** Plays the host: posts a message to the page as the extension would. */
  async send(message: HostToViewMessage): Promise<void> {
    await this.page.evaluate((data) => window.postMessage(data, '*'), message);
  }

  async posted(): Promise<ViewToHostMessage[]> {
    return this.page.evaluate(() => window.__posted.slice());
  }

  async waitForPosted(
    accept: (message: ViewToHostMessage) => boolean,
    what: string,
    timeoutMs = 20_000,
  ): Promise<ViewToHostMessage> {
    return waitFor(async () => (await this.posted()).find(accept), { what, timeoutMs, intervalMs: 20 });
  }

  /** Posts a graph and waits until the page says it drew that version; the page's own timings. */
  async draw(
    message: Extract<HostToViewMessage, { type: 'graph' }>,
    timeoutMs = 20_000,
  ): Promise<{ layoutMs: number; drawMs: number }> {
    const before = (await this.posted()).length;
    await this.send(message);
    const rendered = await waitFor(
      async () =>
        (await this.posted())
          .slice(before)
          .find((posted) => posted.type === 'rendered' && posted.version === message.graph.version),
      { what: `the page to draw snapshot ${message.graph.version}`, timeoutMs, intervalMs: 10 },
    );
    if (rendered.type !== 'rendered') throw new Error('unreachable: not a rendered message');
    return { layoutMs: rendered.layoutMs, drawMs: rendered.drawMs };
  }

  async state(): Promise<MeshMapProbe> {
    return this.page.evaluate(() => {
      const probe = window.meshMap;
      if (!probe) throw new Error('the page exposes no window.meshMap');
      return probe.state();
    });
  }

  /** Switches the emulated theme the way VS Code does (variables, then the body class). */
  async setTheme(name: ThemeName): Promise<void> {
    await this.page.evaluate((theme: (typeof THEME_VARIABLES)[ThemeName]) => {
      for (const [variable, value] of Object.entries(theme.variables)) {
        document.documentElement.style.setProperty(variable, value);
      }
      document.body.classList.remove('vscode-dark', 'vscode-light');
      document.body.classList.add(theme.bodyClass);
    }, THEME_VARIABLES[name]);
  }

  async close(): Promise<void> {
    await this.context.close().catch(() => undefined);
    fs.rmSync(this.directory, { recursive: true, force: true });
  }
}

/** The page's `acquireVsCodeApi` stand-in, recording posts in `window.__posted`, and the initial theme. */
function vscodeStandIn(theme: (typeof THEME_VARIABLES)[ThemeName]): string {
  return `
    (() => {
      const posted = [];
      let state;
      window.__posted = posted;
      window.acquireVsCodeApi = () => ({
        postMessage: (message) => { posted.push(message); },
        getState: () => state,
        setState: (value) => { state = value; },
      });
      document.addEventListener('DOMContentLoaded', () => {
        for (const [name, value] of Object.entries(${JSON.stringify(theme.variables)})) {
          document.documentElement.style.setProperty(name, value);
        }
        document.body.classList.add(${JSON.stringify(theme.bodyClass)});
      });
    })();
  `;
}
