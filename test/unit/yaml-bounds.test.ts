/**
 * The parsing bounds: a document whose nesting, key nesting or merge keys would cost a parser minutes or
 * a stack overflow is not read, gets one MESH001 naming the bound, and leaves the other documents of its
 * file, and the other files, analysed as usual.
 */
import assert from 'node:assert/strict';
import { analyze } from '../../server/src/analysis/engine';
import { parseSegment } from '../../server/src/yaml/parsed-segment';
import { SchemaLanguageService } from '../../server/src/yaml/schema-language-service';
import { measureNesting } from '../../server/src/text/yaml-nesting-scan';
import { HOSTILE_DOCUMENTS, mergeKeyBomb } from './support/hostile-yaml';

/** A Gateway whose port number is a word: one IST0106 on line 9 of its document. */
const GATEWAY_WITH_A_BAD_PORT =
  'apiVersion: networking.istio.io/v1\nkind: Gateway\nmetadata:\n  name: public\n  namespace: istio-system\n' +
  'spec:\n  selector:\n    istio: ingressgateway\n  servers:\n    - port: {number: eighty, name: http, protocol: HTTP}\n      hosts: ["*"]\n';

/** The same shapes inside an Istio document, which the schema service would hand to yaml-language-server. */
function asIstioDocument(text: string): string {
  return `apiVersion: networking.istio.io/v1\nkind: VirtualService\nmetadata:\n  name: hostile\n${text}`;
}

describe('YAML parsing bounds', function () {
  // Each case takes milliseconds; without the bounds one takes minutes and one overflows the stack.
  this.timeout(10_000);

  for (const { shape, text, bound } of HOSTILE_DOCUMENTS) {
    it(`does not read ${shape}: no objects, one problem naming the bound on the first line`, () => {
      const parsed = parseSegment(text);
      assert.deepEqual(parsed.objects, []);
      assert.match(parsed.exceededBound?.message ?? '', bound);
      assert.match(parsed.exceededBound?.message ?? '', /Meshwright does not analyse this document/);
      assert.equal(parsed.exceededBound?.range.start.line, 0);
      assert.deepEqual(parsed.locate(['spec']), parsed.exceededBound?.range);
    });

    it(`reports ${shape} as MESH001 and analyses the other documents and files`, () => {
      const result = analyze({
        documents: [
          {
            uri: 'file:///bomb.yaml',
            text: `${GATEWAY_WITH_A_BAD_PORT}---\n${text}---\n${GATEWAY_WITH_A_BAD_PORT.replace('public', 'other')}`,
          },
          { uri: 'file:///gateway.yaml', text: GATEWAY_WITH_A_BAD_PORT.replace('public', 'third') },
        ],
      });
      const bombLine = GATEWAY_WITH_A_BAD_PORT.split('\n').length;
      const mesh001 = result.diagnostics.filter((d) => d.code === 'MESH001');
      assert.deepEqual(
        mesh001.map((d) => [d.uri, d.range.start.line, d.severity]),
        [['file:///bomb.yaml', bombLine, 'error']],
      );
      assert.match(mesh001[0]?.message ?? '', bound);
    });

    it(`keeps ${shape} in an Istio document away from yaml-language-server, and validates the rest`, async () => {
      const service = new SchemaLanguageService();
      const file = `${asIstioDocument(text)}---\n${GATEWAY_WITH_A_BAD_PORT}`;
      const diagnostics = await service.validate('file:///bomb.yaml', file);
      const gatewayStart = file.split('\n').length - GATEWAY_WITH_A_BAD_PORT.split('\n').length;
      assert.deepEqual(
        diagnostics.map((d) => [d.code, d.range.start.line]),
        [['IST0106', gatewayStart + 9]],
      );
      assert.equal(await service.hover(file, { line: 5, character: 2 }), null);
      assert.deepEqual((await service.complete(file, { line: 5, character: 2 })).items, []);
      assert.deepEqual(
        service.documentSymbols(file).map((symbol) => symbol.name),
        ['Gateway istio-system/public'],
      );
    });
  }

  it('reads merge keys and nesting well within the bounds as before', () => {
    const merges = parseSegment(
      'apiVersion: v1\nkind: ConfigMap\nmetadata: &meta {name: settings}\ndata:\n  base: &base {a: "1", b: "2"}\n  more: {<<: *base, c: "3"}\n',
    );
    assert.equal(merges.exceededBound, undefined);
    assert.deepEqual(merges.objects[0]?.value.data, {
      base: { a: '1', b: '2' },
      more: { a: '1', b: '2', c: '3' },
    });
    assert.equal(parseSegment(mergeKeyBomb(4)).exceededBound, undefined);
    const deep = `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: deep}\ndata: ${'['.repeat(200)}${']'.repeat(200)}\n`;
    assert.equal(parseSegment(deep).exceededBound, undefined);
    assert.equal(parseSegment(`${'- '.repeat(300)}x\n`).exceededBound?.message.includes('256'), true);
  });

  it('does not count brackets in block scalars, quoted scalars or comments as nesting', () => {
    const text =
      'a: |\n  ' +
      '['.repeat(500) +
      '\n  ' +
      '{'.repeat(500) +
      '\nb: "' +
      '['.repeat(500) +
      '"\nc: 1 # ' +
      '['.repeat(500) +
      '\n';
    assert.deepEqual(measureNesting(text, { depth: 256, keyNesting: 16 }), { depth: 1, keyNesting: 0 });
  });

  it("counts a sequence written at its key's column as a level of its own", () => {
    // k: / - a: 1 / k: / - a: 1 ...: each step nests a sequence and a mapping, two levels.
    const text = Array.from({ length: 10 }, (_, level) => {
      const indent = ' '.repeat(2 * level);
      return `${indent}k:\n${indent}- a: 1\n`;
    }).join('');
    assert.ok(measureNesting(text, { depth: 256, keyNesting: 16 }).depth >= 20);
  });
});
