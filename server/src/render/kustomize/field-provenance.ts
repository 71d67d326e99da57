/**
 * Where a field of a rendered object was written: the patch that set it last, or else the resource file
 * it came from (`config.kubernetes.io/origin`). A finding on a rendered object must point at the line a
 * user edits, and that is the patch when one set the field: a JSON 6902 `add`/`replace` whose path holds
 * the field (its `value`), a `remove` of one of the field's entries (its `path`), or a strategic merge
 * patch that holds the field, or the list or scalar it sits in (lists of custom resources are replaced
 * whole). A patch is believed only when the rendered value is the one it wrote, so a patch undone by a
 * later one, or aimed at another object, is never blamed.
 */
import { type Document, parseAllDocuments } from 'yaml';
import { type FieldPath, locateNode } from '../../yaml/node-locator';
import { type LoadedPatch, type PatchText, type SourcePosition, fileText } from './overlay-patches';

export interface RenderedObject {
  readonly kind: string;
  readonly name: string;
  /** The object as rendered (plain JSON). */
  readonly value: unknown;
}

export interface SourceRange {
  readonly start: SourcePosition;
  readonly end: SourcePosition;
}

export interface FieldSource {
  /** Absolute path of the file to edit. */
  readonly file: string;
  readonly range: SourceRange;
  /** A patch set the field (else: the resource file it came from). */
  readonly byPatch: boolean;
}

export interface FieldQuery {
  readonly object: RenderedObject;
  readonly path: FieldPath;
  /** The finding is on the field's key rather than its value. */
  readonly onKey: boolean;
}

/** The patch that set the field, latest first; undefined when none did. */
export function patchSettingField(
  query: FieldQuery,
  patches: readonly LoadedPatch[],
): FieldSource | undefined {
  for (let index = patches.length - 1; index >= 0; index--) {
    const patch = patches[index] as LoadedPatch;
    if (!targets(patch, query.object)) continue;
    const found = patch.json6902 ? fromJson6902(patch, query) : fromStrategicMerge(patch, query);
    if (found) return found;
  }
  return undefined;
}

/** A resource file parsed once for all the findings that point into it. */
export interface OriginFile {
  readonly source: PatchText;
  readonly documents: readonly Document[];
  readonly identities: readonly { readonly kind: unknown; readonly name: unknown }[];
}

export function readOriginFile(file: string, text: string): OriginFile {
  const parsed = parseAllDocuments(text);
  const documents = Array.isArray(parsed) ? parsed : [];
  return {
    source: fileText(file, text),
    documents,
    identities: documents.map((document) => {
      const value = document.toJS() as { kind?: unknown; metadata?: { name?: unknown } } | null;
      return { kind: value?.kind, name: value?.metadata?.name };
    }),
  };
}

/** The field in the resource file the object came from: the nearest existing ancestor when it is absent. */
export function fieldInOrigin(query: FieldQuery, origin: OriginFile): FieldSource {
  const { kind, name } = query.object;
  const indices = origin.documents.map((_, index) => index);
  const sameKind = indices.filter((index) => origin.identities[index]?.kind === kind);
  // Name prefixes and suffixes change the name; the origin keeps the one written.
  const index =
    sameKind.find((candidate) => origin.identities[candidate]?.name === name) ??
    sameKind.find((candidate) => {
      const written = origin.identities[candidate]?.name;
      return typeof written === 'string' && written !== '' && name.includes(written);
    }) ??
    sameKind[0] ??
    indices[0];
  const file = origin.source.file;
  const document = index === undefined ? undefined : origin.documents[index];
  if (!document) {
    const start = { line: 0, character: 0 };
    return { file, range: { start, end: start }, byPatch: false };
  }
  return { file, range: spanRange(origin.source, document, query.path, query.onKey), byPatch: false };
}

function targets(patch: LoadedPatch, object: RenderedObject): boolean {
  const target = patch.target;
  if (!target) return true;
  if (target.kind !== undefined && target.kind !== object.kind) return false;
  if (target.name !== undefined && !matchesName(target.name, object.name)) return false;
  return true;
}

/** kustomize matches `target.name` as an anchored regular expression. */
function matchesName(pattern: string, name: string): boolean {
  try {
    return new RegExp(`^(?:${pattern})$`).test(name) || name.includes(pattern);
  } catch {
    return pattern === name;
  }
}

