/**
 * Turns yaml-language-server's generic schema messages ("Incorrect type. Expected "integer".") into
 * messages that name the resource kind and the field path and say what would be accepted:
 * `VirtualService spec.http[0].route[0].weight must be an integer, not the string "fifty".`
 * Works on one YAML document (a segment) at a time; parsing happens only for segments with problems.
 */
import { isAlias, isMap, isPair, isScalar, isSeq, parseDocument, type Node as YamlNode } from 'yaml';
import { closestName } from '../text/closest-name';

/** The field a diagnostic points at, and the node's value as written (for quoting it back). */
export interface FieldLocation {
  /** Keys and indexes from the document root, e.g. ['spec', 'http', 0, 'route', 0, 'weight']. */
  readonly path: readonly (string | number)[];
  /** The diagnostic points at a key (an unknown field), not at a value. */
  readonly onKey: boolean;
  /** The diagnostic's range covers the whole key: it is about the key's value, not the mapping it opens. */
  readonly coversKey: boolean;
  readonly value: ValueDescription;
}

type ValueDescription =
  | { readonly type: 'string' | 'number' | 'boolean'; readonly text: string }
  | { readonly type: 'mapping' | 'list' | 'empty' | 'unknown' };

/** A parsed segment that answers "which field is at this offset". */
export class SegmentFields {
  private readonly document;

  constructor(text: string) {
    this.document = parseDocument(text, { strict: false, uniqueKeys: false });
  }

  /** The field at `offset`; `end` is the end of the diagnostic's range. */
  fieldAt(offset: number, end: number = offset): FieldLocation {
    const path: (string | number)[] = [];
    let node: unknown = this.document.contents;
    for (;;) {
      if (isMap(node)) {
        const pair = node.items.find((item) => contains(item.key, offset) || contains(item.value, offset));
        if (!pair) break;
        const key = isScalar(pair.key) ? String(pair.key.value) : '?';
        path.push(key);
        if (contains(pair.key, offset)) {
          const keyEnd = (pair.key as YamlNode).range?.[1] ?? offset;
          return { path, onKey: true, coversKey: end >= keyEnd, value: describe(pair.value) };
        }
        node = pair.value;
      } else if (isSeq(node)) {
        const index = node.items.findIndex((item) => contains(item, offset));
        if (index === -1) break;
        path.push(index);
        node = node.items[index];
      } else {
        break;
      }
    }
    return { path, onKey: false, coversKey: false, value: describe(node) };
  }
}

/** Reformulates one yaml-language-server schema message; `kind` comes from the schema's title. */
export function explainSchemaProblem(
  message: string,
  kind: string,
  location: FieldLocation,
  allowedProperties: readonly string[] = [],
): string {
  const trimmed = message.trim();
  const subject = [kind, formatPath(location.onKey ? location.path.slice(0, -1) : location.path)]
    .filter(Boolean)
    .join(' ');

  const unknown = /^Property (.+) is not allowed\.$/.exec(trimmed);
  if (unknown && location.onKey) {
    const field = unknown[1] as string;
    const suggestion = closestSchemaName(field, allowedProperties);
    const hint = suggestion
      ? ` Did you mean "${suggestion}"?`
      : allowedProperties.length > 0
        ? ` Fields you can add here: ${listOf(allowedProperties)}.`
        : ' Remove it or check the indentation.';
    return `${subject} has no field "${field}".${hint}`;
  }

  const missing = /^Missing property "(.+)"\.$/.exec(trimmed);
  if (missing) {
    // yaml-language-server underlines the whole key of a mapping value that lacks the field (`spec:`), or
    // the first character of a mapping without a key (the document root, a list item).
    const owner =
      location.onKey && !(location.coversKey && location.value.type === 'mapping')
        ? location.path.slice(0, -1)
        : location.path;
    const who = [kind, formatPath(owner)].filter(Boolean).join(' ');
    return `${who} is missing the required field "${missing[1]}".`;
  }

  const type = /^Incorrect type\. Expected (?:"(.+)"|one of (.+))\.$/.exec(trimmed);
  if (type) {
    const expected = withoutNotSet((type[1] ?? type[2] ?? '').split(/ \| |, /), 'null').map(typePhrase);
    return `${subject} must be ${[...new Set(expected)].join(' or ')}, not ${valuePhrase(location.value)}.`;
  }

  const enumeration = /^Value is not accepted\. Valid values: (.+)\.$/.exec(trimmed);
  if (enumeration) {
    const listed = withoutNotSet((enumeration[1] as string).split(', '), 'null');
    const valid = listed.map((quoted) => quoted.replace(/^"|"$/g, ''));
    const written = 'text' in location.value ? location.value.text : '';
    const suggestion = closestSchemaName(written, valid);
    const hint = suggestion ? ` Did you mean "${suggestion}"?` : '';
    return `${subject}: ${valuePhrase(location.value)} is not accepted.${hint} Valid values: ${listed.join(', ')}.`;
  }

  const limit =
    /^(?:Value is (above the maximum|below the minimum)|String is (longer than the maximum|shorter than the minimum) length) of (.+)\.$/.exec(
      trimmed,
    );
  if (limit) {
    const most = (limit[1] ?? limit[2] ?? '').includes('maximum') ? 'at most' : 'at least';
    if (limit[2] && 'text' in location.value) {
      return `${subject} must be ${most} ${limit[3]} characters long; it has ${location.value.text.length}.`;
    }
    return `${subject} must be ${most} ${limit[3]}, not ${valuePhrase(location.value)}.`;
  }

  if (trimmed === 'Matches multiple schemas when only one must validate.') {
    return `${subject} sets fields that exclude each other: keep only one of them.`;
  }

  const constant = /^Value must be (.+)\.$/.exec(trimmed);
  if (constant) return `${subject} must be ${constant[1]}.`;

  return subject ? `${subject}: ${trimmed}` : trimmed;
}

