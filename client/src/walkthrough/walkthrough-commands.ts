/**
 * The commands behind the "Get started with Meshwright" walkthrough: choose a kubeconfig, start the demo
 * mesh (the `meshwright-sim` simulator ships with the repository, not with the .vsix: when it is missing
 * the command explains how to get it), and open the walkthrough itself.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';

export const WALKTHROUGH_COMMANDS = {
  chooseKubeconfig: 'meshwright.chooseKubeconfig',
  startDemoMesh: 'meshwright.startDemoMesh',
  openWalkthrough: 'meshwright.openWalkthrough',
} as const;

export const WALKTHROUGH_ID = 'meshwright.meshwright#gettingStarted';
/** The simulator's bundle and launcher inside a Meshwright checkout (built by `npm run build`). */
const SIMULATOR_BUNDLE = 'dist/simulator/sim.js';
const SIMULATOR_LAUNCHER = 'bin/meshwright-sim.js';
const DEMO_KUBECONFIG_WAIT_MS = 30_000;

export function registerWalkthroughCommands(context: vscode.ExtensionContext): void {
  context.subscriptions.push(
    vscode.commands.registerCommand(WALKTHROUGH_COMMANDS.chooseKubeconfig, () => chooseKubeconfig()),
    vscode.commands.registerCommand(WALKTHROUGH_COMMANDS.startDemoMesh, () => startDemoMesh(context)),
    vscode.commands.registerCommand(WALKTHROUGH_COMMANDS.openWalkthrough, () =>
      vscode.commands.executeCommand('workbench.action.openWalkthrough', WALKTHROUGH_ID, false),
    ),
  );
}

async function chooseKubeconfig(): Promise<string | undefined> {
  const picked = await vscode.window.showOpenDialog({
    title: 'Meshwright: choose the kubeconfig of your mesh',
    canSelectMany: false,
    openLabel: 'Use this kubeconfig',
    defaultUri: vscode.Uri.file(path.join(process.env.HOME ?? '/', '.kube')),
  });
  const file = picked?.[0]?.fsPath;
  if (!file) return undefined;
  await useKubeconfig(file);
  return file;
}

/** Starts `meshwright-sim --demo` in a terminal and offers to point Meshwright at its kubeconfig. */
async function startDemoMesh(context: vscode.ExtensionContext): Promise<string | undefined> {
  const launcher = context.asAbsolutePath(SIMULATOR_LAUNCHER);
  if (!fs.existsSync(context.asAbsolutePath(SIMULATOR_BUNDLE)) || !fs.existsSync(launcher)) {
    const command = 'npx meshwright-sim --demo --kubeconfig ~/.kube/meshwright-demo';
    const choice = await vscode.window.showInformationMessage(
      'The demo mesh simulator (meshwright-sim) comes with the Meshwright repository, not with the extension. ' +
        `In a clone of it, run \`npm install\`, then \`${command}\` (or \`npm run demo\` for a ready VS Code in ` +
        'the browser), and set meshwright.kubeconfig to ~/.kube/meshwright-demo.',
      'Copy Command',
      'Open Settings',
    );
    if (choice === 'Copy Command') await vscode.env.clipboard.writeText(command);
    if (choice === 'Open Settings')
      await vscode.commands.executeCommand('workbench.action.openSettings', 'meshwright.kubeconfig');
    return undefined;
  }
  const storage = context.globalStorageUri.fsPath;
  fs.mkdirSync(storage, { recursive: true });
  const kubeconfig = path.join(storage, 'demo-kubeconfig');
  fs.rmSync(kubeconfig, { force: true }); // A previous run's file names ports nobody listens on.
  const terminal = vscode.window.createTerminal({ name: 'Meshwright demo mesh' });
  terminal.sendText(`node ${quote(launcher)} --demo --kubeconfig ${quote(kubeconfig)}`);
  terminal.show(true);
  if (!(await appears(kubeconfig, DEMO_KUBECONFIG_WAIT_MS))) {
    void vscode.window.showErrorMessage(
      `Meshwright: the demo mesh did not start within ${DEMO_KUBECONFIG_WAIT_MS / 1000} s; see the ` +
        '"Meshwright demo mesh" terminal for the cause (Node.js 20.19+ must be on the PATH).',
    );
    return undefined;
  }
  const choice = await vscode.window.showInformationMessage(
    'Meshwright: the demo mesh runs (clusters east, west and edge). Watch it now?',
    'Use the Demo Mesh',
  );
  if (choice === 'Use the Demo Mesh') await useKubeconfig(kubeconfig);
  return kubeconfig;
}

async function useKubeconfig(file: string): Promise<void> {
  const target = vscode.workspace.workspaceFolders?.length
    ? vscode.ConfigurationTarget.Workspace
    : vscode.ConfigurationTarget.Global;
  const settings = vscode.workspace.getConfiguration('meshwright');
  await settings.update('kubeconfig', file, target);
  await settings.update('contexts', [], target);
  await vscode.commands.executeCommand('meshwright.topology.focus');
}

/** Polls for the file (the simulator writes it once every cluster listens), up to a deadline. */
async function appears(file: string, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (fs.existsSync(file)) return true;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return false;
}

function quote(value: string): string {
  return `'${value.replace(/'/g, `'\\''`)}'`;
}
