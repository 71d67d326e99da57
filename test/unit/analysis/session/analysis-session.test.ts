import assert from 'node:assert/strict';
import { type MeshDiagnostic } from '../../../../server/src/mesh/diagnostic';
import { ANALYZERS } from '../../../../server/src/analysis/analyzers';
import { KINDS } from '../../../../protocol/kinds';
import { AnalysisSession } from '../../../../server/src/analysis/session/analysis-session';
import { type KubeObject, type TopologySnapshot } from '../../../../server/src/mesh/snapshot';
import { renderLiveObject } from '../../../../server/src/yaml/live-object-document';
import { snapshotOfObjects } from '../../support/cluster-state-snapshots';

const SERVICES = `apiVersion: v1
kind: Service
metadata:
  name: reviews
  namespace: bookinfo
spec:
  selector:
    app: reviews
  ports:
    - name: http
      port: 9080
`;

const RULE_V1 = `apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata:
  name: reviews
  namespace: bookinfo
spec:
  host: reviews
  subsets:
    - name: v1
      labels:
        version: v1
`;

const ROUTES = `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata:
  name: reviews
  namespace: bookinfo
spec:
  hosts:
    - reviews
  http:
    - route:
        - destination:
            host: reviews
            subset: v2
`;

function codes(diagnostics: readonly MeshDiagnostic[]): string[] {
  return diagnostics.map((d) => `${d.code}@${d.range.start.line}:${d.range.start.character}`);
}

function session(): AnalysisSession {
  return new AnalysisSession({ kubernetesState: 'files', celRules: null });
}

