/**
 * The V8 code cache of bin/require-bundle.js is code that runs: V8 checks only the source's length
 * against it. These tests plant a cache compiled from other source of the same length (it prints a
 * marker) and check that the launcher runs it only from a place and file that are the user's alone and
 * only when it records the digest of the bundle it was made from.
 */
import { spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import Module from 'node:module';
import os from 'node:os';
import path from 'node:path';
import vm from 'node:vm';
import { strict as assert } from 'node:assert';
import { CLI_BUNDLE, REPO_ROOT } from './support/cli-process';

const LAUNCHER = path.join(REPO_ROOT, 'bin', 'meshwright.js');
const MARKER = 'PLANTED-CODE-RAN';
const CACHE_MAGIC = Buffer.from('MWV8C1\n');

interface LaunchPlaces {
  /** XDG_CACHE_HOME; a path under a regular file when the home cache must be unusable. */
  readonly cacheHome: string;
  readonly tmpdir: string;
}

function launch(places: LaunchPlaces): { stdout: string; stderr: string; status: number | null } {
  const result = spawnSync(process.execPath, [LAUNCHER, '--version'], {
    env: {
      ...process.env,
      XDG_CACHE_HOME: places.cacheHome,
      TMPDIR: places.tmpdir,
      MESHWRIGHT_CODE_CACHE: '',
    },
    encoding: 'utf8',
    timeout: 30_000,
  });
  return { stdout: result.stdout, stderr: result.stderr, status: result.status };
}

/** The cache file name the launcher uses for the CLI bundle as it is now. */
function cacheFileName(): string {
  const stat = fs.statSync(CLI_BUNDLE);
  const key = crypto
    .createHash('sha256')
    .update([CLI_BUNDLE, stat.size, stat.mtimeMs, process.version, process.arch].join('\0'))
    .digest('hex')
    .slice(0, 16);
  return `cli.js.${key}.v8cache`;
}

/** A cache compiled from source of the bundle's length that prints the marker, with the given digest. */
function plantedCache(digest: Buffer): Buffer {
  const realLength = fs.readFileSync(CLI_BUNDLE, 'utf8').length;
  const payload = `process.stdout.write(${JSON.stringify(MARKER + '\n')});`;
  const planted = payload + ' '.repeat(realLength - payload.length);
  const script = new vm.Script(Module.wrap(planted), { filename: CLI_BUNDLE });
  return Buffer.concat([CACHE_MAGIC, digest, script.createCachedData()]);
}

function bundleDigest(): Buffer {
  return crypto.createHash('sha256').update(fs.readFileSync(CLI_BUNDLE, 'utf8')).digest();
}

describe('V8 code cache of the launcher', function () {
  this.timeout(60_000);
  let scratch: string;
  let unusableHome: string;

  beforeEach(() => {
    scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'mw-code-cache-'));
    const blocker = path.join(scratch, 'not-a-directory');
    fs.writeFileSync(blocker, '');
    unusableHome = path.join(blocker, 'cache');
  });

  afterEach(() => fs.rmSync(scratch, { recursive: true, force: true }));

  it('saves its cache in a directory and file of the user alone, with the bundle digest', () => {
    const cacheHome = path.join(scratch, 'home-cache');
    const first = launch({ cacheHome, tmpdir: scratch });
    assert.equal(first.status, 0, first.stderr);
    const directory = path.join(cacheHome, 'meshwright', 'v8-code-cache');
    assert.equal(fs.statSync(directory).mode & 0o777, 0o700);
    const file = path.join(directory, cacheFileName());
    assert.equal(fs.statSync(file).mode & 0o777, 0o600);
    const contents = fs.readFileSync(file);
    assert.ok(contents.subarray(0, CACHE_MAGIC.length).equals(CACHE_MAGIC));
    assert.ok(contents.subarray(CACHE_MAGIC.length, CACHE_MAGIC.length + 32).equals(bundleDigest()));
    const second = launch({ cacheHome, tmpdir: scratch });
    assert.equal(second.status, 0, second.stderr);
    assert.equal(second.stdout, first.stdout);
  });

  it('runs a cache of its own that records the bundle digest (the planted cache is real code)', () => {
    // The control case: without it, the refusals below could pass because the planted cache never ran.
    const directory = path.join(scratch, 'home-cache', 'meshwright', 'v8-code-cache');
    fs.mkdirSync(directory, { recursive: true, mode: 0o700 });
    fs.writeFileSync(path.join(directory, cacheFileName()), plantedCache(bundleDigest()), { mode: 0o600 });
    const result = launch({ cacheHome: path.join(scratch, 'home-cache'), tmpdir: scratch });
    assert.match(result.stdout, new RegExp(MARKER));
  });

  it('refuses a cache made from other source (digest differs)', () => {
    const directory = path.join(scratch, 'home-cache', 'meshwright', 'v8-code-cache');
    fs.mkdirSync(directory, { recursive: true, mode: 0o700 });
    const otherDigest = crypto.createHash('sha256').update('another bundle').digest();
    fs.writeFileSync(path.join(directory, cacheFileName()), plantedCache(otherDigest), { mode: 0o600 });
    const result = launch({ cacheHome: path.join(scratch, 'home-cache'), tmpdir: scratch });
    assert.equal(result.status, 0, result.stderr);
    assert.doesNotMatch(result.stdout, new RegExp(MARKER));
  });

  it('refuses a cache file that others may write', () => {
    const directory = path.join(scratch, 'home-cache', 'meshwright', 'v8-code-cache');
    fs.mkdirSync(directory, { recursive: true, mode: 0o700 });
    const file = path.join(directory, cacheFileName());
    fs.writeFileSync(file, plantedCache(bundleDigest()));
    fs.chmodSync(file, 0o666);
    const result = launch({ cacheHome: path.join(scratch, 'home-cache'), tmpdir: scratch });
    assert.equal(result.status, 0, result.stderr);
    assert.doesNotMatch(result.stdout, new RegExp(MARKER));
  });

  it('never reads the shared meshwright folder of the temporary directory', () => {
    // Where earlier releases fell back to, and where another user can plant a cache first.
    const shared = path.join(scratch, 'meshwright', 'v8-code-cache');
    fs.mkdirSync(shared, { recursive: true, mode: 0o777 });
    fs.writeFileSync(path.join(shared, cacheFileName()), plantedCache(bundleDigest()), { mode: 0o666 });
    const result = launch({ cacheHome: unusableHome, tmpdir: scratch });
    assert.equal(result.status, 0, result.stderr);
    assert.doesNotMatch(result.stdout, new RegExp(MARKER));
    const own = path.join(scratch, `meshwright-${process.getuid!()}`);
    assert.equal(fs.statSync(own).mode & 0o777, 0o700, 'the fallback is a directory of the user alone');
  });

  it('refuses a temporary-directory fallback that is a symlink to a planted folder', () => {
    const planted = path.join(scratch, 'planted');
    fs.mkdirSync(planted, { mode: 0o700 });
    fs.writeFileSync(path.join(planted, cacheFileName()), plantedCache(bundleDigest()), { mode: 0o600 });
    fs.symlinkSync(planted, path.join(scratch, `meshwright-${process.getuid!()}`));
    const result = launch({ cacheHome: unusableHome, tmpdir: scratch });
    assert.equal(result.status, 0, result.stderr);
    assert.doesNotMatch(result.stdout, new RegExp(MARKER));
  });

  it('refuses a temporary-directory fallback that another user made first (run as root)', function () {
    if (process.getuid!() !== 0) this.skip(); // only root can make a folder owned by someone else
    const own = path.join(scratch, `meshwright-${process.getuid!()}`);
    fs.mkdirSync(own, { mode: 0o700 });
    const file = path.join(own, cacheFileName());
    fs.writeFileSync(file, plantedCache(bundleDigest()), { mode: 0o600 });
    fs.chownSync(own, 65534, 65534);
    fs.chownSync(file, 65534, 65534);
    const result = launch({ cacheHome: unusableHome, tmpdir: scratch });
    assert.equal(result.status, 0, result.stderr);
    assert.doesNotMatch(result.stdout, new RegExp(MARKER));
  });
});
