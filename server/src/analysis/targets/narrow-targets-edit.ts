/**
 * The text edits of "Narrow targets to <clusters>" for one document of a file. A modeline governs every
 * document after it, so narrowing one document must not narrow the next ones:
 * - when the document's governing modeline governs it alone, that modeline's value is replaced;
 * - otherwise a modeline is inserted right above the document's content, and, when the next document was
 *   governed by the same modeline (or by none), a modeline restoring its targets (the old names, or
 *   `clusters=*` for the setting's or default targets) is inserted above that next document's content.
 */
import { type Range } from '../../mesh/diagnostic';
import { fileTargets } from './file-targets';
import { formatModeline } from './modelines';

export interface TextEdit {
  readonly range: Range;
  readonly newText: string;
}

/** Edits narrowing the document that contains `line` to `clusters`; empty when `line` is in no document. */
export function narrowTargetsEdits(text: string, line: number, clusters: readonly string[]): TextEdit[] {
  const { documents } = fileTargets(text, undefined);
  const withContent = documents.filter((document) => document.contentLine !== -1);
  const index = withContent.findIndex(
    (document) => line >= document.range.start.line && line <= document.range.end.line,
  );
  const document = withContent[index];
  if (!document) return [];
  const governing =
    document.modeline?.clusters && !document.modeline.clusters.reset ? document.modeline : undefined;
  const next = withContent[index + 1];
  const nextShares = next !== undefined && next.modeline === document.modeline;
  const previousShares = index > 0 && withContent[index - 1]!.modeline === document.modeline;
  if (governing && !nextShares && !previousShares) {
    return [{ range: governing.clusters!.valueRange, newText: clusters.join(',') }];
  }
  const at = (target: number): Range => ({
    start: { line: target, character: 0 },
    end: { line: target, character: 0 },
  });
  const edits: TextEdit[] = [
    // Right above the content: the last modeline before it is the one that governs.
    { range: at(document.contentLine), newText: `${formatModeline(clusters)}\n` },
  ];
  if (next && nextShares) {
    const restore = governing ? governing.clusters!.names.map((n) => n.name) : [];
    edits.push({ range: at(next.contentLine), newText: `${formatModeline(restore)}\n` });
  }
  return edits;
}
