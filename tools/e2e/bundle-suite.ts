/**
 * Bundles the extension-host suite (test/e2e/suite) to JavaScript in out/e2e/suite: one file for the
 * runner (index.js) and one per test file, because mocha must require each test file after it has set
 * up its globals. `vscode` is provided by the extension host and `mocha` is resolved from the
 * repository's node_modules at run time. Run directly: `npx tsx tools/e2e/bundle-suite.ts`.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as esbuild from 'esbuild';
import { REPO_ROOT, SUITE_BUNDLE_DIR, SUITE_SOURCE_DIR } from './paths';

/** Returns the absolute path of the runner to pass as `extensionTestsPath`. */
export async function bundleExtensionHostSuite(): Promise<string> {
  const tests = fs.readdirSync(SUITE_SOURCE_DIR).filter((file) => file.endsWith('.test.ts'));
  const entryPoints = Object.fromEntries(
    ['index.ts', ...tests].map((file) => [file.replace(/\.ts$/, ''), path.join(SUITE_SOURCE_DIR, file)]),
  );
  // A clean directory: a deleted test must not keep running from a stale bundle.
  fs.rmSync(SUITE_BUNDLE_DIR, { recursive: true, force: true });
  await esbuild.build({
    entryPoints,
    outdir: SUITE_BUNDLE_DIR,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    sourcemap: 'inline',
    external: ['vscode', 'mocha'],
    absWorkingDir: REPO_ROOT,
    logLevel: 'warning',
  });
  return path.join(SUITE_BUNDLE_DIR, 'index.js');
}

if (require.main === module) {
  bundleExtensionHostSuite().then(
    (runner) => console.log(`extension-host suite bundled: ${runner}`),
    (error: unknown) => {
      console.error(`bundling the extension-host suite failed: ${String(error)}`);
      process.exitCode = 1;
    },
  );
}
