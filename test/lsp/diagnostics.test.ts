import assert from 'node:assert/strict';
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver-protocol';
import { HOSTILE_DOCUMENTS } from '../unit/support/hostile-yaml';
import { LspTestClient, fileUri, fixturePath, positionOf, readFixture } from './support/lsp-test-client';

describe('LSP diagnostics (server over stdio)', () => {
  let client: LspTestClient;

  before(async () => {
    client = await LspTestClient.start();
  });
  after(async () => {
    await client?.stop();
  });

  it('reports `weight: fifty` as exactly one IST0106 error on the word, with a documentation link', async () => {
    const uri = fileUri(fixturePath('virtual-service-weight.yaml'));
    const text = readFixture('virtual-service-weight.yaml');
    await client.open(uri, text);

    const { diagnostics } = await client.diagnosticsFor(uri, 1);
    assert.equal(diagnostics.length, 1, JSON.stringify(diagnostics));
    const [diagnostic] = diagnostics as [Diagnostic];
    const start = positionOf(text, 'fifty');
    assert.deepEqual(diagnostic.range, { start, end: { line: start.line, character: start.character + 5 } });
    assert.equal(diagnostic.code, 'IST0106');
    assert.equal(diagnostic.source, 'meshwright');
    assert.equal(diagnostic.severity, DiagnosticSeverity.Error);
    assert.equal(
      diagnostic.codeDescription?.href,
      'https://istio.io/latest/docs/reference/config/analysis/ist0106/',
    );
    assert.equal(
      diagnostic.message,
      'VirtualService spec.http[0].route[0].weight must be an integer, not the string "fifty".',
    );
    assert.deepEqual(diagnostic.data, {
      resource: {
        apiVersion: 'networking.istio.io/v1',
        kind: 'VirtualService',
        namespace: 'bookinfo',
        name: 'reviews',
      },
      cluster: null,
    });
    await client.close(uri);
  });

  it('leaves a Deployment, a GitHub workflow and a Helm values file clean in a multi-document file', async () => {
    const uri = fileUri(fixturePath('mixed-kinds.yaml'));
    const text = readFixture('mixed-kinds.yaml');
    await client.open(uri, text);

    const { diagnostics } = await client.diagnosticsFor(uri, 1);
    // Only the Gateway (the last document) has a problem; the other documents' mistakes are not ours.
    assert.deepEqual(
      diagnostics.map((d) => [d.code, d.range.start]),
      [['IST0106', positionOf(text, 'eighty')]],
    );
    await client.close(uri);
  });

  it('re-validates after didChange (debounced) and publishes for the new version only', async () => {
    const uri = 'untitled:debounced-change.yaml';
    const text = readFixture('virtual-service-valid.yaml');
    await client.open(uri, text);
    assert.deepEqual((await client.diagnosticsFor(uri, 1)).diagnostics, []);

    // Three quick edits: `100` -> `10` -> `1` -> `fifty`. Each is an incremental change of the same value.
    const at = positionOf(text, 'weight: 100', 'weight: '.length);
    const range = (length: number) => ({
      start: at,
      end: { line: at.line, character: at.character + length },
    });
    await client.change(uri, 2, [{ range: range(3), text: '10' }]);
    await client.change(uri, 3, [{ range: range(2), text: '1' }]);
    await client.change(uri, 4, [{ range: range(1), text: 'fifty' }]);

    const { diagnostics } = await client.diagnosticsFor(uri, 4);
    assert.deepEqual(
      diagnostics.map((d) => [d.code, d.range]),
      [['IST0106', range(5)]],
    );
    const versions = client.published.filter((p) => p.uri === uri).map((p) => p.version);
    assert.ok(
      !versions.includes(2) && !versions.includes(3),
      `superseded versions published: ${versions.join()}`,
    );
    await client.close(uri);
  });

  it('clears the diagnostics of a document when it is closed', async () => {
    const uri = 'untitled:closing.yaml';
    await client.open(uri, readFixture('virtual-service-weight.yaml'));
    assert.equal((await client.diagnosticsFor(uri, 1)).diagnostics.length, 1);
    const before = client.published.length;
    await client.close(uri);
    const cleared = await client.waitForDiagnostics(
      (p) => p.uri === uri && client.published.indexOf(p) >= before,
      'the clearing publication',
    );
    assert.deepEqual(cleared.diagnostics, []);
  });

  it('does not validate documents that are not YAML', async () => {
    const yamlUri = 'untitled:after-markdown.yaml';
    await client.open('untitled:notes.md', readFixture('virtual-service-weight.yaml'), 1, 'markdown');
    await client.open(yamlUri, readFixture('virtual-service-weight.yaml'));
    // Notifications are handled in order: once the YAML document's result is in, the Markdown one had its chance.
    await client.diagnosticsFor(yamlUri, 1);
    assert.equal(client.published.filter((p) => p.uri === 'untitled:notes.md').length, 0);
    await client.close(yamlUri);
  });
});

