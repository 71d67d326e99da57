/**
 * The CLI shares the schema checks of big inputs with worker threads (server/src/cli/schema-validation.ts).
 * Who validated what must not change the report: the same inputs, serial and on worker threads, give the
 * same bytes. And an analyzer that crashes does not hide the others' findings: they are printed, the
 * failure is on stderr, and the exit code (3) says the analysis is incomplete.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { meshDocuments } from '../../bench/cli-corpus';
import { REPO_ROOT, assertCliBuilt, jsonDiagnostics, runCli } from './support/cli-process';

/** Realistic files with problems sprinkled in: wrong types, unknown fields, broken YAML. */
function writeCorpus(directory: string): void {
  const documents = meshDocuments(900, 'parallel').map((text, index) => {
    if (index % 37 === 5) return text.replace(/attempts: 3/, 'attempts: three');
    if (index % 41 === 7) return text.replace(/^spec:\n/m, 'spec:\n  unknownField: true\n');
    if (index % 53 === 11) return text.replace(/^metadata:\n/m, 'metadata:\n\tbroken: tab\n');
    return text;
  });
  for (let file = 0; file < 3; file++) {
    const part = documents.filter((_, index) => index % 3 === file);
    fs.writeFileSync(path.join(directory, `part-${file}.yaml`), part.join('---\n'));
  }
}

describe('meshwright analyze: schema checks on worker threads', function () {
  this.timeout(120_000);
  let directory: string;

  before(() => {
    assertCliBuilt();
    directory = fs.mkdtempSync(path.join(os.tmpdir(), 'meshwright-parallel-'));
    writeCorpus(directory);
  });
  after(() => fs.rmSync(directory, { recursive: true, force: true }));

  it('reports exactly the same, byte for byte, serial or on 1 to 3 worker threads', () => {
    const run = (workers: number) =>
      runCli(['analyze', '.', '--format', 'json'], {
        cwd: directory,
        env: { MESHWRIGHT_SCHEMA_WORKERS: String(workers), MESHWRIGHT_DEBUG: '1' },
      });
    const serial = run(0);
    assert.match(serial.stderr, /schema checks of \d+ documents, 0 of them on 0 worker thread\(s\)/);
    const codes = new Set(jsonDiagnostics(serial).map((d) => d.code));
    assert.ok(codes.has('IST0106') && codes.has('MESH001'), [...codes].join());
    for (const workers of [1, 2, 3]) {
      const parallel = run(workers);
      const shared = /schema checks of (\d+) documents, (\d+) of them on (\d+) worker thread/.exec(
        parallel.stderr,
      );
      assert.equal(shared?.[3], String(workers), parallel.stderr);
      assert.ok(Number(shared?.[2]) > 0, `the workers validated nothing: ${parallel.stderr}`);
      assert.equal(parallel.stdout, serial.stdout, `${workers} worker(s)`);
      assert.equal(parallel.status, serial.status);
    }
  });
});

describe('meshwright analyze: an analyzer that fails', () => {
  let schemas: string;

  before(() => {
    assertCliBuilt();
    // A broken installation: the CEL rules cannot be read, so the schema-cel-rules analyzer fails.
    schemas = fs.mkdtempSync(path.join(os.tmpdir(), 'meshwright-schemas-'));
    fs.cpSync(path.join(REPO_ROOT, 'schemas'), schemas, { recursive: true });
    fs.writeFileSync(path.join(schemas, 'cel-rules.json'), '{ not json');
  });
  after(() => fs.rmSync(schemas, { recursive: true, force: true }));

  it('prints the other findings, reports the failure on stderr and exits 3', () => {
    const result = runCli(['analyze', 'mesh', '--format', 'json'], {
      env: { MESHWRIGHT_SCHEMAS_DIR: schemas },
    });
    assert.equal(result.status, 3, result.stderr);
    assert.ok(
      jsonDiagnostics(result).some((d) => d.code === 'IST0101'),
      'the other analyzers still report',
    );
    assert.match(
      result.stderr,
      /^meshwright: internal error: analyzer schema-cel-rules failed: .*cel-rules\.json/m,
    );
    assert.match(
      result.stderr,
      /the analysis is incomplete: .* \(exit code 3\)\. This is a bug in Meshwright/,
    );
  });

  it('exits 3 even with --fail-on none: an incomplete analysis is not a clean one', () => {
    const result = runCli(['analyze', 'clean.yaml', '--fail-on', 'none'], {
      env: { MESHWRIGHT_SCHEMAS_DIR: schemas },
    });
    assert.equal(result.status, 3, result.stderr);
  });
});
