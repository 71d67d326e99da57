/**
 * `npm run release -- X.Y.Z`: gives the repository one new version everywhere it appears. The npm package
 * and the VS Code extension share package.json's version (pack.ts derives the package's manifest from
 * it); the docs and the pre-commit hook pin `meshwright@X.Y.Z` in commands users copy; CHANGELOG.md's
 * `## Unreleased` becomes the version's section under a fresh, empty `## Unreleased`.
 *
 * The edits are pure functions of the text (tested in test/unit/release-version.test.ts); main() applies
 * them to the files.
 */
import fs from 'node:fs';
import path from 'node:path';

const REPOSITORY_ROOT = path.resolve(__dirname, '..', '..');

const SEMVER = /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-[0-9A-Za-z.-]+)?$/;

/** `meshwright@1.2.3` as copied into a shell: the package name and a full version, prerelease included. */
export const VERSION_PIN = /\bmeshwright@(\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?)/g;

export const UNRELEASED_HEADING = '## Unreleased';

/** Files whose commands pin the package version, relative to the repository. */
export function pinnedFiles(root: string = REPOSITORY_ROOT): string[] {
  const docs = fs
    .readdirSync(path.join(root, 'docs'))
    .filter((name) => name.endsWith('.md'))
    .map((name) => path.join('docs', name));
  return ['README.md', '.pre-commit-hooks.yaml', ...docs];
}

export function isVersion(text: string): boolean {
  return SEMVER.test(text);
}

/** Every `meshwright@X.Y.Z` in `text` now names `version`. */
export function repin(text: string, version: string): string {
  return text.replace(VERSION_PIN, `meshwright@${version}`);
}

/**
 * CHANGELOG.md with its Unreleased section turned into `## VERSION (DATE)` under a new empty Unreleased
 * section. Refuses a changelog without an Unreleased section or one that already has this version.
 */
export function cutChangelog(text: string, version: string, date: string): string {
  if (changelogVersions(text).includes(version)) {
    throw new Error(`CHANGELOG.md already has a section for ${version}`);
  }
  const lines = text.split('\n');
  const at = lines.indexOf(UNRELEASED_HEADING);
  if (at < 0) throw new Error(`CHANGELOG.md has no "${UNRELEASED_HEADING}" section to release`);
  lines.splice(at, 1, UNRELEASED_HEADING, '', `## ${version} (${date})`);
  return lines.join('\n');
}

/** The versions of CHANGELOG.md's release sections, newest first as written. */
export function changelogVersions(text: string): string[] {
  return [...text.matchAll(/^## (\S+) \(\d{4}-\d{2}-\d{2}\)$/gm)].map((match) => match[1] ?? '');
}

function rewrite(file: string, edit: (text: string) => string): void {
  const text = fs.readFileSync(file, 'utf8');
  const edited = edit(text);
  if (edited !== text) fs.writeFileSync(file, edited);
}

function setManifestVersion(file: string, version: string): void {
  rewrite(file, (text) => {
    const manifest = JSON.parse(text) as {
      version?: string;
      packages?: Record<string, { version?: string }>;
    };
    manifest.version = version;
    const root = manifest.packages?.[''];
    if (root) root.version = version;
    return `${JSON.stringify(manifest, null, 2)}\n`;
  });
}

function main(argv: readonly string[]): void {
  const version = argv[0];
  if (!version || !isVersion(version)) {
    process.stderr.write('usage: npm run release -- X.Y.Z   (a semantic version, e.g. 0.2.0)\n');
    process.exit(2);
  }
  const date = new Date().toISOString().slice(0, 10);
  rewrite(path.join(REPOSITORY_ROOT, 'CHANGELOG.md'), (text) => cutChangelog(text, version, date));
  setManifestVersion(path.join(REPOSITORY_ROOT, 'package.json'), version);
  setManifestVersion(path.join(REPOSITORY_ROOT, 'package-lock.json'), version);
  for (const file of pinnedFiles()) rewrite(path.join(REPOSITORY_ROOT, file), (text) => repin(text, version));
  process.stdout.write(
    `meshwright ${version}: package.json, package-lock.json, CHANGELOG.md and the pinned commands\n`,
  );
}

if (require.main === module) main(process.argv.slice(2));
