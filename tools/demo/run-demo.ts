/**
 * `npm run demo`: Meshwright against a simulated three-cluster mesh, in a VS Code in the browser.
 *
 *   1. installs code-server (first run only; tools/e2e/install-runtime.sh) and builds the extension;
 *   2. starts `meshwright-sim --demo`, writing demo/.kube/config (the demo workspace's settings point there);
 *   3. starts code-server on 127.0.0.1:8080 with Meshwright installed (a symlink to this checkout) and the
 *      demo workspace (demo/workspace) as the folder a plain visit opens;
 *   4. prints the URL and runs until Ctrl-C, then stops code-server and the simulator (process groups).
 *
 * Options: --port P (default 8080), --skip-build, --smoke (after start, drive headless Chromium through
 * the tree and a diagnostic, print the timings, and exit), --real-clusters (the demo mesh on real etcd and
 * kube-apiservers built from Go modules instead of the simulator; needs Go >= 1.26).
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { type CodeServer, startCodeServer } from '../e2e/code-server';
import { describeError } from '../e2e/deadline';
import { CODE_SERVER_READY_MARKER, REPO_ROOT } from '../e2e/paths';
import { smokeTestDemo } from './demo-smoke';
import { startDemoRealClusters } from './demo-real-clusters';
import { type DemoMesh, startDemoSimulator } from './demo-simulator';
import { assertPortFree } from './port-check';

const DEMO_WORKSPACE = path.join(REPO_ROOT, 'demo', 'workspace');
const DEMO_KUBECONFIG = path.join(REPO_ROOT, 'demo', '.kube', 'config');
/** code-server's user data and extensions dir for the demo (gitignored), fresh for every run. */
const DEMO_RUN_DIR = path.join(REPO_ROOT, '.demo');

interface DemoOptions {
  readonly port: number;
  readonly build: boolean;
  readonly smoke: boolean;
  readonly realClusters: boolean;
}

function parseArguments(argv: readonly string[]): DemoOptions {
  let port = 8080;
  let build = true;
  let smoke = false;
  let realClusters = false;
  for (let index = 0; index < argv.length; index++) {
    const arg = argv[index] as string;
    const [name, inline] = arg.split('=', 2) as [string, string | undefined];
    if (name === '--port') {
      const value = inline ?? argv[++index];
      port = Number(value);
      if (!Number.isInteger(port) || port <= 0 || port > 65535)
        throw new Error(`--port needs a port number, not "${value}"`);
    } else if (arg === '--skip-build') build = false;
    else if (arg === '--smoke') smoke = true;
    else if (arg === '--real-clusters') realClusters = true;
    else if (arg === '--help' || arg === '-h') {
      console.log('npm run demo [-- --port 8080] [--skip-build] [--smoke] [--real-clusters]');
      process.exit(0);
    } else
      throw new Error(
        `unknown option ${arg}; usage: npm run demo -- [--port P] [--skip-build] [--smoke] [--real-clusters]`,
      );
  }
  return { port, build, smoke, realClusters };
}

function step(message: string): void {
  console.log(`\n[demo] ${message}`);
}

/** Runs a command with inherited output; throws with the way out when it fails. */
function run(
  command: string,
  args: readonly string[],
  what: string,
  env: NodeJS.ProcessEnv = process.env,
): void {
  const result = spawnSync(command, args, { cwd: REPO_ROOT, stdio: 'inherit', env });
  if (result.status !== 0)
    throw new Error(`${what} failed (exit ${result.status ?? result.signal}); see the output above`);
}

