/**
 * Debian's Chromium driven by playwright-core, pointed at a code-server workbench. The workbench loads
 * the extension under development through the `payload` URL parameter (code-server has no
 * --extensionDevelopmentPath flag), which also carries `extensionTestsPath` for extension-host tests.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { type BrowserContext, chromium, type Page } from 'playwright-core';
import { type CodeServer } from './code-server';
import { CHROMIUM_BIN, REPO_ROOT } from './paths';

/** The recipe's flags: no sandbox (root), no GPU, no background network, no first-run UI. */
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-dev-shm-usage',
];

export interface WorkbenchTarget {
  readonly server: CodeServer;
  /** Absolute path of the folder the workbench opens. */
  readonly workspace: string;
  /** Absolute path of the extension under development; defaults to the repository root. */
  readonly extensionPath?: string;
  /** Absolute path of a bundled extension-host test runner (exports `run()`). */
  readonly extensionTestsPath?: string;
}

export function workbenchUrl(target: WorkbenchTarget): string {
  const remote = (file: string): string => `vscode-remote://${target.server.authority}${file}`;
  const payload: [string, string][] = [
    ['extensionDevelopmentPath', remote(target.extensionPath ?? REPO_ROOT)],
  ];
  if (target.extensionTestsPath !== undefined) {
    payload.push(['extensionTestsPath', remote(target.extensionTestsPath)]);
  }
  return (
    `${target.server.url}/?folder=${encodeURIComponent(target.workspace)}` +
    `&payload=${encodeURIComponent(JSON.stringify(payload))}`
  );
}

/** A fresh profile per launch, so no state leaks between runs. */
export async function launchBrowser(profileDir: string): Promise<{ context: BrowserContext; page: Page }> {
  if (!fs.existsSync(CHROMIUM_BIN)) {
    throw new Error(
      `${CHROMIUM_BIN} is missing; run \`bash tools/e2e/install-runtime.sh\` (it installs chromium)`,
    );
  }
  fs.mkdirSync(profileDir, { recursive: true });
  const context = await chromium.launchPersistentContext(profileDir, {
    executablePath: CHROMIUM_BIN,
    headless: true,
    viewport: { width: 1400, height: 900 },
    args: CHROMIUM_ARGS,
  });
  const page = context.pages()[0] ?? (await context.newPage());
  return { context, page };
}

export async function saveScreenshot(page: Page, outputDir: string, name: string): Promise<string> {
  const file = path.join(outputDir, `${name.replace(/[^\w.-]+/g, '-')}.png`);
  await page.screenshot({ path: file });
  return file;
}
