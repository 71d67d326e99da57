/**
 * Owns the running language client: start, restart and stop, and the one place where a failure to start
 * is reported (log line with the cause plus a notification offering the output). Commands reach the
 * server only through `whenRunning()`, so they never talk to a stopped or half-started client.
 */
import * as vscode from 'vscode';
import { type LanguageClient } from 'vscode-languageclient/node';
import { createLanguageClient, serverModulePath } from './language-client';

export class LanguageServerSession implements vscode.Disposable {
  private client: LanguageClient | undefined;
  private starting: Promise<LanguageClient | undefined> | undefined;
  private readonly didStart = new vscode.EventEmitter<LanguageClient>();
  /**
   * Fires with each client once it runs (at start and after every restart): features that listen to
   * the server's notifications register their handlers on the new client here.
   */
  readonly onDidStartClient = this.didStart.event;

  constructor(
    private readonly context: vscode.ExtensionContext,
    private readonly log: vscode.LogOutputChannel,
  ) {}

  /** Starts the server unless it is already running or starting. Never throws: failures are reported. */
  start(): Promise<LanguageClient | undefined> {
    this.starting ??= this.startClient();
    return this.starting;
  }

  /** Stops the current server (if any) and starts a fresh one. */
  async restart(): Promise<LanguageClient | undefined> {
    await this.starting;
    await this.stop();
    this.log.info('Restarting the Meshwright language server');
    return this.start();
  }

  async stop(): Promise<void> {
    const client = this.client;
    this.client = undefined;
    this.starting = undefined;
    if (client === undefined) return;
    try {
      // stop() waits for the server's shutdown response; dispose() also frees the client's resources.
      await client.dispose(2000);
    } catch (error) {
      this.log.warn(`Stopping the language server failed (${describe(error)}); its process is abandoned`);
    }
  }

  /** The running client, or an Error saying why there is none and what to do about it. */
  async whenRunning(): Promise<LanguageClient> {
    const client = await this.start();
    if (client === undefined || !client.isRunning()) {
      throw new Error(
        'the Meshwright language server is not running; see "Meshwright: Show Output" for the cause, ' +
          'then run "Meshwright: Restart Language Server"',
      );
    }
    return client;
  }

  dispose(): void {
    this.didStart.dispose();
    void this.stop();
  }

  private async startClient(): Promise<LanguageClient | undefined> {
    const module = serverModulePath(this.context);
    this.log.info(`Starting the Meshwright language server (${module}, Node IPC)`);
    let client: LanguageClient | undefined;
    try {
      client = createLanguageClient(this.context, this.log);
      this.client = client;
      await client.start();
      this.log.info('Meshwright language server is running');
      this.didStart.fire(client);
      return client;
    } catch (error) {
      const cause = describe(error);
      this.log.error(
        `The Meshwright language server failed to start: ${cause}. ` +
          'Fix the cause, then run "Meshwright: Restart Language Server".',
      );
      void vscode.window
        .showErrorMessage(
          `Meshwright: the language server failed to start (${cause}).`,
          'Show Output',
          'Restart',
        )
        .then((choice) => {
          if (choice === 'Show Output') this.log.show(true);
          if (choice === 'Restart') void this.restart();
        });
      return client;
    }
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
