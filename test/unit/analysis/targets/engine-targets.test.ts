/**
 * Targets through the one-shot engine and the CLI's `--targets` option: the CLI gets the same modelines
 * as the editor, and `--targets` stands for the documents no modeline governs.
 */
import assert from 'node:assert/strict';
import path from 'node:path';
import { analyze } from '../../../../server/src/analysis/engine';
import { parseArguments } from '../../../../server/src/cli/cli-arguments';
import { ANALYZE_OPTION_SPECS, readAnalyzeOptions } from '../../../../server/src/cli/analyze-options';
import { CliError } from '../../../../server/src/cli/cli-errors';
import { FIXTURES, readCase } from '../fixture-cases';

const CASE = readCase(
  path.join(FIXTURES, 'MESH205/subset-in-some-primaries/fires-document-routes-to-subset-in-east-only'),
);
const ROUTES = CASE.documents[0]!;

const codes = (targets?: readonly string[], text = ROUTES.text): string[] =>
  analyze({
    documents: [{ uri: './policies/reviews-routes.yaml', text }],
    clusters: CASE.clusters,
    celRules: null,
    ...(targets ? { targetRules: [{ files: '**', clusters: targets }] } : {}),
  })
    .diagnostics.filter((d) => /^MESH(107|205|003)$/.test(d.code))
    .map((d) => d.code);

describe('targets: engine and CLI', () => {
  it('--targets narrows the documents without a modeline; a modeline beats it', () => {
    assert.deepEqual(codes(), ['MESH205']);
    assert.deepEqual(codes(['east']), []);
    assert.deepEqual(codes(['east', 'edge']), ['MESH107']);
    assert.deepEqual(codes(['east'], `# meshwright: clusters=east,west\n${ROUTES.text}`), ['MESH205']);
  });

  it('reads --targets as a list of cluster names', () => {
    const read = (...argv: string[]) =>
      readAnalyzeOptions(parseArguments(argv, ANALYZE_OPTION_SPECS, 'meshwright analyze'));
    assert.deepEqual(read('--targets', 'east, west,east').targets, ['east', 'west']);
    assert.equal('targets' in read(), false);
    assert.throws(
      () => read('--targets', 'east,'),
      (error: unknown) =>
        error instanceof CliError && /--targets "east," is not a list of cluster names/.test(error.message),
    );
  });
});
