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

const GATEWAY_REFERENCE = `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata:
  name: reviews
  namespace: bookinfo
spec:
  hosts: [reviews.example.com]
  gateways: [missing-gateway]
  http:
    - route:
        - destination: { host: reviews }
          weight: fifty
`;

describe('cli analysis pipeline: analyzeSources', () => {
  const schemaService = new SchemaLanguageService();
  const options = { defaultNamespace: 'default', schemaService, schemaWorkers: 0 };

  it('stamps each schema diagnostic with the identity of the document it is in', async () => {
    const { diagnostics } = await analyzeSources(
      { documents: [{ uri: 'file:///x.yaml', text: TWO_VIRTUAL_SERVICES }] },
      { ...options, defaultNamespace: 'staging' },
    );
    assert.deepEqual(
      diagnostics
        .filter((d) => d.code === 'IST0106')
        .map((d) => [d.code, d.uri, d.range.start.line, d.resource?.name, d.resource?.namespace]),
      [
        ['IST0106', 'file:///x.yaml', 9, 'first', 'staging'],
        ['IST0106', 'file:///x.yaml', 21, 'second', 'bookinfo'],
      ],
    );
  });

  it('merges the schema and the engine diagnostics, in position order', async () => {
    const { diagnostics, failures } = await analyzeSources(
      { documents: [{ uri: 'file:///vs.yaml', text: GATEWAY_REFERENCE }] },
      options,
    );
    assert.deepEqual(
      diagnostics.map((d) => [d.code, d.range.start.line]),
      [
        ['IST0101', 7], // the Gateway
        ['IST0132', 7], // a missing Gateway serves none of the hosts, as istioctl says
        ['IST0101', 10], // the destination host: offline, the files are the cluster state
        ['IST0106', 11],
      ],
    );
    assert.deepEqual(failures, []);
  });

  it('applies --suppress patterns and the suppress annotation to schema diagnostics too', async () => {
    const suppressed = await analyzeSources(
      { documents: [{ uri: 'file:///vs.yaml', text: GATEWAY_REFERENCE }] },
      { ...options, suppressions: ['IST01*=VirtualService *.bookinfo'] },
    );
    assert.deepEqual(suppressed.diagnostics, []);

    const annotated = GATEWAY_REFERENCE.replace(
      '  namespace: bookinfo\n',
      '  namespace: bookinfo\n  annotations:\n    galley.istio.io/analyze-suppress: "IST0106"\n',
    );
    const byAnnotation = await analyzeSources(
      { documents: [{ uri: 'file:///vs.yaml', text: annotated }] },
      options,
    );
    assert.deepEqual(
      byAnnotation.diagnostics.map((d) => d.code),
      ['IST0101', 'IST0132', 'IST0101'],
    );
  });

  it('gives cluster-scoped objects the namespace "", as the engine does', async () => {
    const { diagnostics } = await analyzeSources(
      {
        documents: [
          { uri: 'file:///ns.yaml', text: 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: bookinfo\n' },
        ],
      },
      options,
    );
    assert.deepEqual(
      diagnostics.map((d) => [d.code, d.resource]),
      [['IST0102', { apiVersion: 'v1', kind: 'Namespace', namespace: '', name: 'bookinfo' }]],
    );
  });

  it('returns nothing for no sources', async () => {
    const outcome = await analyzeSources({ documents: [] }, options);
    assert.deepEqual(outcome, {
      diagnostics: [],
      failures: [],
      inputErrors: [],
      schemaStats: { documents: 0, certainlyValid: 0, workers: 0, byWorkers: 0 },
      documentTargets: [],
    });
  });
});
