/**
 * Runs one kubeconfig `exec` credential plugin (client.authentication.k8s.io ExecCredential) and returns
 * the credential it prints. A kubeconfig is input Meshwright does not control, so the plugin is treated as
 * untrusted output from a program that may hang or misbehave:
 *
 * - it runs asynchronously in a process group of its own, with stdin closed (never interactive) and
 *   `KUBERNETES_EXEC_INFO` set as kubectl sets it;
 * - it has a deadline (the request's) and an abort signal; on either, and when the process exits, the
 *   whole group is killed, helpers it started included;
 * - its stdout and stderr are capped;
 * - no message ever quotes its stdout (a plugin that prints a bare token instead of JSON must not have the
 *   token shown); stderr, which plugins write for people, is quoted by its first line, redacted.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import { redactCredentials } from './credential-redaction';
import { abortError } from './kube-transport';

/** The `exec` section of a kubeconfig user. */
export interface ExecPluginConfig {
  readonly apiVersion?: string;
  readonly command: string;
  readonly args?: readonly string[];
  readonly env?: readonly { readonly name: string; readonly value: string }[];
  readonly interactiveMode?: string;
  readonly provideClusterInfo?: boolean;
}

/** What the plugin is told of the cluster when the kubeconfig sets `provideClusterInfo`. */
export interface ExecClusterInfo {
  readonly server: string;
  readonly 'certificate-authority-data'?: string;
  readonly 'insecure-skip-tls-verify'?: boolean;
  readonly 'tls-server-name'?: string;
  readonly 'proxy-url'?: string;
}

/** The part of an ExecCredential's status that authenticates requests. */
export interface ExecCredential {
  readonly token?: string;
  /** PEM. */
  readonly clientCertificateData?: string;
  /** PEM. */
  readonly clientKeyData?: string;
  /** Epoch ms after which the credential must not be used; null when the plugin gave none. */
  readonly expiresAt: number | null;
}

export interface ExecPluginRun {
  readonly timeoutMs: number;
  readonly signal?: AbortSignal;
  readonly cluster?: ExecClusterInfo;
}

/** The plugin failed, timed out or printed something unusable; the message never holds its stdout. */
export class ExecPluginError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ExecPluginError';
  }
}

/** A real ExecCredential is a few KiB; a certificate chain a few more. */
export const MAX_PLUGIN_STDOUT_BYTES = 1024 * 1024;
/** Enough for any error message a person would read. */
const MAX_PLUGIN_STDERR_BYTES = 64 * 1024;
const MAX_QUOTED_STDERR = 200;
const DEFAULT_API_VERSION = 'client.authentication.k8s.io/v1';

/** How messages name a plugin: its command's base name, never its arguments (they may hold secrets). */
export function pluginDisplayName(exec: Pick<ExecPluginConfig, 'command'>): string {
  return path.basename(exec.command);
}

export function pluginTimeoutMessage(exec: Pick<ExecPluginConfig, 'command'>, timeoutMs: number): string {
  return `credential plugin \`${pluginDisplayName(exec)}\` did not finish within ${formatSeconds(timeoutMs)}`;
}

/** Plugins running now, to kill when the process exits. */
const running = new Set<ChildProcess>();
let exitHookInstalled = false;

/**
 * Kills every plugin still running (and what it started). The language server calls it on shutdown; the
 * process's `exit` calls it too, so no plugin outlives a CLI run.
 */
export function killRunningPlugins(): void {
  for (const child of running) killGroup(child);
  running.clear();
}

export function runExecCredentialPlugin(exec: ExecPluginConfig, run: ExecPluginRun): Promise<ExecCredential> {
  const name = pluginDisplayName(exec);
  if (exec.interactiveMode === 'Always') {
    return Promise.reject(
      new ExecPluginError(
        `credential plugin \`${name}\` needs a terminal (interactiveMode: Always), which Meshwright does not provide; log in with it in a terminal, or set interactiveMode to IfAvailable`,
      ),
    );
  }
  if (run.signal?.aborted) return Promise.reject(abortError());
  installExitHook();
  const apiVersion = exec.apiVersion ?? DEFAULT_API_VERSION;
  return new Promise<ExecCredential>((resolve, reject) => {
    let child: ChildProcess;
    try {
      child = spawn(exec.command, [...(exec.args ?? [])], {
        // Its own process group: a kill reaches the helpers a plugin script starts, not only the script.
        detached: true,
        stdio: ['ignore', 'pipe', 'pipe'],
        env: pluginEnvironment(exec, apiVersion, run.cluster),
        windowsHide: true,
      });
    } catch {
      reject(new ExecPluginError(`credential plugin \`${name}\` could not be started`));
      return;
    }
    running.add(child);
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    let stdoutBytes = 0;
    let stderrBytes = 0;
    let settled = false;
    const finish = (outcome: () => void): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      run.signal?.removeEventListener('abort', onAbort);
      running.delete(child);
      outcome();
    };
    const fail = (error: Error): void =>
      finish(() => {
        killGroup(child);
        reject(error);
      });
    const onAbort = (): void => fail(abortError());
    const timer = setTimeout(
      () => fail(new ExecPluginError(pluginTimeoutMessage(exec, run.timeoutMs))),
      run.timeoutMs,
    );
    run.signal?.addEventListener('abort', onAbort, { once: true });
    child.stdout?.on('data', (chunk: Buffer) => {
      stdoutBytes += chunk.length;
      if (stdoutBytes > MAX_PLUGIN_STDOUT_BYTES) {
        fail(
          new ExecPluginError(
            `credential plugin \`${name}\` printed more than ${MAX_PLUGIN_STDOUT_BYTES / 1024 / 1024} MiB, which is no ExecCredential`,
          ),
        );
        return;
      }
      stdout.push(chunk);
    });
    child.stderr?.on('data', (chunk: Buffer) => {
      if (stderrBytes < MAX_PLUGIN_STDERR_BYTES) stderr.push(chunk);
      stderrBytes += chunk.length;
    });
    child.once('error', (error: NodeJS.ErrnoException) =>
      fail(
        new ExecPluginError(
          error.code === 'ENOENT'
            ? `credential plugin \`${name}\` was not found; install it or fix the kubeconfig's exec command`
            : `credential plugin \`${name}\` could not be started (${error.code ?? 'error'})`,
        ),
      ),
    );
    child.once('close', (code, signal) => {
      if (code !== 0) {
        const how = code === null ? `was killed (${signal ?? 'signal'})` : `exited with status ${code}`;
        fail(new ExecPluginError(`credential plugin \`${name}\` ${how}${stderrExcerpt(stderr)}`));
        return;
      }
      const output = Buffer.concat(stdout);
      let credential: ExecCredential;
      try {
        credential = parseExecCredential(output, apiVersion, name);
      } catch (error) {
        fail(error as Error);
        return;
      }
      finish(() => resolve(credential));
    });
  });
}

