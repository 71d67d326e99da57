/**
 * The quick fixes of MESH402, MESH404 and MESH407 (server/src/lsp/gateway-api-quick-fixes.ts): from the
 * diagnostics the analyzers report on the rule fixtures (MESH402, MESH404), and from a constructed
 * diagnostic for MESH407; each edit, applied, gives the text the fix promises.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { type Diagnostic, type TextEdit } from 'vscode-languageserver';
import { analyze } from '../../server/src/analysis/engine';
import { type MeshDiagnostic } from '../../server/src/mesh/diagnostic';
import { toLspDiagnostic } from '../../server/src/lsp/diagnostic-conversion';
import { gatewayApiQuickFixes, referenceGrantYaml } from '../../server/src/lsp/gateway-api-quick-fixes';
import { addLabelEdit } from '../../server/src/lsp/label-edits';
import { readCase } from './analysis/fixture-cases';

const FIXTURES = path.join(__dirname, '..', 'fixtures', 'analysis');

function diagnosticsOf(relative: string, code: string): MeshDiagnostic[] {
  const input = readCase(path.join(FIXTURES, relative));
  const result = analyze({ documents: input.documents, clusters: input.clusters });
  return result.diagnostics.filter((diagnostic) => diagnostic.code === code);
}

function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const lines = text.split('\n');
  const offset = (line: number, character: number): number =>
    lines.slice(0, line).reduce((sum, l) => sum + l.length + 1, 0) + character;
  let result = text;
  const ordered = [...edits].sort(
    (a, b) => b.range.start.line - a.range.start.line || b.range.start.character - a.range.start.character,
  );
  for (const edit of ordered) {
    result =
      result.slice(0, offset(edit.range.start.line, edit.range.start.character)) +
      edit.newText +
      result.slice(offset(edit.range.end.line, edit.range.end.character));
  }
  return result;
}

describe('quick fix: point istio.io/use-waypoint at an existing waypoint (MESH404)', () => {
  const relative = 'MESH404/use-waypoint-target/fires-waypoint-not-for-it';
  const file = path.join(FIXTURES, relative, 'clusters', 'east', 'state.yaml');
  const text = fs.readFileSync(file, 'utf8');
  const uri = 'file:///work/state.yaml';
  const found = diagnosticsOf(relative, 'MESH404');
  const on = (resource: string): Diagnostic => {
    const diagnostic = found.find((d) => d.message.startsWith(resource));
    assert.ok(diagnostic, `no MESH404 on ${resource}: ${found.map((d) => d.message).join('\n')}`);
    return toLspDiagnostic(diagnostic);
  };

  it('offers, per binding, the waypoints of that namespace that take its traffic', () => {
    const titles = (resource: string) => gatewayApiQuickFixes(uri, text, [on(resource)]).map((a) => a.title);
    // A Namespace's binding takes both kinds of traffic: either waypoint serves it.
    assert.deepEqual(titles('Namespace shop'), [
      'Use waypoint service-waypoint',
      'Use waypoint workload-waypoint',
    ]);
    assert.deepEqual(titles('Service shop/cart'), ['Use waypoint service-waypoint']);
    assert.deepEqual(titles('Pod shop/cart-0'), ['Use waypoint workload-waypoint']);
  });

  it('replaces the label value, and nothing else', () => {
    const [action] = gatewayApiQuickFixes(uri, text, [on('Service shop/cart')]);
    const fixed = applyEdits(text, action?.edit?.changes?.[uri] ?? []);
    assert.ok(fixed.includes('istio.io/use-waypoint: service-waypoint\n#'), fixed);
    assert.equal(fixed.split('\n').length, text.split('\n').length);
    assert.equal(
      fixed.replace('use-waypoint: service-waypoint\n#', 'use-waypoint: workload-waypoint\n#'),
      text,
    );
  });

  it('offers nothing when no waypoint there would do', () => {
    const diagnostic = { ...on('Pod shop/cart-0'), data: { code: 'MESH404', details: { candidates: [] } } };
    assert.deepEqual(gatewayApiQuickFixes(uri, text, [diagnostic as Diagnostic]), []);
  });
});

describe('quick fix: create the missing ReferenceGrant (MESH402)', () => {
  const relative = 'MESH402/gateway-api-backend-refs/fires-grant-missing-in-one-cluster';
  const text = fs.readFileSync(path.join(FIXTURES, relative, 'route.yaml'), 'utf8');
  const uri = 'file:///work/mesh/route.yaml';
  const [found] = diagnosticsOf(relative, 'MESH402');
  const grantsUri = 'file:///work/mesh/payments-reference-grants.yaml';

  it('creates payments-reference-grants.yaml next to the route, holding the grant', () => {
    assert.ok(found);
    const actions = gatewayApiQuickFixes(uri, text, [toLspDiagnostic(found)], () => undefined);
    assert.deepEqual(
      actions.map((action) => action.title),
      ['Create ReferenceGrant in namespace payments'],
    );
    const changes = actions[0]!.edit?.documentChanges ?? [];
    assert.deepEqual(changes[0], { kind: 'create', uri: grantsUri, options: { ignoreIfExists: true } });
    const insert = changes[1] as { textDocument: { uri: string }; edits: TextEdit[] };
    assert.equal(insert.textDocument.uri, grantsUri);
    assert.equal(
      insert.edits[0]?.newText,
      [
        'apiVersion: gateway.networking.k8s.io/v1beta1',
        'kind: ReferenceGrant',
        'metadata:',
        '  name: allow-httproutes-from-shop',
        '  namespace: payments',
        'spec:',
        '  from:',
        '    - group: gateway.networking.k8s.io',
        '      kind: HTTPRoute',
        '      namespace: shop',
        '  to:',
        '    - group: ""',
        '      kind: Service',
        '      name: checkout',
        '',
      ].join('\n'),
    );
  });

  it('appends the grant as a new document when that file exists', () => {
    const existing = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n  namespace: payments\n';
    const [action] = gatewayApiQuickFixes(uri, text, [toLspDiagnostic(found!)], () => existing);
    const edits = action?.edit?.changes?.[grantsUri] ?? [];
    assert.equal(applyEdits(existing, edits), `${existing}---\n${referenceGrantYaml(grantData(found!))}`);
  });

  it('offers it for the ungranted backend only, not for missing backends or ports', () => {
    const missing = diagnosticsOf('MESH402/gateway-api-backend-refs/fires-missing-backends', 'MESH402');
    assert.ok(missing.length > 0);
    const routes = fs.readFileSync(
      path.join(FIXTURES, 'MESH402/gateway-api-backend-refs/fires-missing-backends/routes.yaml'),
      'utf8',
    );
    const actions = gatewayApiQuickFixes(uri, routes, missing.map(toLspDiagnostic), () => undefined);
    assert.deepEqual(
      actions.map((action) => [action.title, action.diagnostics?.[0]?.message.includes('no ReferenceGrant')]),
      [['Create ReferenceGrant in namespace payments', true]],
    );
    assert.ok(missing.length > 1);
  });
});

describe('quick fix: add the missing istio.io/global label (MESH407)', () => {
  const uri = 'file:///work/mesh/reviews.yaml';
  const range = { start: { line: 3, character: 8 }, end: { line: 3, character: 15 } };
  const diagnostic: Diagnostic = {
    range,
    code: 'MESH407',
    source: 'meshwright',
    severity: 2,
    message: 'reviews is istio.io/global in east and not here',
  };

  it('adds the label under the existing labels, with their indentation', () => {
    const text =
      'apiVersion: v1\nkind: Service\nmetadata:\n  name: reviews\n  labels:\n    app: reviews\nspec: {}\n';
    const [action] = gatewayApiQuickFixes(uri, text, [diagnostic]);
    assert.equal(action?.title, 'Add label istio.io/global: "true"');
    assert.equal(
      applyEdits(text, action.edit?.changes?.[uri] ?? []),
      'apiVersion: v1\nkind: Service\nmetadata:\n  name: reviews\n  labels:\n    istio.io/global: "true"\n    app: reviews\nspec: {}\n',
    );
  });

  it('adds a labels map when the Service has none, in the right document of the file', () => {
    const text =
      'apiVersion: v1\nkind: Service\nmetadata:\n  name: other\n---\napiVersion: v1\nkind: Service\nmetadata:\n  name: reviews\nspec: {}\n';
    const onSecond = {
      ...diagnostic,
      range: { start: { line: 8, character: 8 }, end: { line: 8, character: 15 } },
    };
    const [action] = gatewayApiQuickFixes(uri, text, [onSecond]);
    assert.equal(
      applyEdits(text, action?.edit?.changes?.[uri] ?? []),
      'apiVersion: v1\nkind: Service\nmetadata:\n  name: other\n---\napiVersion: v1\nkind: Service\nmetadata:\n  labels:\n    istio.io/global: "true"\n  name: reviews\nspec: {}\n',
    );
  });

  it('offers nothing when the label is already there, or for another source', () => {
    const text =
      'apiVersion: v1\nkind: Service\nmetadata:\n  name: reviews\n  labels:\n    istio.io/global: "false"\n';
    assert.equal(addLabelEdit(text, 3, 'istio.io/global', 'true'), undefined);
    assert.deepEqual(gatewayApiQuickFixes(uri, text, [{ ...diagnostic, source: 'other' }]), []);
  });
});

function grantData(diagnostic: MeshDiagnostic): Parameters<typeof referenceGrantYaml>[0] {
  return (diagnostic.data as { referenceGrant: Parameters<typeof referenceGrantYaml>[0] }).referenceGrant;
}
