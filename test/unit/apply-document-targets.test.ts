/**
 * The client's view of a file's Istio documents when the server has no targets request yet: each Istio
 * document with its range and identity (non-Istio documents get no lens), and the document found again
 * from a line after edits.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { documentTextAt, documentsFromText } from '../../client/src/apply/document-targets';

const text = fs.readFileSync(
  path.resolve(__dirname, '..', 'fixtures', 'apply', 'documents', 'three-documents.yaml'),
  'utf8',
);

describe('apply: the Istio documents of a file', () => {
  it('lists the Istio documents with their ranges; the Service has none', () => {
    const documents = documentsFromText(text);
    assert.deepEqual(
      documents.map((entry) => [
        entry.resource.kind,
        entry.resource.namespace,
        entry.range.start.line,
        entry.range.end.line,
      ]),
      [
        ['DestinationRule', 'bookinfo', 0, 7],
        ['VirtualService', 'default', 17, 24],
      ],
    );
    assert.ok(documents.every((entry) => entry.targets === null));
  });

  it('finds the document that holds a line, with its current text', () => {
    const found = documentTextAt(text, 21);
    assert.equal(found?.range.start.line, 17);
    assert.match(found?.text ?? '', /^---\napiVersion: networking\.istio\.io\/v1\nkind: VirtualService/);
    const edited = `# a new comment line\n${text}`;
    assert.equal(documentTextAt(edited, 19)?.range.start.line, 18);
  });
});
