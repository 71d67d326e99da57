/**
 * `npm run test:e2e` (after install-runtime.sh and the build): runs Meshwright in a real VS Code
 * (code-server 1.100.3), each time with a fresh code-server, user-data-dir and workspace copy:
 *   1. the extension-host mocha suite (test/e2e/suite), through the workbench `payload` URL, on the fixture
 *      workspace; then its `demo-mesh-*` tests on the demo workspace against the simulated demo mesh;
 *   2. the Playwright UI tests (test/e2e/ui), driving the workbench in Chromium.
 * Prints where the screenshots and logs are and exits non-zero on any failure.
 * Options: `--only=extension-host` or `--only=ui`.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import Mocha from 'mocha';
import { bundleExtensionHostSuite } from './bundle-suite';
import { type CodeServer, startCodeServer } from './code-server';
import { describeError } from './deadline';
import { runExtensionHostSuite } from './extension-host-run';
import { type DemoMesh, DEMO_KUBECONFIG_ENV, startDemoMesh } from './demo-mesh';
import { copyFixtureWorkspace, freshRunDir } from './run-directories';
import { OUTPUT_DIR, RED_HAT_YAML_STAND_IN, REPO_ROOT, SCRATCH_DIR, UI_TESTS_DIR } from './paths';
import { type E2eResults, ResultsReporter, resultsFile } from './results-reporter';

const EXTENSION_HOST_TIMEOUT_MS = 5 * 60_000;

interface PhaseOutcome {
  readonly name: string;
  readonly results: E2eResults | undefined;
  /** Set when the phase could not run to the end (start-up failure, timeout). */
  readonly error?: string;
  readonly logs: string[];
}

async function main(): Promise<number> {
  const started = Date.now();
  const only = process.argv.find((arg) => arg.startsWith('--only='))?.slice('--only='.length);
  // `--grep=PATTERN`: only the UI tests whose full title matches (one spec while working on it).
  const grep = process.argv.find((arg) => arg.startsWith('--grep='))?.slice('--grep='.length);
  checkBuilt();
  fs.rmSync(OUTPUT_DIR, { recursive: true, force: true });
  fs.mkdirSync(OUTPUT_DIR, { recursive: true });
  fs.rmSync(SCRATCH_DIR, { recursive: true, force: true });

  const outcomes: PhaseOutcome[] = [];
  if (only === undefined || only === 'extension-host') {
    outcomes.push(await extensionHostPhase());
    outcomes.push(await demoMeshExtensionHostPhase());
  }
  if (only === undefined || only === 'ui') outcomes.push(await uiPhase(grep));
  return report(outcomes, Date.now() - started);
}

async function extensionHostPhase(): Promise<PhaseOutcome> {
  console.log("\n== extension-host suite (mocha inside VS Code's extension host) ==");
  const runDir = freshRunDir('extension-host');
  return runExtensionHostPhase('extension-host', runDir, {
    workspace: () => copyFixtureWorkspace(runDir),
    installedExtensions: [RED_HAT_YAML_STAND_IN],
    env: {},
  });
}

/** The `demo-mesh-*` tests: the demo workspace, against the demo mesh this process simulates. */
async function demoMeshExtensionHostPhase(): Promise<PhaseOutcome> {
  console.log('\n== extension-host suite on the demo mesh (sidebar, status bar, live copies) ==');
  const runDir = freshRunDir('extension-host-demo-mesh');
  let mesh: DemoMesh | undefined;
  try {
    mesh = await startDemoMesh(runDir);
    const started = mesh;
    return await runExtensionHostPhase('extension-host-demo-mesh', runDir, {
      workspace: () => started.workspace,
      installedExtensions: [],
      env: { MESHWRIGHT_E2E_SUITE: 'demo-mesh', [DEMO_KUBECONFIG_ENV]: started.kubeconfig },
    });
  } catch (error) {
    return { name: 'extension-host-demo-mesh', results: undefined, logs: [], error: describeError(error) };
  } finally {
    await mesh?.stop();
  }
}

interface ExtensionHostSession {
  readonly workspace: () => string;
  readonly installedExtensions: readonly string[];
  readonly env: Readonly<Record<string, string>>;
}

