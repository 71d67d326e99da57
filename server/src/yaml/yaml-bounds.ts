/**
 * The bounds on what reading one YAML document may cost, and the check that applies them. A document
 * over a bound is not parsed further, by us or by yaml-language-server: it gets one MESH001 naming the
 * bound (docs/diagnostics.md) and every other document is analysed as usual. Kubernetes objects nest a
 * few dozen levels at most and never use collections as keys, so the bounds are far from any real
 * manifest; they exist so that a hostile or broken file costs milliseconds, not minutes or a crash.
 */
import { type Document, parseDocument } from 'yaml';
import { type Range } from '../mesh/diagnostic';
import { mergedNodeCount } from './merge-expansion';
import { nestingBoundProblem } from '../text/yaml-nesting-scan';

/**
 * Nodes that `<<` merge keys copy, counted as the `yaml` package builds them (each source anew for each
 * merge): about 10 ms per thousand, so reading a document within the bound takes ~100 ms at most.
 */
export const MAX_MERGED_NODES = 10_000;

export interface ExceededBound {
  /** Says which bound, and that the document is not analysed. */
  readonly message: string;
  /** The document's first line with content (relative to the document). */
  readonly range: Range;
}

const NOT_ANALYSED = 'Meshwright does not analyse this document';

/**
 * The bound a document's text exceeds in nesting or key nesting, read without parsing. Cheap and linear:
 * run it before anything parses the text.
 */
export function nestingBoundExceeded(text: string): ExceededBound | undefined {
  const problem = nestingBoundProblem(text);
  return problem === undefined ? undefined : exceeded(text, `${problem}; ${NOT_ANALYSED}.`);
}

/** The bound a composed document exceeds by its merge keys. Only for a text nestingBoundExceeded accepts. */
export function mergeBoundExceeded(document: Document, text: string): ExceededBound | undefined {
  if (!mayMergeAnAlias(text)) return undefined;
  if (mergedNodeCount(document) <= MAX_MERGED_NODES) return undefined;
  return exceeded(
    text,
    `YAML merge keys (<<) that would copy more than ${MAX_MERGED_NODES.toLocaleString('en-US')} nodes; ${NOT_ANALYSED}.`,
  );
}

/**
 * Every bound, for a consumer that does not compose the document itself (the schema service hands texts
 * to yaml-language-server): only a document that merges an alias is composed here, which is rare.
 */
export function documentBoundExceeded(text: string): ExceededBound | undefined {
  const nesting = nestingBoundExceeded(text);
  if (nesting || !mayMergeAnAlias(text)) return nesting;
  return mergeBoundExceeded(parseDocument(text, { merge: true, prettyErrors: false }), text);
}

/** A `<<` key and an alias somewhere: merges only multiply when a merge source is an alias. */
function mayMergeAnAlias(text: string): boolean {
  return text.includes('<<') && text.includes('*');
}

function exceeded(text: string, message: string): ExceededBound {
  return { message, range: firstContentLine(text) };
}

/** The first line with content (not a `---` marker, directive, comment or blank line), trimmed. */
function firstContentLine(text: string): Range {
  let offset = 0;
  for (let line = 0; offset <= text.length; line++) {
    const newline = text.indexOf('\n', offset);
    const end = newline === -1 ? text.length : newline;
    const content = text.slice(offset, end).trimEnd();
    const trimmed = content.trim();
    if (
      trimmed &&
      !trimmed.startsWith('#') &&
      !/^(?:---|\.\.\.)(?:\s|$)/.test(content) &&
      !content.startsWith('%')
    ) {
      const start = content.length - content.trimStart().length;
      return { start: { line, character: start }, end: { line, character: content.length } };
    }
    if (newline === -1) break;
    offset = newline + 1;
  }
  return { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
}
