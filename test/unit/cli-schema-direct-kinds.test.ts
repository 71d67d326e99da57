/**
 * The schema service validates a document whose kind its text declares plainly against that kind's
 * schema directly, instead of through the dispatcher (a start-up and per-document saving the CLI needs).
 * These tests prove the shortcut changes nothing: over every YAML fixture of the repository, the
 * benchmark corpora and mutations of their Istio documents (wrong types, unknown fields, bad enums,
 * broken YAML, quoted keys, unknown versions), both paths give exactly the same diagnostics.
 */
import assert from 'node:assert/strict';
import { declaredKind } from '../../server/src/yaml/declared-kind';
import { SchemaLanguageService } from '../../server/src/yaml/schema-language-service';
import { istioCorpusDocuments, yamlCorpusFiles } from './support/istio-document-corpus';

/** Ways to break a document, each a small edit people make. */
const MUTATIONS: readonly ((text: string) => string)[] = [
  (text) => text.replace(/: (\d+)\n/, ': eighty\n'),
  (text) => text.replace(/^spec:\n/m, 'spec:\n  bogusField: 1\n'),
  (text) => text.replace(/^ {2}name: .*\n/m, ''),
  (text) => text.replace(/(protocol|mode|action): ([A-Z]+)/, '$1: $2X'),
  (text) => text.replace(/^spec:\n/m, 'spec:\n\tbroken: tab\n'),
  (text) => text.replace(/^metadata:\n/m, 'metadata:\n  name: duplicate\n'),
  (text) => text.replace(/^kind: (\w+)/m, 'kind: "$1"'),
  (text) => text.replace(/^apiVersion: ([a-z.]+)\/\w+/m, 'apiVersion: $1/v9'),
  (text) => text.replace(/^kind: (\w+)/m, 'kind: $1Typo'),
  (text) => text.replace(/^spec:/m, 'spec: [unclosed'),
  (text) => text.replace(/^spec:\n/m, 'spec: 42\nother:\n'),
  (text) => `--- |\n${text}`,
  (text) => text.replace(/^kind: (\w+)\n/m, ''),
];

function corpus(): { name: string; text: string }[] {
  const files = yamlCorpusFiles();
  const istioDocuments = istioCorpusDocuments();
  MUTATIONS.forEach((mutate, index) => {
    const mutated = istioDocuments.map(mutate).filter((text, i) => text !== istioDocuments[i]);
    files.push({ name: `mutation ${index}`, text: mutated.join('\n---\n') });
  });
  return files;
}

describe('schema validation through the kind schema directly', () => {
  const direct = new SchemaLanguageService();
  const dispatched = new SchemaLanguageService({ directKindSchemas: false });

  it('gives exactly the diagnostics of the dispatcher on every fixture and mutation', async function () {
    this.timeout(120_000);
    let compared = 0;
    let findings = 0;
    for (const file of corpus()) {
      const expected = await dispatched.validate('file:///x.yaml', file.text);
      const actual = await direct.validate('file:///x.yaml', file.text);
      assert.deepEqual(actual, expected, file.name);
      compared++;
      findings += expected.length;
    }
    // The comparison is only worth something if many inputs have problems to report.
    assert.ok(compared > 100 && findings > 200, `${compared} files, ${findings} findings`);
  });

  it('reads the kind only when the text leaves no doubt', () => {
    const plain = 'apiVersion: networking.istio.io/v1\nkind: Gateway # the ingress\nmetadata: {name: g}\n';
    assert.deepEqual(declaredKind(plain), { apiVersion: 'networking.istio.io/v1', kind: 'Gateway' });
    assert.deepEqual(declaredKind(`# header\n---\n${plain}`), declaredKind(plain));
    for (const doubtful of [
      `"kind": Other\n${plain}`,
      plain.replace('kind: Gateway', 'kind: "Gateway"'),
      `--- |\n${plain}`,
      `--- !tagged\n${plain}`,
      `- item\n${plain}`,
      `${plain}kind: Again\n`,
      '{"apiVersion": "networking.istio.io/v1", "kind": "Gateway"}',
      'kind: Gateway\n',
    ]) {
      assert.equal(declaredKind(doubtful), undefined, doubtful);
    }
  });
});
