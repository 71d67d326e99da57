/**
 * Runs the extension-host mocha suite inside code-server: the workbench is opened with a `payload`
 * naming the extension under development and the bundled suite, VS Code runs the suite in the Node
 * extension host, and reports the end through `window.codeAutomationExit(code)`, which we expose to
 * the page. Test results come from the ResultsReporter's files, which the extension host writes.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { format } from 'node:util';
import { type BrowserContext, type ConsoleMessage } from 'playwright-core';
import { type CodeServer } from './code-server';
import { describeError, withTimeout } from './deadline';
import { type E2eResults, resultsFile, transcriptFile } from './results-reporter';
import { launchBrowser, saveScreenshot, workbenchUrl } from './workbench-browser';

export interface ExtensionHostRunOptions {
  readonly server: CodeServer;
  readonly workspace: string;
  readonly suiteRunner: string;
  readonly outputDir: string;
  readonly profileDir: string;
  readonly timeoutMs: number;
  /** Prefix of the result, transcript, console and screenshot files (default `extension-host`). */
  readonly name?: string;
}

export interface ExtensionHostRun {
  /** VS Code's exit code for the test run: 0 when every test passed. */
  readonly exitCode: number;
  readonly results: E2eResults | undefined;
  readonly browserConsoleLog: string;
}

export async function runExtensionHostSuite(options: ExtensionHostRunOptions): Promise<ExtensionHostRun> {
  const name = options.name ?? 'extension-host';
  const browserConsoleLog = path.join(options.outputDir, `${name}-browser-console.log`);
  const results = resultsFile(options.outputDir, name);
  const transcript = transcriptFile(options.outputDir, name);
  fs.rmSync(results, { force: true });
  fs.rmSync(transcript, { force: true });
  const consoleLines = fs.createWriteStream(browserConsoleLog);
  // Progress is shown from the reporter's transcript, which the extension host appends to per test.
  const progress = followFile(transcript, (line) => console.log(`  ${line}`));
  let browser: BrowserContext | undefined;
  try {
    const { context, page } = await launchBrowser(options.profileDir);
    browser = context;
    let reportExit: (code: number) => void = () => undefined;
    const exited = new Promise<number>((resolve) => (reportExit = resolve));
    await page.exposeFunction('codeAutomationExit', (code: number) => reportExit(code));
    // The workbench console mixes the extension host's output with its own: kept in a file, not shown.
    page.on('console', (message) => {
      void consoleText(message).then((text) => consoleLines.write(`[${message.type()}] ${text}\n`));
    });
    await page.goto(workbenchUrl({ ...options, extensionTestsPath: options.suiteRunner }));
    let exitCode: number;
    try {
      exitCode = await withTimeout(
        exited,
        options.timeoutMs,
        'the extension-host suite to finish (codeAutomationExit)',
      );
    } catch (error) {
      await saveScreenshot(page, options.outputDir, `${name}-timeout`).catch(() => undefined);
      throw error;
    }
    await saveScreenshot(page, options.outputDir, `${name}-final`);
    return { exitCode, results: readResults(results), browserConsoleLog };
  } finally {
    progress.stop();
    await browser
      ?.close()
      .catch((error: unknown) => console.error(`closing the browser: ${describeError(error)}`));
    consoleLines.end();
  }
}

/** Prints the lines appended to `file` (which may not exist yet) until stopped; reads the rest on stop. */
function followFile(file: string, print: (line: string) => void): { stop(): void } {
  let offset = 0;
  let partial = '';
  const drain = (): void => {
    if (!fs.existsSync(file)) return;
    const size = fs.statSync(file).size;
    if (size < offset) offset = 0; // truncated at the start of the run
    if (size === offset) return;
    const buffer = Buffer.alloc(size - offset);
    const fd = fs.openSync(file, 'r');
    try {
      fs.readSync(fd, buffer, 0, buffer.length, offset);
    } finally {
      fs.closeSync(fd);
    }
    offset = size;
    const lines = (partial + buffer.toString('utf8')).split('\n');
    partial = lines.pop() ?? '';
    lines.forEach(print);
  };
  const timer = setInterval(drain, 250);
  return {
    stop: () => {
      clearInterval(timer);
      drain();
    },
  };
}

function readResults(file: string): E2eResults | undefined {
  return fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, 'utf8')) as E2eResults) : undefined;
}

/** Formats forwarded console calls: drops the "%c" style arguments the workbench adds. */
async function consoleText(message: ConsoleMessage): Promise<string> {
  try {
    const args = await Promise.all(message.args().map((arg) => arg.jsonValue() as Promise<unknown>));
    const first = args[0];
    if (typeof first === 'string' && first.startsWith('%c')) {
      const styles = first.split('%c').length - 1;
      return format(...args.slice(1 + styles)).trimEnd();
    }
    return format(...args).trimEnd();
  } catch {
    return message.text();
  }
}