async function runExtensionHostPhase(
  name: string,
  runDir: string,
  session: ExtensionHostSession,
): Promise<PhaseOutcome> {
  const logs: string[] = [];
  let server: CodeServer | undefined;
  try {
    const suiteRunner = await bundleExtensionHostSuite();
    server = await startCodeServer({
      runDir,
      installedExtensions: session.installedExtensions,
      env: { MESHWRIGHT_E2E_OUTPUT: OUTPUT_DIR, ...session.env },
    });
    logs.push(server.logFile);
    const run = await runExtensionHostSuite({
      server,
      workspace: session.workspace(),
      suiteRunner,
      outputDir: OUTPUT_DIR,
      profileDir: path.join(runDir, 'chromium-profile'),
      timeoutMs: EXTENSION_HOST_TIMEOUT_MS,
      name,
    });
    logs.push(run.browserConsoleLog);
    if (run.results === undefined) {
      return {
        name,
        results: undefined,
        logs,
        error: `no results file (VS Code exit code ${run.exitCode})`,
      };
    }
    const mismatch = (run.exitCode === 0) !== (run.results.failed === 0);
    return {
      name,
      results: run.results,
      logs,
      ...(mismatch ? { error: `VS Code exit code ${run.exitCode} disagrees with the results file` } : {}),
    };
  } catch (error) {
    return { name, results: undefined, logs, error: describeError(error) };
  } finally {
    await server?.stop();
    logs.push(...extensionHostLogs(runDir));
  }
}

async function uiPhase(grep: string | undefined): Promise<PhaseOutcome> {
  console.log('\n== UI tests (Playwright driving the workbench) ==');
  // The UI tests start their own code-server (test/e2e/ui/workbench-session.ts) under SCRATCH_DIR/ui.
  const mocha = new Mocha({
    ui: 'bdd',
    timeout: 120_000,
    reporter: ResultsReporter,
    reporterOptions: { outputDir: OUTPUT_DIR, name: 'ui' },
    ...(grep !== undefined ? { grep } : {}),
  });
  for (const file of fs
    .readdirSync(UI_TESTS_DIR)
    .filter((name) => name.endsWith('.test.ts'))
    .sort()) {
    mocha.addFile(path.join(UI_TESTS_DIR, file));
  }
  try {
    await mocha.loadFilesAsync();
    await new Promise<void>((resolve) => mocha.run(() => resolve()));
    const file = resultsFile(OUTPUT_DIR, 'ui');
    const results = JSON.parse(fs.readFileSync(file, 'utf8')) as E2eResults;
    const runDir = path.join(SCRATCH_DIR, 'ui');
    return {
      name: 'ui',
      results,
      logs: [path.join(runDir, 'code-server.log'), ...extensionHostLogs(runDir)],
    };
  } catch (error) {
    return { name: 'ui', results: undefined, logs: [], error: describeError(error) };
  }
}

function report(outcomes: readonly PhaseOutcome[], durationMs: number): number {
  let passed = 0;
  let failed = 0;
  let broken = false;
  console.log('\n== e2e summary ==');
  for (const outcome of outcomes) {
    const r = outcome.results;
    if (r) {
      passed += r.passed;
      failed += r.failed + r.pending;
      console.log(
        `${outcome.name}: ${r.passed} passed, ${r.failed} failed, ${r.pending} skipped (${r.durationMs} ms)`,
      );
      for (const failure of r.failures)
        console.log(`  FAILED ${failure.title}\n    ${failure.error.split('\n')[0] ?? ''}`);
    }
    if (outcome.error !== undefined) {
      broken = true;
      console.log(`${outcome.name}: DID NOT COMPLETE: ${outcome.error}`);
    }
    for (const log of outcome.logs) console.log(`  log: ${path.relative(REPO_ROOT, log)}`);
  }
  const screenshots = fs.readdirSync(OUTPUT_DIR).filter((file) => file.endsWith('.png'));
  console.log(
    `screenshots and results: ${path.relative(REPO_ROOT, OUTPUT_DIR)}/ (${screenshots.join(', ') || 'no screenshots'})`,
  );
  console.log(`duration: ${(durationMs / 1000).toFixed(1)} s`);
  if (broken) failed += 1;
  console.log(`${passed} passed, ${failed} failed`);
  return failed === 0 ? 0 : 1;
}

function checkBuilt(): void {
  for (const bundle of ['dist/client/extension.js', 'dist/server/server.js']) {
    if (!fs.existsSync(path.join(REPO_ROOT, bundle))) {
      throw new Error(`${bundle} is missing; run \`npm run build\` first (npm run test:e2e does)`);
    }
  }
}

/** The logs worth reading after a failure: code-server's, the extension host's and Meshwright's output. */
function extensionHostLogs(runDir: string): string[] {
  const logsDir = path.join(runDir, 'user-data', 'logs');
  if (!fs.existsSync(logsDir)) return [];
  const wanted = new Set(['remoteagent.log', 'remoteexthost.log', 'Meshwright.log']);
  return (fs.readdirSync(logsDir, { recursive: true }) as string[])
    .filter((file) => wanted.has(path.basename(file)))
    .map((file) => path.join(logsDir, file));
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(`e2e: ${describeError(error)}`);
    process.exitCode = 1;
  },
);
