import assert from 'node:assert/strict';
import { type CompletionItem, type CompletionList, type MarkupContent } from 'vscode-languageserver-protocol';
import { LspTestClient, fileUri, fixturePath, positionOf, readFixture } from './support/lsp-test-client';

function labels(result: CompletionList | CompletionItem[] | null): string[] {
  const items = Array.isArray(result) ? result : (result?.items ?? []);
  return items.map((item) => item.label);
}

describe('LSP completion, hover and document symbols (server over stdio)', () => {
  let client: LspTestClient;

  before(async () => {
    client = await LspTestClient.start();
  });
  after(async () => {
    await client?.stop();
  });

  it('announces its features at initialize', () => {
    const capabilities = client.initializeResult?.capabilities;
    assert.ok(capabilities?.completionProvider);
    assert.equal(capabilities?.hoverProvider, true);
    assert.ok(capabilities?.documentSymbolProvider);
    assert.deepEqual(capabilities?.textDocumentSync, {
      openClose: true,
      change: 2, // incremental
      save: { includeText: false },
    });
    assert.equal(client.initializeResult?.serverInfo?.name, 'meshwright-language-server');
  });

  it('offers the VirtualService spec fields inside `spec`', async () => {
    const uri = fileUri(fixturePath('virtual-service-empty-spec.yaml'));
    const text = readFixture('virtual-service-empty-spec.yaml');
    await client.open(uri, text);
    const inSpec = positionOf(text, 'spec:\n  ', 'spec:\n  '.length);

    const offered = labels(await client.completion(uri, inSpec));
    for (const field of ['hosts', 'http', 'tcp', 'tls', 'gateways', 'exportTo']) {
      assert.ok(offered.includes(field), `${field} missing from ${offered.join(', ')}`);
    }
    assert.ok(!offered.includes('replicas'));
    await client.close(uri);
  });

  it("shows Istio's field documentation on hover", async () => {
    const uri = fileUri(fixturePath('virtual-service-valid.yaml'));
    const text = readFixture('virtual-service-valid.yaml');
    await client.open(uri, text);

    const onHosts = await client.hover(uri, positionOf(text, 'hosts:', 2));
    const hostsDoc = (onHosts?.contents as MarkupContent).value;
    assert.match(hostsDoc, /The destination hosts to which traffic is being sent/);
    assert.deepEqual(onHosts?.range, {
      start: positionOf(text, 'hosts:'),
      end: positionOf(text, 'hosts:', 5),
    });

    // A field of the second document: positions are mapped through the document's segment.
    const onSubsets = await client.hover(uri, positionOf(text, 'subsets:', 1));
    assert.match((onSubsets?.contents as MarkupContent).value, /DestinationRule/);
    assert.match(
      (onSubsets?.contents as MarkupContent).value,
      /named sets that represent individual versions/,
    );
    await client.close(uri);
  });

  it('lists one symbol per YAML document, named by kind and namespace/name, with its fields inside', async () => {
    const uri = fileUri(fixturePath('virtual-service-valid.yaml'));
    const text = readFixture('virtual-service-valid.yaml');
    await client.open(uri, text);

    const symbols = (await client.documentSymbols(uri)) ?? [];
    assert.deepEqual(
      symbols.map((symbol) => [symbol.name, symbol.detail, symbol.range.start.line]),
      [
        ['VirtualService bookinfo/reviews', 'networking.istio.io/v1', 0],
        ['DestinationRule bookinfo/reviews', 'networking.istio.io/v1', positionOf(text, '---').line],
      ],
    );
    assert.deepEqual(
      symbols[1]?.children?.map((child) => [child.name, child.range.start.line]),
      ['apiVersion', 'kind', 'metadata', 'spec'].map((name) => [
        name,
        positionOf(text, `${name}:`, 0, 2).line,
      ]),
    );
    await client.close(uri);
  });

  it('offers Istio kind skeletons in an empty document of a file', async () => {
    const uri = 'untitled:skeleton.yaml';
    const text = 'apiVersion: apps/v1\nkind: ConfigMap\nmetadata:\n  name: x\n---\nVirt';
    await client.open(uri, text);
    const result = (await client.completion(uri, { line: 5, character: 4 })) as CompletionList;
    const virtualService = result.items.find((item) => item.label === 'VirtualService');
    assert.ok(virtualService, labels(result).join(', '));
    assert.equal(virtualService.insertTextFormat, 2); // snippet
    const edit = virtualService.textEdit as { range: unknown; newText: string };
    assert.deepEqual(edit.range, { start: { line: 5, character: 0 }, end: { line: 5, character: 4 } });
    assert.match(edit.newText, /^apiVersion: networking\.istio\.io\/v1\nkind: VirtualService\nmetadata:/);
    await client.close(uri);
  });
});
