/**
 * Where the e2e harness finds and puts things. Every location can be moved with an environment
 * variable, so CI can keep the VS Code runtime in a cache outside the clone.
 */
import * as path from 'node:path';

export const REPO_ROOT = path.resolve(__dirname, '..', '..');
/** code-server and its native modules (tools/e2e/install-runtime.sh installs them). */
export const RUNTIME_DIR = process.env.MESHWRIGHT_E2E_RUNTIME ?? path.join(REPO_ROOT, '.e2e', 'runtime');
export const CODE_SERVER_BIN = path.join(RUNTIME_DIR, 'node_modules', '.bin', 'code-server');
export const CODE_SERVER_READY_MARKER = path.join(
  RUNTIME_DIR,
  'node_modules/code-server/lib/vscode/node_modules/node-pty/build/Release/pty.node',
);
/** Debian's Chromium; Playwright's own browser downloads cannot work offline. */
export const CHROMIUM_BIN = process.env.MESHWRIGHT_E2E_CHROMIUM ?? '/usr/bin/chromium';
/** Screenshots, logs and result files of a run. */
export const OUTPUT_DIR = process.env.MESHWRIGHT_E2E_OUTPUT ?? path.join(REPO_ROOT, 'test-output', 'e2e');
/** Scratch space of a run: code-server's user data, extensions dir, workspace copies, browser profiles. */
export const SCRATCH_DIR = process.env.MESHWRIGHT_E2E_SCRATCH ?? path.join(REPO_ROOT, '.e2e', 'runs');
/** The extension-host mocha suite, bundled to JavaScript by bundle-suite.ts. */
export const SUITE_BUNDLE_DIR = path.join(REPO_ROOT, 'out', 'e2e', 'suite');
export const SUITE_SOURCE_DIR = path.join(REPO_ROOT, 'test', 'e2e', 'suite');
export const UI_TESTS_DIR = path.join(REPO_ROOT, 'test', 'e2e', 'ui');
export const FIXTURE_WORKSPACE = path.join(REPO_ROOT, 'test', 'fixtures', 'e2e', 'workspace');
export const RED_HAT_YAML_STAND_IN = path.join(
  REPO_ROOT,
  'test',
  'fixtures',
  'e2e',
  'extensions',
  'redhat-yaml-stand-in',
);
