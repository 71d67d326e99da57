/**
 * UI tests: what a person sees in VS Code with Meshwright (code-server 1.100.3 in Chromium).
 * Screenshots go to test-output/e2e/ (always for the views checked here, and for every failure).
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { WorkbenchSession } from './workbench-session';

describe('Meshwright in the VS Code workbench', function () {
  this.timeout(120_000);
  let vscode: WorkbenchSession;

  before(async function () {
    this.timeout(180_000);
    vscode = await WorkbenchSession.open();
  });

  after(async () => {
    await vscode?.close();
  });

  afterEach(async function () {
    if (this.currentTest?.state === 'failed' && vscode !== undefined) {
      await vscode.screenshot(`failure-${this.currentTest.title}`).catch(() => undefined);
    }
  });

  it('loads Meshwright as the extension under development', async () => {
    // A string, not a function: the page's `document` is not in this Node project's types.
    await vscode.page.waitForFunction("document.title.includes('[Extension Development Host]')");
  });

  // Runs before any YAML file is opened: the command alone must activate the extension (VS Code adds
  // an activation event for every contributed command).
  it('Meshwright: Show Output activates the extension and shows the language server log', async () => {
    await vscode.runCommand('Meshwright: Show Output');
    await vscode
      .locator('.part.panel .output-view .view-lines', 'Meshwright language server is running')
      .waitFor();
    await vscode.screenshot('output-channel');
  });

  it('lists the IST0106 of "weight: fifty" in the Problems panel', async () => {
    await vscode.openFile('virtual-service-weight.yaml');
    const { line, column } = vscode.positionOf('virtual-service-weight.yaml', 'fifty');
    await vscode.runCommand('View: Focus Problems');
    const rows = vscode.locator('.markers-panel .monaco-list-row', 'IST0106');
    await rows.first().waitFor();
    // The workspace is analysed as a whole: files nobody opened list their problems too.
    await vscode
      .locator('.markers-panel .monaco-list-row', 'syntax-and-schema-errors.yaml')
      .first()
      .waitFor();
    const texts = (await rows.allInnerTexts()).filter((text) => text.includes(`[Ln ${line}, Col ${column}]`));
    assert.equal(
      texts.length,
      1,
      `one IST0106 row expected at Ln ${line}, Col ${column}: ${texts.join(' | ')}`,
    );
    const [row] = texts;
    assert.match(row ?? '', /meshwright/);
    assert.match(row ?? '', new RegExp(`\\[Ln ${line}, Col ${column}\\]`));
    assert.match(row ?? '', /must be an integer/);
    await vscode.screenshot('problems-panel');
  });

  it("hover shows Istio's description of a field", async () => {
    await vscode.openFile('virtual-service-editing.yaml');
    const { line, column } = vscode.positionOf('virtual-service-editing.yaml', 'gateways:', 2);
    await vscode.goTo(line, column);
    await vscode.runCommand('Show or Focus Hover');
    await vscode
      .locator('.monaco-hover', 'The names of gateways and sidecars that should apply these routes')
      .waitFor();
    await vscode.screenshot('hover');
    await vscode.page.keyboard.press('Escape');
  });

  it('completion inside spec offers the VirtualService fields', async () => {
    await vscode.openFile('virtual-service-editing.yaml');
    const { line, column } = vscode.positionOf(
      'virtual-service-editing.yaml',
      '    - mesh\n  ',
      '    - mesh\n  '.length,
    );
    await vscode.goTo(line, column);
    await vscode.page.keyboard.press('Control+Space');
    const suggestions = vscode.locator('.suggest-widget .monaco-list-row');
    await vscode.locator('.suggest-widget .monaco-list-row', 'hosts').first().waitFor();
    const labels = (await suggestions.allInnerTexts()).join(' ');
    for (const field of ['hosts', 'http', 'tcp', 'tls']) assert.match(labels, new RegExp(`\\b${field}\\b`));
    await vscode.screenshot('completion');
    await vscode.page.keyboard.press('Escape');
  });

  it('the grammar gives the modeline and Istio kinds their scopes', async () => {
    await vscode.openFile('modeline.yaml');
    const parameter = vscode.positionOf('modeline.yaml', 'clusters=', 1);
    await vscode.goTo(parameter.line, parameter.column);
    await vscode.runCommand('Developer: Inspect Editor Tokens and Scopes');
    await vscode.locator('.token-inspect-widget', 'variable.parameter.modeline.meshwright').waitFor();
    await vscode.screenshot('token-inspector-modeline');
    const kind = vscode.positionOf('modeline.yaml', 'DestinationRule', 1);
    await vscode.goTo(kind.line, kind.column);
    await vscode.locator('.token-inspect-widget', 'entity.name.type.istio-kind.meshwright').waitFor();
    await vscode.screenshot('token-inspector-kind');
    await vscode.page.keyboard.press('Escape');
  });

  it('Meshwright: Analyze Workspace reports the counts in a notification', async () => {
    const yamlFiles = fs.readdirSync(vscode.workspace).filter((file) => /\.ya?ml$/.test(file)).length;
    await vscode.runCommand('Meshwright: Analyze Workspace');
    const summary = new RegExp(`Meshwright analyzed ${yamlFiles} YAML files: \\d+ problems`);
    await vscode.locator('.notifications-toasts .notification-list-item', summary).waitFor();
    await vscode.screenshot('analyze-workspace');
  });
});
