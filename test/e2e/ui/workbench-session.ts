/**
 * One VS Code workbench for the UI tests: a fresh code-server and Chromium profile, the fixture
 * workspace copied, and Meshwright loaded as the extension under development (payload URL). Offers the
 * few gestures the tests need, each waiting for what it causes rather than for time to pass.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { type BrowserContext, type Locator, type Page } from 'playwright-core';
import { type CodeServer, startCodeServer } from '../../../tools/e2e/code-server';
import { waitFor } from '../../../tools/e2e/deadline';
import { OUTPUT_DIR } from '../../../tools/e2e/paths';
import { copyFixtureWorkspace, freshRunDir } from '../../../tools/e2e/run-directories';
import { launchBrowser, saveScreenshot, workbenchUrl } from '../../../tools/e2e/workbench-browser';

const UI_TIMEOUT_MS = 30_000;

export class WorkbenchSession {
  private constructor(
    readonly page: Page,
    readonly workspace: string,
    private readonly browser: BrowserContext,
    private readonly server: CodeServer,
  ) {}

  /**
   * `runName`: the scratch directory under .e2e/runs (default `ui`); `workspace`: lays out the folder to
   * open in that directory (default: a copy of the fixture workspace), before code-server starts.
   */
  static async open(
    options: { runName?: string; workspace?: (runDir: string) => string | Promise<string> } = {},
  ): Promise<WorkbenchSession> {
    const runDir = freshRunDir(options.runName ?? 'ui');
    const workspace = await (options.workspace ?? copyFixtureWorkspace)(runDir);
    const server = await startCodeServer({ runDir, env: { MESHWRIGHT_E2E_OUTPUT: OUTPUT_DIR } });
    let browser: BrowserContext | undefined;
    try {
      const { context, page } = await launchBrowser(path.join(runDir, 'chromium-profile'));
      browser = context;
      page.setDefaultTimeout(UI_TIMEOUT_MS);
      await page.goto(workbenchUrl({ server, workspace }));
      await page.locator('.monaco-workbench .part.editor').waitFor();
      return new WorkbenchSession(page, workspace, context, server);
    } catch (error) {
      await browser?.close().catch(() => undefined);
      await server.stop();
      throw error;
    }
  }

  async close(): Promise<void> {
    await this.browser.close().catch(() => undefined);
    await this.server.stop();
  }

  /** Runs a command through the Command Palette by its full title ("Meshwright: Show Output"). */
  async runCommand(title: string): Promise<void> {
    await this.quickInput(`>${title}`, title);
  }

  /** Opens a workspace file through Quick Open and waits for its editor tab. */
  async openFile(name: string): Promise<void> {
    await this.quickInput(name, name);
    await this.page.locator('.tabs-container .tab.active', { hasText: name }).waitFor();
    await this.page.locator('.editor-instance .monaco-editor .view-lines').first().waitFor();
  }

  /** Moves the cursor to a one-based line and column of the active editor. */
  async goTo(line: number, column: number): Promise<void> {
    await this.page.keyboard.press('F1');
    const input = this.page.locator('.quick-input-widget input');
    await input.fill(`:${line}:${column}`);
    await this.page.keyboard.press('Enter');
    await this.page.locator('.quick-input-widget').waitFor({ state: 'hidden' });
    await this.page
      .locator('.statusbar-item', { hasText: new RegExp(`Ln ${line}, Col ${column}\\b`) })
      .first()
      .waitFor();
  }

  /** One-based line and column of the first occurrence of `text` in a workspace file. */
  positionOf(file: string, text: string, offset = 0): { line: number; column: number } {
    const content = fs.readFileSync(path.join(this.workspace, file), 'utf8');
    const index = content.indexOf(text);
    if (index === -1) throw new Error(`"${text}" not found in ${file}`);
    const before = content.slice(0, index + offset).split('\n');
    return { line: before.length, column: (before.at(-1)?.length ?? 0) + 1 };
  }

  locator(selector: string, hasText?: string | RegExp): Locator {
    return this.page.locator(selector, hasText === undefined ? {} : { hasText });
  }

  /**
   * Picks `item` from the context menu of `target`. VS Code's menu ignores a click that comes too soon
   * after it opened (the right button's release must not pick an item), so the item is hovered until
   * the menu focuses it and then chosen with Enter; a menu still open afterwards is asked again.
   */
  async contextMenu(target: Locator, item: string): Promise<void> {
    const menu = this.page.locator('.context-view .monaco-menu');
    const entry = this.page.locator('.context-view .action-item', { hasText: item }).first();
    await waitFor(
      async () => {
        if (!(await menu.isVisible())) await target.click({ button: 'right' });
        await entry.hover();
        await this.page.locator('.context-view .action-item.focused', { hasText: item }).waitFor();
        await this.page.keyboard.press('Enter');
        try {
          await menu.waitFor({ state: 'hidden', timeout: 2_000 });
          return true;
        } catch {
          return undefined;
        }
      },
      { what: `the context menu entry "${item}"`, timeoutMs: UI_TIMEOUT_MS, intervalMs: 0 },
    );
  }

  screenshot(name: string): Promise<string> {
    return saveScreenshot(this.page, OUTPUT_DIR, name);
  }

  /**
   * Types into the Command Palette / Quick Open and picks the row showing `rowText`. The palette lists
   * only what is registered when it opens (extension commands arrive once the extension host has read
   * the manifests, file results once the search service is up), so an absent row means: close the
   * palette and ask again, until the deadline.
   */
  private async quickInput(text: string, rowText: string): Promise<void> {
    const input = this.page.locator('.quick-input-widget input');
    const row = this.page.locator('.quick-input-list .monaco-list-row', { hasText: rowText }).first();
    await waitFor(
      async () => {
        await this.page.keyboard.press('F1');
        await input.waitFor();
        await input.fill(text);
        try {
          await row.waitFor({ timeout: 3_000 });
          return true;
        } catch {
          await this.page.keyboard.press('Escape');
          return undefined;
        }
      },
      { what: `a Quick Input row "${rowText}" for "${text}"`, timeoutMs: UI_TIMEOUT_MS, intervalMs: 0 },
    );
    await this.page.keyboard.press('Enter');
    await this.page.locator('.quick-input-widget').waitFor({ state: 'hidden' });
  }
}