describe('LSP validation on save (server over stdio, debounce made very long)', () => {
  let client: LspTestClient;

  before(async () => {
    // With a ten-minute debounce, only didSave can make the server validate a changed document.
    client = await LspTestClient.start({ initializationOptions: { validationDelayMs: 600_000 } });
  });
  after(async () => {
    await client?.stop();
  });

  it('publishes on didSave without waiting for the debounce', async () => {
    const uri = 'file:///tmp/meshwright-lsp-test/saved.yaml';
    const text = readFixture('virtual-service-valid.yaml');
    await client.open(uri, text);
    assert.deepEqual((await client.diagnosticsFor(uri, 1)).diagnostics, []);

    const at = positionOf(text, 'weight: 100', 'weight: '.length);
    await client.change(uri, 2, [
      { range: { start: at, end: { line: at.line, character: at.character + 3 } }, text: 'fifty' },
    ]);
    // A request after the change is answered after the change was processed: the change alone published nothing.
    await client.hover(uri, at);
    assert.equal(client.published.filter((p) => p.uri === uri && p.version === 2).length, 0);

    await client.save(uri);
    const { diagnostics } = await client.diagnosticsFor(uri, 2);
    assert.deepEqual(
      diagnostics.map((d) => d.code),
      ['IST0106'],
    );
    await client.close(uri);
  });
});

describe('LSP settings (meshwright.validation.enable)', () => {
  let client: LspTestClient;

  before(async () => {
    client = await LspTestClient.start({ settings: { validation: { enable: false } } });
  });
  after(async () => {
    await client?.stop();
  });

  it('publishes nothing while validation is off, and validates once it is switched on', async () => {
    const uri = 'untitled:settings.yaml';
    await client.open(uri, readFixture('virtual-service-weight.yaml'));
    assert.deepEqual((await client.diagnosticsFor(uri, 1)).diagnostics, []);

    client.settings = { validation: { enable: true } };
    const before = client.published.length;
    await client.configurationChanged();
    const after = await client.waitForDiagnostics(
      (p) => p.uri === uri && client.published.indexOf(p) >= before && p.diagnostics.length > 0,
      'diagnostics after enabling validation',
    );
    assert.deepEqual(
      after.diagnostics.map((d) => d.code),
      ['IST0106'],
    );
  });
});

describe('LSP settings for clients without workspace/configuration', () => {
  let client: LspTestClient;

  before(async () => {
    client = await LspTestClient.start({
      configurationSupport: false,
      initializationOptions: { meshwright: { validation: { enable: false } } },
    });
  });
  after(async () => {
    await client?.stop();
  });

  it('reads initializationOptions.meshwright, then settings pushed in didChangeConfiguration', async () => {
    const uri = 'untitled:pushed-settings.yaml';
    await client.open(uri, readFixture('virtual-service-weight.yaml'));
    assert.deepEqual((await client.diagnosticsFor(uri, 1)).diagnostics, []);

    const before = client.published.length;
    await client.configurationChanged({ meshwright: { validation: { enable: true } } });
    const after = await client.waitForDiagnostics(
      (p) => p.uri === uri && client.published.indexOf(p) >= before && p.diagnostics.length > 0,
      'diagnostics after the pushed settings enabled validation',
    );
    assert.deepEqual(
      after.diagnostics.map((d) => d.code),
      ['IST0106'],
    );
  });
});

describe('LSP documents over a parsing bound (server over stdio)', () => {
  let client: LspTestClient;

  before(async () => {
    client = await LspTestClient.start();
  });
  after(async () => {
    await client?.stop();
  });

  it('reports YAML over a parsing bound as MESH001 at once, and keeps answering about other documents', async function () {
    this.timeout(10_000);
    const valid = fileUri(fixturePath('virtual-service-valid.yaml'));
    const validText = readFixture('virtual-service-valid.yaml');
    await client.open(valid, validText);
    await client.diagnosticsFor(valid, 1);

    const hostile = HOSTILE_DOCUMENTS.map(({ bound, text }, index) => ({
      uri: fileUri(fixturePath(`hostile-${index}.yaml`)),
      bound,
      text,
    }));
    for (const { uri, text } of hostile) await client.open(uri, text);
    // Asked while the hostile documents are being validated: the answer must not wait for them.
    const asked = Date.now();
    const hover = await client.hover(valid, positionOf(validText, 'hosts:', 2));
    assert.ok(hover, 'no hover');
    assert.ok(Date.now() - asked < 1_000, `hover took ${Date.now() - asked} ms`);

    for (const { uri, bound } of hostile) {
      const { diagnostics } = await client.diagnosticsFor(uri, 1, 5_000);
      assert.deepEqual(
        diagnostics.map((d) => [d.code, d.range.start.line]),
        [['MESH001', 0]],
      );
      assert.match(diagnostics[0]?.message ?? '', bound);
      await client.close(uri);
    }
    await client.close(valid);
  });
});
