/**
 * Prepares a run of the extension-host suite in desktop VS Code (the "Extension Tests" launch
 * configuration and `npm run test:electron`): bundles the suite, copies the fixture workspace and
 * installs the Red Hat YAML stand-in into a dedicated extensions dir.
 * Run directly: `npx tsx tools/e2e/prepare-vscode-tests.ts <run dir>`.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { bundleExtensionHostSuite } from './bundle-suite';
import { RED_HAT_YAML_STAND_IN, REPO_ROOT } from './paths';
import { copyFixtureWorkspace, installExtensionCopy } from './run-directories';

export interface VsCodeTestRun {
  readonly suiteRunner: string;
  readonly workspace: string;
  readonly extensionsDir: string;
  readonly userDataDir: string;
}

export async function prepareVsCodeTestRun(runDir: string): Promise<VsCodeTestRun> {
  fs.rmSync(runDir, { recursive: true, force: true });
  fs.mkdirSync(runDir, { recursive: true });
  const suiteRunner = await bundleExtensionHostSuite();
  const workspace = copyFixtureWorkspace(runDir);
  const extensionsDir = path.join(runDir, 'extensions');
  fs.mkdirSync(extensionsDir);
  installExtensionCopy(RED_HAT_YAML_STAND_IN, extensionsDir);
  return { suiteRunner, workspace, extensionsDir, userDataDir: path.join(runDir, 'user-data') };
}

if (require.main === module) {
  const runDir = path.resolve(REPO_ROOT, process.argv[2] ?? '.e2e/runs/vscode-launch');
  prepareVsCodeTestRun(runDir).then(
    (run) =>
      console.log(`extension tests prepared: workspace ${run.workspace}, extensions ${run.extensionsDir}`),
    (error: unknown) => {
      console.error(`preparing the extension tests failed: ${String(error)}`);
      process.exitCode = 1;
    },
  );
}
