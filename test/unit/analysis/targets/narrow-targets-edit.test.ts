import assert from 'node:assert/strict';
import {
  type TextEdit,
  narrowTargetsEdits,
} from '../../../../server/src/analysis/targets/narrow-targets-edit';
import { fileTargets } from '../../../../server/src/analysis/targets/file-targets';

const DOCUMENT = (name: string): string =>
  `apiVersion: networking.istio.io/v1\nkind: DestinationRule\nmetadata:\n  name: ${name}`;

/** Applies LSP edits (in reverse order, as an editor does) and returns the new text. */
function apply(text: string, edits: readonly TextEdit[]): string {
  const lines = text.split('\n');
  const offset = (line: number, character: number): number =>
    lines.slice(0, line).reduce((sum, l) => sum + l.length + 1, 0) + character;
  let result = text;
  for (const edit of [...edits].sort(
    (a, b) => b.range.start.line - a.range.start.line || b.range.start.character - a.range.start.character,
  )) {
    result =
      result.slice(0, offset(edit.range.start.line, edit.range.start.character)) +
      edit.newText +
      result.slice(offset(edit.range.end.line, edit.range.end.character));
  }
  return result;
}

const targetsAfter = (text: string): (readonly string[] | null)[] =>
  fileTargets(text, undefined).documents.map((d) => d.declared.clusters);

describe('targets: the "narrow targets" edit', () => {
  it('edits the modeline that governs the document alone', () => {
    const text = ['# meshwright: clusters=east,west', DOCUMENT('a'), ''].join('\n');
    const edits = narrowTargetsEdits(text, 2, ['east']);
    assert.equal(edits.length, 1);
    assert.equal(apply(text, edits), ['# meshwright: clusters=east', DOCUMENT('a'), ''].join('\n'));
  });

  it('inserts a modeline above the content and restores the next document’s default targets', () => {
    const text = [DOCUMENT('a'), '---', '# about b', DOCUMENT('b'), '---', DOCUMENT('c'), ''].join('\n');
    const narrowed = apply(text, narrowTargetsEdits(text, 7, ['west']));
    assert.deepEqual(targetsAfter(narrowed), [null, ['west'], null]);
    assert.match(narrowed, /# about b\n# meshwright: clusters=west\napiVersion/);
    assert.match(
      narrowed,
      /# meshwright: clusters=\*\napiVersion: networking.istio.io\/v1\nkind: DestinationRule\nmetadata:\n {2}name: c/,
    );
  });

  it('keeps a shared modeline for the other documents (previous and next)', () => {
    const text = [
      '# meshwright: clusters=east,west',
      DOCUMENT('a'),
      '---',
      DOCUMENT('b'),
      '---',
      DOCUMENT('c'),
      '',
    ].join('\n');
    const narrowed = apply(text, narrowTargetsEdits(text, 8, ['east']));
    assert.deepEqual(targetsAfter(narrowed), [['east', 'west'], ['east'], ['east', 'west']]);
    const last = apply(text, narrowTargetsEdits(text, 12, ['west']));
    assert.deepEqual(targetsAfter(last), [['east', 'west'], ['east', 'west'], ['west']]);
  });

  it('does nothing for a line outside every document', () => {
    assert.deepEqual(narrowTargetsEdits('# only a comment\n', 0, ['east']), []);
  });
});
