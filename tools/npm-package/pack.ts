/**
 * Makes the npm package `meshwright`: the CLI, the standalone language server and the cluster simulator,
 * as a tarball ready for `npm publish` (`npm run pack:npm`, written to out/).
 *
 * The repository's own package.json is the VS Code extension's manifest (contributions, a `main` that
 * needs the `vscode` module, development dependencies), so the npm package gets a manifest of its own,
 * made here from the repository's: the same name, version, licence and Node engine, the three commands,
 * no dependencies (esbuild inlines them) and an explicit file list. The package is staged in
 * out/npm-package/meshwright with minified bundles and no source maps (they would carry the sources),
 * then packed by npm itself, so what the tests install is exactly what would be published.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

export const REPOSITORY_ROOT = path.resolve(__dirname, '..', '..');
export const STAGING_DIRECTORY = path.join(REPOSITORY_ROOT, 'out', 'npm-package', 'meshwright');

/** The launchers users run, by command name. */
export const PACKAGE_BINS: Readonly<Record<string, string>> = {
  meshwright: 'bin/meshwright.js',
  'meshwright-language-server': 'bin/meshwright-language-server.js',
  'meshwright-sim': 'bin/meshwright-sim.js',
};

/** Files and folders copied from the repository as they are, besides the bundles npm-package builds. */
const COPIED = [
  ...Object.values(PACKAGE_BINS),
  'bin/require-bundle.js',
  'README.md',
  'LICENSE',
  'CHANGELOG.md',
  'simulator/demo',
];

export interface PackedFile {
  readonly path: string;
  readonly size: number;
}

export interface PackResult {
  /** Absolute path of the tarball. */
  readonly tarball: string;
  readonly version: string;
  /** Bytes of the .tgz. */
  readonly size: number;
  readonly unpackedSize: number;
  readonly files: readonly PackedFile[];
}

interface RepositoryManifest {
  name: string;
  version: string;
  description?: string;
  license: string;
  homepage?: string;
  repository?: unknown;
  bugs?: unknown;
  keywords?: string[];
  engines: { node: string };
}

export function readRepositoryManifest(): RepositoryManifest {
  return JSON.parse(
    fs.readFileSync(path.join(REPOSITORY_ROOT, 'package.json'), 'utf8'),
  ) as RepositoryManifest;
}

/** The npm package's package.json, from the repository's. */
export function packageManifest(repository: RepositoryManifest): Record<string, unknown> {
  return {
    name: repository.name,
    version: repository.version,
    description:
      'Istio policy checks for multicluster meshes: the meshwright CLI (analyze, topology), a language server for any editor, and a Kubernetes API simulator to try them on.',
    license: repository.license,
    ...(repository.homepage ? { homepage: repository.homepage } : {}),
    ...(repository.repository ? { repository: repository.repository } : {}),
    ...(repository.bugs ? { bugs: repository.bugs } : {}),
    keywords: [...(repository.keywords ?? []), 'cli', 'language-server', 'lsp', 'istioctl'],
    bin: { ...PACKAGE_BINS },
    engines: { node: repository.engines.node },
    files: ['bin/', 'dist/', 'schemas/', 'simulator/demo/', 'CHANGELOG.md'],
  };
}

/** The generated schemas the server reads, and the licences of the CRDs they were made from. */
function copySchemas(target: string): void {
  const source = path.join(REPOSITORY_ROOT, 'schemas');
  fs.cpSync(source, path.join(target, 'schemas'), {
    recursive: true,
    filter: (file) => {
      const relative = path.relative(source, file).split(path.sep);
      if (relative[0] !== 'source') return true;
      // Of the CRD sources only the licences travel: the folders themselves, and their LICENSE files.
      return fs.statSync(file).isDirectory() || relative[relative.length - 1] === 'LICENSE';
    },
  });
}

function run(command: string, args: readonly string[], cwd: string): string {
  const result = spawnSync(command, args, { cwd, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (result.error) throw result.error;
  if (result.status !== 0) {
    throw new Error(`${command} ${args.join(' ')} failed (exit ${result.status}):\n${result.stderr}`);
  }
  return result.stdout;
}

/** Builds and stages the package, packs it into `destination`, and says what the tarball holds. */
export function packNpmPackage(destination: string = path.join(REPOSITORY_ROOT, 'out')): PackResult {
  const repository = readRepositoryManifest();
  fs.rmSync(STAGING_DIRECTORY, { recursive: true, force: true });
  fs.mkdirSync(STAGING_DIRECTORY, { recursive: true });
  run(
    process.execPath,
    [path.join(REPOSITORY_ROOT, 'tools', 'build.mjs'), '--package', STAGING_DIRECTORY],
    REPOSITORY_ROOT,
  );
  for (const entry of COPIED) {
    fs.cpSync(path.join(REPOSITORY_ROOT, entry), path.join(STAGING_DIRECTORY, entry), { recursive: true });
  }
  copySchemas(STAGING_DIRECTORY);
  fs.writeFileSync(
    path.join(STAGING_DIRECTORY, 'package.json'),
    `${JSON.stringify(packageManifest(repository), null, 2)}\n`,
  );
  fs.mkdirSync(destination, { recursive: true });
  // --ignore-scripts: the staged manifest has none, and a user's npm configuration must not add any.
  const report = JSON.parse(
    run('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', destination], STAGING_DIRECTORY),
  ) as { filename: string; size: number; unpackedSize: number; files: { path: string; size: number }[] }[];
  const packed = report[0];
  if (!packed) throw new Error('npm pack reported no tarball');
  return {
    tarball: path.join(destination, packed.filename),
    version: repository.version,
    size: packed.size,
    unpackedSize: packed.unpackedSize,
    files: packed.files
      .map((file) => ({ path: file.path, size: file.size }))
      .sort((a, b) => a.path.localeCompare(b.path)),
  };
}

/** A human summary: the tarball, its sizes and every file in it. */
export function describePack(result: PackResult): string {
  const kib = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`;
  return [
    `${path.basename(result.tarball)}: ${kib(result.size)} packed, ${kib(result.unpackedSize)} unpacked, ${result.files.length} files`,
    ...result.files.map((file) => `  ${kib(file.size).padStart(12)}  ${file.path}`),
  ].join('\n');
}

if (require.main === module) {
  const result = packNpmPackage();
  process.stdout.write(`${describePack(result)}\n${result.tarball}\n`);
}
