/**
 * Renders one overlay. Kustomize reads the user's files but the origin annotations must be switched on
 * in the kustomization, and the user's files are never modified: so the files the rendering reads are
 * copied, in their layout, into a temporary directory, the copy of the overlay's kustomization gets
 * `buildMetadata: [originAnnotations]`, and the program renders the copy. Helm charts and exec/alpha
 * plugins stay off (kustomize's default) unless the caller turns Helm on.
 */
import { execFile } from 'node:child_process';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { withOriginAnnotations } from './kustomization-file';
import { type KustomizeProgram } from './kustomize-program';
import { type KustomizeTree, reachOfRendering } from './kustomize-tree';
import { type RenderOutcome } from './rendered-overlay';

export interface RenderSettings {
  readonly program: KustomizeProgram;
  /** `--enable-helm`: a kustomization's `helmCharts` run helm. Off unless the user turns it on. */
  readonly enableHelm?: boolean;
  /** How long one rendering may take. */
  readonly timeoutMs?: number;
  readonly env?: NodeJS.ProcessEnv;
  /** The text to render for a file instead of the disk's (an editor's unsaved text); undefined: the disk's. */
  readonly readText?: (file: string) => string | undefined;
}

const DEFAULT_TIMEOUT_MS = 60_000;
const MAX_OUTPUT_BYTES = 64 * 1024 * 1024;

export async function renderOverlay(
  tree: KustomizeTree,
  root: string,
  settings: RenderSettings,
): Promise<RenderOutcome> {
  const node = tree.nodes.get(root);
  if (!node) throw new Error(`${root} holds no kustomization`);
  const reach = reachOfRendering(tree, root);
  const files = [...reach.files];
  const base = commonDirectory([root, ...files.map((file) => path.dirname(file)), ...reach.paths]);
  const copy = await fs.mkdtemp(path.join(os.tmpdir(), 'meshwright-kustomize-'));
  try {
    const sources = new Map<string, string>();
    for (const file of files) {
      const text = settings.readText?.(file) ?? (await fs.readFile(file, 'utf8'));
      sources.set(file, text);
      const target = path.join(copy, path.relative(base, file));
      await fs.mkdir(path.dirname(target), { recursive: true });
      await fs.writeFile(target, file === node.file ? withOriginAnnotations(text) : text);
    }
    const args = [
      ...settings.program.subcommand,
      path.join(copy, path.relative(base, root)),
      ...(settings.enableHelm ? ['--enable-helm'] : []),
    ];
    const result = await run(settings.program.executable, args, {
      cwd: copy,
      timeout: settings.timeoutMs ?? DEFAULT_TIMEOUT_MS,
      env: settings.env ?? process.env,
    });
    if (result.ok) {
      return { rendered: { directory: root, kustomizationFile: node.file, yaml: result.stdout, sources } };
    }
    const message = result.message.split(copy).join(base).trim();
    return { failed: { directory: root, kustomizationFile: node.file, message } };
  } finally {
    await fs.rm(copy, { recursive: true, force: true });
  }
}

type RunResult = { ok: true; stdout: string } | { ok: false; message: string };

function run(
  executable: string,
  args: readonly string[],
  options: { cwd: string; timeout: number; env: NodeJS.ProcessEnv },
): Promise<RunResult> {
  return new Promise((resolve) => {
    execFile(
      executable,
      args,
      { ...options, maxBuffer: MAX_OUTPUT_BYTES, encoding: 'utf8', windowsHide: true },
      (error, stdout, stderr) => {
        if (!error) return resolve({ ok: true, stdout });
        const timedOut = error.killed && error.signal === 'SIGTERM';
        const reason = timedOut
          ? `did not finish within ${Math.round(options.timeout / 1000)} s`
          : stderr.trim() || error.message;
        resolve({ ok: false, message: kustomizeMessage(reason) });
      },
    );
  });
}

/**
 * kustomize's own words without the logging around them: kubectl prints
 * `E1207 21:27:25.151065 5544 run.go:72] "command failed" err="accumulating resources: ..."`, kustomize
 * `Error: accumulating resources: ...`.
 */
export function kustomizeMessage(stderr: string): string {
  const logged = /err="((?:[^"\\]|\\.)*)"/.exec(stderr);
  const message = logged ? (JSON.parse(`"${logged[1] as string}"`) as string) : stderr;
  return message.replace(/^error:\s*/i, '').trim();
}

function commonDirectory(directories: readonly string[]): string {
  const split = directories.map((directory) => path.resolve(directory).split(path.sep));
  const first = split[0] ?? [];
  let length = first.length;
  for (const parts of split) {
    let same = 0;
    while (same < length && parts[same] === first[same]) same += 1;
    length = same;
  }
  return first.slice(0, length).join(path.sep) || path.sep;
}
