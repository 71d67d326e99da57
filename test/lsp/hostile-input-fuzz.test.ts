/**
 * Fuzz suite of the language server: mutants of fixture files (byte flips, truncations, type swaps) and
 * the YAML bombs opened as documents, with a sentinel document. The invariant: every document gets its
 * diagnostics, the server keeps answering (a hover on the sentinel, quickly) and the sentinel's finding
 * stays. Seeded (MESHWRIGHT_FUZZ_SEED).
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
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
import { LspTestClient, REPOSITORY_ROOT, fileUri, positionOf } from './support/lsp-test-client';

const MUTANTS = 60;
const SENTINEL = SCHEMA_SENTINEL;

describe('hostile input: fuzzed documents through the language server', function () {
  this.timeout(120_000);
  let client: LspTestClient;

  before(async () => {
    client = await LspTestClient.start();
  });
  after(async () => {
    await client?.stop();
  });

  it(`publishes for every document, keeps answering, keeps the sentinel's finding (seed ${FUZZ_SEED})`, async () => {
    const random = seededRandom(FUZZ_SEED + 1);
    const fixtures = yamlFilesUnder(path.join(REPOSITORY_ROOT, 'test', 'fixtures', 'analysis'));
    const documents = Array.from({ length: MUTANTS }, (_, i) => {
      const source = fixtures[Math.floor(random() * fixtures.length)]!;
      const kind = MUTATION_KINDS[i % MUTATION_KINDS.length]!;
      return {
        uri: `untitled:fuzz/m${i}-${kind}.yaml`,
        text: mutate(fs.readFileSync(source, 'utf8'), kind, random),
      };
    });
    documents.push(
      ...HOSTILE_DOCUMENTS.map(({ text }, index) => ({ uri: `untitled:fuzz/hostile-${index}.yaml`, text })),
    );
    const sentinel = fileUri(path.join(REPOSITORY_ROOT, 'test', 'fixtures', 'lsp', 'fuzz-sentinel.yaml'));
    await client.open(sentinel, SENTINEL);
    for (const { uri, text } of documents) await client.open(uri, text);

    const asked = Date.now();
    const hover = await client.hover(sentinel, positionOf(SENTINEL, 'hosts:', 2));
    assert.ok(hover, 'no hover');
    assert.ok(Date.now() - asked < 5_000, `hover took ${Date.now() - asked} ms`);

    for (const { uri } of documents) await client.diagnosticsFor(uri, 1, 30_000);
    const { diagnostics } = await client.diagnosticsFor(sentinel, 1, 30_000);
    assert.ok(
      diagnostics.some((d) => d.code === 'IST0106'),
      `the sentinel's IST0106 is missing: ${JSON.stringify(diagnostics)}`,
    );
    for (const { uri } of documents) await client.close(uri);
    await client.close(sentinel);
  });
});
