/**
 * The commands of the Command Palette (contributed in package.json). Each one is small; anything with
 * more behaviour than a call lives in its own module (analyze-workspace-command.ts).
 */
import * as vscode from 'vscode';
import { analyzeWorkspace } from './analyze-workspace-command';
import { type LanguageServerSession } from './language-server-session';

export const COMMANDS = {
  restartServer: 'meshwright.restartServer',
  showOutput: 'meshwright.showOutput',
  analyzeWorkspace: 'meshwright.analyzeWorkspace',
} as const;

export function registerCommands(
  context: vscode.ExtensionContext,
  session: LanguageServerSession,
  log: vscode.LogOutputChannel,
): void {
  context.subscriptions.push(
    vscode.commands.registerCommand(COMMANDS.restartServer, async () => {
      const client = await session.restart();
      return client?.isRunning() === true;
    }),
    vscode.commands.registerCommand(COMMANDS.showOutput, () => log.show(true)),
    vscode.commands.registerCommand(COMMANDS.analyzeWorkspace, () => analyzeWorkspace(session, log)),
  );
}
