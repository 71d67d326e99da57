/**
 * The schema service on Gateway API documents (validation, completion, hover, symbols, as for Istio
 * kinds) and on Istio's label and annotation keys and gateway class names in documents of any kind.
 */
import assert from 'node:assert/strict';
import { type CompletionItem, CompletionItemTag, type MarkupContent } from 'vscode-languageserver-types';
import { SchemaLanguageService } from '../../server/src/yaml/schema-language-service';
import { cursorYamlPath } from '../../server/src/yaml/cursor-yaml-path';

/** Text with one `^` marking a position; returns the text without it and the position. */
function marked(text: string): { text: string; position: { line: number; character: number } } {
  const index = text.indexOf('^');
  const before = text.slice(0, index);
  return {
    text: before + text.slice(index + 1),
    position: { line: before.split('\n').length - 1, character: index - before.lastIndexOf('\n') - 1 },
  };
}

const HTTP_ROUTE = `apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata:
  name: reviews
  namespace: bookinfo
spec:
  parentRefs:
    - name: reviews
      kind: Service
      group: ""
  rules:
    - matches:
        - path:
            type: PathPrefix
            value: /reviews
      backendRefs:
        - name: reviews
          port: 9080
`;

const WAYPOINT = `apiVersion: gateway.networking.k8s.io/v1
kind: Gateway
metadata:
  name: waypoint
  namespace: bookinfo
  labels:
    istio.io/waypoint-for: service
spec:
  gatewayClassName: istio-waypoint
  listeners:
    - name: mesh
      port: 15008
      protocol: HBONE
`;

