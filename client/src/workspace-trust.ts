/**
 * Tells the language server when the user trusts the workspace. Kubeconfig credential plugins (`exec`)
 * and the verification of remote secrets run only in a trusted workspace; the trust at start travels in
 * the initialization options (language-client.ts), a later grant through this notification. VS Code has
 * no way to take trust back without reloading the window, which starts a new server.
 */
import * as vscode from 'vscode';
import { WORKSPACE_TRUST_NOTIFICATION, type WorkspaceTrustParams } from '../../protocol/requests';
import { type LanguageServerSession } from './language-server-session';

export function reportWorkspaceTrust(context: vscode.ExtensionContext, session: LanguageServerSession): void {
  context.subscriptions.push(
    vscode.workspace.onDidGrantWorkspaceTrust(async () => {
      const client = await session.whenRunning().catch(() => undefined);
      const params: WorkspaceTrustParams = { trusted: true };
      await client?.sendNotification(WORKSPACE_TRUST_NOTIFICATION, params);
    }),
  );
}
