/**
 * `meshwright/analyzeWorkspace`: validate every .yaml/.yml file under the workspace folders and publish
 * the results, so problems show up for files that are not open. node_modules and dot-directories (.git,
 * .venv, ...) are skipped, symbolic links are not followed (no cycles, no leaving the workspace), and an
 * open document is validated from the editor's text rather than from disk.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { URI } from 'vscode-uri';
import { type AnalyzeWorkspaceResult } from './protocol';
import { YAML_FILE_PATTERN } from './document-selection';

/** Files bigger than this are generated dumps, not authored config: skipping them keeps the request snappy. */
const MAX_FILE_BYTES = 5 * 1024 * 1024;

export interface WorkspaceAnalysisHooks<Diagnostic> {
  /** The editor's text of an open document, with its version; undefined when the file is not open. */
  readonly openDocument: (uri: string) => { readonly text: string; readonly version: number } | undefined;
  readonly validate: (uri: string, text: string) => Promise<Diagnostic[]>;
  readonly publish: (uri: string, diagnostics: Diagnostic[], version: number | undefined) => void;
  readonly isCancelled?: () => boolean;
  readonly onSkipped?: (file: string, reason: string) => void;
}

export async function analyzeWorkspace<Diagnostic>(
  folderUris: readonly string[],
  hooks: WorkspaceAnalysisHooks<Diagnostic>,
): Promise<AnalyzeWorkspaceResult> {
  let files = 0;
  let diagnostics = 0;
  for (const folderUri of folderUris) {
    const folder = URI.parse(folderUri);
    if (folder.scheme !== 'file') continue;
    for await (const file of yamlFilesUnder(folder.fsPath, hooks.onSkipped)) {
      if (hooks.isCancelled?.()) return { files, diagnostics };
      const uri = URI.file(file).toString();
      const open = hooks.openDocument(uri);
      const text = open?.text ?? (await readSmallFile(file, hooks.onSkipped));
      if (text === undefined) continue;
      const found = await hooks.validate(uri, text);
      hooks.publish(uri, found, open?.version);
      files++;
      diagnostics += found.length;
    }
  }
  return { files, diagnostics };
}

/** Depth-first, in name order so results are stable. */
export async function* yamlFilesUnder(
  directory: string,
  onSkipped?: (file: string, reason: string) => void,
): AsyncGenerator<string> {
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

async function readSmallFile(
  file: string,
  onSkipped?: (file: string, reason: string) => void,
): Promise<string | undefined> {
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