/**
 * The credential of the plugin's output. Errors say what was wrong with the output, never what it was:
 * anything printed may be a token.
 */
export function parseExecCredential(output: Buffer, apiVersion: string, name: string): ExecCredential {
  const notCredential = (): ExecPluginError =>
    new ExecPluginError(
      `credential plugin \`${name}\` printed ${output.length} bytes that are not an ExecCredential`,
    );
  let parsed: unknown;
  try {
    parsed = JSON.parse(output.toString('utf8'));
  } catch {
    throw notCredential();
  }
  if (typeof parsed !== 'object' || parsed === null) throw notCredential();
  const document = parsed as { kind?: unknown; apiVersion?: unknown; status?: unknown };
  if (document.kind !== 'ExecCredential' || typeof document.status !== 'object' || document.status === null)
    throw notCredential();
  if (document.apiVersion !== apiVersion) {
    throw new ExecPluginError(
      `credential plugin \`${name}\` printed an ExecCredential of apiVersion ${typeof document.apiVersion === 'string' ? document.apiVersion.slice(0, 60) : '(none)'}, not the ${apiVersion} the kubeconfig asks for`,
    );
  }
  const status = document.status as Record<string, unknown>;
  const text = (field: string): string | undefined => {
    const value = status[field];
    return typeof value === 'string' && value !== '' ? value : undefined;
  };
  const token = text('token');
  const clientCertificateData = text('clientCertificateData');
  const clientKeyData = text('clientKeyData');
  if (!token && !(clientCertificateData && clientKeyData)) {
    throw new ExecPluginError(
      `credential plugin \`${name}\` printed an ExecCredential with neither a token nor a client certificate and key`,
    );
  }
  const expiration = text('expirationTimestamp');
  const expiresAt = expiration ? Date.parse(expiration) : null;
  if (expiresAt !== null && Number.isNaN(expiresAt)) {
    throw new ExecPluginError(
      `credential plugin \`${name}\` printed an ExecCredential whose expirationTimestamp is not a time`,
    );
  }
  return {
    ...(token ? { token } : {}),
    ...(clientCertificateData && clientKeyData ? { clientCertificateData, clientKeyData } : {}),
    expiresAt,
  };
}

/** The environment kubectl gives a plugin: its own, the kubeconfig's `env`, and KUBERNETES_EXEC_INFO. */
function pluginEnvironment(
  exec: ExecPluginConfig,
  apiVersion: string,
  cluster: ExecClusterInfo | undefined,
): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const variable of exec.env ?? []) env[variable.name] = variable.value;
  env.KUBERNETES_EXEC_INFO = JSON.stringify({
    apiVersion,
    kind: 'ExecCredential',
    spec: {
      interactive: false,
      ...(exec.provideClusterInfo && cluster ? { cluster } : {}),
    },
  });
  return env;
}

function killGroup(child: ChildProcess): void {
  if (child.pid === undefined) return;
  try {
    process.kill(-child.pid, 'SIGKILL');
  } catch {
    // The group is gone already (or, on Windows, there are no groups): kill the process itself.
    try {
      child.kill('SIGKILL');
    } catch {
      // Gone.
    }
  }
}

function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.once('exit', killRunningPlugins);
  // Ctrl-C or a client killing the server: the plugins' groups die first, then the signal does its usual work.
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.once(signal, () => {
      killRunningPlugins();
      process.kill(process.pid, signal);
    });
  }
}

/** `: <first line of stderr>`, redacted and shortened; nothing when it printed nothing there. */
function stderrExcerpt(chunks: readonly Buffer[]): string {
  const firstLine = Buffer.concat(chunks)
    .toString('utf8')
    .split('\n')
    .map((line) => line.trim())
    .find(Boolean);
  if (!firstLine) return '';
  const shortened =
    firstLine.length > MAX_QUOTED_STDERR ? `${firstLine.slice(0, MAX_QUOTED_STDERR)}...` : firstLine;
  return `: ${redactCredentials(shortened)}`;
}

function formatSeconds(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000}s` : `${(ms / 1000).toFixed(1)}s`;
}
