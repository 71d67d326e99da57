/**
 * Scratch directories of an e2e run (.e2e/runs/<name>): emptied before each use so no state from an
 * earlier run (open editors, settings, extension state) can leak into this one.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { FIXTURE_WORKSPACE, SCRATCH_DIR } from './paths';

export function freshRunDir(name: string): string {
  const dir = path.join(SCRATCH_DIR, name);
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  return dir;
}

/** Tests edit files and settings: each run works on its own copy of test/fixtures/e2e/workspace. */
export function copyFixtureWorkspace(runDir: string): string {
  const workspace = path.join(runDir, 'workspace');
  fs.cpSync(FIXTURE_WORKSPACE, workspace, { recursive: true });
  return workspace;
}

/** Installs an unpacked extension by copying it to `<extensionsDir>/<publisher>.<name>-<version>`. */
export function installExtensionCopy(extensionDir: string, extensionsDir: string): void {
  const manifest = JSON.parse(fs.readFileSync(path.join(extensionDir, 'package.json'), 'utf8')) as {
    publisher: string;
    name: string;
    version: string;
  };
  const target = path.join(extensionsDir, `${manifest.publisher}.${manifest.name}-${manifest.version}`);
  fs.cpSync(extensionDir, target, { recursive: true });
}

/** Installs an extension folder by symlinking it as `<extensionsDir>/<publisher>.<name>-<version>`. */
export function linkExtension(extensionDir: string, extensionsDir: string): string {
  const manifest = JSON.parse(fs.readFileSync(path.join(extensionDir, 'package.json'), 'utf8')) as {
    publisher: string;
    name: string;
    version: string;
  };
  const target = path.join(extensionsDir, `${manifest.publisher}.${manifest.name}-${manifest.version}`);
  fs.rmSync(target, { recursive: true, force: true });
  fs.symlinkSync(path.resolve(extensionDir), target, 'dir');
  return target;
}
