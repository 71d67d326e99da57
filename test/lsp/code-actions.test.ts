/**
 * The quick fixes of the cross-control-plane diagnostics, over stdio against the simulated demo mesh:
 * each names exactly the client command of the protocol (OPEN_LIVE_DIFF_COMMAND, APPLY_DOCUMENT_COMMAND)
 * with its arguments, or carries the WorkspaceEdit that narrows the targets; the edit, applied, makes the
 * diagnostic go away.
 */
import assert from 'node:assert/strict';
import { type CodeAction, type Diagnostic, type TextEdit } from 'vscode-languageserver-protocol';
import {
  APPLY_DOCUMENT_COMMAND,
  type ApplyDocumentArgs,
  OPEN_LIVE_DIFF_COMMAND,
  type OpenLiveDiffArgs,
} from '../../protocol/requests';
import { type DemoWorkspace, DOCUMENTS, startDemoWorkspace } from './demo-targets-workspace';

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

describe('LSP code actions for cross-control-plane diagnostics', function () {
  this.timeout(90_000);
  let workspace: DemoWorkspace;

  before(async () => {
    workspace = await startDemoWorkspace();
  });
  after(async () => workspace?.stop());

  const actionsFor = (file: string, diagnostic: Diagnostic): Promise<CodeAction[]> =>
    workspace.client.connection.sendRequest('textDocument/codeAction', {
      textDocument: { uri: workspace.uri(file) },
      range: diagnostic.range,
      context: { diagnostics: [diagnostic], only: ['quickfix'] },
    });

  it('declares quick fixes in its capabilities', () => {
    assert.deepEqual(workspace.client.initializeResult?.capabilities.codeActionProvider, {
      codeActionKinds: ['quickfix'],
    });
  });

  it('MESH201: diff with the primary whose live copy differs, and apply there (dry run first)', async () => {
    const published = await workspace.openAndWait('ratings-rule.yaml', 'MESH201');
    const diagnostic = published.diagnostics.find((d) => d.code === 'MESH201')!;
    assert.match(
      diagnostic.message,
      /differs from the live copy in west \(.*spec\.trafficPolicy\.tls\.mode\) and matches east's/,
    );
    const actions = await actionsFor('ratings-rule.yaml', diagnostic);
    const lines = DOCUMENTS['ratings-rule.yaml']!.trimEnd().split('\n');
    const documentRange = {
      start: { line: 0, character: 0 },
      end: { line: lines.length - 1, character: lines.at(-1)!.length },
    };
    assert.deepEqual(
      actions.map((a) => [a.title, a.kind, a.command?.command]),
      [
        ["Diff with west's live copy", 'quickfix', OPEN_LIVE_DIFF_COMMAND],
        ['Apply to west (dry run first)', 'quickfix', APPLY_DOCUMENT_COMMAND],
      ],
    );
    const diff: OpenLiveDiffArgs = {
      uri: workspace.uri('ratings-rule.yaml'),
      documentRange,
      cluster: 'west',
      liveUri: 'meshwright:/west/DestinationRule/bookinfo/ratings.yaml',
    };
    const apply: ApplyDocumentArgs = {
      uri: workspace.uri('ratings-rule.yaml'),
      documentRange,
      clusters: ['west'],
    };
    assert.deepEqual(actions[0]!.command!.arguments, [diff]);
    assert.deepEqual(actions[1]!.command!.arguments, [apply]);
    assert.deepEqual(actions[0]!.diagnostics, [diagnostic]);
  });

  it('MESH107: narrow the modeline to edge’s control plane, or apply there', async () => {
    const file = 'details-for-edge.yaml';
    const published = await workspace.openAndWait(file, 'MESH107');
    const diagnostic = published.diagnostics.find((d) => d.code === 'MESH107')!;
    const actions = await actionsFor(file, diagnostic);
    assert.deepEqual(
      actions.map((a) => a.title),
      ['Apply to east (dry run first)', 'Narrow targets to east'],
    );
    const narrow = actions[1]!;
    assert.equal(narrow.command, undefined);
    const edits = narrow.edit!.changes![workspace.uri(file)]!;
    assert.deepEqual(edits, [
      { range: { start: { line: 0, character: 23 }, end: { line: 0, character: 27 } }, newText: 'east' },
    ]);

    const narrowed = applyEdits(DOCUMENTS[file]!, edits);
    assert.match(narrowed, /^# meshwright: clusters=east\n/);
    await workspace.client.change(workspace.uri(file), 2, [{ text: narrowed }]);
    const after = await workspace.client.diagnosticsFor(workspace.uri(file), 2);
    assert.deepEqual(
      after.diagnostics.filter((d) => /^MESH(107|003)$/.test(String(d.code))),
      [],
      'the remote target is gone',
    );
  });

  it('MESH205: narrow the targets by inserting a modeline above the document', async () => {
    const file = 'reviews-routes.yaml';
    const published = await workspace.openAndWait(file, 'MESH205');
    const diagnostic = published.diagnostics.find((d) => d.code === 'MESH205')!;
    const actions = await actionsFor(file, diagnostic);
    assert.deepEqual(
      actions.map((a) => a.title),
      ['Narrow targets to east'],
    );
    const edits = actions[0]!.edit!.changes![workspace.uri(file)]!;
    assert.deepEqual(edits, [
      {
        range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
        newText: '# meshwright: clusters=east\n',
      },
    ]);
    await workspace.client.change(workspace.uri(file), 2, [{ text: applyEdits(DOCUMENTS[file]!, edits) }]);
    const after = await workspace.client.diagnosticsFor(workspace.uri(file), 2);
    assert.deepEqual(
      after.diagnostics.filter((d) => d.code === 'MESH205'),
      [],
      'east defines subset v3',
    );
  });

  it('offers nothing for diagnostics without target actions', async () => {
    const published = await workspace.openAndWait('productpage-failover.yaml', 'MESH101');
    const diagnostic = published.diagnostics.find((d) => d.code === 'MESH101')!;
    assert.deepEqual(await actionsFor('productpage-failover.yaml', diagnostic), []);
  });
});
