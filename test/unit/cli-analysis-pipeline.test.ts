import assert from 'node:assert/strict';
import { analyzeSources } from '../../server/src/cli/analysis-pipeline';
import { SchemaLanguageService } from '../../server/src/yaml/schema-language-service';

const TWO_VIRTUAL_SERVICES = `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata:
  name: first
spec:
  hosts: [a]
  http:
    - route:
        - destination: { host: a }
          weight: fifty
---
apiVersion: networking.istio.io/v1
kind: VirtualService
metadata:
  name: second
  namespace: bookinfo
spec:
  hosts: [b]
  http:
    - route:
        - destination: { host: b }
          weight: sixty
`;

describe('cli analysis pipeline: analyzeSources', () => {
  const schemaService = new SchemaLanguageService();

  it('stamps each diagnostic with the identity of the document it is in', async () => {
    const diagnostics = await analyzeSources([{ uri: 'file:///x.yaml', text: TWO_VIRTUAL_SERVICES }], {
      defaultNamespace: 'staging',
      schemaService,
    });
    assert.deepEqual(
      diagnostics.map((d) => [d.code, d.uri, d.range.start.line, d.resource?.name, d.resource?.namespace]),
      [
        ['IST0106', 'file:///x.yaml', 9, 'first', 'staging'],
        ['IST0106', 'file:///x.yaml', 21, 'second', 'bookinfo'],
      ],
    );
  });

  it('analyzes every source and returns nothing for clean ones', async () => {
    const diagnostics = await analyzeSources(
      [
        { uri: 'file:///clean.yaml', text: 'apiVersion: v1\nkind: Service\nmetadata: {name: s}\n' },
        { uri: 'file:///bad.yaml', text: TWO_VIRTUAL_SERVICES },
      ],
      { defaultNamespace: 'default', schemaService },
    );
    assert.deepEqual([...new Set(diagnostics.map((d) => d.uri))], ['file:///bad.yaml']);
  });

  it('returns nothing for no sources', async () => {
    assert.deepEqual(await analyzeSources([], { defaultNamespace: 'default' }), []);
  });
});
