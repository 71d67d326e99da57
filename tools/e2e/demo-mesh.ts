/**
 * The demo mesh for the e2e tests of the sidebar, status bar and live copies: `meshwright-sim`'s demo
 * (east, west, edge) started in this process, and a copy of the demo workspace (demo/workspace) laid out
 * as `npm run demo` lays it out: the kubeconfig at `<runDir>/.kube/config`, which the workspace's own
 * settings name as `../.kube/config`. So the tests also check that the committed demo settings work.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { startSimulator, type Simulator } from '../../simulator/src/index';
import { REPO_ROOT } from './paths';

export const DEMO_WORKSPACE_SOURCE = path.join(REPO_ROOT, 'demo', 'workspace');
/** Tells the extension-host tests where the demo kubeconfig is (control API URL, tokens, CA). */
export const DEMO_KUBECONFIG_ENV = 'MESHWRIGHT_E2E_DEMO_KUBECONFIG';

export interface DemoMesh {
  readonly simulator: Simulator;
  readonly kubeconfig: string;
  /** The workspace copy to open. */
  readonly workspace: string;
  stop(): Promise<void>;
}

export async function startDemoMesh(runDir: string): Promise<DemoMesh> {
  const kubeconfig = path.join(runDir, '.kube', 'config');
  fs.mkdirSync(path.dirname(kubeconfig), { recursive: true });
  const workspace = path.join(runDir, 'workspace');
  fs.cpSync(DEMO_WORKSPACE_SOURCE, workspace, { recursive: true });
  const simulator = await startSimulator({ demo: true, kubeconfigPath: kubeconfig });
  return { simulator, kubeconfig, workspace, stop: () => simulator.stop() };
}
