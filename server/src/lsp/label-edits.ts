/**
 * Text edits of `metadata.labels` in one YAML document of a file, for quick fixes: the range of a
 * label's value, and the insertion of a missing label that keeps the document's own indentation (under
 * the existing labels, or a new `labels:` map under `metadata`). Pure text in, edits out.
 */
import { isMap, isScalar, LineCounter, parseAllDocuments, type YAMLMap } from 'yaml';
import { type Range } from '../mesh/diagnostic';

export interface TextEdit {
  readonly range: Range;
  readonly newText: string;
}

/** The value of label `key` in the document holding `line`; undefined when it has no such label. */
export function labelValueRange(text: string, line: number, key: string): Range | undefined {
  const found = documentMaps(text, line);
  const value = found?.labels?.items.find((pair) => isScalar(pair.key) && pair.key.value === key)?.value;
  if (!found || !isScalar(value) || !value.range) return undefined;
  return { start: found.position(value.range[0]), end: found.position(value.range[1]) };
}

/**
 * The edit adding label `key: "value"` to the document holding `line`; undefined when the document has no
 * `metadata` map, or already has the label (a wrong value is the user's to change).
 */
export function addLabelEdit(text: string, line: number, key: string, value: string): TextEdit | undefined {
  const found = documentMaps(text, line);
  if (!found?.metadata) return undefined;
  const entry = `${key}: ${JSON.stringify(value)}`;
  const { labels, metadata, position } = found;
  if (labels && labels.items.some((pair) => isScalar(pair.key) && pair.key.value === key)) return undefined;
  const firstLabel = labels?.items[0]?.key;
  if (labels && !labels.flow && isScalar(firstLabel) && firstLabel.range) {
    const at = position(firstLabel.range[0]);
    return { range: { start: at, end: at }, newText: `${entry}\n${' '.repeat(at.character)}` };
  }
  if (labels) return undefined; // A flow map ({a: b}) or an empty one: left to the user.
  const firstKey = metadata.items[0]?.key;
  if (metadata.flow || !isScalar(firstKey) || !firstKey.range) return undefined;
  const at = position(firstKey.range[0]);
  const indent = ' '.repeat(at.character);
  return { range: { start: at, end: at }, newText: `labels:\n${indent}  ${entry}\n${indent}` };
}

interface DocumentMaps {
  readonly metadata: YAMLMap | undefined;
  readonly labels: YAMLMap | undefined;
  readonly position: (offset: number) => Range['start'];
}

function documentMaps(text: string, line: number): DocumentMaps | undefined {
  const lineCounter = new LineCounter();
  const documents = parseAllDocuments(text, { lineCounter });
  if (!Array.isArray(documents)) return undefined;
  const position = (offset: number): Range['start'] => {
    const { line: oneBased, col } = lineCounter.linePos(offset);
    return { line: oneBased - 1, character: col - 1 };
  };
  const document = documents.find((candidate) => {
    const [start, , end] = candidate.range;
    return position(start).line <= line && line <= position(end).line;
  });
  const root = document?.contents;
  if (!isMap(root)) return undefined;
  const metadata = root.get('metadata');
  if (!isMap(metadata)) return { metadata: undefined, labels: undefined, position };
  const labels = metadata.get('labels');
  return { metadata, labels: isMap(labels) ? labels : undefined, position };
}
