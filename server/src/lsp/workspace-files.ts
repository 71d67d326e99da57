/**
 * The YAML files of the workspace folders on disk: walking a folder (node_modules and dot-directories
 * skipped, symbolic links not followed, so no cycles and no leaving the workspace) and reading a file as
 * an editor would (byte-order mark dropped). Files bigger than MAX_FILE_BYTES are generated dumps, not
 * authored config: they are left out of the index (and logged), which keeps start-up and memory in check.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { URI } from 'vscode-uri';
import { YAML_FILE_PATTERN } from './document-selection';

export const MAX_FILE_BYTES = 5 * 1024 * 1024;

export type SkipReporter = (file: string, reason: string) => void;

/** Depth-first, in name order so results are stable. */
export async function* yamlFilesUnder(directory: string, onSkipped?: SkipReporter): AsyncGenerator<string> {
  let entries;
  try {
    entries = await fs.readdir(directory, { withFileTypes: true });
  } catch (error) {
    onSkipped?.(directory, (error as NodeJS.ErrnoException).code ?? String(error));
    return;
  }
  entries.sort((a, b) => a.name.localeCompare(b.name));
  for (const entry of entries) {
    const full = path.join(directory, entry.name);
    if (entry.isDirectory()) {
      if (entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
      yield* yamlFilesUnder(full, onSkipped);
    } else if (entry.isFile() && YAML_FILE_PATTERN.test(entry.name)) {
      yield full;
    }
  }
}

/** The YAML files a path names: the file itself, or every YAML file under a directory; none if missing. */
export async function* yamlFilesAt(target: string, onSkipped?: SkipReporter): AsyncGenerator<string> {
  let stats;
  try {
    stats = await fs.stat(target);
  } catch (error) {
    onSkipped?.(target, (error as NodeJS.ErrnoException).code ?? String(error));
    return;
  }
  if (stats.isDirectory()) yield* yamlFilesUnder(target, onSkipped);
  else if (stats.isFile()) yield target;
}

/**
 * Every YAML file the workspace analysis reads: those under the workspace folders, and those at the
 * cluster-state and mesh config paths of the settings (which may lie outside the folders). Each once.
 */
export async function workspaceYamlFiles(
  folders: readonly string[],
  statePaths: readonly string[],
  onSkipped?: SkipReporter,
): Promise<string[]> {
  const found = new Set<string>();
  for (const folder of folders) for await (const file of yamlFilesUnder(folder, onSkipped)) found.add(file);
  for (const target of statePaths) for await (const file of yamlFilesAt(target)) found.add(file);
  return [...found];
}

/** The file's text, or undefined (reported) when it is too big or cannot be read. */
export async function readWorkspaceFile(file: string, onSkipped?: SkipReporter): Promise<string | undefined> {
  try {
    const stat = await fs.stat(file);
    if (stat.size > MAX_FILE_BYTES) {
      onSkipped?.(file, `larger than ${MAX_FILE_BYTES / 1024 / 1024} MB`);
      return undefined;
    }
    // Editors drop a byte-order mark when they open a file; so do we, or line 0 would be off by one.
    return (await fs.readFile(file, 'utf8')).replace(/^\uFEFF/, '');
  } catch (error) {
    onSkipped?.(file, (error as NodeJS.ErrnoException).code ?? String(error));
    return undefined;
  }
}

export function fileUriOf(file: string): string {
  return URI.file(file).toString();
}

/** The local path of a `file:` URI; undefined for other schemes (untitled:, meshwright:, remote ones). */
export function localPathOf(uri: string): string | undefined {
  const parsed = URI.parse(uri);
  return parsed.scheme === 'file' ? parsed.fsPath : undefined;
}
