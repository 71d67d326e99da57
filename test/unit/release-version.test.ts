/**
 * One version everywhere: the package (and the extension, which share package.json), the commands the
 * docs and the pre-commit hook pin as `meshwright@X.Y.Z`, and CHANGELOG.md's sections; and the edits
 * `npm run release` makes to keep them so.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import {
  UNRELEASED_HEADING,
  VERSION_PIN,
  changelogVersions,
  cutChangelog,
  isVersion,
  pinnedFiles,
  repin,
} from '../../tools/npm-package/release';

const ROOT = path.resolve(__dirname, '..', '..');
const version = (JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string })
  .version;

function compareVersions(a: string, b: string): number {
  const parts = (text: string) => text.split(/[.-]/).slice(0, 3).map(Number);
  const [left, right] = [parts(a), parts(b)];
  for (let index = 0; index < 3; index++) {
    const difference = (left[index] ?? 0) - (right[index] ?? 0);
    if (difference !== 0) return difference;
  }
  return 0;
}

describe('release: one version everywhere', () => {
  it('every pinned `meshwright@X.Y.Z` in the docs and the pre-commit hook is the package version', () => {
    const pins = pinnedFiles(ROOT).flatMap((file) =>
      [...fs.readFileSync(path.join(ROOT, file), 'utf8').matchAll(VERSION_PIN)].map((match) => ({
        file,
        version: match[1],
      })),
    );
    for (const file of ['README.md', 'docs/cli.md', 'docs/editors.md', '.pre-commit-hooks.yaml']) {
      assert.ok(
        pins.some((pin) => pin.file === file),
        `${file} pins a version`,
      );
    }
    assert.deepEqual(
      pins.filter((pin) => pin.version !== version),
      [],
    );
  });

  it('CHANGELOG.md opens with Unreleased, then releases newest first, none newer than the package', () => {
    const changelog = fs.readFileSync(path.join(ROOT, 'CHANGELOG.md'), 'utf8');
    const headings = changelog.split('\n').filter((line) => line.startsWith('## '));
    assert.equal(headings[0], UNRELEASED_HEADING);
    const released = changelogVersions(changelog);
    assert.equal(
      headings.length,
      released.length + 1,
      `every other section is a release: ${headings.join(', ')}`,
    );
    for (const [index, release] of released.entries()) {
      assert.ok(isVersion(release), release);
      assert.ok(compareVersions(release, version) <= 0, `${release} is newer than the package's ${version}`);
      const older = released[index + 1];
      if (older) assert.ok(compareVersions(release, older) > 0, `${release} is listed above ${older}`);
    }
  });
});

describe('release: the edits of `npm run release`', () => {
  it('repins every `meshwright@version`, prereleases included, and nothing else', () => {
    const text =
      'npx meshwright@0.1.0 analyze\nnpx -p meshwright@1.2.3-rc.1 meshwright-sim\nmeshwright-sim@0.1.0 x@0.1.0';
    assert.equal(
      repin(text, '0.2.0'),
      'npx meshwright@0.2.0 analyze\nnpx -p meshwright@0.2.0 meshwright-sim\nmeshwright-sim@0.1.0 x@0.1.0',
    );
  });

  it('turns Unreleased into the release section under a new empty Unreleased', () => {
    const before = '# Changelog\n\n## Unreleased\n\n- A change.\n\n## 0.1.0 (2026-01-02)\n\n- First.\n';
    const after = cutChangelog(before, '0.2.0', '2026-12-07');
    assert.equal(
      after,
      '# Changelog\n\n## Unreleased\n\n## 0.2.0 (2026-12-07)\n\n- A change.\n\n## 0.1.0 (2026-01-02)\n\n- First.\n',
    );
    assert.deepEqual(changelogVersions(after), ['0.2.0', '0.1.0']);
  });

  it('refuses a version already released and a changelog without Unreleased', () => {
    assert.throws(
      () => cutChangelog('## Unreleased\n\n## 0.1.0 (2026-01-02)\n', '0.1.0', '2026-12-07'),
      /already has a section for 0\.1\.0/,
    );
    assert.throws(() => cutChangelog('# Changelog\n', '0.2.0', '2026-12-07'), /no "## Unreleased" section/);
  });

  it('accepts semantic versions only', () => {
    assert.ok(isVersion('1.2.3'));
    assert.ok(isVersion('1.2.3-rc.1'));
    assert.ok(!isVersion('v1.2.3'));
    assert.ok(!isVersion('1.2'));
    assert.ok(!isVersion('01.2.3'));
  });
});
