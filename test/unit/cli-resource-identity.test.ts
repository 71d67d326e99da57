import assert from 'node:assert/strict';
import { resourceIdentity } from '../../protocol/document-identity';

describe('resourceIdentity', () => {
  it('reads apiVersion, kind, metadata.name and metadata.namespace', () => {
    const text =
      'apiVersion: networking.istio.io/v1\nkind: VirtualService\nmetadata:\n  name: reviews\n  namespace: bookinfo\nspec: {}\n';
    assert.deepEqual(resourceIdentity(text), {
      apiVersion: 'networking.istio.io/v1',
      kind: 'VirtualService',
      namespace: 'bookinfo',
      name: 'reviews',
    });
  });

  it('lands an object without metadata.namespace in the given default, else `default`', () => {
    const text = 'apiVersion: v1\nkind: Service\nmetadata: {name: reviews}\n';
    assert.equal(resourceIdentity(text)?.namespace, 'default');
    assert.equal(resourceIdentity(text, 'staging')?.namespace, 'staging');
    assert.equal(
      resourceIdentity(`${text.replace('{name: reviews}', '{name: reviews, namespace: ""}')}`, 'staging')
        ?.namespace,
      'staging',
    );
  });

  it('reads a segment with its --- and ... markers, and JSON', () => {
    assert.equal(
      resourceIdentity('---\napiVersion: v1\nkind: Service\nmetadata: {name: s}\n...\n')?.name,
      's',
    );
    assert.equal(
      resourceIdentity('{"apiVersion": "v1", "kind": "Service", "metadata": {"name": "j"}}')?.name,
      'j',
    );
  });

  it('keeps the identity of a document broken after it', () => {
    const text = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n  labels: [a, {b\ndata: {}\n';
    assert.deepEqual(resourceIdentity(text), {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      namespace: 'default',
      name: 'x',
    });
  });

  it('has no identity when the document breaks before its kind', () => {
    assert.equal(
      resourceIdentity(
        'apiVersion: networking.istio.io/v1\n  kind: : VirtualService\nmetadata:\n  name: details\n',
      ),
      undefined,
    );
  });

  it('has no identity for scalars, lists, empty documents, or non-string apiVersion/kind', () => {
    for (const text of [
      'hello',
      '- a\n- b\n',
      '# only a comment\n',
      '',
      'apiVersion: v1\nkind: 5\n',
      'kind: Service\n',
      'apiVersion: v1\nkind: ""\n',
    ]) {
      assert.equal(resourceIdentity(text), undefined, JSON.stringify(text));
    }
  });

  it('gives cluster-scoped kinds the namespace "" (they have none), whatever metadata says', () => {
    assert.deepEqual(
      resourceIdentity('apiVersion: v1\nkind: Namespace\nmetadata: {name: bookinfo}\n', 'staging'),
      {
        apiVersion: 'v1',
        kind: 'Namespace',
        namespace: '',
        name: 'bookinfo',
      },
    );
    assert.equal(
      resourceIdentity('apiVersion: v1\nkind: Node\nmetadata: {name: n1, namespace: x}\n')?.namespace,
      '',
    );
    assert.equal(
      resourceIdentity('apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata: {name: r}\n')
        ?.namespace,
      '',
    );
  });

  it('reads a missing name as empty, and follows aliases', () => {
    assert.equal(resourceIdentity('apiVersion: v1\nkind: Service\n')?.name, '');
    const aliased = resourceIdentity(
      'apiVersion: v1\nkind: Service\nmetadata:\n  name: &n foo\n  namespace: *n\n',
    );
    assert.deepEqual([aliased?.name, aliased?.namespace], ['foo', 'foo']);
  });
});
