import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { waitFor } from '../../../tools/e2e/deadline';
import { MESHWRIGHT_EXTENSION_ID, openFixture } from './support/fixture-documents';

describe('activation', () => {
  it('is installed but stays inactive until a YAML file opens', () => {
    const extension = vscode.extensions.getExtension(MESHWRIGHT_EXTENSION_ID);
    assert.ok(extension, `${MESHWRIGHT_EXTENSION_ID} is not loaded in the extension host`);
    assert.equal(extension.isActive, false, 'the extension activated before any YAML file was opened');
  });

  it('activates when a YAML file opens', async () => {
    const document = await openFixture('virtual-service-weight.yaml');
    assert.equal(document.languageId, 'yaml');
    await waitFor(
      () => (vscode.extensions.getExtension(MESHWRIGHT_EXTENSION_ID)?.isActive ? true : undefined),
      {
        what: `${MESHWRIGHT_EXTENSION_ID} to activate after opening a YAML file`,
        timeoutMs: 30_000,
      },
    );
  });
});
