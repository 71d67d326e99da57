/**
 * Runs the built `meshwright` CLI (dist/server/cli.js) as a child process, the way users and CI run it.
 * The bundle must exist and be newer than the sources: testing a stale build would test old code.
 */
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

export const REPO_ROOT = path.resolve(__dirname, '..', '..', '..');
export const CLI_BUNDLE = path.join(REPO_ROOT, 'dist', 'server', 'cli.js');
export const FIXTURES = path.join(REPO_ROOT, 'test', 'fixtures', 'cli');

/** The version `meshwright --version` prints: the repository's package.json. */
export function packageVersion(): string {
  return (JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as { version: string })
    .version;
}

export interface CliResult {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

export interface CliRunOptions {
  /** Defaults to the CLI fixtures directory, so fixture paths are short and relative. */
  readonly cwd?: string;
  readonly input?: string | Buffer;
  readonly env?: Readonly<Record<string, string | undefined>>;
}

export interface BackgroundCliRun extends CliResult {
  readonly elapsedMs: number;
}

/**
 * Runs the CLI without blocking this process, for tests whose simulator answers from the same event loop
 * (a synchronous spawn would starve it). A clean environment (PATH, and a HOME with no kubeconfig) plus
 * `env`; `cwd` defaults to the CLI fixtures directory.
 */
export function runCliInBackground(
  args: readonly string[],
  options: {
    readonly cwd?: string;
    readonly env?: Readonly<Record<string, string>>;
    /** What the CLI reads on stdin (for `-`); none by default. */
    readonly input?: string;
  } = {},
): Promise<BackgroundCliRun> {
  if (!fs.existsSync(CLI_BUNDLE)) throw new Error(`${CLI_BUNDLE} is missing: run \`npm run build\` first`);
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI_BUNDLE, ...args], {
      cwd: options.cwd ?? FIXTURES,
      env: { PATH: process.env.PATH ?? '', HOME: '/nonexistent-home', ...options.env },
      stdio: 'pipe',
    });
    // The CLI reads stdin only for `-`; an empty, closed stdin is what a CI job gives it otherwise.
    child.stdin.end(options.input ?? '');
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, stdout, stderr, elapsedMs: Date.now() - started }));
  });
}

export function runCli(args: readonly string[], options: CliRunOptions = {}): CliResult {
  const env: Record<string, string | undefined> = { ...process.env, ...options.env };
  // Tests see the defaults unless they ask otherwise.
  if (!options.env || !('NO_COLOR' in options.env)) delete env.NO_COLOR;
  if (!options.env || !('MESHWRIGHT_DEBUG' in options.env)) delete env.MESHWRIGHT_DEBUG;
  const result = spawnSync(process.execPath, [CLI_BUNDLE, ...args], {
    cwd: options.cwd ?? FIXTURES,
    input: options.input ?? '',
    env,
    encoding: 'utf8',
    timeout: 60_000,
  });
  if (result.error) throw result.error;
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

let checkedBuild = false;

/**
 * For `before()`: fails with the way out when the bundle is missing or older than a source it bundles.
 * Checked once per test run, so one run is judged against one build even while sources are edited.
 */
export function assertCliBuilt(): void {
  if (checkedBuild) return;
  if (!fs.existsSync(CLI_BUNDLE)) {
    throw new Error(`${CLI_BUNDLE} is missing: run \`npm run build\` before the CLI tests`);
  }
  const built = fs.statSync(CLI_BUNDLE).mtimeMs;
  const stale = bundledSources().find((file) => fs.existsSync(file) && fs.statSync(file).mtimeMs > built);
  if (stale) {
    throw new Error(`${CLI_BUNDLE} is older than ${stale}: run \`npm run build\` before the CLI tests`);
  }
  checkedBuild = true;
}

/** The project's own sources in the bundle, from its source map (files it does not bundle cannot make it stale). */
function bundledSources(): string[] {
  const mapFile = `${CLI_BUNDLE}.map`;
  if (!fs.existsSync(mapFile)) return [];
  const { sources } = JSON.parse(fs.readFileSync(mapFile, 'utf8')) as { sources: string[] };
  return sources
    .map((source) => path.resolve(path.dirname(mapFile), source))
    .filter((file) => file.startsWith(path.join(REPO_ROOT, 'server') + path.sep));
}

export function readFixture(name: string): string {
  return fs.readFileSync(path.join(FIXTURES, name), 'utf8');
}

/** The diagnostics of a `--format json` run, parsed. */
export function jsonDiagnostics(result: CliResult): JsonDiagnosticShape[] {
  const report = JSON.parse(result.stdout) as { version: number; diagnostics: JsonDiagnosticShape[] };
  return report.diagnostics;
}

export interface JsonDiagnosticShape {
  code: string;
  severity: string;
  message: string;
  file: string;
  range: { start: { line: number; character: number }; end: { line: number; character: number } };
  resource: { apiVersion: string; kind: string; namespace: string; name: string } | null;
  cluster: string | null;
  related: unknown[];
}
