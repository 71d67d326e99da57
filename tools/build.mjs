// Bundles every entry point with esbuild. One bundle per process we start:
// the VS Code extension (client), the language server, the CLI and the cluster simulator.
// `--watch` rebuilds on change (used by the F5 launch configuration).
// `--package DIR` builds only what the npm package runs (the language server, the CLI and the simulator),
// minified and without source maps (they would carry the sources), into DIR/dist (tools/npm-package).
import * as esbuild from 'esbuild';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const watch = process.argv.includes('--watch');
const packageFlag = process.argv.indexOf('--package');
const packageDirectory = packageFlag >= 0 ? path.resolve(process.argv[packageFlag + 1] ?? '') : undefined;
if (packageFlag >= 0 && !process.argv[packageFlag + 1]) {
  console.error('build.mjs: --package needs a directory');
  process.exit(2);
}
const production = process.argv.includes('--production') || packageDirectory !== undefined;

/**
 * yaml-language-server requires prettier for its formatter when it loads; Meshwright never formats, so
 * the bundles get a small stub instead of prettier (see tools/stubs/prettier.cjs).
 * @type {import('esbuild').Plugin}
 */
const stubPrettier = {
  name: 'stub-prettier',
  setup(build) {
    build.onResolve({ filter: /^prettier(\/.*)?$/ }, () => ({
      path: path.join(root, 'tools/stubs/prettier.cjs'),
    }));
  },
};

/**
 * yaml-language-server meta-validates schemas with ajv, which costs ~200 ms at start-up for four
 * meta-schema compilations. Our schemas are generated and validated by the tests with the real ajv, so
 * the bundles get an accept-all stand-in (tools/stubs/ajv.cjs). Only imports from yaml-language-server
 * are redirected.
 * @type {import('esbuild').Plugin}
 */
const stubAjvForYamlLanguageServer = {
  name: 'stub-ajv-for-yaml-language-server',
  setup(build) {
    build.onResolve({ filter: /^ajv(-draft-04|-i18n)?(\/.*)?$/ }, (args) => {
      if (!args.importer.includes(`${path.sep}yaml-language-server${path.sep}`)) return undefined;
      const stub = args.path.startsWith('ajv-i18n') ? 'ajv-i18n.cjs' : 'ajv.cjs';
      return { path: path.join(root, 'tools/stubs', stub) };
    });
  },
};

/**
 * yaml-language-server's unused-anchor validator walks every document to emit hints that Meshwright drops
 * (only errors and schema problems become diagnostics): the bundles get a validator that reports nothing
 * (tools/stubs/unused-anchors.cjs).
 * @type {import('esbuild').Plugin}
 */
const stubUnusedAnchorsValidator = {
  name: 'stub-unused-anchors-validator',
  setup(build) {
    build.onResolve({ filter: /\/validation\/unused-anchors$/ }, (args) => {
      if (!args.importer.includes(`${path.sep}yaml-language-server${path.sep}`)) return undefined;
      return { path: path.join(root, 'tools/stubs/unused-anchors.cjs') };
    });
  },
};

/**
 * The CLI loads live-cluster discovery (@kubernetes/client-node and its dependencies, half of its code)
 * from a bundle of its own, dist/server/live-discovery.js, only when a command needs live clusters: an
 * offline `meshwright analyze` neither reads nor compiles it. Imports of the discovery modules from the
 * CLI's sources become a require of that bundle (one instance, so `instanceof KubeconfigError` holds).
 * @type {import('esbuild').Plugin}
 */
const liveDiscoveryBundle = {
  name: 'live-discovery-bundle',
  setup(build) {
    const cliSources = path.join(root, 'server', 'src', 'cli') + path.sep;
    const entry = path.join(cliSources, 'live-discovery.ts');
    build.onResolve(
      { filter: /(\/live-discovery|\/topology\/discover-topology|\/topology\/kube-api\/kubeconfig-loader)$/ },
      (args) => {
        if (!args.importer.startsWith(cliSources) || args.importer === entry) return undefined;
        return { path: './live-discovery.js', external: true };
      },
    );
  },
};

/** @type {import('esbuild').BuildOptions} */
const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: packageDirectory === undefined,
  minify: production,
  // Minified, errors and logs still name their classes and functions.
  keepNames: packageDirectory !== undefined,
  // yaml-language-server's dependencies ship UMD builds under `main`; their ESM builds bundle cleanly.
  mainFields: ['module', 'main'],
  logLevel: 'warning',
  absWorkingDir: root,
};

const builds = [
  {
    entryPoints: { 'client/extension': 'client/src/extension.ts' },
    external: ['vscode'],
  },
  {
    entryPoints: {
      'server/server': 'server/src/lsp/main.ts',
      'server/cli': 'server/src/cli/main.ts',
      // The CLI's schema-check worker threads (server/src/cli/schema-validation.ts).
      'server/schema-worker': 'server/src/cli/schema-worker.ts',
      'server/live-discovery': 'server/src/cli/live-discovery.ts',
    },
    plugins: [stubPrettier, stubAjvForYamlLanguageServer, stubUnusedAnchorsValidator, liveDiscoveryBundle],
  },
  {
    entryPoints: { 'simulator/sim': 'simulator/src/cli/main.ts' },
  },
  {
    // The mesh map webview's page script and stylesheet (dist/webview/map.js, map.css), for the browser.
    // cytoscape and its fcose layout are bundled in: a webview loads nothing remote.
    entryPoints: { 'webview/map': 'webview/map/main.ts' },
    platform: 'browser',
    target: 'es2022',
    format: 'iife',
    mainFields: ['browser', 'module', 'main'],
  },
];

/** The builds the npm package needs: every Node bundle but the extension's. */
const isPackaged = (options) =>
  Object.keys(options.entryPoints).some(
    (entry) => entry.startsWith('server/') || entry.startsWith('simulator/'),
  );
const selected = packageDirectory === undefined ? builds : builds.filter(isPackaged);
const outdir = path.join(packageDirectory ?? root, 'dist');

const contexts = await Promise.all(
  selected.map((options) => esbuild.context({ ...common, ...options, outdir })),
);
if (watch) {
  await Promise.all(contexts.map((ctx) => ctx.watch()));
  console.log('esbuild: watching for changes');
} else {
  await Promise.all(contexts.map((ctx) => ctx.rebuild()));
  await Promise.all(contexts.map((ctx) => ctx.dispose()));
}
