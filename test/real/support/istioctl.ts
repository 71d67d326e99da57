/**
 * The real istioctl as a reference: finds the binary `npm run build:real-clusters` built, runs
 * `istioctl analyze -A -o json` on a set of files (`--use-kube=false`) or against a live API server, and
 * reads its findings.
 */
import { execFile } from 'node:child_process';
import path from 'node:path';
import { realBinaries } from './binaries';

export const REPOSITORY = path.resolve(__dirname, '../../..');

/** One istioctl finding, its origin split into the identity we compare. */
export interface IstioctlFinding {
  readonly code: string;
  readonly level: string;
  readonly kind: string;
  readonly namespace: string;
  readonly name: string;
  readonly message: string;
}

/**
 * The istioctl of the pinned Istio module (binaries.ts). Missing is an error, never a skip: a suite that
 * silently passes without its reference proves nothing.
 */
export function findIstioctl(): string {
  return realBinaries().istioctl;
}

/** An istioctl origin: "VirtualService bookinfo/reviews", or "Namespace bookinfo" for a cluster-scoped object. */
export function parseOrigin(origin: string): { kind: string; namespace: string; name: string } {
  const space = origin.indexOf(' ');
  if (space < 0) return { kind: origin, namespace: '', name: '' };
  const kind = origin.slice(0, space);
  const rest = origin.slice(space + 1).trim();
  const slash = rest.indexOf('/');
  return slash < 0
    ? { kind, namespace: '', name: rest }
    : { kind, namespace: rest.slice(0, slash), name: rest.slice(slash + 1) };
}

interface RawMessage {
  code?: unknown;
  level?: unknown;
  origin?: unknown;
  message?: unknown;
}

/**
 * Runs istioctl offline over `files` (all namespaces, so no finding is hidden by the default namespace
 * filter).
 */
export function runIstioctl(
  binary: string,
  files: readonly string[],
  options: { meshConfigFile?: string; timeoutMs?: number } = {},
): Promise<IstioctlFinding[]> {
  const args = ['analyze', '--use-kube=false', '--all-namespaces', '-o', 'json'];
  if (options.meshConfigFile) args.push('--meshConfigFile', options.meshConfigFile);
  args.push(...files);
  return runIstioctlAnalyze(binary, args, options.timeoutMs);
}

/** Where live istioctl reads: a kubeconfig context, and the contexts of the remote clusters. */
export interface IstioctlLiveTarget {
  readonly kubeconfig: string;
  readonly context: string;
  /** Remote clusters for multicluster analysis; istioctl takes the flag once per context. */
  readonly remoteContexts?: readonly string[];
  /** Files analysed as if applied on top of the cluster. */
  readonly files?: readonly string[];
}

/** Runs istioctl against a live API server, all namespaces. */
export function runIstioctlLive(
  binary: string,
  target: IstioctlLiveTarget,
  options: { timeoutMs?: number } = {},
): Promise<IstioctlFinding[]> {
  const args = ['analyze', '--kubeconfig', target.kubeconfig, '--context', target.context];
  for (const remote of target.remoteContexts ?? []) args.push('--remote-contexts', remote);
  // istioctl's own deadline for reading the cluster (30 s by default) is short on a busy machine.
  args.push('--all-namespaces', '--timeout', '120s', '-o', 'json', ...(target.files ?? []));
  return runIstioctlAnalyze(binary, args, options.timeoutMs);
}

/**
 * Runs `istioctl <args>` and reads its JSON list of messages. istioctl exits non-zero when it finds
 * problems (79 for errors): that is a result, not a failure; only output that is not the JSON list is.
 */
function runIstioctlAnalyze(
  binary: string,
  args: readonly string[],
  timeoutMs = 30_000,
): Promise<IstioctlFinding[]> {
  return new Promise((resolve, reject) => {
    execFile(
      binary,
      args,
      {
        timeout: timeoutMs,
        maxBuffer: 64 * 1024 * 1024,
        env: { ...process.env, HOME: process.env.HOME ?? '/tmp' },
      },
      (error, stdout, stderr) => {
        if (error && (error.killed || error.signal)) {
          reject(
            new Error(
              `istioctl ${args.join(' ')} timed out or was killed (${error.signal ?? 'timeout'}): ${stderr}`,
            ),
          );
          return;
        }
        // istioctl logs warnings (a deprecated mesh config field) on stdout before the JSON list.
        const start = stdout.search(/^\[/m);
        let parsed: unknown;
        try {
          parsed = JSON.parse(start < 0 ? (stdout.trim() === '' ? '[]' : stdout) : stdout.slice(start));
        } catch {
          reject(
            new Error(
              `istioctl ${args.join(' ')} printed no JSON (exit ${error?.code ?? 0}):\n${stdout}\n${stderr}`,
            ),
          );
          return;
        }
        if (!Array.isArray(parsed)) {
          reject(new Error(`istioctl printed ${typeof parsed}, not a list of messages:\n${stdout}`));
          return;
        }
        resolve(
          (parsed as RawMessage[]).map((raw) => ({
            code: String(raw.code),
            level: String(raw.level),
            message: String(raw.message),
            ...parseOrigin(typeof raw.origin === 'string' ? raw.origin : ''),
          })),
        );
      },
    );
  });
}

/** Runs `work` over `items` with at most `limit` at a time, keeping the results in input order. */
export async function inPool<T, R>(
  items: readonly T[],
  limit: number,
  work: (item: T) => Promise<R>,
): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

/** The analyzers istioctl skips for want of input, from `istioctl analyze -v` on `file`. */
export function istioctlSkippedAnalyzers(binary: string, file: string): Promise<string[]> {
  return new Promise((resolve, reject) => {
    execFile(
      binary,
      ['analyze', '--use-kube=false', '--all-namespaces', '-v', file],
      { timeout: 30_000 },
      (error, _stdout, stderr) => {
        if (error && (error.killed || error.signal)) {
          reject(new Error(`istioctl analyze -v timed out: ${stderr}`));
          return;
        }
        const section = /Skipped analyzers:\n((?:\s+\S+\n)*)/.exec(stderr);
        if (!section) {
          reject(new Error(`istioctl analyze -v printed no "Skipped analyzers:" section:\n${stderr}`));
          return;
        }
        resolve(
          section[1]!
            .split('\n')
            .map((line) => line.trim())
            .filter((line) => line !== ''),
        );
      },
    );
  });
}
