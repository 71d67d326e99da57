/**
 * What a directory walk meets besides YAML files: FIFOs, links to devices, files too large, names that are
 * not UTF-8, and standard input that is a directory or endless. Each is reported as MESH001 on its own entry
 * and the other files are still analysed; none hangs the run or reads without limit.
 */
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { CLI_BUNDLE, FIXTURES, assertCliBuilt } from './support/cli-process';

interface Finding {
  readonly file: string;
  readonly code: string;
  readonly message: string;
}

/** Runs the CLI with a short deadline: a hang fails the test instead of waiting out mocha's timeout. */
function analyze(
  args: readonly string[],
  cwd: string,
  stdin?: number,
): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [CLI_BUNDLE, 'analyze', ...args], {
    cwd,
    stdio: [stdin ?? 'pipe', 'pipe', 'pipe'],
    encoding: 'utf8',
    timeout: 15_000,
    maxBuffer: 64 * 1024 * 1024,
  });
  assert.equal(result.error, undefined, `the run did not finish: ${String(result.error)}`);
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

function findings(stdout: string): Finding[] {
  const report = JSON.parse(stdout) as {
    diagnostics: { file: string; code: string; message: string }[];
  };
  return report.diagnostics.map((d) => ({
    file: path.basename(d.file),
    code: d.code,
    message: d.message,
  }));
}

describe('meshwright analyze: special files', function () {
  this.timeout(30_000);
  let directory: string;

  before(assertCliBuilt);
  beforeEach(() => {
    directory = fs.mkdtempSync(path.join(os.tmpdir(), 'mw-special-'));
    fs.copyFileSync(path.join(FIXTURES, 'weight-fifty.yaml'), path.join(directory, 'weight-fifty.yaml'));
  });
  afterEach(() => fs.rmSync(directory, { recursive: true, force: true }));

  const theOtherFileStillAnalysed = (found: readonly Finding[]): void => {
    assert.ok(
      found.some((f) => f.file === 'weight-fifty.yaml' && f.code === 'IST0106'),
      `the other file's finding is missing: ${JSON.stringify(found)}`,
    );
  };

  it('reports a FIFO in a walked directory instead of waiting on it', () => {
    execFileSync('mkfifo', [path.join(directory, 'pipe.yaml')]);
    const result = analyze(['--format', 'json', '.'], directory);
    assert.equal(result.status, 1, result.stderr);
    const found = findings(result.stdout);
    const fifo = found.find((f) => f.file === 'pipe.yaml');
    assert.equal(fifo?.code, 'MESH001');
    assert.match(fifo.message, /FIFO.*not a regular file/);
    theOtherFileStillAnalysed(found);
  });

  it('reports a link to a device in a walked directory instead of reading it', () => {
    fs.symlinkSync('/dev/zero', path.join(directory, 'zero.yaml'));
    const result = analyze(['--format', 'json', '.'], directory);
    assert.equal(result.status, 1, result.stderr);
    const found = findings(result.stdout);
    assert.match(found.find((f) => f.file === 'zero.yaml')?.message ?? '', /character device/);
    theOtherFileStillAnalysed(found);
  });

  it('reads a device named explicitly up to the size limit, then says it is too large', () => {
    const result = analyze(['--format', 'json', '/dev/zero', 'weight-fifty.yaml'], directory);
    assert.equal(result.status, 1, result.stderr);
    const found = findings(result.stdout);
    assert.match(found.find((f) => f.file === 'zero')?.message ?? '', /larger than 32 MiB/);
    theOtherFileStillAnalysed(found);
  });

  it('reports a file over 32 MiB without analysing it', () => {
    fs.writeFileSync(path.join(directory, 'dump.yaml'), `a: ${'x'.repeat(32 * 1024 * 1024)}\n`);
    const result = analyze(['--format', 'json', '.'], directory);
    const found = findings(result.stdout);
    assert.match(found.find((f) => f.file === 'dump.yaml')?.message ?? '', /larger than 32 MiB/);
    theOtherFileStillAnalysed(found);
  });

  it('reports a name that is not UTF-8 and analyses the rest', () => {
    const name = Buffer.concat([Buffer.from('bad'), Buffer.from([0xff]), Buffer.from('.yaml')]);
    fs.writeFileSync(Buffer.concat([Buffer.from(directory + path.sep), name]), 'kind: x\n');
    const text = analyze(['.'], directory);
    assert.equal(text.status, 1, text.stderr);
    assert.match(text.stdout, /bad\\xff\.yaml:1:1: error MESH001 a name that is not UTF-8/);
    const found = findings(analyze(['--format', 'json', '.'], directory).stdout);
    theOtherFileStillAnalysed(found);
  });

  it('refuses standard input that is a directory instead of reporting no problems', () => {
    const descriptor = fs.openSync(directory, 'r');
    try {
      const result = analyze(['-'], directory, descriptor);
      assert.equal(result.status, 2);
      assert.match(result.stderr, /standard input is a directory/);
    } finally {
      fs.closeSync(descriptor);
    }
  });

  it('stops reading endless standard input at the size limit', () => {
    const descriptor = fs.openSync('/dev/zero', 'r');
    try {
      const result = analyze(['--format', 'json', '-'], directory, descriptor);
      assert.equal(result.status, 1, result.stderr);
      assert.match(findings(result.stdout)[0]?.message ?? '', /larger than 32 MiB/);
    } finally {
      fs.closeSync(descriptor);
    }
  });
});

describe('meshwright analyze: machine-readable output keeps stderr clean', () => {
  before(assertCliBuilt);

  it('no library warning reaches stderr in JSON or SARIF runs ', () => {
    const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'mw-warnings-'));
    try {
      // The yaml library warns about an unresolved tag and a collection key, through process.emitWarning.
      fs.writeFileSync(
        path.join(directory, 'istio.yaml'),
        'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: istio, namespace: istio-system}\ndata:\n' +
          '  mesh: |\n    defaultConfig: !custom {a: 1}\n    ? [x]\n    : 2\n',
      );
      for (const format of ['json', 'sarif']) {
        const result = analyze(['--format', format, 'istio.yaml'], directory);
        assert.equal(result.status, 0, result.stderr);
        assert.equal(result.stderr, '', `${format}: stderr`);
        JSON.parse(result.stdout);
      }
    } finally {
      fs.rmSync(directory, { recursive: true, force: true });
    }
  });
});
