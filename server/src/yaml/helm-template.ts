/**
 * Recognises Helm chart templates. A template is not YAML until Helm renders it: parsing it would spray
 * syntax and schema errors over `{{ ... }}` actions, so the whole file gets one MESH002 instead, on the
 * first action, and nothing else is reported for it.
 *
 * An action counts when `{{` appears outside a comment and outside a quoted string: `"{{ .Values.x }}"`
 * is a valid YAML string and a file that only has those is still analysed. Block scalars (`key: |`) are
 * text too: Istio's injector ConfigMap carries its Go templates that way, and is plain YAML. `${{ ... }}`
 * is a GitHub Actions expression in plain YAML text, not a template.
 */
import { type Range } from '../mesh/diagnostic';

/** The range of the file's first template action, or null when the file is not a Helm template. */
export function findHelmTemplateAction(text: string): Range | null {
  let lineStart = 0;
  // Indentation of the line that opened the block scalar being read; its content is more indented.
  let blockIndent = -1;
  for (let line = 0; lineStart <= text.length; line++) {
    const newline = text.indexOf('\n', lineStart);
    const lineEnd = newline === -1 ? text.length : newline;
    const content = text.slice(lineStart, lineEnd);
    const indent = content.length - content.trimStart().length;
    const inBlock = blockIndent !== -1 && (content.trim() === '' || indent > blockIndent);
    if (!inBlock) {
      blockIndent = -1;
      const column = actionColumn(content);
      if (column !== -1) {
        return { start: { line, character: column }, end: { line, character: column + 2 } };
      }
      if (BLOCK_SCALAR_START.test(content)) blockIndent = indent;
    }
    if (newline === -1) break;
    lineStart = newline + 1;
  }
  return null;
}

/** A line whose value is a literal or folded block scalar header: `key: |`, `- >-`, `key: |2 # note`. */
const BLOCK_SCALAR_START = /(?:^|:|^\s*-)\s+[|>](?:[1-9][+-]?|[+-][1-9]?)?\s*(?:#.*)?$/;

/** Column of `{{` outside quotes and comments on one line, or -1. */
function actionColumn(line: string): number {
  if (!line.includes('{{')) return -1;
  let quote: '"' | "'" | null = null;
  for (let i = 0; i < line.length; i++) {
    const char = line.charAt(i);
    if (quote === '"') {
      if (char === '\\') i++;
      else if (char === '"') quote = null;
    } else if (quote === "'") {
      // '' is an escaped quote inside a single-quoted scalar.
      if (char === "'" && line.charAt(i + 1) === "'") i++;
      else if (char === "'") quote = null;
    } else if (char === '#' && (i === 0 || /\s/.test(line.charAt(i - 1)))) {
      return -1;
    } else if (char === '{' && line.charAt(i + 1) === '{' && line.charAt(i - 1) !== '$') {
      return i;
    } else if ((char === '"' || char === "'") && startsScalar(line, i)) {
      quote = char;
    }
  }
  return -1;
}

/** A quote opens a quoted scalar only where a value can start (not in the middle of `it's`). */
function startsScalar(line: string, index: number): boolean {
  const before = line.slice(0, index).trimEnd();
  return before === '' || /[:\-[{,?]$/.test(before);
}
