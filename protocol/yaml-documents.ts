/**
 * Splits a YAML file into its documents ("segments") by the `---` / `...` marker lines, without parsing.
 * A marker at column 0 always ends a document in YAML 1.2, even inside a block scalar, so a line scan is
 * exact. Segments are the unit of incremental work: an edit re-parses and re-validates only the
 * segments whose text changed; the others keep their results, shifted to their new line.
 */

export interface YamlSegment {
  /** Position of the document among the file's documents (0-based). */
  readonly index: number;
  /** The document's text, from its first line up to (not including) the next document's first line. */
  readonly text: string;
  /** Zero-based line of the segment's first character in the file. */
  readonly startLine: number;
  /** Offset of the segment's first character in the file. */
  readonly startOffset: number;
}

const DOCUMENT_START = /^---(?:[ \t]|\r?$)/;
const DOCUMENT_END = /^\.\.\.(?:[ \t]|\r?$)/;
const DIRECTIVE = /^%/;

export function splitYamlSegments(text: string): YamlSegment[] {
  const segments: YamlSegment[] = [];
  let segmentStartLine = 0;
  let segmentStartOffset = 0;
  let hasContent = false;
  // A document that ended with `...` leaves directives and a `---` that belong to the next document.
  let afterEndMarker = false;

  let line = 0;
  let offset = 0;
  const push = (endOffset: number): void => {
    segments.push({
      index: segments.length,
      text: text.slice(segmentStartOffset, endOffset),
      startLine: segmentStartLine,
      startOffset: segmentStartOffset,
    });
  };

  while (offset <= text.length) {
    const newline = text.indexOf('\n', offset);
    const lineEnd = newline === -1 ? text.length : newline;
    const lineText = text.slice(offset, lineEnd);

    if (DOCUMENT_START.test(lineText)) {
      // `---` opens a new document unless it is the first marker of the current (still empty) one.
      if (hasContent) {
        push(offset);
        segmentStartLine = line;
        segmentStartOffset = offset;
      }
      hasContent = true;
      afterEndMarker = false;
    } else if (DOCUMENT_END.test(lineText)) {
      hasContent = true;
      afterEndMarker = true;
    } else if (afterEndMarker && (DIRECTIVE.test(lineText) || lineText.trim() !== '')) {
      push(offset);
      segmentStartLine = line;
      segmentStartOffset = offset;
      hasContent = true;
      afterEndMarker = false;
    } else if (lineText.trim() !== '' && !lineText.trimStart().startsWith('#')) {
      hasContent = true;
    }

    if (newline === -1) break;
    offset = newline + 1;
    line++;
  }
  push(text.length);
  return segments;
}