describe('SchemaLanguageService on Gateway API documents and Istio metadata keys', function () {
  let service: SchemaLanguageService;
  before(() => {
    service = new SchemaLanguageService();
  });

  const messages = async (text: string): Promise<string[]> =>
    (await service.validate('file:///t.yaml', text)).map((d) => d.message);
  const labels = (items: readonly CompletionItem[]): string[] => items.map((item) => String(item.label));

  describe('validation', () => {
    it('accepts valid routes and gateways, in every served version', async () => {
      assert.deepEqual(await messages(HTTP_ROUTE), []);
      assert.deepEqual(await messages(WAYPOINT), []);
      assert.deepEqual(await messages(HTTP_ROUTE.replace('/v1\n', '/v1beta1\n')), []);
    });

    it('reports unknown fields, bad enum values and out-of-range ports with the kind and path', async () => {
      assert.deepEqual(await messages(HTTP_ROUTE.replace('type: PathPrefix', 'type: Prefix')), [
        'HTTPRoute spec.rules[0].matches[0].path.type: the string "Prefix" is not accepted. Valid values: "Exact", "PathPrefix", "RegularExpression".',
      ]);
      assert.deepEqual(await messages(HTTP_ROUTE.replace('port: 9080', 'port: 90800')), [
        'HTTPRoute spec.rules[0].backendRefs[0].port must be at most 65535, not the number 90800.',
      ]);
      assert.deepEqual(await messages(HTTP_ROUTE.replace('  rules:', '  rulez:')), [
        'HTTPRoute spec has no field "rulez". Did you mean "rules"?',
      ]);
    });

    it("judges a Gateway's addresses as the server does: type defaults to IPAddress, other types allowed", async () => {
      const withAddresses = (entries: string): string => `${WAYPOINT}  addresses:\n${entries}`;
      assert.deepEqual(await messages(withAddresses('    - value: 10.0.0.1\n')), []);
      assert.deepEqual(
        await messages(withAddresses('    - type: Hostname\n      value: a.example.com\n')),
        [],
      );
      assert.deepEqual(await messages(withAddresses('    - type: example.com/custom\n      value: x\n')), []);
      assert.deepEqual(
        await messages(withAddresses('    - type: IPAddress\n      value: 10.0.0.1\n      port: 1\n')),
        ['Gateway spec.addresses[0] has no field "port". Remove it or check the indentation.'],
      );
    });

    it('keeps our metadata checks: a name is required', async () => {
      assert.deepEqual(await messages(WAYPOINT.replace('  name: waypoint\n', '')), [
        'Gateway metadata is missing the required field "name".',
      ]);
    });

    it('tells Istio Gateways and Gateway API Gateways apart by apiVersion', async () => {
      const istioShaped = WAYPOINT.replace('gateway.networking.k8s.io/v1', 'networking.istio.io/v1');
      const problems = await messages(istioShaped);
      assert.ok(
        problems.some((problem) => /no field "gatewayClassName"/.test(problem)),
        problems.join('\n'),
      );
    });

    it('names the served versions of an unknown Gateway API version', async () => {
      const problems = await messages(HTTP_ROUTE.replace('/v1\n', '/v2\n'));
      assert.ok(
        problems.some((problem) =>
          /Unknown version of gateway\.networking\.k8s\.io\. Served versions: .*v1beta1/.test(problem),
        ),
        problems.join('\n'),
      );
    });

    it('leaves documents of other groups alone', async () => {
      assert.deepEqual(
        await messages(HTTP_ROUTE.replace('gateway.networking.k8s.io/v1', 'example.com/v1')),
        [],
      );
    });
  });

  describe('completion, hover and symbols', () => {
    it('completes Gateway API fields from the schema', async () => {
      const { text, position } = marked(WAYPOINT.replace('  listeners:', '  ^\n  listeners:'));
      const offered = labels((await service.complete(text, position)).items);
      for (const field of ['addresses', 'infrastructure', 'allowedListeners']) {
        assert.ok(offered.includes(field), `${field} missing from ${offered.join(', ')}`);
      }
    });

    it("hovers a Gateway API field with the CRD's documentation", async () => {
      const { text, position } = marked(HTTP_ROUTE.replace('  parentRefs:', '  parent^Refs:'));
      const hover = await service.hover(text, position);
      assert.match((hover?.contents as MarkupContent).value, /ParentRefs references the resources/);
    });

    it('outlines a Gateway API document by kind and namespace/name', () => {
      const symbols = service.documentSymbols(`${HTTP_ROUTE}---\n${WAYPOINT}`);
      assert.deepEqual(
        symbols.map((symbol) => [symbol.name, symbol.detail]),
        [
          ['HTTPRoute bookinfo/reviews', 'gateway.networking.k8s.io/v1'],
          ['Gateway bookinfo/waypoint', 'gateway.networking.k8s.io/v1'],
        ],
      );
    });

    it('offers skeletons of both Gateway kinds in an empty document', async () => {
      const items = (await service.complete('', { line: 0, character: 0 })).items;
      const gateways = items.filter((item) => item.label === 'Gateway').map((item) => item.detail);
      assert.deepEqual(gateways.sort(), [
        'Gateway API Gateway (gateway.networking.k8s.io/v1)',
        'Istio Gateway (networking.istio.io/v1)',
      ]);
      assert.ok(labels(items).includes('HTTPRoute'));
    });
  });

  describe("Istio's gateway class names", () => {
    it('are offered as the value of spec.gatewayClassName', async () => {
      const { text, position } = marked(
        WAYPOINT.replace('gatewayClassName: istio-waypoint', 'gatewayClassName: ist^'),
      );
      const items = (await service.complete(text, position)).items;
      const classes = ['istio', 'istio-waypoint', 'istio-east-west', 'istio-remote'];
      for (const name of classes) assert.ok(labels(items).includes(name), labels(items).join(', '));
      const item = items.find((candidate) => candidate.label === 'istio-east-west');
      assert.deepEqual((item?.textEdit as { range: unknown }).range, {
        start: { line: position.line, character: position.character - 3 },
        end: position,
      });
    });

    it('are explained on hover', async () => {
      const { text, position } = marked(WAYPOINT.replace('istio-waypoint', 'istio-way^point'));
      const hover = await service.hover(text, position);
      assert.match((hover?.contents as MarkupContent).value, /\*\*istio-waypoint\*\*.*\n\nAmbient waypoint/);
    });

    it('are not offered in an Istio Gateway nor outside spec', async () => {
      const istio = marked(
        WAYPOINT.replace('gateway.networking.k8s.io/v1', 'networking.istio.io/v1').replace(
          'gatewayClassName: istio-waypoint',
          'gatewayClassName: ^',
        ),
      );
      assert.ok(
        !labels((await service.complete(istio.text, istio.position)).items).includes('istio-waypoint'),
      );
    });
  });

  describe("Istio's label and annotation keys", () => {
    it('offers the labels that apply to the kind, with status and deprecation', async () => {
      const { text, position } = marked(
        'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: bookinfo\n  labels:\n    ^\n',
      );
      const items = (await service.complete(text, position)).items;
      const offered = labels(items);
      for (const name of [
        'istio.io/dataplane-mode',
        'istio.io/use-waypoint',
        'istio.io/rev',
        'topology.istio.io/network',
      ]) {
        assert.ok(offered.includes(name), `${name} missing from ${offered.join(', ')}`);
      }
      // Labels of other kinds are not offered on a Namespace.
      assert.ok(!offered.includes('service.istio.io/canonical-name'));
      const mode = items.find((item) => item.label === 'istio.io/dataplane-mode');
      assert.equal(mode?.detail, 'Istio label · Stable');
      assert.equal((mode?.textEdit as { newText: string }).newText, 'istio.io/dataplane-mode: ');
    });

    it("offers pod annotations in a Deployment's pod template, deprecated ones marked and last", async () => {
      const { text, position } = marked(
        'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: reviews\nspec:\n  template:\n    metadata:\n      annotations:\n        sidecar.istio.io/inj^\n',
      );
      const items = (await service.complete(text, position)).items;
      const inject = items.find((item) => item.label === 'sidecar.istio.io/inject');
      assert.deepEqual(inject?.tags, [CompletionItemTag.Deprecated]);
      assert.match(String(inject?.detail), /deprecated/);
      const proxyCpu = items.find((item) => item.label === 'sidecar.istio.io/proxyCPU');
      assert.ok(proxyCpu && !proxyCpu.tags);
      assert.ok(String(inject?.sortText) > String(proxyCpu.sortText));
      assert.deepEqual((inject?.textEdit as { range: unknown }).range, {
        start: { line: position.line, character: 8 },
        end: position,
      });
    });

    it('offers them in Istio and Gateway API documents too (istio.io/waypoint-for on a Gateway)', async () => {
      const { text, position } = marked(WAYPOINT.replace('    istio.io/waypoint-for: service', '    ^'));
      assert.ok(labels((await service.complete(text, position)).items).includes('istio.io/waypoint-for'));
    });

    it('explains a key on hover: description, feature status, deprecation, kinds', async () => {
      const deployment =
        'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: reviews\nspec:\n  template:\n    metadata:\n      annotations:\n        sidecar.istio.io/in^ject: "true"\n';
      const { text, position } = marked(deployment);
      const hover = await service.hover(text, position);
      const value = (hover?.contents as MarkupContent).value;
      assert.match(
        value,
        /^\*\*sidecar\.istio\.io\/inject\*\* \(Istio annotation, Beta, \*\*deprecated\*\*\)/,
      );
      assert.match(value, /Applies to: Pod\./);
      assert.deepEqual(hover?.range, {
        start: { line: position.line, character: 8 },
        end: { line: position.line, character: 8 + 'sidecar.istio.io/inject'.length },
      });
      const label = marked(
        'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: x\n  labels:\n    istio.io/data^plane-mode: ambient\n',
      );
      const labelHover = (await service.hover(label.text, label.position))?.contents as MarkupContent;
      assert.match(labelHover.value, /Istio label, Stable\)/);
      assert.match(labelHover.value, /\(https:\/\/istio\.io\/latest\/docs\//);
    });

    it('offers nothing under other maps nor on values', async () => {
      const selector = marked(
        'apiVersion: v1\nkind: Service\nmetadata:\n  name: x\nspec:\n  selector:\n    ^\n',
      );
      assert.ok(
        !labels((await service.complete(selector.text, selector.position)).items).includes(
          'istio.io/use-waypoint',
        ),
      );
      const value = marked(
        'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: x\n  labels:\n    istio-injection: ^\n',
      );
      assert.ok(
        !labels((await service.complete(value.text, value.position)).items).includes('istio-injection'),
      );
    });
  });

  describe('the cursor path read from indentation', () => {
    it('follows keys and list items up to the document root', () => {
      const { text, position } = marked(
        'spec:\n  listeners:\n    - name: mesh\n      tls:\n        mode: ^\n',
      );
      const cursor = cursorYamlPath(text, position);
      assert.deepEqual(cursor.parents, ['spec', 'listeners', 'tls']);
      assert.equal(cursor.key?.name, 'mode');
      assert.equal(cursor.inValue, true);
    });

    it('reads a half-typed key under a map that does not parse yet', () => {
      const { text, position } = marked(
        'kind: Pod\nmetadata:\n  labels:\n    # a comment\n\n    istio.io/re^\n',
      );
      const cursor = cursorYamlPath(text, position);
      assert.deepEqual(cursor.parents, ['metadata', 'labels']);
      assert.equal(cursor.word.text, 'istio.io/re');
      assert.equal(cursor.kind, 'Pod');
      assert.equal(cursor.inValue, false);
    });
  });
});
