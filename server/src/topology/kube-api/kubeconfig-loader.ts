/**
 * Finds the kubeconfig, picks the contexts to read and builds one `KubeConfig` per context, holding only
 * that context's cluster and user (a KubeConfig re-reads the *current* context's credentials on every
 * request, so sharing one between clusters would mix them up, and a context that is not read never runs
 * its credential plugin).
 *
 * Where the kubeconfig comes from, like kubectl: the given path(s) (the `meshwright.kubeconfig` setting,
 * `--kubeconfig`), else every file of `KUBECONFIG` merged (the first file that defines a name wins), else
 * `~/.kube/config`.
 *
 * Users with an `exec` credential plugin or an `auth-provider` run programs (or reach identity providers)
 * to get a token: they are used only when the caller says the workspace is trusted. Credentials are never
 * part of an error message: YAML errors are reported by line only, since a parser's excerpt could show a
 * token.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type Cluster, type Context, KubeConfig, type User } from '@kubernetes/client-node';

export interface KubeconfigRequest {
  /** Explicit path(s): a setting or `--kubeconfig`; several separated like PATH. Empty: KUBECONFIG/default. */
  readonly kubeconfig?: string;
  /** Contexts to read; empty = every context of the kubeconfig. */
  readonly contexts?: readonly string[];
  /** Whether credential plugins (`exec`, `auth-provider`) may run. */
  readonly trusted: boolean;
  /** The environment to read KUBECONFIG and HOME from (default: the process's). */
  readonly env?: Readonly<Record<string, string | undefined>>;
}

/** One context to read: its own KubeConfig, or the reason it cannot be read (and is reported stale). */
export interface ClusterEndpoint {
  /** The context name: diagnostics and the snapshot name clusters by it. */
  readonly name: string;
  /** The API server URL (no credentials in it). */
  readonly server: string | null;
  readonly config: KubeConfig | null;
  /** Why the context is not read (credential plugin in an untrusted workspace, missing cluster); null when usable. */
  readonly refused: string | null;
}

export interface LoadedKubeconfig {
  /** The files that were read, for messages. */
  readonly files: readonly string[];
  readonly endpoints: readonly ClusterEndpoint[];
}

/** A kubeconfig that cannot be used at all: missing file, not YAML, unknown context. */
export class KubeconfigError extends Error {
  constructor(
    readonly problem: string,
    readonly remedy: string,
  ) {
    super(`${problem}; ${remedy}`);
    this.name = 'KubeconfigError';
  }
}

export const UNTRUSTED_PLUGIN_REASON = 'exec credential plugins run only in a trusted workspace';

export function loadKubeconfig(request: KubeconfigRequest): LoadedKubeconfig {
  const env = request.env ?? process.env;
  const files = kubeconfigFiles(request.kubeconfig ?? '', env);
  const merged = mergeFiles(files);
  const wanted = request.contexts ?? [];
  const known = merged.getContexts().map((context) => context.name);
  const unknown = wanted.filter((name) => !known.includes(name));
  if (unknown.length > 0) {
    throw new KubeconfigError(
      `context${unknown.length > 1 ? 's' : ''} ${unknown.map((name) => `"${name}"`).join(', ')} not found in ${files.join(', ')}`,
      known.length > 0 ? `the contexts are: ${known.join(', ')}` : 'the kubeconfig defines no context',
    );
  }
  const selected = wanted.length > 0 ? [...new Set(wanted)] : known;
  return {
    files,
    endpoints: selected.map((name) => endpointFor(merged, name, request.trusted)),
  };
}

/** The kubeconfig files to read, in kubectl's order of precedence. */
export function kubeconfigFiles(
  explicit: string,
  env: Readonly<Record<string, string | undefined>>,
): string[] {
  const home = env.HOME || env.USERPROFILE || os.homedir();
  const expand = (file: string): string =>
    file === '~' || file.startsWith(`~${path.sep}`) || file.startsWith('~/')
      ? path.join(home, file.slice(1))
      : file;
  const list = (value: string): string[] =>
    value
      .split(path.delimiter)
      .map((file) => file.trim())
      .filter(Boolean)
      .map(expand);
  if (explicit.trim()) {
    const given = list(explicit);
    const missing = given.filter((file) => !fs.existsSync(file));
    if (missing.length > 0) {
      throw new KubeconfigError(
        `kubeconfig ${missing.join(', ')} does not exist`,
        'give the path of an existing kubeconfig file',
      );
    }
    return given;
  }
  if (env.KUBECONFIG?.trim()) {
    // kubectl skips KUBECONFIG entries that do not exist; only all of them missing is an error.
    const existing = list(env.KUBECONFIG).filter((file) => fs.existsSync(file));
    if (existing.length === 0) {
      throw new KubeconfigError(
        `none of the KUBECONFIG files exists (${env.KUBECONFIG})`,
        'fix KUBECONFIG or give --kubeconfig FILE',
      );
    }
    return existing;
  }
  const fallback = path.join(home, '.kube', 'config');
  if (!fs.existsSync(fallback)) {
    throw new KubeconfigError(
      `no kubeconfig: KUBECONFIG is not set and ${fallback} does not exist`,
      'give --kubeconfig FILE (or the meshwright.kubeconfig setting), or set KUBECONFIG',
    );
  }
  return [fallback];
}

