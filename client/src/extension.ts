/**
 * Extension entry point. Only wiring: the log channel, the language server session and the commands.
 * The behaviour lives in the modules it imports (see language-client.ts for how the server is started).
 */
import * as vscode from 'vscode';
import { registerApplyCommands } from './apply/apply-commands';
import { registerApplyCodeLenses } from './codelens/apply-code-lens-provider';
import { registerCommands } from './commands';
import { LanguageServerSession } from './language-server-session';
import { registerLiveDocuments } from './live-documents/live-document-provider';
import { registerMeshMap } from './map/mesh-map-command';
import { registerViews } from './views/register-views';
import { reportWorkspaceTrust } from './workspace-trust';
import { registerMeshHealth } from './views/health/register-mesh-health';
import { registerWalkthroughCommands } from './walkthrough/walkthrough-commands';

let session: LanguageServerSession | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const activationStarted = performance.now();
  // A LogOutputChannel gives levelled, timestamped lines and honours "Developer: Set Log Level".
  const log = vscode.window.createOutputChannel('Meshwright', { log: true });
  context.subscriptions.push(log);

  session = new LanguageServerSession(context, log);
  context.subscriptions.push(session);
  // Commands first: "Restart Language Server" and "Show Output" must work even when the server failed.
  registerCommands(context, session, log);
  // Credential plugins and the verification of remote secrets follow the workspace's trust.
  reportWorkspaceTrust(context, session);
  // Server-side apply: the apply and diff commands (also the quick fixes' targets) and the CodeLenses.
  registerApplyCommands(context, session, log);
  registerApplyCodeLenses(context, session);
  // The sidebar, status bar and live copies; before the start, so they hear the first client.
  const liveDocuments = registerLiveDocuments(context, session);
  const views = registerViews(context, session, log, liveDocuments);
  // The Mesh Health view and the Check Mesh / Verify Remote Secrets commands, over the same source.
  registerMeshHealth(context, views.source, log);
  // The mesh map webview, over the views' topology source.
  registerMeshMap(context, views.source, log);
  registerWalkthroughCommands(context);
  // A failed start is reported by the session (log + notification); activation itself still succeeds.
  const registered = performance.now();
  await session.start();
  // Read by `npm run bench -- extension`.
  log.info(
    `Activation: commands and views registered in ${Math.round(registered - activationStarted)} ms; ` +
      `language server ready ${Math.round(performance.now() - registered)} ms later`,
  );
}

export async function deactivate(): Promise<void> {
  await session?.stop();
  session = undefined;
}
