/**
 * What `npm run package` puts in the .vsix, as `vsce ls` reports it from .vscodeignore: every file the
 * manifest points at (entry point, launchers, grammar, view and activity-bar icons, walkthrough pages)
 * and the bundles the extension starts, and nothing of the tests, the simulator or node_modules. A file
 * the manifest names but the package leaves out works from source (F5) and breaks once installed.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { REPO_ROOT } from './support/cli-process';

interface Manifest {
  main: string;
  bin: Record<string, string>;
  contributes: {
    grammars: { path: string }[];
    viewsContainers: Record<string, { icon?: string }[]>;
    views: Record<string, { icon?: string }[]>;
    walkthroughs: { steps: { media: Record<string, unknown> }[] }[];
  };
}

/** The launcher that only the repository has: the simulator is for the tests and the demo. */
const REPOSITORY_ONLY_BINS = new Set(['meshwright-sim']);

function packagedFiles(): Set<string> {
  const vsce = path.join(REPO_ROOT, 'node_modules', '.bin', 'vsce');
  const result = spawnSync(vsce, ['ls', '--no-dependencies'], { cwd: REPO_ROOT, encoding: 'utf8' });
  assert.equal(result.status, 0, result.stderr);
  return new Set(result.stdout.split('\n').filter(Boolean));
}

/** The files the manifest refers to, normalised to `dir/file` (no leading `./`). */
function referencedFiles(manifest: Manifest): string[] {
  const icons = [
    ...Object.values(manifest.contributes.viewsContainers).flat(),
    ...Object.values(manifest.contributes.views).flat(),
  ]
    .map((entry) => entry.icon)
    .filter((icon): icon is string => typeof icon === 'string' && !icon.startsWith('$('));
  const media = manifest.contributes.walkthroughs
    .flatMap((walkthrough) => walkthrough.steps)
    .flatMap((step) => Object.values(step.media))
    .filter((value): value is string => typeof value === 'string');
  const bins = Object.entries(manifest.bin)
    .filter(([name]) => !REPOSITORY_ONLY_BINS.has(name))
    .map(([, file]) => file);
  return [
    manifest.main,
    ...bins,
    ...manifest.contributes.grammars.map((g) => g.path),
    ...icons,
    ...media,
  ].map((file) => path.posix.normalize(file));
}

describe('the .vsix contents (vsce ls)', function () {
  this.timeout(60_000);
  const manifest = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as Manifest;
  let files: Set<string>;
  before(() => {
    files = packagedFiles();
  });

  it('holds every file the manifest refers to', () => {
    const referenced = referencedFiles(manifest);
    assert.ok(referenced.includes('resources/meshwright.svg'), referenced.join(', '));
    assert.deepEqual(
      referenced.filter((file) => !files.has(file)),
      [],
    );
  });

  it('holds the bundles the extension starts and the schemas the server reads', () => {
    for (const file of [
      'dist/server/server.js',
      'dist/server/schema-worker.js',
      'dist/server/live-discovery.js',
      'dist/webview/map.js',
      'schemas/istio.json',
    ])
      assert.ok(files.has(file), `${file} is not packaged`);
  });

  it('leaves out the tests, the simulator, the sources and node_modules', () => {
    const unwanted = [...files].filter((file) =>
      /^(test|simulator|node_modules|server\/src|client\/src|tools|bench|demo)\//.test(file),
    );
    assert.deepEqual(unwanted, []);
  });
});