function fromJson6902(patch: LoadedPatch, query: FieldQuery): FieldSource | undefined {
  const document = patch.documents[0];
  if (!document) return undefined;
  const operations = patch.values[0];
  if (!Array.isArray(operations)) return undefined;
  for (let index = operations.length - 1; index >= 0; index--) {
    const operation = operations[index] as { op?: unknown; path?: unknown; value?: unknown } | null;
    if (!operation || typeof operation.path !== 'string') continue;
    const pointer = parsePointer(operation.path, query.object.value);
    if (!pointer) continue;
    const { path } = query;
    if ((operation.op === 'add' || operation.op === 'replace') && isPrefix(pointer, path)) {
      if (!sameJson(valueAt(query.object.value, pointer), operation.value)) continue;
      const inside = [index, 'value', ...path.slice(pointer.length)];
      return {
        file: patch.source.file,
        range: spanRange(patch.source, document, inside, query.onKey),
        byPatch: true,
      };
    }
    // The finding is on a list or map one of whose entries this operation removed.
    if (operation.op === 'remove' && pointer.length === path.length + 1 && isPrefix(path, pointer)) {
      return {
        file: patch.source.file,
        range: spanRange(patch.source, document, [index, 'path'], false),
        byPatch: true,
      };
    }
  }
  return undefined;
}

/** Paths a strategic merge patch must name to find its object: setting them is not changing them. */
const IDENTITY_FIELDS = new Set(['apiVersion', 'kind']);

function fromStrategicMerge(patch: LoadedPatch, query: FieldQuery): FieldSource | undefined {
  const { path, object } = query;
  if (path.length === 0 || IDENTITY_FIELDS.has(String(path[0]))) return undefined;
  if (path[0] === 'metadata' && (path[1] === 'name' || path[1] === 'namespace')) return undefined;
  for (const [index, document] of patch.documents.entries()) {
    const value = patch.values[index] as { kind?: unknown; metadata?: { name?: unknown } } | null;
    if (!value || typeof value !== 'object') continue;
    if (value.kind !== undefined && value.kind !== object.kind) continue;
    const name = value.metadata?.name;
    if (!patch.target && typeof name === 'string' && !object.name.includes(name)) continue;
    const inside = walkPatch(value, path, object.value);
    if (inside)
      return {
        file: patch.source.file,
        range: spanRange(patch.source, document, inside, query.onKey),
        byPatch: true,
      };
  }
  return undefined;
}

/** The path inside the patch that wrote the field, or undefined when the patch does not hold it. */
function walkPatch(patch: unknown, path: FieldPath, rendered: unknown): FieldPath | undefined {
  let node = patch;
  const inside: (string | number)[] = [];
  for (let depth = 0; depth < path.length; depth++) {
    const step = path[depth] as string | number;
    if (Array.isArray(node)) {
      if (typeof step !== 'number') return undefined;
      // Lists merged by name (containers, ports) are matched by name; others are replaced whole.
      const element = valueAt(rendered, path.slice(0, depth + 1)) as { name?: unknown } | undefined;
      const byName =
        element && typeof element === 'object' && 'name' in element
          ? node.findIndex((item: unknown) => (item as { name?: unknown } | null)?.name === element.name)
          : step;
      if (byName < 0 || byName >= node.length) return undefined;
      inside.push(byName);
      node = node[byName];
    } else if (node !== null && typeof node === 'object') {
      if (!(String(step) in node)) return undefined;
      inside.push(step);
      node = (node as Record<string, unknown>)[String(step)];
    } else {
      break;
    }
  }
  // A map the patch merges into holds fields of the base too: only lists and scalars are the patch's own.
  if (node !== null && typeof node === 'object' && !Array.isArray(node)) return undefined;
  if (!sameJson(valueAt(rendered, path.slice(0, inside.length)), node) && !Array.isArray(node))
    return undefined;
  return inside;
}

function parsePointer(pointer: string, object: unknown): FieldPath | undefined {
  if (!pointer.startsWith('/')) return undefined;
  const steps: (string | number)[] = [];
  for (const raw of pointer.slice(1).split('/')) {
    const step = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    const container = valueAt(object, steps);
    if (Array.isArray(container)) {
      if (step === '-') steps.push(container.length - 1);
      else if (/^\d+$/.test(step)) steps.push(Number(step));
      else return undefined;
    } else {
      steps.push(step);
    }
  }
  return steps;
}

function isPrefix(prefix: FieldPath, path: FieldPath): boolean {
  return prefix.length <= path.length && prefix.every((step, index) => String(step) === String(path[index]));
}

function valueAt(value: unknown, path: FieldPath): unknown {
  let node = value;
  for (const step of path) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string, unknown>)[String(step)];
  }
  return node;
}

function sameJson(a: unknown, b: unknown): boolean {
  return JSON.stringify(canonical(a)) === JSON.stringify(canonical(b));
}

function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .map((key) => [key, canonical((value as Record<string, unknown>)[key])]),
    );
  }
  // kustomize writes numbers and booleans as YAML reads them; a string "80" and 80 are the same field.
  return value === undefined ? null : String(value);
}

function spanRange(source: PatchText, document: Document, path: FieldPath, onKey: boolean): SourceRange {
  const span = locateNode(document, source.text, path, onKey ? { target: 'key' } : {});
  return { start: source.toFilePosition(span.start), end: source.toFilePosition(span.end) };
}
