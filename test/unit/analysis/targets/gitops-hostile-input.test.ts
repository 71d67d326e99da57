/**
 * Hostile GitOps objects: every Argo CD and Flux file of the fixture repositories, mutated (byte flips,
 * truncation, swapped types, swapped metadata; seeded, FUZZ_SEED) and analysed with the rest of its
 * repository. Nothing throws, no reader fails (its fallback note says "Meshwright bug"), and a document
 * elsewhere in the repository is still analysed.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { type InputFile, analyze } from '../../../../server/src/analysis/engine';
import { FUZZ_SEED, MUTATION_KINDS, mutate, seededRandom } from '../../../support/hostile-mutations';
import { FIXTURES, readCase } from '../fixture-cases';

const GITOPS = path.resolve(__dirname, '../../../fixtures/gitops');
const CLUSTERS = readCase(
  path.join(FIXTURES, 'MESH205/subset-in-some-primaries/fires-document-routes-to-subset-in-east-only'),
).clusters;
const MUTANTS_PER_KIND = 2;

function filesUnder(directory: string): InputFile[] {
  return fs
    .readdirSync(directory, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.yaml'))
    .map((entry) => path.join(entry.parentPath, entry.name))
    .sort()
    .map((file) => ({ uri: pathToFileURL(file).href, text: fs.readFileSync(file, 'utf8') }));
}

describe('hostile input: fuzzed Argo CD and Flux objects', function () {
  this.timeout(120_000);

  it(`no crash, no reader failure, the repository still analysed (seed ${FUZZ_SEED})`, () => {
    const random = seededRandom(FUZZ_SEED);
    const problems: string[] = [];
    let mutants = 0;
    for (const repository of ['argo-repo', 'flux-repo']) {
      const files = filesUnder(path.join(GITOPS, repository));
      const gitOpsFiles = files.filter((file) =>
        /kind: (Application|ApplicationSet|Kustomization|Secret)\b/.test(file.text),
      );
      assert.ok(gitOpsFiles.length > 0);
      for (const target of gitOpsFiles) {
        for (const kind of MUTATION_KINDS) {
          for (let round = 0; round < MUTANTS_PER_KIND; round++) {
            const mutant = { uri: target.uri, text: mutate(target.text, kind, random) };
            const where = `${path.relative(GITOPS, new URL(target.uri).pathname)} (${kind} #${round})`;
            mutants++;
            try {
              const result = analyze({
                documents: files.map((file) => (file === target ? mutant : file)),
                clusters: CLUSTERS,
                celRules: null,
              });
              for (const failure of result.failures)
                problems.push(`${where}: ${failure.analyzer}: ${failure.error}`);
              for (const d of result.diagnostics)
                if (d.code === 'MESH030' && d.message.includes('Meshwright bug'))
                  problems.push(`${where}: ${d.message}`);
              if (result.documentTargets.length === 0) problems.push(`${where}: no document analysed`);
            } catch (error) {
              problems.push(`${where}: threw ${String(error)}`);
            }
          }
        }
      }
    }
    assert.ok(mutants >= 50, `${mutants} mutants`);
    assert.deepEqual(problems, []);
  });
});
