import assert from 'node:assert/strict';
import { fileTargets } from '../../../../server/src/analysis/targets/file-targets';

const DOCUMENT = (name: string): string =>
  `apiVersion: networking.istio.io/v1\nkind: DestinationRule\nmetadata:\n  name: ${name}\n`;

describe('targets: the targets of each document of a file', () => {
  it('a modeline governs the documents after it until the next one; clusters=* goes back to the fallback', () => {
    const text = [
      DOCUMENT('a'),
      '---',
      '# meshwright: clusters=east',
      DOCUMENT('b'),
      '---',
      DOCUMENT('c'),
      '# meshwright: clusters=west',
      '---',
      DOCUMENT('d'),
      '---',
      '# meshwright: clusters=*',
      DOCUMENT('e'),
    ].join('\n');
    const declared = fileTargets(text, { files: '**', clusters: ['north'] }).documents.map((d) => d.declared);
    assert.deepEqual(declared, [
      { source: 'setting', clusters: ['north'] },
      { source: 'modeline', clusters: ['east'] },
      { source: 'modeline', clusters: ['east'] },
      { source: 'modeline', clusters: ['west'] },
      { source: 'setting', clusters: ['north'] },
    ]);
    assert.deepEqual(fileTargets(DOCUMENT('a'), undefined).documents[0]!.declared, {
      source: 'default',
      clusters: null,
    });
  });

  it('a modeline without a clusters entry changes nothing; ranges leave out the marker and trailing blank lines', () => {
    const text = [
      '# meshwright: clusters=east',
      DOCUMENT('a'),
      '---',
      '# meshwright: owner=x',
      DOCUMENT('b'),
      '',
      '',
    ].join('\n');
    const { documents } = fileTargets(text, undefined);
    assert.deepEqual(documents[1]!.declared, { source: 'modeline', clusters: ['east'] });
    assert.deepEqual(documents[0]!.range, {
      start: { line: 0, character: 0 },
      end: { line: 4, character: 9 },
    });
    assert.equal(documents[1]!.range.start.line, 7);
    assert.equal(documents[1]!.range.end.line, 11);
    assert.equal(documents[1]!.contentLine, 8);
  });
});
