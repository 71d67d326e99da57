/**
 * Issue 5 in the language server, over stdio against the simulated demo mesh: MESH205 on the `subset:`
 * node with related locations to both primaries' DestinationRules (whose live documents the server
 * serves), MESH107 on a modeline naming the remote, MESH101, `meshwright/documentTargets` and the modeline
 * hover.
 */
import assert from 'node:assert/strict';
import {
  DOCUMENT_TARGETS_REQUEST,
  type DocumentTargetsResult,
  LIVE_DOCUMENT_REQUEST,
} from '../../protocol/requests';
import { type DemoWorkspace, DOCUMENTS, startDemoWorkspace } from './demo-targets-workspace';
import { positionOf } from './support/lsp-test-client';

const textAt = (
  text: string,
  range: { start: { line: number; character: number }; end: { character: number } },
): string => text.split('\n')[range.start.line]!.slice(range.start.character, range.end.character);

describe('LSP targets: the demo mesh', function () {
  this.timeout(90_000);
  let workspace: DemoWorkspace;

  before(async () => {
    workspace = await startDemoWorkspace();
  });
  after(async () => workspace?.stop());

  it('reports MESH205 on the subset, linking both primaries’ rules, whose live documents it serves', async () => {
    const published = await workspace.openAndWait('reviews-routes.yaml', 'MESH205');
    const diagnostic = published.diagnostics.find((d) => d.code === 'MESH205')!;
    assert.deepEqual(diagnostic.range.start, positionOf(DOCUMENTS['reviews-routes.yaml']!, 'v3'));
    assert.equal(textAt(DOCUMENTS['reviews-routes.yaml']!, diagnostic.range), 'v3');
    assert.equal(diagnostic.severity, 1);
    assert.match(
      diagnostic.message,
      /^Subset v3 of reviews\.bookinfo\.svc\.cluster\.local exists in primary east but not in primary west: callers in west get 503 \(no route\)/,
    );
    const related = diagnostic.relatedInformation ?? [];
    assert.deepEqual(related.map((r) => r.location.uri).sort(), [
      'meshwright:/east/DestinationRule/bookinfo/reviews.yaml',
      'meshwright:/west/DestinationRule/bookinfo/reviews.yaml',
    ]);
    for (const entry of related) {
      const text = (await workspace.client.connection.sendRequest(LIVE_DOCUMENT_REQUEST, {
        uri: entry.location.uri,
      })) as string | null;
      assert.ok(text, `${entry.location.uri} is served`);
      assert.doesNotMatch(text, /managedFields/);
      const node = textAt(text, entry.location.range);
      if (entry.location.uri.includes('/east/')) {
        assert.equal(node, 'v3', 'east’s link points at its subset v3');
        assert.match(entry.message, /^east: east's DestinationRule bookinfo\/reviews defines subset v3/);
      } else {
        assert.equal(node, 'subsets', 'west’s link points at its subsets');
        assert.doesNotMatch(text, /name: v3/);
      }
    }
    assert.deepEqual((diagnostic.data as { details: { actions: unknown } }).details.actions, {
      narrowTo: ['east'],
    });
  });

  it('reports MESH107 on a modeline that names the remote edge, and explains it in the hover', async () => {
    const text = DOCUMENTS['details-for-edge.yaml']!;
    const published = await workspace.openAndWait('details-for-edge.yaml', 'MESH107');
    const diagnostic = published.diagnostics.find((d) => d.code === 'MESH107')!;
    assert.equal(textAt(text, diagnostic.range), 'edge');
    assert.equal(diagnostic.range.start.line, 0);
    assert.match(diagnostic.message, /targets remote cluster edge .*served by east's istiod/);

    const hover = await workspace.client.hover(workspace.uri('details-for-edge.yaml'), {
      line: 0,
      character: 5,
    });
    const markdown = (hover?.contents as { value: string }).value;
    assert.match(markdown, /\*\*Targets: edge\*\* \(named by this modeline\)/);
    assert.match(markdown, /edge is a remote served by east: Istio config there is ignored \(MESH107\)/);
    assert.match(markdown, /Primaries of the mesh: east, west\./);
    assert.match(markdown, /Applies to: DestinationRule bookinfo\/details/);

    const schemaHover = await workspace.client.hover(
      workspace.uri('details-for-edge.yaml'),
      positionOf(text, 'host'),
    );
    assert.doesNotMatch(JSON.stringify(schemaHover), /Targets:/, 'other lines keep the schema documentation');
  });

  it('reports MESH101 on locality failover without outlierDetection', async () => {
    const published = await workspace.openAndWait('productpage-failover.yaml', 'MESH101');
    const diagnostic = published.diagnostics.find((d) => d.code === 'MESH101')!;
    assert.equal(textAt(DOCUMENTS['productpage-failover.yaml']!, diagnostic.range), 'failover');
  });

  it('answers meshwright/documentTargets: default primaries, or the modeline’s remote', async () => {
    const request = (file: string): Promise<DocumentTargetsResult> =>
      workspace.client.connection.sendRequest(DOCUMENT_TARGETS_REQUEST, { uri: workspace.uri(file) });
    const routes = await request('reviews-routes.yaml');
    assert.deepEqual(routes.documents, [
      {
        range: { start: { line: 0, character: 0 }, end: { line: 17, character: 20 } },
        resource: {
          apiVersion: 'networking.istio.io/v1',
          kind: 'VirtualService',
          namespace: 'bookinfo',
          name: 'reviews',
        },
        targets: ['east', 'west'],
        remoteTargets: [],
        source: 'default',
      },
    ]);
    const edge = await request('details-for-edge.yaml');
    assert.deepEqual(
      edge.documents.map((d) => [d.targets, d.remoteTargets, d.source]),
      [[['edge'], ['edge'], 'modeline']],
    );
    assert.deepEqual((await request('file:///nowhere.yaml')).documents, []);
  });

  it('applies meshwright.targets to the files it matches', async () => {
    const uri = workspace.uri('reviews-routes.yaml');
    const since = workspace.client.published.length;
    workspace.client.settings = {
      validation: { enable: true },
      kubeconfig: workspace.sim.kubeconfigPath,
      targets: [{ files: 'reviews-*.yaml', clusters: ['east'] }],
    };
    await workspace.client.configurationChanged();
    await workspace.client.latestDiagnostics(
      uri,
      (params) => !params.diagnostics.some((d) => d.code === 'MESH205'),
      'reviews-routes.yaml without MESH205 (east defines v3)',
      since,
    );
    const result = (await workspace.client.connection.sendRequest(DOCUMENT_TARGETS_REQUEST, {
      uri,
    })) as DocumentTargetsResult;
    assert.deepEqual(
      result.documents.map((d) => [d.targets, d.source]),
      [[['east'], 'setting']],
    );
  });
});
