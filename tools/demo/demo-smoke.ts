/**
 * `npm run demo -- --smoke`: what a newcomer does, done by headless Chromium against the running demo,
 * with the time each step took: the workbench loads, the Meshwright view shows the clusters, a policy
 * file's diagnostics reach the Problems panel. Prints the figures; throws when a step does not happen.
 */
import { type Page } from 'playwright-core';
import { launchBrowser, saveScreenshot } from '../e2e/workbench-browser';

export interface SmokeTimings {
  readonly workbenchMs: number;
  readonly treeMs: number;
  readonly diagnosticsMs: number;
}

const STEP_TIMEOUT_MS = 60_000;

export async function smokeTestDemo(
  url: string,
  profileDir: string,
  screenshotsDir: string,
): Promise<SmokeTimings> {
  const { context, page } = await launchBrowser(profileDir);
  try {
    page.setDefaultTimeout(STEP_TIMEOUT_MS);
    const started = Date.now();
    await page.goto(url);
    await page.locator('.monaco-workbench .part.editor').waitFor();
    const workbenchMs = Date.now() - started;

    await page.locator('.activitybar .action-item a[aria-label^="Meshwright"]').click();
    await treeRow(page, 'Topology', 'east').waitFor();
    await treeRow(page, 'Topology', 'west').waitFor();
    const treeMs = Date.now() - started;
    await saveScreenshot(page, screenshotsDir, 'demo-topology');

    await page.keyboard.press('Control+P');
    await page.locator('.quick-input-widget input').fill('details-failover.yaml');
    await page
      .locator('.quick-input-list .monaco-list-row', { hasText: 'details-failover.yaml' })
      .first()
      .waitFor();
    await page.keyboard.press('Enter');
    await page.keyboard.press('Control+Shift+M');
    await page.locator('.markers-panel .monaco-list-row', { hasText: 'MESH101' }).first().waitFor();
    const diagnosticsMs = Date.now() - started;
    await saveScreenshot(page, screenshotsDir, 'demo-problems');
    return { workbenchMs, treeMs, diagnosticsMs };
  } finally {
    await context.close().catch(() => undefined);
  }
}

function treeRow(page: Page, view: string, text: string) {
  return page
    .locator(`.pane:has(.pane-header[aria-label^="${view}"]) .monaco-list-row`, { hasText: text })
    .first();
}
