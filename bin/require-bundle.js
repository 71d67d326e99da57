'use strict';
// Loads a bundle from dist/<folder> (default: server), with a clear message when the package has not been
// built yet.
//
// Start-up is most of a short CLI run, and compiling a 3 MB bundle is a good part of it. So the bundle is
// compiled with a V8 code cache: the first run after a build saves the compiled code (including the
// functions that ran) under ~/.cache/meshwright (or the temporary directory), later runs skip the
// compilation. The cache is keyed by the bundle's path, size and mtime and the Node version, is written
// atomically, and is only an optimisation: any problem with it falls back to a plain require.
// MESHWRIGHT_CODE_CACHE=0 turns it off.
//
// Also the entry of the CLI's schema worker threads: `new Worker(this file, { workerData: { bundle } })`.
const fs = require('fs');
const os = require('os');
const path = require('path');
const vm = require('vm');
const crypto = require('crypto');
const Module = require('module');
const { isMainThread, workerData } = require('worker_threads');

function requireBundle(name, folder = 'server') {
  const bundle = path.join(__dirname, '..', 'dist', folder, name);
  if (!fs.existsSync(bundle)) {
    process.stderr.write(
      `meshwright: ${bundle} is missing; run \`npm run build\` in ${path.dirname(__dirname)}\n`,
    );
    process.exit(2);
  }
  if (process.env.MESHWRIGHT_CODE_CACHE === '0') return require(bundle);
  let loaded;
  try {
    loaded = compileWithCodeCache(bundle);
  } catch {
    return require(bundle);
  }
  return loaded.run();
}

function compileWithCodeCache(file) {
  const source = fs.readFileSync(file, 'utf8');
  const stat = fs.statSync(file);
  const key = crypto
    .createHash('sha256')
    .update([file, stat.size, stat.mtimeMs, process.version, process.arch].join('\0'))
    .digest('hex')
    .slice(0, 16);
  const directory = cacheDirectory();
  const cacheFile = directory && path.join(directory, `${path.basename(file)}.${key}.v8cache`);
  let cachedData;
  try {
    if (cacheFile) cachedData = fs.readFileSync(cacheFile);
  } catch {
    cachedData = undefined;
  }
  const script = new vm.Script(Module.wrap(source), {
    filename: file,
    ...(cachedData ? { cachedData } : {}),
  });
  if (cacheFile && (!cachedData || script.cachedDataRejected)) {
    // At exit the cache also holds the functions this run compiled lazily, which is most of the saving.
    process.once('exit', () => saveCodeCache(script, cacheFile, path.basename(file)));
  }
  return {
    run() {
      const bundleModule = new Module(file, module);
      bundleModule.filename = file;
      bundleModule.paths = Module._nodeModulePaths(path.dirname(file));
      const compiled = script.runInThisContext({ displayErrors: true });
      const bundleRequire = Module.createRequire(file);
      compiled.call(
        bundleModule.exports,
        bundleModule.exports,
        bundleRequire,
        bundleModule,
        file,
        path.dirname(file),
      );
      bundleModule.loaded = true;
      return bundleModule.exports;
    },
  };
}

function cacheDirectory() {
  const bases = [process.env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache'), os.tmpdir()];
  for (const base of bases) {
    const directory = path.join(base, 'meshwright', 'v8-code-cache');
    try {
      fs.mkdirSync(directory, { recursive: true });
      fs.accessSync(directory, fs.constants.W_OK);
      return directory;
    } catch {
      // Not writable (read-only home, sandbox): try the next place.
    }
  }
  return undefined;
}

function saveCodeCache(script, cacheFile, bundleName) {
  try {
    const data = script.createCachedData();
    const temporary = `${cacheFile}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
    fs.writeFileSync(temporary, data);
    fs.renameSync(temporary, cacheFile);
    // Caches of earlier builds of this bundle are dead weight.
    const directory = path.dirname(cacheFile);
    for (const entry of fs.readdirSync(directory)) {
      if (
        entry.startsWith(`${bundleName}.`) &&
        entry.endsWith('.v8cache') &&
        path.join(directory, entry) !== cacheFile
      ) {
        fs.rmSync(path.join(directory, entry), { force: true });
      }
    }
  } catch {
    // A cache that cannot be written costs the next run its compilation, nothing else.
  }
}

module.exports = requireBundle;

if (!isMainThread && require.main === module && workerData && typeof workerData.bundle === 'string') {
  requireBundle(workerData.bundle);
}
