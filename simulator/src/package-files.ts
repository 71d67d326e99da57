/**
 * Finds files shipped with the package (schemas/, simulator/demo/) from wherever the code runs: the
 * sources under simulator/src (tsx, tests) or the bundle in dist/simulator.
 */
import fs from 'node:fs';
import path from 'node:path';

let root: string | undefined;

export function packageRoot(): string {
  if (root) return root;
  for (let directory = __dirname; ; directory = path.dirname(directory)) {
    if (
      fs.existsSync(path.join(directory, 'schemas', 'index.json')) &&
      fs.existsSync(path.join(directory, 'simulator'))
    ) {
      root = directory;
      return directory;
    }
    if (path.dirname(directory) === directory) {
      throw new Error(
        `meshwright-sim: cannot find the package's schemas/ and simulator/ folders above ${__dirname}; reinstall the package`,
      );
    }
  }
}

export function packagePath(...parts: string[]): string {
  return path.join(packageRoot(), ...parts);
}
