/**
 * Starts and stops code-server (VS Code 1.100.3's server and workbench) for one test run, following
 * shared/docs/real-vscode-offline.md: a fresh user-data-dir and extensions dir per run (so nothing is
 * restored from an earlier run), settings that stop telemetry and gallery lookups, port 0 with the
 * real port read from the log, and a process group of its own so that stopping it also ends the
 * extension host, the file watcher and the language server it started.
 */
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { waitFor, withTimeout } from './deadline';
import { CODE_SERVER_BIN, CODE_SERVER_READY_MARKER } from './paths';
import { installExtensionCopy, linkExtension } from './run-directories';

export interface CodeServer {
  /** e.g. http://127.0.0.1:41234 (no trailing slash) */
  readonly url: string;
  /** host:port, the remote authority of `vscode-remote://` URIs */
  readonly authority: string;
  readonly logFile: string;
  stop(): Promise<void>;
}

export interface CodeServerOptions {
  /** An empty directory for this run's user data, extensions and log. */
  readonly runDir: string;
  /** Extension folders copied into the extensions dir as installed extensions. */
  readonly installedExtensions?: readonly string[];
  /**
   * Extension folders symlinked into the extensions dir as `<publisher>.<name>-<version>` (the recipe's
   * method 3): a plain visit to the server loads them, no `payload` needed (the demo).
   */
  readonly linkedExtensions?: readonly string[];
  /** Port on 127.0.0.1; 0 (the default) picks a free one. */
  readonly port?: number;
  /** The folder a visit to `/` opens. */
  readonly folder?: string;
  /** User settings on top of the recipe's (e.g. the demo opens the workspace's README). */
  readonly userSettings?: Readonly<Record<string, unknown>>;
  /** Extra environment for code-server; the extension host and the language server inherit it. */
  readonly env?: Readonly<Record<string, string>>;
  readonly startTimeoutMs?: number;
}

/** Recipe settings: no welcome page, no telemetry or experiment lookups, no gallery, no trust prompt. */
const USER_SETTINGS = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'telemetry.telemetryLevel': 'off',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'update.mode': 'none',
  'git.enabled': false,
  'github.gitAuthentication': false,
  'security.workspace.trust.enabled': false,
  'chat.disableAIFeatures': true,
};

const LISTENING_LINE = /HTTP server listening on (http:\/\/127\.0\.0\.1:(\d+))\/?/;

