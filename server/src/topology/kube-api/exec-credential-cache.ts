/**
 * Exec plugin credentials, run once per credential lifetime, as kubectl does within one process: a
 * credential is kept until its `expirationTimestamp` (less a little skew), or for the life of the process
 * when the plugin gives none; callers that ask while the plugin runs share that one run (one cluster read
 * asks for some thirty types at once, and several contexts often share one user). A credential the API
 * server refused (401) is dropped, so the next request runs the plugin again.
 *
 * Each caller waits within its own deadline and abort signal; the run is killed once every caller waiting
 * for it has given up, so an aborted read or a stopped cluster leaves no plugin running.
 */
import {
  type ExecClusterInfo,
  type ExecCredential,
  type ExecPluginConfig,
  type ExecPluginRun,
  ExecPluginError,
  killRunningPlugins,
  pluginTimeoutMessage,
  runExecCredentialPlugin,
} from './exec-credential-plugin';
import { abortError } from './kube-transport';

export interface CredentialDeadline {
  readonly timeoutMs: number;
  readonly signal?: AbortSignal;
}

/** A credential this close to its expiry is renewed rather than sent (it could expire on the way). */
export const EXPIRY_SKEW_MS = 10_000;

interface PluginRun {
  readonly result: Promise<ExecCredential>;
  readonly controller: AbortController;
  waiters: number;
}

export type PluginRunner = (exec: ExecPluginConfig, run: ExecPluginRun) => Promise<ExecCredential>;

export class ExecCredentialCache {
  private readonly credentials = new Map<string, ExecCredential>();
  private readonly runs = new Map<string, PluginRun>();

  constructor(
    private readonly runPlugin: PluginRunner = runExecCredentialPlugin,
    private readonly now: () => number = Date.now,
  ) {}

  /** The plugin's current credential: the kept one while it is fresh, else the one a (shared) run gives. */
  get(
    exec: ExecPluginConfig,
    cluster: ExecClusterInfo | undefined,
    deadline: CredentialDeadline,
  ): Promise<ExecCredential> {
    const key = cacheKey(exec, cluster);
    const kept = this.credentials.get(key);
    if (kept && this.isFresh(kept)) return Promise.resolve(kept);
    this.credentials.delete(key);
    const run = this.runs.get(key) ?? this.start(key, exec, cluster, deadline.timeoutMs);
    return this.wait(run, exec, deadline);
  }

  /** The API server refused `credential` (401): the next request runs the plugin again. */
  invalidate(exec: ExecPluginConfig, cluster: ExecClusterInfo | undefined, credential: ExecCredential): void {
    const key = cacheKey(exec, cluster);
    // Only the credential that was refused: thirty requests refused together drop it once, not thirty times.
    if (this.credentials.get(key) === credential) this.credentials.delete(key);
  }

  /** Kills every run and forgets every credential (the language server shuts down). */
  dispose(): void {
    for (const run of this.runs.values()) run.controller.abort();
    this.runs.clear();
    this.credentials.clear();
  }

  private isFresh(credential: ExecCredential): boolean {
    return credential.expiresAt === null || credential.expiresAt - EXPIRY_SKEW_MS > this.now();
  }

  private start(
    key: string,
    exec: ExecPluginConfig,
    cluster: ExecClusterInfo | undefined,
    timeoutMs: number,
  ): PluginRun {
    const controller = new AbortController();
    const result = this.runPlugin(exec, { timeoutMs, signal: controller.signal, cluster }).finally(() => {
      if (this.runs.get(key) === run) this.runs.delete(key);
    });
    const run: PluginRun = { result, controller, waiters: 0 };
    this.runs.set(key, run);
    result.then(
      (credential) => {
        // A credential that is already about to expire serves the requests that waited for it, no more.
        if (!controller.signal.aborted && this.isFresh(credential)) this.credentials.set(key, credential);
      },
      () => undefined, // Each waiter gets the failure; nobody waiting is no unhandled rejection.
    );
    return run;
  }

  /** The run's outcome, or this caller's own timeout or abort (which kills the run if nobody else waits). */
  private wait(
    run: PluginRun,
    exec: ExecPluginConfig,
    deadline: CredentialDeadline,
  ): Promise<ExecCredential> {
    if (deadline.signal?.aborted) return Promise.reject(abortError());
    run.waiters += 1;
    return new Promise<ExecCredential>((resolve, reject) => {
      let done = false;
      const finish = (): boolean => {
        if (done) return false;
        done = true;
        clearTimeout(timer);
        deadline.signal?.removeEventListener('abort', onAbort);
        run.waiters -= 1;
        return true;
      };
      const giveUp = (error: Error): void => {
        if (!finish()) return;
        if (run.waiters === 0) run.controller.abort();
        reject(error);
      };
      const onAbort = (): void => giveUp(abortError());
      const timer = setTimeout(
        () => giveUp(new ExecPluginError(pluginTimeoutMessage(exec, deadline.timeoutMs))),
        deadline.timeoutMs,
      );
      deadline.signal?.addEventListener('abort', onAbort, { once: true });
      run.result.then(
        (credential) => finish() && resolve(credential),
        (error: unknown) => finish() && reject(error),
      );
    });
  }
}

/** One entry per distinct plugin invocation: the same command, arguments, environment and cluster info. */
function cacheKey(exec: ExecPluginConfig, cluster: ExecClusterInfo | undefined): string {
  return JSON.stringify([
    exec.apiVersion ?? '',
    exec.command,
    exec.args ?? [],
    exec.env ?? [],
    exec.provideClusterInfo && cluster ? cluster : null,
  ]);
}

/** The credentials of this process: the CLI's clusters and the language server's share them. */
export const processExecCredentials = new ExecCredentialCache();

/** Shutdown: no plugin of this process keeps running, and no credential stays in memory. */
export function stopCredentialPlugins(): void {
  processExecCredentials.dispose();
  killRunningPlugins();
}
