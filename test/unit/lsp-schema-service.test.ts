import assert from 'node:assert/strict';
import { type MarkupContent } from 'vscode-languageserver-types';
import { SchemaLanguageService } from '../../server/src/yaml/schema-language-service';
import { preferredVersions } from '../../server/src/yaml/schema-snippets';

const VIRTUAL_SERVICE = `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata:
  name: reviews
spec:
  hosts:
    - reviews
`;

/** Text with one `^` marking a position; returns the text without it and the position. */
function marked(text: string): { text: string; position: { line: number; character: number } } {
  const index = text.indexOf('^');
  const before = text.slice(0, index);
  return {
    text: before + text.slice(index + 1),
    position: { line: before.split('\n').length - 1, character: index - before.lastIndexOf('\n') - 1 },
  };
}

describe('SchemaLanguageService (yaml-language-server with the Istio schemas)', function () {
  let service: SchemaLanguageService;
  before(() => {
    service = new SchemaLanguageService();
  });

  const messages = async (text: string): Promise<string[]> =>
    (await service.validate('file:///t.yaml', text)).map((d) => d.message);

  describe('messages name the kind and the field path and say what is accepted', () => {
    it('wrong type', async () => {
      assert.deepEqual(await messages(VIRTUAL_SERVICE + '  exportTo: 3\n'), [
        'VirtualService spec.exportTo must be a list, not the number 3.',
      ]);
    });

    it('unknown field, with the likely intended one', async () => {
      assert.deepEqual(await messages(VIRTUAL_SERVICE.replace('hosts:', 'hostz:')), [
        'VirtualService spec has no field "hostz". Did you mean "hosts"?',
      ]);
    });

    it('unknown field without a close match lists the fields that fit', async () => {
      assert.deepEqual(await messages(VIRTUAL_SERVICE + '  retries: 3\n'), [
        'VirtualService spec has no field "retries". Fields you can add here: exportTo, gateways, http, tcp, tls.',
      ]);
    });

    it('missing required field', async () => {
      assert.deepEqual(await messages(VIRTUAL_SERVICE.replace('  name: reviews\n', '  namespace: x\n')), [
        'VirtualService metadata is missing the required field "name".',
      ]);
    });

    it('missing required field of a list item and of the document', async () => {
      const text = `apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata:
  name: reviews
spec:
  host: reviews
  subsets:
    - labels: {version: v1}
`;
      assert.deepEqual(await messages(text), [
        'DestinationRule spec.subsets[0] is missing the required field "name".',
      ]);
      assert.deepEqual(await messages('apiVersion: networking.istio.io/v1\nkind: Gateway\nspec: {}\n'), [
        'Gateway is missing the required field "metadata".',
      ]);
    });

    it('number out of range', async () => {
      const text = `apiVersion: networking.istio.io/v1
kind: ServiceEntry
metadata:
  name: api
spec:
  hosts: [api.example.com]
  ports:
    - number: 70000
      name: tcp
      protocol: TCP
`;
      assert.deepEqual(await messages(text), [
        'ServiceEntry spec.ports[0].number must be at most 65535, not the number 70000.',
      ]);
    });

    it('value outside an enumeration, with a case-insensitive suggestion', async () => {
      const text = `apiVersion: security.istio.io/v1
kind: PeerAuthentication
metadata:
  name: default
spec:
  mtls:
    mode: strict
`;
      assert.deepEqual(await messages(text), [
        'PeerAuthentication spec.mtls.mode: the string "strict" is not accepted. Did you mean "STRICT"? ' +
          'Valid values: "UNSET", "DISABLE", "PERMISSIVE", "STRICT".',
      ]);
    });

    it('keeps the schema author message of a pattern, prefixed with the field', async () => {
      assert.deepEqual(await messages(VIRTUAL_SERVICE.replace('name: reviews', 'name: Reviews')), [
        'VirtualService metadata.name: Name must be a DNS-1123 subdomain: lower case letters, digits, "-" and ".", ' +
          'starting and ending with a letter or digit.',
      ]);
    });
  });

  describe('documents', () => {
    it('validates only Istio documents of a multi-document file', async () => {
      const text = `apiVersion: v1
kind: Service
metadata:
  name: reviews
spec:
  ports: nope
---
${VIRTUAL_SERVICE.replace('    - reviews', '    - 42')}---
name: CI
on: push
jobs: 3
`;
      const diagnostics = await service.validate('file:///t.yaml', text);
      assert.deepEqual(
        diagnostics.map((d) => [d.code, d.range.start.line, d.message]),
        [['IST0106', 13, 'VirtualService spec.hosts[0] must be a string, not the number 42.']],
      );
    });

    it('accepts empty documents, comment-only documents and an empty file', async () => {
      assert.deepEqual(await service.validate('file:///t.yaml', ''), []);
      assert.deepEqual(await service.validate('file:///t.yaml', '# only a comment\n'), []);
      assert.deepEqual(
        await service.validate('file:///t.yaml', `---\n---\n# nothing\n---\n${VIRTUAL_SERVICE}---\n`),
        [],
      );
      assert.deepEqual(service.documentSymbols('# only a comment\n---\n'), []);
    });

    it('handles CRLF line endings: ranges and field paths per document', async () => {
      const text = [
        VIRTUAL_SERVICE.replace('    - reviews', '    - 42'),
        VIRTUAL_SERVICE.replace('    - reviews', '    - 43'),
      ]
        .join('---\n')
        .replace(/\n/g, '\r\n');
      const diagnostics = await service.validate('file:///crlf.yaml', text);
      assert.deepEqual(
        diagnostics.map((d) => [d.range, d.message]),
        [
          [
            { start: { line: 6, character: 6 }, end: { line: 6, character: 8 } },
            'VirtualService spec.hosts[0] must be a string, not the number 42.',
          ],
          [
            { start: { line: 14, character: 6 }, end: { line: 14, character: 8 } },
            'VirtualService spec.hosts[0] must be a string, not the number 43.',
          ],
        ],
      );
    });

    it('reports a YAML syntax error once, without the schema errors the parser recovery causes', async () => {
      const diagnostics = await service.validate(
        'file:///t.yaml',
        VIRTUAL_SERVICE.replace('  hosts:\n    - reviews\n', '  hosts: [reviews\n  http: x\n'),
      );
      assert.deepEqual(
        diagnostics.map((d) => d.code),
        ['MESH001'],
      );
      assert.match(diagnostics[0]?.message ?? '', /^YAML syntax error: .*Fix the YAML first/);
    });

    it('does not validate Helm templates, but does validate files with GitHub expressions', async () => {
      const template = VIRTUAL_SERVICE.replace('name: reviews', 'name: {{ .Release.Name }}') + '  http: 3\n';
      assert.deepEqual(await service.validate('file:///chart/templates/vs.yaml', template), []);
      const withExpression = `${VIRTUAL_SERVICE}  http: 3\n---\nrun: echo \${{ github.sha }}\n`;
      assert.equal((await service.validate('file:///t.yaml', withExpression)).length, 1);
    });

    it('applies the Istio schema even under a Red Hat YAML schema modeline', async () => {
      const text = `# yaml-language-server: $schema=https://example.com/other.json\n${VIRTUAL_SERVICE}  http: 3\n`;
      assert.deepEqual(await messages(text), ['VirtualService spec.http must be a list, not the number 3.']);
    });

    it('shifts cached results of unchanged documents when a document is inserted above them', async () => {
      const broken = VIRTUAL_SERVICE.replace('    - reviews', '    - 42');
      const first = await service.validate('file:///t.yaml', broken);
      const second = await service.validate('file:///t.yaml', `${VIRTUAL_SERVICE}---\n${broken}`);
      assert.equal(first[0]?.range.start.line, 6);
      assert.equal(second[0]?.range.start.line, 6 + VIRTUAL_SERVICE.split('\n').length);
      assert.equal(second[0]?.message, first[0]?.message);
    });
  });

  describe('positions near document boundaries', () => {
    it('completes in the document the cursor is in, right after a `---` line', async () => {
      const { text, position } = marked(`${VIRTUAL_SERVICE}---
apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata:
  name: reviews
spec:
  ^
---
${VIRTUAL_SERVICE}`);
      const list = await service.complete(text, position);
      const labels = list.items.map((item) => item.label);
      assert.ok(labels.includes('host') && labels.includes('subsets'), labels.join(', '));
      assert.ok(!labels.includes('gateways'));
      const edit = list.items.find((item) => item.label === 'host')?.textEdit as {
        range: { start: unknown };
      };
      assert.deepEqual(edit.range.start, position);
    });

    it('hovers the last line of a document before the next `---`', async () => {
      const { text, position } = marked(`${VIRTUAL_SERVICE}  gat^eways: [mesh]\n---\n${VIRTUAL_SERVICE}`);
      const hover = await service.hover(text, position);
      assert.match(
        (hover?.contents as MarkupContent).value,
        /gateways and sidecars that should apply these routes/,
      );
      assert.equal(hover?.range?.start.line, position.line);
    });

    it('hovers the first key of a document after `---`', async () => {
      const { text, position } = marked(
        `${VIRTUAL_SERVICE}---\nap^iVersion: networking.istio.io/v1\nkind: Gateway\n`,
      );
      const hover = await service.hover(text, position);
      assert.equal(hover?.range?.start.line, position.line);
    });
  });

  describe('kind skeletons', () => {
    it('are offered in an empty document, replacing the word typed so far', async () => {
      const { text, position } = marked(`${VIRTUAL_SERVICE}---\n# a new one\nDest^`);
      const list = await service.complete(text, position);
      const item = list.items.find((candidate) => candidate.label === 'DestinationRule');
      assert.ok(item);
      assert.deepEqual((item.textEdit as { range: unknown }).range, {
        start: { line: position.line, character: 0 },
        end: position,
      });
    });

    it('are not offered inside a document with content', async () => {
      const { text, position } = marked(`${VIRTUAL_SERVICE}^`);
      const labels = (await service.complete(text, position)).items.map((item) => item.label);
      assert.ok(!labels.includes('DestinationRule'), labels.join(', '));
    });

    it('produce documents that validate once their placeholders are filled', async () => {
      const list = await service.complete('', { line: 0, character: 0 });
      assert.equal(list.items.length, preferredVersions(service.catalog.entries).length);
      for (const item of list.items) {
        const filled = (item.textEdit as { newText: string }).newText
          .replace(/\$\{\d+:([^}]*)\}/g, '$1')
          .replace(/\$\d+/g, '');
        assert.deepEqual(await messages(filled), [], `${String(item.label)}:\n${filled}`);
      }
    });

    it('use the most stable version of each kind', () => {
      const versions = new Map(
        preferredVersions(service.catalog.entries).map((entry) => [entry.kind, entry.apiVersion]),
      );
      assert.equal(versions.get('Telemetry'), 'telemetry.istio.io/v1');
      assert.equal(versions.get('VirtualService'), 'networking.istio.io/v1');
      assert.equal(versions.get('EnvoyFilter'), 'networking.istio.io/v1alpha3');
    });
  });
});
