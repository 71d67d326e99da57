/**
 * Fuzz suite of the analysis engine: every analyzer fixture case, each file in turn mutated (byte flips,
 * truncations, type swaps anywhere and in metadata), analysed with a sentinel document whose one finding
 * must survive. The invariant: no exception, no analyzer failure, the sentinel still reported. Bounded: a
 * fixed number of mutants per case, seeded (FUZZ_SEED), a few seconds in all.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { type ClusterFiles, type InputFile, analyze } from '../../../server/src/analysis/engine';
import { FUZZ_SEED, MUTATION_KINDS, mutate, seededRandom } from '../../support/hostile-mutations';
import { FIXTURES, readCase } from './fixture-cases';

const SENTINEL: InputFile = {
  uri: 'sentinel.yaml',
  text: [
    'apiVersion: networking.istio.io/v1',
    'kind: VirtualService',
    'metadata: {name: sentinel, namespace: sentinel}',
    'spec:',
    '  hosts: [sentinel.example.com]',
    '  gateways: [sentinel/nowhere]',
    '',
  ].join('\n'),
};

function caseDirectories(): string[] {
  const found: string[] = [];
  for (const code of fs.readdirSync(FIXTURES).sort()) {
    for (const analyzer of fs.readdirSync(path.join(FIXTURES, code)).sort()) {
      const root = path.join(FIXTURES, code, analyzer);
      if (!fs.statSync(root).isDirectory()) continue;
      for (const name of fs.readdirSync(root).sort()) {
        if (fs.statSync(path.join(root, name)).isDirectory()) found.push(path.join(root, name));
      }
    }
  }
  return found;
}

describe('hostile input: fuzzed fixtures through the analysis engine', function () {
  this.timeout(120_000);

  it(`no crash, no analyzer failure, and the other documents still analysed (seed ${FUZZ_SEED})`, () => {
    const random = seededRandom(FUZZ_SEED);
    const problems: string[] = [];
    let mutants = 0;
    for (const directory of caseDirectories()) {
      const fixture = readCase(directory);
      const files: { file: InputFile; cluster: string | null }[] = [
        ...fixture.documents.map((file) => ({ file, cluster: null })),
        ...fixture.clusters.flatMap((cluster) =>
          cluster.files.map((file) => ({ file, cluster: cluster.name })),
        ),
      ];
      for (const kind of MUTATION_KINDS) {
        const target = files[Math.floor(random() * files.length)];
        if (!target) continue;
        const mutant: InputFile = { uri: target.file.uri, text: mutate(target.file.text, kind, random) };
        const replace = (file: InputFile): InputFile => (file === target.file ? mutant : file);
        const clusters: ClusterFiles[] = fixture.clusters.map((cluster) => ({
          name: cluster.name,
          files: cluster.files.map(replace),
        }));
        const where = `${path.relative(FIXTURES, directory)} ${target.file.uri} (${kind})`;
        mutants++;
        try {
          const result = analyze({
            documents: [...fixture.documents.map(replace), SENTINEL],
            clusters,
            ...(fixture.meshConfig ? { meshConfig: fixture.meshConfig } : {}),
          });
          for (const failure of result.failures)
            problems.push(`${where}: ${failure.analyzer}: ${failure.error}`);
          if (
            !result.diagnostics.some((d) => d.uri === SENTINEL.uri && d.message.includes('sentinel/nowhere'))
          ) {
            problems.push(`${where}: the sentinel's IST0101 is missing`);
          }
        } catch (error) {
          problems.push(
            `${where}: threw ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
          );
        }
      }
    }
    assert.ok(mutants > 500, `only ${mutants} mutants`);
    assert.deepEqual(problems, [], `seed ${FUZZ_SEED}:\n${problems.join('\n')}`);
  });
});
