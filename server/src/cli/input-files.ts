/**
 * Turns the PATHS of `meshwright analyze` into the list of files to read, and reads them. Directories are
 * walked in a stable order (byte order of names, depth first) for `.yaml`, `.yml` and `.json` files,
 * skipping `node_modules` and dot-directories; a file named explicitly is read whatever its extension
 * (so `<(helm template ...)` works). Each file keeps the path the user gave, joined with its relative
 * path inside a directory argument: that is what every output format shows. A path that does not exist
 * or cannot be read is a usage error (exit 2), never a partial report.
 */
import { promises as fs } from 'node:fs';
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
}

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
      file.absolutePath === undefined ? file.uri : await realPath(file.absolutePath, file.displayPath);
    if (seen.has(key)) return;
    seen.add(key);
    files.push(file.absolutePath === undefined ? file : { ...file, realPath: key });
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

export async function readInputFile(file: InputFile, environment: CliEnvironment): Promise<Buffer> {
  if (file.absolutePath === undefined) return environment.readStdin();
  try {
    return await fs.readFile(file.absolutePath);
  } catch (error) {
    throw unreadable(error, file.displayPath, environment.cwd);
  }
}

async function walkDirectory(absolute: string, display: string, visited: Set<string>): Promise<InputFile[]> {
  // Symbolic links are followed; a directory seen before (a link loop) is not walked again.
  const real = await realPath(absolute, display);
  if (visited.has(real)) return [];
  visited.add(real);

  const entries = await fs.readdir(absolute, { withFileTypes: true }).catch((error: unknown) => {
    throw unreadable(error, display);
  });
  const names = entries.map((entry) => entry.name).sort(byCodeUnits);
  const kinds = new Map(entries.map((entry) => [entry.name, entry]));
  const files: InputFile[] = [];
  for (const name of names) {
    const entry = kinds.get(name);
    const childAbsolute = path.join(absolute, name);
    const childDisplay = path.join(display, name);
    const analyzed = ANALYZED_EXTENSIONS.includes(path.extname(name).toLowerCase());
    let isDirectory = entry?.isDirectory() ?? false;
    if (entry?.isSymbolicLink()) {
      const target = await fs.stat(childAbsolute).catch((error: unknown) => {
        // A broken link is only our business when it is named like something we would analyze.
        if (analyzed) throw unreadable(error, childDisplay);
        return undefined;
      });
      isDirectory = target?.isDirectory() ?? false;
      if (!target) continue;
    }
    if (isDirectory) {
      if (name.startsWith('.') || SKIPPED_DIRECTORIES.has(name)) continue;
      files.push(...(await walkDirectory(childAbsolute, childDisplay, visited)));
    } else if (analyzed) {
      files.push(fileEntry(childAbsolute, childDisplay));
    }
  }
  return files;
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

/** Byte-order comparison: the same order on every machine and locale. */
function byCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
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
