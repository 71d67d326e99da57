/**
 * Drives the built language server (dist/server/server.js) the way an editor does: a child process over
 * stdio (or Node IPC), JSON-RPC framing from vscode-jsonrpc, initialize with workspace/configuration
 * support, then text document notifications and requests. Published diagnostics are recorded so tests
 * can wait for a condition with a deadline instead of sleeping. Also used by `npm run bench`.
 */
import { type ChildProcess, fork, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import {
  type MessageConnection,
  IPCMessageReader,
  IPCMessageWriter,
  StreamMessageReader,
  StreamMessageWriter,
  createMessageConnection,
} from 'vscode-jsonrpc/node';
import {
  type CompletionItem,
  type CompletionList,
  type DocumentSymbol,
  type Hover,
  type InitializeResult,
  type Position,
  type PublishDiagnosticsParams,
  type TextDocumentContentChangeEvent,
} from 'vscode-languageserver-protocol';
import { URI } from 'vscode-uri';

export const REPOSITORY_ROOT = path.resolve(__dirname, '../../..');
export const SERVER_BUNDLE = path.join(REPOSITORY_ROOT, 'dist/server/server.js');

export interface LspTestClientOptions {
  readonly transport?: 'stdio' | 'node-ipc';
  /** What the client answers to workspace/configuration for the `meshwright` section. */
  readonly settings?: unknown;
  readonly initializationOptions?: unknown;
  readonly workspaceFolders?: readonly string[];
  /** Declare workspace/configuration support (default true); without it the server relies on pushed settings. */
  readonly configurationSupport?: boolean;
  /** Declare window/workDoneProgress support (default false). */
  readonly progressSupport?: boolean;
  /** Declare dynamic registration of workspace/didChangeWatchedFiles (default false). */
  readonly watchedFilesRegistration?: boolean;
  /**
   * A program to start over stdio instead of the repository's bundle (e.g. an installed
   * `meshwright-language-server --stdio`); `transport` must then be stdio.
   */
  readonly serverCommand?: {
    readonly command: string;
    readonly args: readonly string[];
    readonly cwd?: string;
    readonly env?: NodeJS.ProcessEnv;
  };
}

/** A `$/progress` notification as received. */
export interface ProgressReport {
  readonly token: string | number;
  readonly value: {
    readonly kind: 'begin' | 'report' | 'end';
    readonly title?: string;
    readonly message?: string;
  };
}

export class LspTestClient {
  /** Every publishDiagnostics, in arrival order. */
  readonly published: PublishDiagnosticsParams[] = [];
  readonly serverLog: string[] = [];
  /** Every `$/progress` notification, in arrival order. */
  readonly progress: ProgressReport[] = [];
  /** Methods the server registered dynamically (client/registerCapability), with their options. */
  readonly registrations: { method: string; registerOptions?: unknown }[] = [];
  settings: unknown;
  private readonly waiters = new Set<() => void>();
  private exited = false;

  private constructor(
    private readonly child: ChildProcess,
    readonly connection: MessageConnection,
    settings: unknown,
  ) {
    this.settings = settings;
    child.on('exit', () => {
      this.exited = true;
      this.notifyWaiters();
    });
    connection.onNotification('textDocument/publishDiagnostics', (params: PublishDiagnosticsParams) => {
      this.published.push(params);
      this.notifyWaiters();
    });
    connection.onNotification('window/logMessage', (params: { message: string }) => {
      this.serverLog.push(params.message);
      this.notifyWaiters();
    });
    connection.onRequest('workspace/configuration', (params: { items: { section?: string }[] }) =>
      params.items.map((item) => (item.section === 'meshwright' ? this.settings : null)),
    );
    connection.onRequest(
      'client/registerCapability',
      (params: { registrations: { method: string; registerOptions?: unknown }[] }) => {
        this.registrations.push(...params.registrations);
        return null;
      },
    );
    connection.onRequest('window/workDoneProgress/create', () => null);
    connection.onNotification('$/progress', (params: ProgressReport) => {
      this.progress.push(params);
      this.notifyWaiters();
    });
    connection.onRequest('window/showMessageRequest', () => null);
    connection.onNotification('window/showMessage', (params: { message: string }) => {
      this.serverLog.push(params.message);
      this.notifyWaiters();
    });
    connection.listen();
  }

  static async start(options: LspTestClientOptions = {}): Promise<LspTestClient> {
    const custom = options.serverCommand;
    if (!custom && !fs.existsSync(SERVER_BUNDLE)) {
      throw new Error(`${SERVER_BUNDLE} is missing: run \`npm run build\` before the LSP tests`);
    }
    const transport = options.transport ?? 'stdio';
    if (custom && transport !== 'stdio') throw new Error('a serverCommand is started over stdio only');
    const child = custom
      ? spawn(custom.command, [...custom.args], {
          stdio: ['pipe', 'pipe', 'pipe'],
          ...(custom.cwd ? { cwd: custom.cwd } : {}),
          ...(custom.env ? { env: custom.env } : {}),
        })
      : transport === 'stdio'
        ? spawn(process.execPath, [SERVER_BUNDLE, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] })
        : fork(SERVER_BUNDLE, ['--node-ipc'], { stdio: ['ignore', 'ignore', 'pipe', 'ipc'] });
    const stderr: string[] = [];
    child.stderr?.on('data', (chunk: Buffer) => stderr.push(chunk.toString()));
    const connection =
      transport === 'stdio'
        ? createMessageConnection(
            new StreamMessageReader(child.stdout as NodeJS.ReadableStream),
            new StreamMessageWriter(child.stdin as NodeJS.WritableStream),
          )
        : createMessageConnection(new IPCMessageReader(child), new IPCMessageWriter(child));
    const client = new LspTestClient(child, connection, options.settings ?? { validation: { enable: true } });
    const folders = options.workspaceFolders ?? [];
    const initialized = (await connection
      .sendRequest('initialize', {
        processId: process.pid,
        rootUri: null,
        capabilities: {
          workspace: {
            configuration: options.configurationSupport ?? true,
            workspaceFolders: true,
            didChangeConfiguration: { dynamicRegistration: true },
            didChangeWatchedFiles: { dynamicRegistration: options.watchedFilesRegistration ?? false },
          },
          window: { workDoneProgress: options.progressSupport ?? false },
          textDocument: {
            synchronization: { didSave: true, dynamicRegistration: false },
            completion: { completionItem: { snippetSupport: true } },
            hover: { contentFormat: ['markdown', 'plaintext'] },
            documentSymbol: { hierarchicalDocumentSymbolSupport: true },
            publishDiagnostics: {
              relatedInformation: true,
              versionSupport: true,
              codeDescriptionSupport: true,
            },
          },
        },
        workspaceFolders: folders.map((folder) => ({ uri: fileUri(folder), name: path.basename(folder) })),
        initializationOptions: options.initializationOptions,
      })
      .catch((error: unknown) => {
        throw new Error(`initialize failed: ${String(error)}; server stderr: ${stderr.join('')}`);
      })) as InitializeResult;
    client.initializeResult = initialized;
    await connection.sendNotification('initialized', {});
    return client;
  }

  initializeResult: InitializeResult | undefined;

  /** The server's process id (the benchmark reads its peak memory from /proc). */
  get pid(): number | undefined {
    return this.child.pid;
  }

  async open(uri: string, text: string, version = 1, languageId = 'yaml'): Promise<void> {
    await this.connection.sendNotification('textDocument/didOpen', {
      textDocument: { uri, languageId, version, text },
    });
  }

  async change(uri: string, version: number, changes: TextDocumentContentChangeEvent[]): Promise<void> {
    await this.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri, version },
      contentChanges: changes,
    });
  }

  async save(uri: string): Promise<void> {
    await this.connection.sendNotification('textDocument/didSave', { textDocument: { uri } });
  }

  async close(uri: string): Promise<void> {
    await this.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
  }

  /** workspace/didChangeWatchedFiles: type 1 created, 2 changed, 3 deleted. */
  async filesChanged(changes: { uri: string; type: 1 | 2 | 3 }[]): Promise<void> {
    await this.connection.sendNotification('workspace/didChangeWatchedFiles', { changes });
  }

  /** Resolves once `accept` holds for the progress notifications received so far (or later). */
  async waitForProgress(
    accept: (reports: readonly ProgressReport[]) => boolean,
    what: string,
    timeoutMs = 15_000,
  ): Promise<void> {
    await this.waitFor(() => accept(this.progress), what, timeoutMs);
  }

  /** Resolves once the server logged (or showed) a message matching `pattern`. */
  async waitForLog(pattern: RegExp, timeoutMs = 15_000): Promise<string> {
    await this.waitFor(
      () => this.serverLog.some((line) => pattern.test(line)),
      `log line ${pattern}`,
      timeoutMs,
    );
    return this.serverLog.find((line) => pattern.test(line)) as string;
  }

  /** `settings` is what a push-style client sends; pull-style clients (VS Code) send null. */
  async configurationChanged(settings: unknown = null): Promise<void> {
    await this.connection.sendNotification('workspace/didChangeConfiguration', { settings });
  }

  completion(uri: string, position: Position): Promise<CompletionList | CompletionItem[] | null> {
    return this.connection.sendRequest('textDocument/completion', { textDocument: { uri }, position });
  }

  hover(uri: string, position: Position): Promise<Hover | null> {
    return this.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position });
  }

  documentSymbols(uri: string): Promise<DocumentSymbol[] | null> {
    return this.connection.sendRequest('textDocument/documentSymbol', { textDocument: { uri } });
  }

  /** Resolves with the first publication (already received or still to come) that satisfies `accept`. */
  waitForDiagnostics(
    accept: (params: PublishDiagnosticsParams) => boolean,
    what: string,
    timeoutMs = 15_000,
  ): Promise<PublishDiagnosticsParams> {
    return new Promise((resolve, reject) => {
      const check = (): boolean => {
        const found = this.published.find(accept);
        if (found) {
          finish();
          resolve(found);
          return true;
        }
        if (this.exited) {
          finish();
          reject(new Error(`server exited while waiting for ${what}`));
          return true;
        }
        return false;
      };
      const timer = setTimeout(() => {
        finish();
        reject(new Error(`no ${what} within ${timeoutMs} ms; got ${JSON.stringify(this.published)}`));
      }, timeoutMs);
      const finish = (): void => {
        clearTimeout(timer);
        this.waiters.delete(waiter);
      };
      const waiter = (): void => void check();
      if (!check()) this.waiters.add(waiter);
    });
  }

  /** The latest publication for `uri`, once one (published after `since`) satisfies `accept`. */
  latestDiagnostics(
    uri: string,
    accept: (params: PublishDiagnosticsParams) => boolean,
    what: string,
    since = 0,
    timeoutMs?: number,
  ): Promise<PublishDiagnosticsParams> {
    return this.waitForDiagnostics(
      (params) => {
        const index = this.published.indexOf(params);
        if (params.uri !== uri || index < since) return false;
        // Only the newest publication for the URI counts: an older one is already superseded.
        const newer = this.published.slice(index + 1).some((later) => later.uri === uri);
        return !newer && accept(params);
      },
      what,
      timeoutMs,
    );
  }

  /** Diagnostics published for `uri` with exactly this document version. */
  diagnosticsFor(uri: string, version: number, timeoutMs?: number): Promise<PublishDiagnosticsParams> {
    return this.waitForDiagnostics(
      (params) => params.uri === uri && params.version === version,
      `diagnostics for ${uri} version ${version}`,
      timeoutMs,
    );
  }

  async stop(): Promise<void> {
    if (!this.exited) {
      const exited = new Promise<void>((resolve) => this.child.once('exit', () => resolve()));
      try {
        await this.connection.sendRequest('shutdown');
        await this.connection.sendNotification('exit');
      } catch {
        this.child.kill();
      }
      await exited;
    }
    this.connection.dispose();
  }

  /** Polls `condition` on every message from the server, with a deadline. */
  private waitFor(condition: () => boolean, what: string, timeoutMs: number): Promise<void> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiters.delete(waiter);
        reject(new Error(`no ${what} within ${timeoutMs} ms`));
      }, timeoutMs);
      const waiter = (): void => {
        if (!condition()) return;
        clearTimeout(timer);
        this.waiters.delete(waiter);
        resolve();
      };
      this.waiters.add(waiter);
      waiter();
    });
  }

  private notifyWaiters(): void {
    for (const waiter of [...this.waiters]) waiter();
  }
}

export function fileUri(file: string): string {
  return URI.file(path.resolve(file)).toString();
}

export function fixturePath(...parts: string[]): string {
  return path.join(REPOSITORY_ROOT, 'test/fixtures/lsp', ...parts);
}

export function readFixture(...parts: string[]): string {
  return fs.readFileSync(fixturePath(...parts), 'utf8');
}

/** Position of the `occurrence`-th `needle` in `text` (+ `offset` characters into it). */
export function positionOf(text: string, needle: string, offset = 0, occurrence = 1): Position {
  let index = -1;
  for (let i = 0; i < occurrence; i++) {
    index = text.indexOf(needle, index + 1);
    if (index === -1) throw new Error(`"${needle}" (occurrence ${occurrence}) not found in fixture`);
  }
  const before = text.slice(0, index + offset);
  const line = before.split('\n').length - 1;
  return { line, character: before.length - before.lastIndexOf('\n') - 1 };
}