/** Merges the files like kubectl: the first file that defines a cluster, user or context name wins. */
function mergeFiles(files: readonly string[]): KubeConfig {
  const merged = new KubeConfig();
  merged.loadFromOptions({ clusters: [], users: [], contexts: [], currentContext: '' });
  for (const file of files) {
    const config = readFile(file);
    const add = <T extends { name: string }>(target: T[], items: readonly T[]): void => {
      for (const item of items)
        if (!target.some((existing) => existing.name === item.name)) target.push(item);
    };
    add(merged.clusters, config.getClusters());
    add(merged.users, config.getUsers());
    add(merged.contexts, config.getContexts());
    if (!merged.currentContext && config.currentContext) merged.currentContext = config.currentContext;
  }
  return merged;
}

function readFile(file: string): KubeConfig {
  const config = new KubeConfig();
  try {
    config.loadFromFile(file);
  } catch (error) {
    throw new KubeconfigError(
      `kubeconfig ${file} cannot be read (${safeReason(error)})`,
      'fix or replace the file',
    );
  }
  // A file with no `clusters:` section yields undefined lists; treat them as empty.
  config.clusters ??= [];
  config.users ??= [];
  config.contexts ??= [];
  return config;
}

/** An error's reason without any excerpt of the file (which could contain a token). */
function safeReason(error: unknown): string {
  if (typeof error === 'object' && error !== null) {
    const { code, mark, reason } = error as { code?: string; mark?: { line?: number }; reason?: string };
    if (mark && typeof mark.line === 'number')
      return `not valid YAML at line ${mark.line + 1}: ${reason ?? 'syntax error'}`;
    if (code === 'EACCES') return 'permission denied';
    if (code === 'ENOENT') return 'no such file';
    if (code === 'EISDIR') return 'it is a directory';
    // client-node's own validation messages name the entry (`users[0].name is missing`), never a value.
    if (error instanceof Error && /^(clusters|users|contexts)\[\d+\]/.test(error.message))
      return error.message;
  }
  return 'not a valid kubeconfig';
}

function endpointFor(merged: KubeConfig, name: string, trusted: boolean): ClusterEndpoint {
  const context = merged.getContextObject(name) as Context;
  const cluster = merged.getCluster(context.cluster);
  const user = merged.getUser(context.user);
  const refuse = (reason: string): ClusterEndpoint => ({
    name,
    server: cluster?.server ?? null,
    config: null,
    refused: reason,
  });
  if (!cluster) {
    return refuse(
      `context ${name} names cluster "${context.cluster}", which the kubeconfig does not define; fix the kubeconfig`,
    );
  }
  if (user && !trusted && runsCredentialPlugin(user)) {
    return refuse(
      `${UNTRUSTED_PLUGIN_REASON}: context ${name} gets its token from ${pluginName(user)}; trust the workspace to read this cluster`,
    );
  }
  const config = new KubeConfig();
  config.loadFromOptions({
    clusters: [cluster] satisfies Cluster[],
    users: user ? ([user] satisfies User[]) : [],
    contexts: [context],
    currentContext: name,
  });
  return { name, server: cluster.server, config, refused: null };
}

function runsCredentialPlugin(user: User): boolean {
  return Boolean(user.exec) || Boolean(user.authProvider);
}

/** Names the plugin for the message: the command's base name or the auth-provider's name, nothing else. */
function pluginName(user: User): string {
  const exec = user.exec as { command?: unknown } | undefined;
  if (exec && typeof exec.command === 'string') return `the exec plugin "${path.basename(exec.command)}"`;
  const provider = user.authProvider as { name?: unknown } | undefined;
  return `the auth-provider "${typeof provider?.name === 'string' ? provider.name : 'unknown'}"`;
}
