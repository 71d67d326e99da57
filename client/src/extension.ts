/**
 * Extension entry point. Only wiring: the log channel, the language server session and the commands.
 * The behaviour lives in the modules it imports (see language-client.ts for how the server is started).
 */
import * as vscode from 'vscode';
import { registerCommands } from './commands';
import { LanguageServerSession } from './language-server-session';

let session: LanguageServerSession | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  // A LogOutputChannel gives levelled, timestamped lines and honours "Developer: Set Log Level".
  const log = vscode.window.createOutputChannel('Meshwright', { log: true });
  context.subscriptions.push(log);

  session = new LanguageServerSession(context, log);
  context.subscriptions.push(session);
  // Commands first: "Restart Language Server" and "Show Output" must work even when the server failed.
  registerCommands(context, session, log);
  // A failed start is reported by the session (log + notification); activation itself still succeeds.
  await session.start();
}

export async function deactivate(): Promise<void> {
  await session?.stop();
  session = undefined;
}