async function main(): Promise<number> {
  const started = Date.now();
  const options = parseArguments(process.argv.slice(2));
  await assertPortFree(options.port);

  if (!fs.existsSync(CODE_SERVER_READY_MARKER)) {
    step('installing code-server 4.100.3 (first run only, about 30 s)');
    // The demo needs no browser: skip Debian's chromium (the e2e tests install it).
    run('bash', [path.join(REPO_ROOT, 'tools', 'e2e', 'install-runtime.sh')], 'installing code-server', {
      ...process.env,
      MESHWRIGHT_RUNTIME_NO_BROWSER: options.smoke ? '' : '1',
    });
  }
  if (options.build) {
    step('building the extension (npm run build)');
    run(process.execPath, [path.join(REPO_ROOT, 'tools', 'build.mjs')], 'npm run build');
  }

  let mesh: DemoMesh | undefined;
  let server: CodeServer | undefined;
  const stopAll = async (): Promise<void> => {
    await server
      ?.stop()
      .catch((error: unknown) => console.error(`[demo] stopping code-server: ${describeError(error)}`));
    await mesh
      ?.stop()
      .catch((error: unknown) => console.error(`[demo] stopping the demo mesh: ${describeError(error)}`));
  };
  try {
    if (options.realClusters) {
      step('starting the demo mesh on real API servers (etcd + kube-apiserver, built from Go modules)');
      mesh = await startDemoRealClusters(REPO_ROOT, DEMO_KUBECONFIG);
      console.log(`  [real] ${mesh.readyLine}`);
    } else {
      step('starting the demo mesh (meshwright-sim --demo)');
      mesh = await startDemoSimulator(REPO_ROOT, DEMO_KUBECONFIG);
    }

    step(`starting code-server on 127.0.0.1:${options.port}`);
    fs.rmSync(DEMO_RUN_DIR, { recursive: true, force: true });
    fs.mkdirSync(DEMO_RUN_DIR, { recursive: true });
    server = await startCodeServer({
      runDir: DEMO_RUN_DIR,
      port: options.port,
      folder: DEMO_WORKSPACE,
      linkedExtensions: [REPO_ROOT],
      // The workspace's README says what to try; Meshwright's walkthrough is one click away from it.
      userSettings: { 'workbench.startupEditor': 'readme' },
      // kubectl in the integrated terminal talks to the demo mesh too.
      env: { KUBECONFIG: DEMO_KUBECONFIG },
    });
  } catch (error) {
    await stopAll();
    throw error;
  }

  const url = `${server.url}/?folder=${encodeURIComponent(DEMO_WORKSPACE)}`;
  console.log(`\n[demo] ready in ${((Date.now() - started) / 1000).toFixed(1)} s. Open:\n\n    ${url}\n`);
  console.log('[demo] Click the Meshwright icon in the activity bar; open policies/*.yaml for diagnostics.');
  console.log(
    `[demo] kubectl --kubeconfig ${path.relative(process.cwd(), DEMO_KUBECONFIG)} --context west get dr -A`,
  );
  console.log(`[demo] logs: ${path.relative(process.cwd(), server.logFile)}. Ctrl-C stops everything.`);

  if (options.smoke) {
    try {
      const timings = await smokeTestDemo(
        url,
        path.join(DEMO_RUN_DIR, 'chromium-profile'),
        path.join(REPO_ROOT, 'test-output', 'demo'),
      );
      console.log(
        `[demo] smoke: workbench ${timings.workbenchMs} ms, clusters in the tree ${timings.treeMs} ms, ` +
          `MESH101 in Problems ${timings.diagnosticsMs} ms after opening the URL ` +
          `(${((Date.now() - started) / 1000).toFixed(1)} s since npm run demo); screenshots in test-output/demo/`,
      );
      return 0;
    } catch (error) {
      console.error(`[demo] smoke test failed: ${describeError(error)}`);
      return 1;
    } finally {
      await stopAll();
    }
  }

  // Persistent handlers (not `once`): code-server's cleanup re-raises the signal after killing its
  // group, and the simulator must still be stopped then.
  let stopping: Promise<void> | undefined;
  await new Promise<void>((resolve) => {
    for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
      process.on(signal, () => {
        if (stopping) return;
        console.log('\n[demo] stopping code-server and the demo mesh');
        stopping = stopAll().then(resolve);
      });
    }
  });
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`[demo] ${describeError(error)}`);
    process.exit(1);
  },
);
