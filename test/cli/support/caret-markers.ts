/**
 * Positions marked in fixture text: a comment line of carets under the text it points at,
 *
 *     weight: fifty
 *   #         ^^^^^
 *
 * marks the range of `fifty` on the line above (zero-based, LSP style).
 */
export interface MarkedRange {
  readonly start: { readonly line: number; readonly character: number };
  readonly end: { readonly line: number; readonly character: number };
}

const CARET_LINE = /^#\s*(\^+)\s*$/;

export function caretRanges(text: string): MarkedRange[] {
  const ranges: MarkedRange[] = [];
  text.split('\n').forEach((line, index) => {
    const match = CARET_LINE.exec(line);
    if (!match || index === 0) return;
    const character = line.indexOf('^');
    const length = match[1]?.length ?? 0;
    ranges.push({
      start: { line: index - 1, character },
      end: { line: index - 1, character: character + length },
    });
  });
  return ranges;
}
