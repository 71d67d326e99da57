/**
 * The package's own name, version and home page, read from its package.json at run time (so the
 * version in `--version` and in SARIF is the one npm installed, not one baked in at build time).
 * Found by walking up from this file: it works from the sources and from dist/server/cli.js alike.
 */
import fs from 'node:fs';
import path from 'node:path';

export interface PackageInfo {
  readonly version: string;
  readonly homepage?: string;
}

const PACKAGE_NAME = 'meshwright';

export function readPackageInfo(start: string = __dirname): PackageInfo {
  for (let directory = start; ; directory = path.dirname(directory)) {
    const manifest = readManifest(path.join(directory, 'package.json'));
    if (manifest?.name === PACKAGE_NAME) {
      return {
        version: typeof manifest.version === 'string' ? manifest.version : '0.0.0',
        ...(typeof manifest.homepage === 'string' ? { homepage: manifest.homepage } : {}),
      };
    }
    if (path.dirname(directory) === directory) return { version: '0.0.0' };
  }
}

function readManifest(file: string): Record<string, unknown> | undefined {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, unknown>;
  } catch {
    return undefined;
  }
}
