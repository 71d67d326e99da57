/**
 * What a document becomes before it is sent: its identity, the namespace it lands in written into it, the
 * server-set fields of a copy of a live object removed, and clear problems for documents that cannot be
 * applied (several documents, no kind, no name, broken YAML).
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { applyObjectOf } from '../../server/src/apply/apply-object';

const DOCUMENTS = path.resolve(__dirname, '..', 'fixtures', 'apply', 'documents');
const read = (name: string): string => fs.readFileSync(path.join(DOCUMENTS, name), 'utf8');

describe('apply: the object a document applies', () => {
  it('keeps what the user authors and drops what only the API server sets', () => {
    const result = applyObjectOf(read('copied-from-cluster.yaml'));
    assert.ok('object' in result, JSON.stringify(result));
    assert.deepEqual(result.resource, {
      apiVersion: 'networking.istio.io/v1',
      kind: 'DestinationRule',
      namespace: 'bookinfo',
      name: 'ratings',
    });
    assert.deepEqual(result.object, {
      apiVersion: 'networking.istio.io/v1',
      kind: 'DestinationRule',
      metadata: { name: 'ratings', namespace: 'bookinfo', labels: { team: 'ratings' } },
      spec: { host: 'ratings' },
    });
  });

  it('writes the default namespace into a namespaced object that has none, and none into a Namespace', () => {
    const virtualService = applyObjectOf(
      'apiVersion: networking.istio.io/v1\nkind: VirtualService\nmetadata:\n  name: r\n',
    );
    assert.ok('object' in virtualService);
    assert.equal(virtualService.resource.namespace, 'default');
    assert.deepEqual(virtualService.object.metadata, { name: 'r', namespace: 'default' });
    const namespace = applyObjectOf(
      'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: payments\n  namespace: x\n',
    );
    assert.ok('object' in namespace);
    assert.equal(namespace.resource.namespace, '');
    assert.deepEqual(namespace.object.metadata, { name: 'payments' });
  });

  it('explains why a document cannot be applied', () => {
    const problem = (text: string): string => {
      const result = applyObjectOf(text);
      assert.ok('problem' in result, `expected a problem for ${JSON.stringify(text)}`);
      return result.problem;
    };
    assert.equal(
      problem(read('three-documents.yaml')),
      'the text holds 3 YAML documents; apply them one at a time',
    );
    assert.equal(problem('# only a comment\n'), 'the document is empty: nothing to apply');
    assert.equal(problem('- a\n- b\n'), 'the document is not a Kubernetes object (a YAML mapping)');
    assert.equal(
      problem('metadata:\n  name: x\n'),
      'the document has no apiVersion and kind: Meshwright cannot tell what to apply',
    );
    assert.equal(
      problem('apiVersion: networking.istio.io/v1\nkind: Gateway\nmetadata:\n  generateName: gw-\n'),
      'the Gateway has no metadata.name; server-side apply needs a name (generateName is not supported)',
    );
    assert.match(
      problem('apiVersion: v1\nkind: [unclosed\n'),
      /^the document is not valid YAML \(line \d+\): .+; fix it before applying$/,
    );
  });
});
