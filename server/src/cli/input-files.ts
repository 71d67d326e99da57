/**
 * Turns the PATHS of `meshwright analyze` into the list of files to read, and reads them. Directories are
 * walked in a stable order (byte order of names, depth first) for `.yaml`, `.yml` and `.json` files,
 * skipping `node_modules` and dot-directories; a file named explicitly is read whatever its extension
 * (so `<(helm template ...)` works). Each file keeps the path the user gave, joined with its relative
 * path inside a directory argument: that is what every output format shows. A path that does not exist
 * or cannot be read is a usage error (exit 2), never a partial report.
 *
 * A walk takes regular files only: a FIFO would block the run for ever and a link to a device (`/dev/zero`)
 * would be read until memory runs out. Those, files over MAX_INPUT_BYTES and names that are not UTF-8 (no
 * path can carry them to the file) are kept as skipped entries, which the report shows as diagnostics, so
 * one odd entry never costs the findings of the rest. A file named explicitly may be a pipe
 * (`<(helm template ...)`); it and standard input are read up to the same size.
 */
import { isUtf8 } from 'node:buffer';
import { type Dirent, type Stats, promises as fs } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { STDIN_PATH } from './analyze-options';
import { type CliEnvironment } from './cli-environment';
import { CliError } from './cli-errors';

export interface InputFile {
  /** The path as given (`policies/vs.yaml` for a file found under `policies/`); `-` for standard input. */
  readonly displayPath: string;
  /** The URI diagnostics carry: `file:///...`, or STDIN_URI. */
  readonly uri: string;
  /** Where to read it; undefined for standard input. */
  readonly absolutePath: string | undefined;
  /** The file behind any symbolic links (how a file reached twice is recognised); undefined for stdin. */
  readonly realPath?: string;
  /** Why the file is not read ("a FIFO, not a regular file"); undefined for a file to read. */
  readonly skipped?: string;
}

/**
 * The most the CLI reads of one file. Far above the language server's 5 MiB (an editor keeps every file
 * open; a CI run reads `kubectl get -A -o yaml` dumps of whole clusters once), and low enough that a
 * file's parse stays well inside Node's default heap.
 */
export const MAX_INPUT_BYTES = 32 * 1024 * 1024;
const MAX_INPUT_WORDS = `${MAX_INPUT_BYTES / 1024 / 1024} MiB`;

export type InputBytes = { readonly bytes: Buffer } | { readonly skipped: string };

export const STDIN_URI = 'untitled:stdin';
export const ANALYZED_EXTENSIONS: readonly string[] = ['.yaml', '.yml', '.json'];
const SKIPPED_DIRECTORIES = new Set(['node_modules']);

export async function collectInputFiles(paths: readonly string[], cwd: string): Promise<InputFile[]> {
  const files: InputFile[] = [];
  const seen = new Set<string>();
  const visitedDirectories = new Set<string>();
  const add = async (file: InputFile): Promise<void> => {
    // The same file reached twice (`analyze . vs.yaml`) is analyzed and reported once, under its first path.
    const key =
      file.absolutePath === undefined || file.skipped !== undefined
        ? file.uri
        : await realPath(file.absolutePath, file.displayPath);
    if (seen.has(key)) return;
    seen.add(key);
    files.push(
      file.absolutePath === undefined || file.skipped !== undefined ? file : { ...file, realPath: key },
    );
  };

  for (const given of paths) {
    if (given === STDIN_PATH) {
      await add({ displayPath: STDIN_PATH, uri: STDIN_URI, absolutePath: undefined });
      continue;
    }
    const absolute = path.resolve(cwd, given);
    const stats = await fs.stat(absolute).catch((error: unknown) => {
      throw unreadable(error, given, cwd);
    });
    if (stats.isDirectory()) {
      for (const file of await walkDirectory(absolute, given, visitedDirectories)) await add(file);
    } else {
      await add(fileEntry(absolute, given));
    }
  }
  return files;
}

export async function readInputFile(file: InputFile, environment: CliEnvironment): Promise<InputBytes> {
  if (file.skipped !== undefined) return { skipped: file.skipped };
  if (file.absolutePath === undefined) return capped(await environment.readStdin(MAX_INPUT_BYTES));
  try {
    return capped(await readAtMost(file.absolutePath, MAX_INPUT_BYTES + 1));
  } catch (error) {
    throw unreadable(error, file.displayPath, environment.cwd);
  }
}

function capped(bytes: Buffer): InputBytes {
  if (bytes.length <= MAX_INPUT_BYTES) return { bytes };
  return { skipped: `larger than ${MAX_INPUT_WORDS}, the most Meshwright reads of one file; not analysed` };
}

/** Reads up to `limit` bytes: a device or an endless pipe named explicitly stops there. */
async function readAtMost(absolute: string, limit: number): Promise<Buffer> {
  const handle = await fs.open(absolute, 'r');
  try {
    const chunks: Buffer[] = [];
    let total = 0;
    while (total < limit) {
      const chunk = Buffer.allocUnsafe(Math.min(1024 * 1024, limit - total));
      const { bytesRead } = await handle.read(chunk, 0, chunk.length, null);
      if (bytesRead === 0) break;
      chunks.push(chunk.subarray(0, bytesRead));
      total += bytesRead;
    }
    return Buffer.concat(chunks, total);
  } finally {
    await handle.close();
  }
}

