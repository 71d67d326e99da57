'use strict';
// Loads a bundle from dist/<folder> (default: server), with a clear message when the package has not been
// built yet.
//
// Start-up is most of a short CLI run, and compiling a 3 MB bundle is a good part of it. So the bundle is
// compiled with a V8 code cache: the first run after a build saves the compiled code (including the
// functions that ran), later runs skip the compilation. The cache is keyed by the bundle's path, size and
// mtime and the Node version, is written atomically, and is only an optimisation: any problem with it, or
// any doubt about it, falls back to a plain require. MESHWRIGHT_CODE_CACHE=0 turns it off.
//
// A code cache is code: V8 runs what it holds and checks only the source's length against it. So the
// cache is read only from a directory of this user's alone (owned by them, mode 0700, not a symlink:
// `~/.cache/meshwright/v8-code-cache`, else `meshwright-<uid>` in the temporary directory, never a folder
// another user could have made first), only from a file of theirs that nobody else may write, and only
// when it records the SHA-256 of the very bundle text being compiled.
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

const CACHE_MAGIC = Buffer.from('MWV8C1\n');
const DIGEST_BYTES = 32;

function compileWithCodeCache(file) {
  const source = fs.readFileSync(file, 'utf8');
  const stat = fs.statSync(file);
  const sourceDigest = crypto.createHash('sha256').update(source).digest();
  const key = crypto
    .createHash('sha256')
    .update([file, stat.size, stat.mtimeMs, process.version, process.arch].join('\0'))
    .digest('hex')
    .slice(0, 16);
  const directory = privateCacheDirectory();
  const cacheFile = directory && path.join(directory, `${path.basename(file)}.${key}.v8cache`);
  const cachedData = cacheFile ? readTrustedCache(cacheFile, sourceDigest) : undefined;
  const script = new vm.Script(Module.wrap(source), {
    filename: file,
    ...(cachedData ? { cachedData } : {}),
  });
  if (cacheFile && (!cachedData || script.cachedDataRejected)) {
    // At exit the cache also holds the functions this run compiled lazily, which is most of the saving.
    process.once('exit', () => saveCodeCache(script, cacheFile, path.basename(file), sourceDigest));
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

/** The cache's data when the file is this user's alone and was made from this very source; else undefined. */
function readTrustedCache(cacheFile, sourceDigest) {
  let descriptor;
  try {
    descriptor = fs.openSync(cacheFile, fs.constants.O_RDONLY | (fs.constants.O_NOFOLLOW || 0));
    const stat = fs.fstatSync(descriptor);
    if (!stat.isFile() || !ownedByUserAlone(stat)) return undefined;
    const contents = fs.readFileSync(descriptor);
    const header = CACHE_MAGIC.length + DIGEST_BYTES;
    if (contents.length <= header) return undefined;
    if (!contents.subarray(0, CACHE_MAGIC.length).equals(CACHE_MAGIC)) return undefined;
    if (!contents.subarray(CACHE_MAGIC.length, header).equals(sourceDigest)) return undefined;
    return contents.subarray(header);
  } catch {
    return undefined;
  } finally {
    if (descriptor !== undefined) fs.closeSync(descriptor);
  }
}

/**
 * A directory only this user can write, made 0700 if missing; undefined when none can be had. An existing
 * directory is used only if it is a real directory (not a symlink) owned by this user, and is made 0700:
 * a directory that someone else made first is refused.
 */
function privateCacheDirectory() {
  const uid = typeof process.getuid === 'function' ? process.getuid() : undefined;
  const home = process.env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache');
  const candidates = [path.join(home, 'meshwright', 'v8-code-cache')];
  // Without user ids (Windows) the shared temporary directory cannot be told apart from others' files.
  if (uid !== undefined) candidates.push(path.join(os.tmpdir(), `meshwright-${uid}`));
  for (const directory of candidates) {
    try {
      fs.mkdirSync(path.dirname(directory), { recursive: true, mode: 0o700 });
      try {
        fs.mkdirSync(directory, { mode: 0o700 });
      } catch (error) {
        if (!error || error.code !== 'EEXIST') throw error;
      }
      let stat = fs.lstatSync(directory);
      if (!stat.isDirectory() || !ownedByUser(stat)) continue;
      // Earlier releases made it with the umask's mode; one of ours is tightened, not trusted as it was.
      if (!ownedByUserAlone(stat)) {
        fs.chmodSync(directory, 0o700);
        stat = fs.lstatSync(directory);
      }
      if (ownedByUserAlone(stat)) return directory;
    } catch {
      // Not writable (read-only home, sandbox) or not ours: try the next place.
    }
  }
  return undefined;
}

function ownedByUser(stat) {
  return typeof process.getuid !== 'function' || stat.uid === process.getuid();
}

function ownedByUserAlone(stat) {
  return ownedByUser(stat) && (typeof process.getuid !== 'function' || (stat.mode & 0o077) === 0);
}

function saveCodeCache(script, cacheFile, bundleName, sourceDigest) {
  try {
    const data = Buffer.concat([CACHE_MAGIC, sourceDigest, script.createCachedData()]);
    const temporary = `${cacheFile}.${process.pid}.${crypto.randomBytes(6).toString('hex')}.tmp`;
    // 'wx' with 0600: a file planted under the temporary name is not written through.
    fs.writeFileSync(temporary, data, { mode: 0o600, flag: 'wx' });
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
