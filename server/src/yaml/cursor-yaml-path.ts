/**
 * Where the cursor is in a block-style YAML document, read from the lines above it by indentation: the
 * keys that enclose it (`['spec', 'template', 'metadata', 'labels']`) and the key or value it is on. Works
 * on documents being typed, which often do not parse (`labels:` followed by a half-written key).
 */
import { type Position } from '../mesh/diagnostic';

export interface CursorYamlPath {
  /** The enclosing keys, outermost first; list items are not recorded. */
  readonly parents: readonly string[];
  /** The key written on the cursor's line, when the line has one. */
  readonly key?: { readonly name: string; readonly start: number; readonly end: number };
  /** The word at the cursor made of key characters, and where it starts and ends on the line. */
  readonly word: { readonly text: string; readonly start: number; readonly end: number };
  /** True when the cursor is after the key's colon: on a value, not a key. */
  readonly inValue: boolean;
  /** The document's top-level `kind` and `apiVersion`, when written plainly. */
  readonly kind?: string;
  readonly apiVersion?: string;
}

const KEY_LINE = /^(\s*)((?:-\s+)*)(["']?)([^\s:"'#][^:"'#]*?)\3\s*:(?=\s|$)/;
const WORD_CHARACTER = /[A-Za-z0-9./_-]/;

export function cursorYamlPath(text: string, position: Position): CursorYamlPath {
  const lines = text.split('\n').map((line) => line.replace(/\r$/, ''));
  const line = lines[position.line] ?? '';
  const keyMatch = KEY_LINE.exec(line);
  const leading = (
    keyMatch ? (keyMatch[1] ?? '') + (keyMatch[2] ?? '') : (/^\s*(?:-\s+)*/.exec(line)?.[0] ?? '')
  ).length;
  let indent = Math.min(leading, position.character);
  const parents: string[] = [];
  for (let index = position.line - 1; index >= 0 && indent > 0; index--) {
    const above = lines[index] as string;
    if (/^\s*(?:#.*)?$/.test(above)) continue;
    const match = KEY_LINE.exec(above);
    const aboveIndent = match
      ? (match[1] ?? '').length + (match[2] ?? '').length
      : (/^\s*(?:-\s+)*/.exec(above)?.[0] ?? '').length;
    if (aboveIndent >= indent) continue;
    if (match) parents.unshift(match[4] as string);
    // A `- key:` line's parent is above its dash, not above its key.
    indent = match ? (match[1] ?? '').length : aboveIndent;
  }

  let start = position.character;
  while (start > 0 && WORD_CHARACTER.test(line[start - 1] as string)) start--;
  let end = position.character;
  while (end < line.length && WORD_CHARACTER.test(line[end] as string)) end++;

  const keyStart = keyMatch
    ? (keyMatch[1] ?? '').length + (keyMatch[2] ?? '').length + (keyMatch[3] ?? '').length
    : 0;
  const key = keyMatch
    ? { name: keyMatch[4] as string, start: keyStart, end: keyStart + (keyMatch[4] as string).length }
    : undefined;
  const colon = keyMatch ? (keyMatch[0] as string).length : Number.POSITIVE_INFINITY;
  return {
    parents,
    ...(key ? { key } : {}),
    word: { text: line.slice(start, end), start, end },
    inValue: position.character >= colon,
    ...topLevelValues(lines),
  };
}

function topLevelValues(lines: readonly string[]): { kind?: string; apiVersion?: string } {
  const found: { kind?: string; apiVersion?: string } = {};
  for (const line of lines) {
    const match = /^(kind|apiVersion):[ \t]*["']?([^"'\s#]+)/.exec(line);
    if (match && found[match[1] as 'kind' | 'apiVersion'] === undefined)
      found[match[1] as 'kind' | 'apiVersion'] = match[2] as string;
  }
  return found;
}
