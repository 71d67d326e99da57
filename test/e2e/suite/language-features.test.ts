import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { waitFor } from '../../../tools/e2e/deadline';
import { openFixture, positionOf } from './support/fixture-documents';

function hoverText(hovers: readonly vscode.Hover[]): string {
  return hovers
    .flatMap((hover) => hover.contents)
    .map((content) => (typeof content === 'string' ? content : content.value))
    .join('\n');
}

describe('language features from the Istio schemas', () => {
  it("shows Istio's description when hovering a field", async () => {
    const document = await openFixture('virtual-service-editing.yaml');
    const onGateways = positionOf(document, 'gateways:', 2);
    // Polled: the first request can arrive while the server is still loading its schemas.
    const text = await waitFor(
      async () => {
        const hovers = await vscode.commands.executeCommand<vscode.Hover[]>(
          'vscode.executeHoverProvider',
          document.uri,
          onGateways,
        );
        const joined = hoverText(hovers);
        return joined.includes('gateways and sidecars') ? joined : undefined;
      },
      { what: 'a hover with the description of VirtualService spec.gateways', timeoutMs: 30_000 },
    );
    assert.match(text, /The names of gateways and sidecars that should apply these routes/);
  });

  it('completes the fields of a VirtualService spec', async () => {
    const document = await openFixture('virtual-service-editing.yaml');
    // The indented empty line after "- mesh" is inside spec.
    const insideSpec = positionOf(document, '    - mesh\n  ', '    - mesh\n  '.length);
    const labels = await waitFor(
      async () => {
        const list = await vscode.commands.executeCommand<vscode.CompletionList>(
          'vscode.executeCompletionItemProvider',
          document.uri,
          insideSpec,
        );
        const found = list.items.map((item) =>
          typeof item.label === 'string' ? item.label : item.label.label,
        );
        return found.includes('hosts') ? found : undefined;
      },
      { what: 'completion items inside spec', timeoutMs: 30_000 },
    );
    for (const field of ['hosts', 'http', 'tcp', 'tls', 'exportTo']) {
      assert.ok(labels.includes(field), `"${field}" missing from completions: ${labels.join(', ')}`);
    }
  });
});
