/**
 * Gateway API documents and Istio's label and annotation keys through the language server over stdio:
 * schema diagnostics, completion, hover and symbols, as an editor gets them.
 */
import assert from 'node:assert/strict';
import { type CompletionItem, type CompletionList, type MarkupContent } from 'vscode-languageserver-protocol';
import { LspTestClient, fileUri, fixturePath, positionOf, readFixture } from './support/lsp-test-client';

const FIXTURE = 'gateway-api-waypoint.yaml';

function items(result: CompletionList | CompletionItem[] | null): CompletionItem[] {
  return Array.isArray(result) ? result : (result?.items ?? []);
}

describe('LSP on Gateway API documents and Istio label and annotation keys (server over stdio)', () => {
  let client: LspTestClient;
  const uri = fileUri(fixturePath(FIXTURE));
  const text = readFixture(FIXTURE);

  before(async () => {
    client = await LspTestClient.start();
    await client.open(uri, text);
  });
  after(async () => {
    await client?.stop();
  });

  it('reports the HTTPRoute path type the schema does not accept, as IST0106 on the value', async () => {
    const { diagnostics } = await client.diagnosticsFor(uri, 1);
    const schema = diagnostics.filter((diagnostic) => diagnostic.code === 'IST0106');
    assert.deepEqual(
      schema.map((diagnostic) => diagnostic.message),
      [
        'HTTPRoute spec.rules[0].matches[0].path.type: the string "Prefix" is not accepted. Valid values: "Exact", "PathPrefix", "RegularExpression".',
      ],
    );
    const start = positionOf(text, 'Prefix\n');
    assert.deepEqual(schema[0]?.range.start, start);
  });

  it('completes Istio gateway classes in spec.gatewayClassName', async () => {
    const position = positionOf(text, 'istio-waypoint', 'istio-'.length);
    const offered = items(await client.completion(uri, position)).map((item) => item.label);
    for (const name of ['istio', 'istio-waypoint', 'istio-east-west', 'istio-remote']) {
      assert.ok(offered.includes(name), `${name} missing from ${offered.join(', ')}`);
    }
  });

  it("completes a Namespace's Istio labels, and explains one on hover with its feature status", async () => {
    const position = positionOf(text, 'istio.io/use-waypoint', 'istio.io/'.length);
    const offered = items(await client.completion(uri, position));
    const mode = offered.find((item) => item.label === 'istio.io/dataplane-mode');
    assert.equal(mode?.detail, 'Istio label · Stable');
    const hover = await client.hover(uri, positionOf(text, 'istio.io/dataplane-mode', 3));
    assert.match(
      (hover?.contents as MarkupContent).value,
      /\*\*istio\.io\/dataplane-mode\*\* \(Istio label, Stable\)/,
    );
  });

  it("hovers a Gateway API field with the CRD's documentation", async () => {
    const hover = await client.hover(uri, positionOf(text, 'gatewayClassName', 2));
    assert.match((hover?.contents as MarkupContent).value, /GatewayClassName used for this Gateway/);
  });

  it('outlines every document by kind and namespace/name', async () => {
    const symbols = (await client.documentSymbols(uri)) ?? [];
    assert.deepEqual(
      symbols.map((symbol) => symbol.name),
      ['Namespace bookinfo', 'Gateway bookinfo/waypoint', 'HTTPRoute bookinfo/reviews'],
    );
  });
});
