/**
 * `npm run test:electron`: the same extension-host suite as `npm run test:e2e`, in desktop VS Code
 * downloaded by @vscode/test-electron. For machines that can reach Microsoft's update server; on this
 * project's offline machines the download fails, and this says so and points at `npm run test:e2e`.
 */
import * as path from 'node:path';
import { runTests } from '@vscode/test-electron';
import { describeError } from './deadline';
import { OUTPUT_DIR, REPO_ROOT, SCRATCH_DIR } from './paths';
import { prepareVsCodeTestRun } from './prepare-vscode-tests';

/** The VS Code release the extension is built against (engines.vscode ^1.100.0). */
const VSCODE_VERSION = process.env.MESHWRIGHT_VSCODE_VERSION ?? '1.100.3';

async function main(): Promise<number> {
  const run = await prepareVsCodeTestRun(path.join(SCRATCH_DIR, 'electron'));
  try {
    const code = await runTests({
      version: VSCODE_VERSION,
      extensionDevelopmentPath: REPO_ROOT,
      extensionTestsPath: run.suiteRunner,
      extensionTestsEnv: { MESHWRIGHT_E2E_OUTPUT: OUTPUT_DIR },
      launchArgs: [
        run.workspace,
        `--extensions-dir=${run.extensionsDir}`,
        `--user-data-dir=${run.userDataDir}`,
        '--disable-workspace-trust',
      ],
    });
    console.log(
      `extension-host results: ${path.relative(REPO_ROOT, OUTPUT_DIR)}/extension-host-results.json`,
    );
    return code;
  } catch (error) {
    const cause = describeError(error);
    if (/ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ETIMEDOUT|getaddrinfo|download|Failed to get/i.test(cause)) {
      console.error(
        `test:electron: VS Code ${VSCODE_VERSION} could not be downloaded (${cause}).\n` +
          "This machine cannot reach Microsoft's update server; run the same suite in code-server with `npm run test:e2e`.",
      );
    } else {
      console.error(`test:electron: the test run failed: ${cause}`);
    }
    return 1;
  }
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(`test:electron: ${describeError(error)}`);
    process.exitCode = 1;
  },
);
