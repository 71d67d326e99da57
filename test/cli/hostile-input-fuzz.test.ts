/**
 * Fuzz suite of the CLI: mutants of fixture files as raw bytes (byte flips that break UTF-8 too,
 * truncations, type swaps), the YAML bombs and a sentinel file, walked and analysed in one run. The
 * invariant: the run ends within its bound with exit 0 or 1, no internal error, valid JSON and SARIF, and
 * the sentinel's finding reported: one hostile file never costs the others their analysis. Seeded
 * (MESHWRIGHT_FUZZ_SEED); a failure names the mutant files that fail alone.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  FUZZ_SEED,
  MUTATION_KINDS,
  SCHEMA_SENTINEL,
  mutate,
  seededRandom,
  yamlFilesUnder,
} from '../support/hostile-mutations';
import { HOSTILE_DOCUMENTS } from '../unit/support/hostile-yaml';
import { CLI_BUNDLE, REPO_ROOT, assertCliBuilt } from './support/cli-process';

const MUTANTS = 240;
const RUN_BOUND_MS = 60_000;
const SENTINEL = SCHEMA_SENTINEL;

/** Byte flips on the bytes themselves (so that UTF-8 breaks too), else the text mutations. */
function mutantBytes(text: string, kind: (typeof MUTATION_KINDS)[number], random: () => number): Buffer {
  if (kind !== 'byte-flip') return Buffer.from(mutate(text, kind, random));
  const bytes = Buffer.from(text);
  for (let flips = 1 + Math.floor(random() * 4); flips > 0 && bytes.length > 0; flips--) {
    const at = Math.floor(random() * bytes.length);
    bytes[at] = (bytes[at] ?? 0) ^ (1 << Math.floor(random() * 8));
  }
  return bytes;
}

function analyze(directory: string, format: string, files: readonly string[] = ['.']) {
  return spawnSync(process.execPath, [CLI_BUNDLE, 'analyze', '--format', format, ...files], {
    cwd: directory,
    encoding: 'utf8',
    timeout: RUN_BOUND_MS,
    maxBuffer: 256 * 1024 * 1024,
  });
}

/** What is wrong with a run, or undefined. */
function problemOf(result: ReturnType<typeof analyze>, format: string): string | undefined {
  if (result.error) return `did not finish within ${RUN_BOUND_MS} ms (${String(result.error)})`;
  if (result.status !== 0 && result.status !== 1)
    return `exit ${result.status}: ${result.stderr.slice(0, 2000)}`;
  if (/internal error/.test(result.stderr)) return result.stderr.slice(0, 2000);
  if (result.stderr !== '') return `stderr is not empty in ${format} mode: ${result.stderr.slice(0, 500)}`;
  try {
    JSON.parse(result.stdout);
  } catch (error) {
    return `invalid ${format}: ${String(error)}`;
  }
  return undefined;
}

describe('hostile input: fuzzed files through meshwright analyze', function () {
  this.timeout(4 * RUN_BOUND_MS);
  let directory: string;

  before(assertCliBuilt);
  before(() => {
    directory = fs.mkdtempSync(path.join(os.tmpdir(), 'mw-fuzz-cli-'));
    const random = seededRandom(FUZZ_SEED);
    const fixtures = yamlFilesUnder(path.join(REPO_ROOT, 'test', 'fixtures'));
    for (let i = 0; i < MUTANTS; i++) {
      const source = fixtures[Math.floor(random() * fixtures.length)]!;
      const kind = MUTATION_KINDS[i % MUTATION_KINDS.length]!;
      const name = `m${String(i).padStart(3, '0')}-${kind}-${path.basename(source)}`;
      fs.writeFileSync(
        path.join(directory, name),
        mutantBytes(fs.readFileSync(source, 'utf8'), kind, random),
      );
    }
    HOSTILE_DOCUMENTS.forEach(({ text }, index) =>
      fs.writeFileSync(path.join(directory, `hostile-${index}.yaml`), text),
    );
    fs.writeFileSync(path.join(directory, 'zz-sentinel.yaml'), SENTINEL);
  });
  after(() => fs.rmSync(directory, { recursive: true, force: true }));

  it(`ends with valid JSON and the sentinel's finding (seed ${FUZZ_SEED})`, () => {
    const result = analyze(directory, 'json');
    const problem = problemOf(result, 'json');
    if (problem) assert.fail(`${problem}\nfailing alone: ${culprits(directory).join(', ') || 'none'}`);
    const report = JSON.parse(result.stdout) as {
      version: number;
      diagnostics: { file: string; code: string }[];
    };
    assert.equal(report.version, 1);
    assert.ok(
      report.diagnostics.some((d) => d.file === 'zz-sentinel.yaml' && d.code === 'IST0106'),
      "the sentinel's IST0106 is missing",
    );
    for (let index = 0; index < HOSTILE_DOCUMENTS.length; index++) {
      assert.ok(report.diagnostics.some((d) => d.file === `hostile-${index}.yaml` && d.code === 'MESH001'));
    }
  });

  it('ends with valid SARIF', () => {
    const result = analyze(directory, 'sarif');
    const problem = problemOf(result, 'sarif');
    if (problem) assert.fail(problem);
    const sarif = JSON.parse(result.stdout) as { version: string; runs: unknown[] };
    assert.equal(sarif.version, '2.1.0');
    assert.equal(sarif.runs.length, 1);
  });
});

/** The files that break a run on their own (only computed when the whole run failed). */
function culprits(directory: string): string[] {
  return fs
    .readdirSync(directory)
    .filter((file) => file.endsWith('.yaml'))
    .filter((file) => problemOf(analyze(directory, 'json', [file]), 'json') !== undefined);
}
