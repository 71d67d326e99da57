/**
 * The Gateway API and ambient quick fixes through the language server over stdio: a client that sends the
 * diagnostics (as an editor does, with their `data`) gets "Add label istio.io/global" for MESH407 and
 * "Use waypoint <name>" for MESH404 as WorkspaceEdits on the document, next to nothing for other codes.
 */
import assert from 'node:assert/strict';
import { type CodeAction, type Diagnostic } from 'vscode-languageserver-protocol';
import { LspTestClient } from './support/lsp-test-client';

const URI = 'file:///tmp/meshwright-quick-fixes/shop.yaml';
const TEXT = `apiVersion: v1
kind: Service
metadata:
  name: cart
  namespace: shop
  labels:
    app: cart
    istio.io/use-waypoint: missing-waypoint
spec:
  ports:
    - port: 80
`;

function diagnostic(code: string, line: number, details?: unknown): Diagnostic {
  return {
    range: { start: { line, character: 4 }, end: { line, character: 20 } },
    code,
    source: 'meshwright',
    severity: 1,
    message: code,
    ...(details ? { data: { code, details } } : {}),
  };
}

describe('LSP quick fixes for Gateway API and ambient findings (server over stdio)', function () {
  this.timeout(60_000);
  let client: LspTestClient;

  before(async () => {
    client = await LspTestClient.start();
    await client.open(URI, TEXT);
  });
  after(async () => client?.stop());

  const actionsFor = (diagnostics: Diagnostic[]): Promise<CodeAction[]> =>
    client.connection.sendRequest('textDocument/codeAction', {
      textDocument: { uri: URI },
      range: diagnostics[0]!.range,
      context: { diagnostics, only: ['quickfix'] },
    });

  it('MESH407: adds istio.io/global under the existing labels', async () => {
    const actions = await actionsFor([diagnostic('MESH407', 3)]);
    assert.deepEqual(
      actions.map((action) => [action.title, action.kind, action.edit?.changes?.[URI]]),
      [
        [
          'Add label istio.io/global: "true"',
          'quickfix',
          [
            {
              range: { start: { line: 6, character: 4 }, end: { line: 6, character: 4 } },
              newText: 'istio.io/global: "true"\n    ',
            },
          ],
        ],
      ],
    );
  });

  it('MESH404: one action per existing waypoint, each replacing the label value', async () => {
    const actions = await actionsFor([
      diagnostic('MESH404', 7, { candidates: ['cart-waypoint', 'shop-waypoint'] }),
    ]);
    assert.deepEqual(
      actions.map((action) => [action.title, action.edit?.changes?.[URI]?.[0]?.newText]),
      [
        ['Use waypoint cart-waypoint', 'cart-waypoint'],
        ['Use waypoint shop-waypoint', 'shop-waypoint'],
      ],
    );
    assert.deepEqual(actions[0]?.edit?.changes?.[URI]?.[0]?.range, {
      start: { line: 7, character: 27 },
      end: { line: 7, character: 43 },
    });
  });

  it('offers nothing for another code or another source', async () => {
    assert.deepEqual(await actionsFor([diagnostic('MESH410', 3)]), []);
    assert.deepEqual(await actionsFor([{ ...diagnostic('MESH407', 3), source: 'yaml' }]), []);
  });
});
