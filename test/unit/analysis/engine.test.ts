import assert from 'node:assert/strict';
import { analyze } from '../../../server/src/analysis/engine';
import { CODES } from '../../../server/src/mesh/codes';
import { allAnalyzers } from '../../../server/src/analysis/analyzers';
import { loadCelRuleIndex } from '../../../server/src/analysis/cel';

const ROUTES = `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata:
  name: reviews
  namespace: bookinfo
spec:
  hosts: [reviews]
  http:
    - route:
        - destination:
            host: reviews
`;

const SERVICE = `apiVersion: v1
kind: Service
metadata:
  name: reviews
  namespace: bookinfo
spec:
  ports:
    - name: http
      port: 9080
`;

describe('analyze (engine API)', () => {
  it('registers every code an analyzer reports, with its documentation link', () => {
    for (const analyzer of allAnalyzers(loadCelRuleIndex())) {
      for (const code of analyzer.codes)
        assert.ok(CODES.has(code), `${analyzer.name} reports unknown ${code}`);
    }
    assert.equal(
      CODES.get('IST0101')?.documentation,
      'https://istio.io/latest/docs/reference/config/analysis/ist0101/',
    );
    assert.equal(CODES.get('MESH205')?.severity, 'error');
  });

  it('reports one MESH002 for a Helm template and nothing else about it', () => {
    const template = `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata:
  name: {{ .Release.Name }}
spec:
  hosts:
  {{- range .Values.hosts }}
    - {{ . }}
  {{- end }}
`;
    const result = analyze({ documents: [{ uri: 'chart/templates/vs.yaml', text: template }] });
    assert.deepEqual(
      result.diagnostics.map((d) => [d.code, d.severity, d.range.start.line, d.range.start.character]),
      [['MESH002', 'info', 3, 8]],
    );
    assert.match(result.diagnostics[0]!.message, /Helm template.*helm template/);
  });

  it('survives bad input without crashing or spraying diagnostics', () => {
    const junk = Buffer.from(Array.from({ length: 20_000 }, (_, i) => (i * 7919) % 256)).toString('latin1');
    const inputs = [
      'apiVersion: v1\nkind: Service\nmetadata:\n  name: a\n  name: b\n', // duplicate keys
      'apiVersion: v1\nkind: Service\nmetadata:\n\tname: tabbed\n', // tab indentation
      'base: &base {a: 1}\nother:\n  <<: *base\n', // anchors and merge keys, not an object
      'apiVersion: v1\nkind: Service\nmetadata:\n  namespace: bookinfo\n', // no metadata.name
      'apiVersion: example.com/v7\nkind: Widget\nmetadata:\n  name: w\n', // unknown kind
      'apiVersion: networking.istio.io/v9\nkind: VirtualService\nmetadata:\n  name: v\nspec:\n  gateways: [nowhere]\n', // unknown version
      junk, // binary junk
      '- just\n- a list\n',
      '',
      '---\n---\n...\n',
    ];
    const result = analyze({
      documents: inputs.map((text, i) => ({ uri: `bad-${i}.yaml`, text })),
    });
    assert.deepEqual(result.failures, []);
    assert.deepEqual(result.diagnostics, [], 'syntax and schema problems are the schema service’s to report');
  });

  it('analyses a 10 MB file', function () {
    this.timeout(120_000);
    const documents: string[] = [];
    for (let i = 0, size = 0; size < 10 * 1024 * 1024; i++) {
      documents.push(
        ROUTES.replace(/reviews/g, `svc-${i}`) + '---\n' + SERVICE.replace(/reviews/g, `svc-${i}`),
      );
      size += documents[i]!.length + 4;
    }
    const result = analyze({
      documents: [{ uri: 'big.yaml', text: documents.join('---\n') }],
      celRules: null,
    });
    assert.deepEqual(result.failures, []);
    assert.deepEqual(result.diagnostics, []);
  });

  it('uses --mesh-config: defaultServiceExportTo hides Services from other namespaces', () => {
    const documents = [
      { uri: 'service.yaml', text: SERVICE.replace('bookinfo', 'ratings-ns') },
      {
        uri: 'routes.yaml',
        text: ROUTES.replace('host: reviews', 'host: reviews.ratings-ns.svc.cluster.local'),
      },
    ];
    assert.deepEqual(analyze({ documents }).diagnostics, []);
    const raw = analyze({
      documents,
      meshConfig: { uri: 'mesh.yaml', text: 'defaultServiceExportTo: ["."]\n' },
    });
    assert.deepEqual(
      raw.diagnostics.map((d) => d.code),
      ['IST0101'],
    );
    assert.match(raw.diagnostics[0]!.message, /does not export it to namespace bookinfo/);
    const configMap = analyze({
      documents,
      meshConfig: {
        uri: 'istio-configmap.yaml',
        text: 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: istio\n  namespace: istio-system\ndata:\n  mesh: |\n    defaultServiceExportTo:\n      - "."\n',
      },
    });
    assert.deepEqual(configMap.diagnostics, raw.diagnostics);
  });

  it('reads mesh config from the istio ConfigMap among the files, and reports an unreadable --mesh-config', () => {
    const documents = [
      { uri: 'service.yaml', text: SERVICE.replace('bookinfo', 'ratings-ns') },
      {
        uri: 'routes.yaml',
        text: ROUTES.replace('host: reviews', 'host: reviews.ratings-ns.svc.cluster.local'),
      },
      {
        uri: 'istio.yaml',
        text: 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: istio\n  namespace: istio-system\ndata:\n  mesh: "defaultServiceExportTo: [\\".\\"]"\n',
      },
    ];
    assert.deepEqual(
      analyze({ documents }).diagnostics.map((d) => d.code),
      ['IST0101'],
    );
    const broken = analyze({ documents: [], meshConfig: { uri: 'mesh.yaml', text: 'a: [unclosed\n' } });
    assert.deepEqual(
      broken.diagnostics.map((d) => [d.code, d.uri]),
      [['MESH001', 'mesh.yaml']],
    );
    assert.match(broken.diagnostics[0]!.message, /--mesh-config file cannot be read/);
  });

  it('reports a syntax error in a cluster file, naming the cluster', () => {
    const result = analyze({
      documents: [],
      clusters: [
        {
          name: 'east',
          files: [
            {
              uri: 'east/broken.yaml',
              text: 'apiVersion: v1\nkind: Service\nmetadata:\n  name: a\n  name: b\n',
            },
          ],
        },
      ],
    });
    assert.deepEqual(
      result.diagnostics.map((d) => [d.code, d.cluster, d.range.start.line]),
      [['MESH001', 'east', 4]],
    );
    assert.match(result.diagnostics[0]!.message, /cluster east/);
  });

  it('compares a Service across two --cluster states (IST0170) and reports it once, naming both clusters', () => {
    const east = SERVICE;
    const west = SERVICE.replace('port: 9080', 'port: 9080\n    - name: grpc\n      port: 9090');
    const result = analyze({
      documents: [],
      clusters: [
        { name: 'east', files: [{ uri: 'east/reviews.yaml', text: east }] },
        { name: 'west', files: [{ uri: 'west/reviews.yaml', text: west }] },
      ],
    });
    const ist0170 = result.diagnostics.filter((d) => d.code === 'IST0170');
    assert.deepEqual(
      ist0170.map((d) => [d.uri, d.cluster]),
      [['east/reviews.yaml', 'east']],
    );
    assert.match(
      ist0170[0]!.message,
      /differs across clusters east, west: port 9090 exists in west but not in east/,
    );
    assert.deepEqual(
      ist0170[0]!.related.map((r) => [r.uri, r.cluster]),
      [['west/reviews.yaml', 'west']],
    );
  });

  it('rejects malformed --suppress patterns and applies good ones', () => {
    const documents = [{ uri: 'routes.yaml', text: ROUTES }];
    const plain = analyze({ documents });
    assert.ok(plain.diagnostics.some((d) => d.code === 'IST0101'));
    const suppressed = analyze({ documents, suppressions: ['IST0101=VirtualService reviews.*', 'IST0101'] });
    assert.equal(suppressed.inputErrors.length, 1);
    assert.match(suppressed.inputErrors[0]!, /CODE=Kind name\.namespace/);
    assert.ok(!suppressed.diagnostics.some((d) => d.code === 'IST0101'));
  });
});
