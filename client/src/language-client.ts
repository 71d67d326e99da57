/**
 * Builds the LanguageClient for the Meshwright language server: the bundled server module over Node IPC,
 * YAML documents on disk and untitled, `meshwright.*` settings pushed to the server on change (the
 * server pulls them with workspace/configuration), changes to the workspace's YAML files on disk (the
 * server analyses every file of the workspace, open or not), and the client's own log going to our
 * LogOutputChannel.
 */
import * as fs from 'node:fs';
import * as vscode from 'vscode';
import {
  LanguageClient,
  type LanguageClientOptions,
  type ServerOptions,
  TransportKind,
} from 'vscode-languageclient/node';
import { createRedHatYamlCoexistenceMiddleware } from './red-hat-yaml-coexistence';

/** Also the prefix of the `meshwright.trace.server` setting, which vscode-languageclient reads itself. */
export const CLIENT_ID = 'meshwright';
export const SETTINGS_SECTION = 'meshwright';
/** Relative to the extension root; produced by `npm run build` (tools/build.mjs). */
export const SERVER_MODULE = 'dist/server/server.js';

export function serverModulePath(context: vscode.ExtensionContext): string {
  return context.asAbsolutePath(SERVER_MODULE);
}

export function createLanguageClient(
  context: vscode.ExtensionContext,
  log: vscode.LogOutputChannel,
): LanguageClient {
  const module = serverModulePath(context);
  if (!fs.existsSync(module)) {
    throw new Error(
      `the server bundle ${module} is missing; run \`npm run build\` in the extension folder (development) ` +
        'or reinstall the Meshwright extension',
    );
  }
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc },
    // F5 sessions: attach a debugger to the server on port 6009 ("Attach to Server" in .vscode/launch.json).
    debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6009'] } },
  };
  const yamlFiles = vscode.workspace.createFileSystemWatcher('**/*.{yaml,yml}');
  context.subscriptions.push(yamlFiles);
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { scheme: 'file', language: 'yaml' },
      { scheme: 'untitled', language: 'yaml' },
      // Live copies of cluster objects (live-documents/): the server publishes their diagnostics while open.
      { scheme: 'meshwright', language: 'yaml' },
    ],
    synchronize: {
      configurationSection: SETTINGS_SECTION,
      // A Gateway deleted or edited outside the editor changes other files' diagnostics.
      fileEvents: yamlFiles,
    },
    // The watcher above reports the file changes: the server need not register one of its own.
    // Trust as of this start; later grants arrive as notifications (workspace-trust.ts).
    initializationOptions: { fileWatching: 'client', trustedWorkspace: vscode.workspace.isTrusted },
    outputChannel: log,
    middleware: createRedHatYamlCoexistenceMiddleware(log),
  };
  return new LanguageClient(CLIENT_ID, 'Meshwright Language Server', serverOptions, clientOptions);
}