async function walkDirectory(absolute: string, display: string, visited: Set<string>): Promise<InputFile[]> {
  // Symbolic links are followed; a directory seen before (a link loop) is not walked again.
  const real = await realPath(absolute, display);
  if (visited.has(real)) return [];
  visited.add(real);

  // Names as bytes: a name that is not UTF-8 would otherwise be decoded to one that does not exist.
  const entries = await fs
    .readdir(absolute, { withFileTypes: true, encoding: 'buffer' })
    .catch((error: unknown) => {
      throw unreadable(error, display);
    });
  const named = entries.map((entry) => ({ entry, name: entry.name.toString('utf8') }));
  named.sort((a, b) => Buffer.compare(a.entry.name, b.entry.name));
  const files: InputFile[] = [];
  for (const { entry, name } of named) {
    const childAbsolute = path.join(absolute, name);
    const childDisplay = path.join(display, name);
    const analyzed = ANALYZED_EXTENSIONS.includes(path.extname(name).toLowerCase());
    if (!isUtf8(entry.name)) {
      if (analyzed || entry.isDirectory()) files.push(undecodableName(absolute, display, entry.name));
      continue;
    }
    const target = entry.isSymbolicLink()
      ? await fs.stat(childAbsolute).catch((error: unknown) => {
          // A broken link is only our business when it is named like something we would analyze.
          if (analyzed) throw unreadable(error, childDisplay);
          return undefined;
        })
      : entry;
    if (!target) continue;
    if (target.isDirectory()) {
      if (name.startsWith('.') || SKIPPED_DIRECTORIES.has(name)) continue;
      files.push(...(await walkDirectory(childAbsolute, childDisplay, visited)));
    } else if (analyzed) {
      const notRegular = target.isFile() ? undefined : specialFileWords(target);
      const tooLarge = await isOverSizeLimit(childAbsolute, target);
      const skipped = notRegular
        ? `${notRegular}, not a regular file; a directory walk reads regular files only`
        : tooLarge
          ? `larger than ${MAX_INPUT_WORDS}, the most Meshwright reads of one file; not analysed`
          : undefined;
      files.push({ ...fileEntry(childAbsolute, childDisplay), ...(skipped ? { skipped } : {}) });
    }
  }
  return files;
}

async function isOverSizeLimit(absolute: string, entry: Dirent<Buffer> | Stats): Promise<boolean> {
  if (!entry.isFile()) return false;
  const stats = 'size' in entry ? entry : await fs.stat(absolute).catch(() => undefined);
  return stats !== undefined && stats.size > MAX_INPUT_BYTES;
}

function specialFileWords(entry: Dirent<Buffer> | Stats): string {
  if (entry.isFIFO()) return 'a FIFO (named pipe)';
  if (entry.isSocket()) return 'a socket';
  if (entry.isCharacterDevice()) return 'a character device';
  if (entry.isBlockDevice()) return 'a block device';
  return 'not a file';
}

/** An entry whose name is not UTF-8: reported under a readable spelling, with the raw bytes in its URI. */
function undecodableName(directory: string, display: string, name: Buffer): InputFile {
  const spelled = Array.from(name, (byte) =>
    byte >= 0x20 && byte < 0x7f ? String.fromCharCode(byte) : `\\x${byte.toString(16).padStart(2, '0')}`,
  ).join('');
  const directoryUri = pathToFileURL(directory + path.sep).href;
  const escaped = Array.from(name, (byte) =>
    /[A-Za-z0-9._~-]/.test(String.fromCharCode(byte))
      ? String.fromCharCode(byte)
      : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`,
  ).join('');
  return {
    displayPath: path.join(display, spelled),
    uri: directoryUri + escaped,
    absolutePath: undefined,
    skipped: 'a name that is not UTF-8; rename it to analyse it',
  };
}

function fileEntry(absolute: string, display: string): InputFile {
  return { displayPath: display, uri: pathToFileURL(absolute).href, absolutePath: absolute };
}

async function realPath(absolute: string, display: string): Promise<string> {
  try {
    return await fs.realpath(absolute);
  } catch (error) {
    throw unreadable(error, display);
  }
}

/** A file-system error as "what, and how to fix it", without a stack trace. */
function unreadable(error: unknown, display: string, cwd?: string): CliError {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  switch (code) {
    case 'ENOENT':
    case 'ENOTDIR':
      return new CliError(
        `${display}: no such file or directory`,
        cwd && !path.isAbsolute(display)
          ? `check the path (relative paths start at ${cwd})`
          : 'check the path',
      );
    case 'EACCES':
    case 'EPERM':
      return new CliError(`${display}: permission denied`, 'make it readable, or leave it out of the paths');
    case 'ELOOP':
      return new CliError(
        `${display}: too many levels of symbolic links`,
        'fix the link loop, or leave it out of the paths',
      );
    default: {
      const reason = error instanceof Error ? error.message : String(error);
      return new CliError(`${display}: cannot be read (${reason})`, 'check the path and its permissions');
    }
  }
}