export async function startCodeServer(options: CodeServerOptions): Promise<CodeServer> {
  if (!fs.existsSync(CODE_SERVER_READY_MARKER)) {
    throw new Error(
      `code-server is not installed (${CODE_SERVER_READY_MARKER} is missing); run \`bash tools/e2e/install-runtime.sh\``,
    );
  }
  const userDataDir = path.join(options.runDir, 'user-data');
  const extensionsDir = path.join(options.runDir, 'extensions');
  const configFile = path.join(options.runDir, 'config.yaml');
  const logFile = path.join(options.runDir, 'code-server.log');
  fs.mkdirSync(path.join(userDataDir, 'User'), { recursive: true });
  fs.mkdirSync(extensionsDir, { recursive: true });
  fs.writeFileSync(
    path.join(userDataDir, 'User', 'settings.json'),
    JSON.stringify({ ...USER_SETTINGS, ...options.userSettings }, null, 2),
  );
  // An explicit --config keeps code-server from writing ~/.config/code-server/config.yaml.
  fs.writeFileSync(configFile, 'auth: none\n');
  for (const extension of options.installedExtensions ?? []) installExtensionCopy(extension, extensionsDir);
  for (const extension of options.linkedExtensions ?? []) linkExtension(extension, extensionsDir);

  const args = [
    ['--config', configFile],
    ['--auth', 'none'],
    ['--bind-addr', `127.0.0.1:${options.port ?? 0}`],
    ['--disable-telemetry'],
    ['--disable-update-check'],
    ['--disable-workspace-trust'],
    ['--disable-getting-started-override'],
    ['--extensions-dir', extensionsDir],
    ['--user-data-dir', userDataDir],
    options.folder !== undefined ? [options.folder] : [],
  ].flat();
  const log = fs.openSync(logFile, 'w');
  // detached = setsid(): code-server leads a new process group, which stop() signals as a whole.
  const child = spawn(CODE_SERVER_BIN, args, {
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, EXTENSIONS_GALLERY: '{"serviceUrl":""}', ...options.env },
  });
  const pid = child.pid;
  if (pid === undefined) throw new Error(`could not start ${CODE_SERVER_BIN}`);
  liveGroups.add(pid);
  ensureCleanupOnExit();

  let exited = false;
  const exit = new Promise<number | null>((resolve) =>
    child.once('exit', (code) => {
      exited = true;
      resolve(code);
    }),
  );
  const listening = new Promise<string>((resolve) => {
    let seen = '';
    const scan = (chunk: Buffer): void => {
      fs.writeSync(log, chunk);
      seen = (seen + chunk.toString('utf8')).slice(-4096);
      const match = LISTENING_LINE.exec(seen);
      if (match?.[1] !== undefined) resolve(match[1]);
    };
    child.stdout.on('data', scan);
    child.stderr.on('data', scan);
  });

  let stopped = false;
  const stop = async (): Promise<void> => {
    if (stopped) return;
    stopped = true;
    killGroup(pid, 'SIGTERM');
    try {
      // Polls the whole group, not just the leader: the extension host can outlive code-server.
      await waitFor(() => (groupAlive(pid) ? undefined : true), {
        what: `code-server's process group ${pid} to exit after SIGTERM`,
        timeoutMs: 10_000,
      });
    } catch {
      killGroup(pid, 'SIGKILL');
    }
    liveGroups.delete(pid);
    child.stdout.destroy();
    child.stderr.destroy();
    fs.closeSync(log);
  };

  try {
    const startTimeoutMs = options.startTimeoutMs ?? 30_000;
    const url = await withTimeout(
      Promise.race([
        listening,
        exit.then((code) =>
          Promise.reject(new Error(`code-server exited with code ${code} before listening`)),
        ),
      ]),
      startTimeoutMs,
      'code-server to print its "HTTP server listening" line',
    );
    await waitFor(async () => (exited ? Promise.reject(new Error('code-server exited')) : healthy(url)), {
      what: `${url}/healthz to answer`,
      timeoutMs: startTimeoutMs,
    });
    return { url, authority: new URL(url).host, logFile, stop };
  } catch (error) {
    await stop();
    const tail = fs.readFileSync(logFile, 'utf8').split('\n').slice(-20).join('\n');
    throw new Error(
      `code-server did not start: ${(error as Error).message}\n--- ${logFile} (last lines) ---\n${tail}`,
    );
  }
}

async function healthy(url: string): Promise<true | undefined> {
  const response = await fetch(`${url}/healthz`);
  return response.ok ? true : undefined;
}

/** Process groups started here and not yet stopped; killed if this process ends first. */
const liveGroups = new Set<number>();
let cleanupInstalled = false;

/**
 * code-server runs in its own session, so Ctrl+C in the terminal does not reach it: without this, an
 * interrupted test run would leave code-server, its extension host and the language server behind.
 */
function ensureCleanupOnExit(): void {
  if (cleanupInstalled) return;
  cleanupInstalled = true;
  const killAll = (): void => liveGroups.forEach((pid) => killGroup(pid, 'SIGKILL'));
  process.on('exit', killAll);
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.once(signal, () => {
      killAll();
      process.kill(process.pid, signal);
    });
  }
}

function killGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    // ESRCH: the group is already gone.
  }
}

function groupAlive(pid: number): boolean {
  try {
    process.kill(-pid, 0);
    return true;
  } catch {
    return false;
  }
}
