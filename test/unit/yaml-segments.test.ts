import assert from 'node:assert/strict';
import { splitYamlSegments } from '../../protocol/yaml-documents';

describe('splitYamlSegments', () => {
  it('keeps a single document whole', () => {
    const segments = splitYamlSegments('a: 1\nb: 2\n');
    assert.equal(segments.length, 1);
    assert.equal(segments[0]?.text, 'a: 1\nb: 2\n');
  });

  it('splits at --- and records each segment start line and offset', () => {
    const text = 'a: 1\n---\nb: 2\n--- \nc: 3';
    const segments = splitYamlSegments(text);
    assert.deepEqual(
      segments.map((s) => [s.index, s.startLine, s.startOffset, s.text]),
      [
        [0, 0, 0, 'a: 1\n'],
        [1, 1, 5, '---\nb: 2\n'],
        [2, 3, 14, '--- \nc: 3'],
      ],
    );
  });

  it('treats a leading --- and comments as part of the first document', () => {
    const segments = splitYamlSegments('# header\n---\na: 1\n');
    assert.equal(segments.length, 1);
  });

  it('does not split on --- that is indented or part of a value', () => {
    const segments = splitYamlSegments('a: |\n  ---\n  text\nb: ---x\n');
    assert.equal(segments.length, 1);
  });

  it('starts a new document after ... even without ---', () => {
    const segments = splitYamlSegments('a: 1\n...\nb: 2\n');
    assert.deepEqual(
      segments.map((s) => s.text),
      ['a: 1\n...\n', 'b: 2\n'],
    );
  });

  it('rebuilds the original text from its segments', () => {
    const text = '---\na: 1\n---\n---\nb: [1,\n 2]\n...\n%YAML 1.2\n---\nc: 3\n';
    assert.equal(
      splitYamlSegments(text)
        .map((s) => s.text)
        .join(''),
      text,
    );
  });
});