describe('AnalysisSession', () => {
  it('resolves references across files and re-analyses when the referenced file changes', () => {
    const s = session();
    s.setDocument('file:///ws/service.yaml', SERVICES);
    s.setDocument('file:///ws/rule.yaml', RULE_V1);
    s.setDocument('file:///ws/routes.yaml', ROUTES);
    s.refresh();
    assert.deepEqual(codes(s.diagnosticsFor('file:///ws/routes.yaml')), ['IST0101@12:20']);

    s.setDocument('file:///ws/rule.yaml', `${RULE_V1}    - name: v2\n      labels:\n        version: v2\n`);
    const update = s.refresh();
    assert.deepEqual(s.diagnosticsFor('file:///ws/routes.yaml'), []);
    assert.ok(update.changedUris.includes('file:///ws/routes.yaml'), 'the dependent file is re-published');
  });

  it('re-runs only the analyses an edit affects', () => {
    const s = session();
    for (let i = 0; i < 50; i++) {
      s.setDocument(
        `file:///ws/app-${i}.yaml`,
        SERVICES.replace(/reviews/g, `app-${i}`) + '---\n' + ROUTES.replace(/reviews/g, `app-${i}`),
      );
    }
    s.refresh();
    const before = s.stats().tasksRun;
    s.setDocument(
      'file:///ws/app-7.yaml',
      SERVICES.replace(/reviews/g, 'app-7') +
        '---\n' +
        ROUTES.replace(/reviews/g, 'app-7').replace('subset: v2', 'subset: v3'),
    );
    const update = s.refresh();
    const rerun = s.stats().tasksRun - before;
    // One task per analyzer of VirtualServices, for the edited one only (the 49 others are untouched).
    const perVirtualService = ANALYZERS.filter((a) => a.kinds.includes(KINDS.VirtualService)).length;
    assert.ok(
      rerun > 0 && rerun <= perVirtualService,
      `re-ran ${rerun} analyses for one edited VirtualService`,
    );
    assert.deepEqual(update.changedUris, ['file:///ws/app-7.yaml']);
    assert.match(s.diagnosticsFor('file:///ws/app-7.yaml')[0]!.message, /subset v3 of app-7\.bookinfo/);
  });

  it('moves diagnostics with the text without re-analysing unchanged documents', () => {
    const s = session();
    s.setDocument('file:///ws/all.yaml', `${SERVICES}---\n${ROUTES}`);
    s.refresh();
    const [before] = s.diagnosticsFor('file:///ws/all.yaml');
    const runs = s.stats().tasksRun;
    s.setDocument(
      'file:///ws/all.yaml',
      `# owner: team-reviews\n# reviewed: 2026-11\n${SERVICES}---\n${ROUTES}`,
    );
    s.refresh();
    const [after] = s.diagnosticsFor('file:///ws/all.yaml');
    assert.equal(s.stats().tasksRun, runs, 'comments change no object: nothing is re-analysed');
    assert.equal(after!.range.start.line, before!.range.start.line + 2);
    assert.equal(after!.message, before!.message);
  });

  it('gives the same diagnostics incrementally as from scratch after a series of edits', () => {
    const incremental = session();
    const files: Record<string, string> = {
      'file:///ws/service.yaml': SERVICES,
      'file:///ws/rule.yaml': RULE_V1,
      'file:///ws/routes.yaml': ROUTES,
    };
    for (const [uri, text] of Object.entries(files)) incremental.setDocument(uri, text);
    incremental.refresh();
    const edits: [string, string | null][] = [
      ['file:///ws/rule.yaml', RULE_V1.replace('host: reviews', 'host: ratings')],
      ['file:///ws/service.yaml', null],
      [
        'file:///ws/extra.yaml',
        SERVICES.replace('port: 9080', 'port: 9080\n    - name: grpc\n      port: 9090'),
      ],
      ['file:///ws/routes.yaml', ROUTES.replace('subset: v2', 'subset: v1')],
      ['file:///ws/rule.yaml', RULE_V1],
    ];
    for (const [uri, text] of edits) {
      if (text === null) {
        incremental.removeDocument(uri);
        delete files[uri];
      } else {
        incremental.setDocument(uri, text);
        files[uri] = text;
      }
      incremental.refresh();
      const fresh = session();
      for (const [u, t] of Object.entries(files)) fresh.setDocument(u, t);
      fresh.refresh();
      assert.deepEqual(incremental.allDiagnostics(), fresh.allDiagnostics(), `after editing ${uri}`);
    }
  });

  it('lets an authored document override the cluster copy of the same object', () => {
    const s = session();
    s.setClusterFiles('east', [
      { uri: 'east/services.yaml', text: SERVICES },
      { uri: 'east/rule.yaml', text: RULE_V1 },
      { uri: 'east/routes.yaml', text: ROUTES },
    ]);
    s.refresh();
    const inCluster = s.diagnosticsFor('east/routes.yaml');
    assert.deepEqual(codes(inCluster), ['IST0101@12:20']);
    assert.equal(inCluster[0]!.cluster, 'east');
    assert.match(inCluster[0]!.message, /in cluster east/);

    // The same VirtualService, being edited to use v1: the cluster's copy is no longer analysed.
    s.setDocument('routes.yaml', ROUTES.replace('subset: v2', 'subset: v1'));
    s.refresh();
    assert.deepEqual(s.diagnosticsFor('east/routes.yaml'), []);
    assert.deepEqual(s.diagnosticsFor('routes.yaml'), []);
    s.removeDocument('routes.yaml');
    s.refresh();
    assert.equal(s.diagnosticsFor('east/routes.yaml').length, 1);
  });

  it('keeps the default ingress gateway until a file defines one, and brings it back when it goes', () => {
    const s = session();
    // Selects only what the default ingress gateway carries (`app: istio-ingressgateway`).
    s.setDocument(
      'file:///ws/gateway.yaml',
      `apiVersion: networking.istio.io/v1
kind: Gateway
metadata:
  name: public
  namespace: bookinfo
spec:
  selector:
    app: istio-ingressgateway
  servers:
    - port:
        number: 80
        name: http
        protocol: HTTP
      hosts:
        - "*"
`,
    );
    s.setDocument('file:///ws/service.yaml', SERVICES);
    s.refresh();
    assert.deepEqual(codes(s.diagnosticsFor('file:///ws/gateway.yaml')), []);

    // An ingress gateway of one's own (without the app label) replaces the default one.
    const ownGateway = `apiVersion: v1
kind: Pod
metadata:
  name: my-ingress
  namespace: istio-system
  labels:
    istio: ingressgateway
spec:
  containers:
    - name: istio-proxy
      image: istio/proxyv2
`;
    s.setDocument('file:///ws/ingress.yaml', ownGateway);
    s.refresh();
    const replaced = codes(s.diagnosticsFor('file:///ws/gateway.yaml'));
    assert.equal(replaced.length, 1, 'the selector matches nothing once the default gateway is gone');

    // Edits that neither add nor remove an ingress gateway leave that as it is.
    s.setDocument('file:///ws/service.yaml', SERVICES.replace('port: 9080', 'port: 9081'));
    s.setDocument('file:///ws/ingress.yaml', ownGateway.replace('my-ingress', 'my-ingress-2'));
    s.refresh();
    assert.deepEqual(codes(s.diagnosticsFor('file:///ws/gateway.yaml')), replaced);

    s.removeDocument('file:///ws/ingress.yaml');
    s.refresh();
    assert.deepEqual(codes(s.diagnosticsFor('file:///ws/gateway.yaml')), []);
  });

  it('reports live objects on their virtual document, with ranges in its rendering', () => {
    const routes: KubeObject = {
      apiVersion: 'networking.istio.io/v1',
      kind: 'VirtualService',
      metadata: {
        name: 'reviews',
        namespace: 'bookinfo',
        resourceVersion: '41',
        managedFields: [{ manager: 'kubectl' }],
      },
      spec: { hosts: ['reviews'], http: [{ route: [{ destination: { host: 'reviews', subset: 'v2' } }] }] },
    };
    const snapshot = (version: number, objects: KubeObject[]): TopologySnapshot => ({
      version,
      clusters: [
        {
          name: 'east',
          id: 'east',
          network: null,
          role: 'primary',
          revisions: ['default'],
          meshId: null,
          trustDomain: null,
          controlPlane: 'east',
          reachable: true,
          stale: null,
          remoteSecrets: [],
          eastWestGateways: [],
          ambientNamespaces: [],
          waypoints: [],
          ambientEastWestGateways: [],
          objects,
        },
      ],
    });
    const s = new AnalysisSession({ defaultIngressGateway: false, celRules: null });
    s.setSnapshot(snapshot(1, [routes]));
    s.refresh();
    const uri = 'meshwright:/east/VirtualService/bookinfo/reviews.yaml';
    const diagnostic = s.diagnosticsFor(uri).find((d) => d.message.includes('subset v2'));
    assert.equal(diagnostic?.code, 'IST0101');
    assert.equal(diagnostic.cluster, 'east');
    const line = renderLiveObject(routes).split('\n')[diagnostic.range.start.line]!;
    assert.equal(line.slice(diagnostic.range.start.character, diagnostic.range.end.character), 'v2');
    assert.ok(!renderLiveObject(routes).includes('managedFields'));

    // An unchanged object keeps its analysis; a fixed one clears it.
    const runs = s.stats().tasksRun;
    s.setSnapshot(snapshot(2, [routes]));
    s.refresh();
    assert.equal(s.stats().tasksRun, runs);
    const fixed = {
      ...routes,
      metadata: { ...routes.metadata, resourceVersion: '42' },
      spec: { hosts: ['reviews'] },
    };
    s.setSnapshot(snapshot(3, [fixed]));
    assert.deepEqual(s.refresh().changedUris, [uri]);
    assert.deepEqual(s.diagnosticsFor(uri), []);
  });

  it('gives the findings of live objects as their diagnostics say, suppressions included, without ranges', () => {
    const route = (name: string, annotations?: Record<string, string>): KubeObject => ({
      apiVersion: 'networking.istio.io/v1',
      kind: 'VirtualService',
      metadata: {
        name,
        namespace: 'bookinfo',
        resourceVersion: '1',
        ...(annotations ? { annotations } : {}),
      },
      spec: {
        hosts: ['reviews'],
        gateways: ['missing-gateway'],
        http: [{ route: [{ destination: { host: 'reviews', subset: 'v2' } }] }],
      },
    });
    const objects = [
      route('plain'),
      route('suppressed', { 'galley.istio.io/analyze-suppress': 'IST0101' }),
      route('filtered'),
      { apiVersion: 'v1', kind: 'Service', metadata: { name: 'reviews', namespace: 'bookinfo' }, spec: {} },
    ];
    const s = new AnalysisSession({ defaultIngressGateway: false, celRules: null });
    s.setSnapshot(snapshotOfObjects([{ name: 'east', objects }]));
    s.setSuppressions(['IST0101=VirtualService filtered.bookinfo']);
    s.refresh();
    const asFindings = (uri: string): string[] =>
      s
        .diagnosticsFor(uri)
        .map((d) => `${d.code} ${d.severity} ${d.uri} ${d.resource?.name} ${d.message}`)
        .sort();
    let reported = 0;
    for (const name of ['plain', 'suppressed', 'filtered', 'reviews']) {
      const kind = name === 'reviews' ? 'Service' : 'VirtualService';
      const uri = `meshwright:/east/${kind}/bookinfo/${name}.yaml`;
      const findings = s
        .liveFindings(uri)
        .map((f) => `${f.code} ${f.severity} ${f.uri} ${f.resource?.name} ${f.message}`)
        .sort();
      assert.deepEqual(findings, asFindings(uri), name);
      reported += findings.length;
    }
    assert.ok(reported >= 2, `findings compared (${reported})`);
    const codesOf = (name: string): string[] =>
      s.liveFindings(`meshwright:/east/VirtualService/bookinfo/${name}.yaml`).map((f) => f.code);
    assert.deepEqual(
      codesOf('plain').filter((code) => code === 'IST0101'),
      ['IST0101', 'IST0101'],
      'the subset and the gateway',
    );
    assert.ok(!codesOf('suppressed').includes('IST0101'), 'the annotation suppresses');
    assert.ok(!codesOf('filtered').includes('IST0101'), 'the rule suppresses');
    assert.deepEqual(s.liveFindings('meshwright:/east/VirtualService/bookinfo/absent.yaml'), []);
  });

  it('applies annotation and pattern suppressions', () => {
    const s = session();
    s.setDocument('a.yaml', ROUTES);
    s.setDocument(
      'b.yaml',
      ROUTES.replace('name: reviews', 'name: ratings').replace(
        '  namespace: bookinfo',
        '  namespace: bookinfo\n  annotations:\n    galley.istio.io/analyze-suppress: "IST0109,IST0101"',
      ),
    );
    s.refresh();
    assert.deepEqual([...new Set(s.diagnosticsFor('b.yaml').map((d) => d.code))], []);
    assert.ok(s.diagnosticsFor('a.yaml').some((d) => d.code === 'IST0101'));
    assert.deepEqual(s.setSuppressions(['IST0101=VirtualService *.bookinfo', 'nonsense']).length, 1);
    assert.ok(!s.diagnosticsFor('a.yaml').some((d) => d.code === 'IST0101'));
    assert.ok(
      s.diagnosticsFor('a.yaml').some((d) => d.code === 'IST0109'),
      'other codes still reported',
    );
  });

  it('skips Kubernetes-dependent analyzers in auto mode until Kubernetes objects are known', () => {
    const s = new AnalysisSession({ kubernetesState: 'auto', celRules: null });
    s.setDocument(
      'routes.yaml',
      ROUTES.replace('subset: v2', 'subset: v1').replace('host: reviews\n', 'host: reviews\n'),
    );
    s.setDocument('rule.yaml', RULE_V1);
    s.refresh();
    assert.deepEqual(s.allDiagnostics(), [], 'no Service known: the host is not judged');
    s.setDocument('other-service.yaml', SERVICES.replace(/reviews/g, 'ratings'));
    s.refresh();
    assert.deepEqual(
      s.allDiagnostics().map((d) => d.code),
      ['IST0101', 'IST0174'],
      'with Kubernetes objects in the workspace the missing reviews Service is reported',
    );
  });
});