/** `spec.http[0].route[0].weight`; keys that are not plain identifiers are quoted: `labels["app.kubernetes.io/name"]`. */
export function formatPath(path: readonly (string | number)[]): string {
  let text = '';
  for (const part of path) {
    if (typeof part === 'number') text += `[${part}]`;
    else if (/^[A-Za-z_$][\w$-]*$/.test(part)) text += text ? `.${part}` : part;
    else text += `[${JSON.stringify(part)}]`;
  }
  return text;
}

/**
 * An optional field accepts null because the API server drops it (it means "not set"), not as a value
 * to write: messages leave it out of what is accepted, unless it is all that is.
 */
function withoutNotSet(items: readonly string[], notSet: string): string[] {
  const set = items.filter((item) => item.trim() !== notSet);
  return set.length > 0 ? set : [...items];
}

function typePhrase(type: string): string {
  const base = type.replace(/\(.*\)$/, '').trim();
  switch (base) {
    case 'integer':
      return 'an integer';
    case 'number':
      return 'a number';
    case 'string':
      return 'a string';
    case 'boolean':
      return 'true or false';
    case 'object':
      return 'a mapping (key: value)';
    case 'array':
      return 'a list';
    case 'null':
      return 'empty';
    default:
      return `of type ${base}`;
  }
}

function valuePhrase(value: ValueDescription): string {
  switch (value.type) {
    case 'string':
      return `the string ${JSON.stringify(truncate(value.text))}`;
    case 'number':
      return `the number ${truncate(value.text)}`;
    case 'boolean':
      return `the boolean ${value.text}`;
    case 'mapping':
      return 'a mapping';
    case 'list':
      return 'a list';
    case 'empty':
      return 'empty';
    default:
      return 'this value';
  }
}

function describe(node: unknown): ValueDescription {
  if (node === null || node === undefined) return { type: 'empty' };
  if (isMap(node)) return { type: 'mapping' };
  if (isSeq(node)) return { type: 'list' };
  if (isScalar(node)) {
    const value: unknown = node.value;
    if (value === null) return { type: 'empty' };
    if (typeof value === 'number' || typeof value === 'bigint')
      return { type: 'number', text: String(value) };
    if (typeof value === 'boolean') return { type: 'boolean', text: String(value) };
    return { type: 'string', text: String(value) };
  }
  return { type: 'unknown' };
}

function contains(node: unknown, offset: number): boolean {
  if (isPair(node) || isAlias(node)) return false;
  const range = (node as YamlNode | null)?.range;
  return !!range && range[0] <= offset && offset < Math.max(range[1], range[0] + 1);
}

function truncate(text: string): string {
  return text.length > 40 ? `${text.slice(0, 37)}...` : text;
}

function listOf(items: readonly string[]): string {
  const shown = items.slice(0, 12).join(', ');
  return items.length > 12 ? `${shown}, …` : shown;
}

/** Field names and enum values are long: a quarter of the word's length keeps the suggestions apt. */
function closestSchemaName(word: string, candidates: readonly string[]): string | undefined {
  return closestName(word, candidates, Math.max(1, Math.floor(word.length / 4)));
}
