/**
 * The extension-host test runner: VS Code loads this bundle through `extensionTestsPath` (code-server's
 * workbench `payload` in `npm run test:e2e`, @vscode/test-electron in `npm run test:electron`) and calls
 * `run()` inside the extension host, where the tests use the real `vscode` API.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import Mocha from 'mocha';
import { ResultsReporter } from '../../../tools/e2e/results-reporter';

/** Must run first: it checks that nothing but a YAML file activates the extension. */
const FIRST = 'activation.test.js';
/** Must run last: it activates the Red Hat YAML stand-in, which changes behaviour for the rest of the session. */
const LAST = 'red-hat-yaml-coexistence.test.js';
/**
 * Tests named `demo-mesh-*.test.ts` run in a session of their own, on the demo workspace against the
 * simulated demo mesh (run-e2e.ts sets MESHWRIGHT_E2E_SUITE=demo-mesh); the others on the fixture workspace.
 */
const DEMO_MESH_PREFIX = 'demo-mesh-';
const demoMeshSession = process.env.MESHWRIGHT_E2E_SUITE === 'demo-mesh';

export function run(): Promise<void> {
  // The bundle sits in out/e2e/suite/; the results go where run-e2e.ts reads them.
  const outputDir =
    process.env.MESHWRIGHT_E2E_OUTPUT ?? path.resolve(__dirname, '..', '..', '..', 'test-output', 'e2e');
  const mocha = new Mocha({
    ui: 'bdd',
    color: false,
    timeout: 60_000,
    reporter: ResultsReporter,
    reporterOptions: { outputDir, name: demoMeshSession ? 'extension-host-demo-mesh' : 'extension-host' },
  });
  for (const file of orderedTestFiles(__dirname)) mocha.addFile(path.join(__dirname, file));
  return new Promise((resolve, reject) => {
    mocha.run((failures) =>
      failures > 0 ? reject(new Error(`${failures} extension-host test(s) failed`)) : resolve(),
    );
  });
}

function orderedTestFiles(directory: string): string[] {
  const files = fs
    .readdirSync(directory)
    .filter((file) => file.endsWith('.test.js') && file.startsWith(DEMO_MESH_PREFIX) === demoMeshSession);
  const middle = files.filter((file) => file !== FIRST && file !== LAST).sort();
  return [FIRST, ...middle, LAST].filter((file) => files.includes(file));
}
