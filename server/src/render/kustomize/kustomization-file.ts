/**
 * What one kustomization file says, read without running anything: whether it is a Kustomization or a
 * Component, the paths it names (resources, components, patch and generator files: everything a
 * rendering reads, so the temporary copy holds it and the walk does not analyse it alone) and its
 * patches, in the order kustomize applies them. Inline patches keep where their text sits in the file,
 * so a field a patch set points into the kustomization itself.
 */
import { type Node, isMap, isScalar, isSeq, parseDocument } from 'yaml';

/** The names kustomize looks for in a directory, in its order of preference. */
export const KUSTOMIZATION_FILE_NAMES: readonly string[] = [
  'kustomization.yaml',
  'kustomization.yml',
  'Kustomization',
];

export interface PatchTarget {
  readonly kind?: string;
  readonly name?: string;
  readonly namespace?: string;
}

/** A patch as written: in a file of its own, or inline in the kustomization (then `inline` is set). */
export interface PatchReference {
  /** Path relative to the kustomization's directory, for a patch in its own file. */
  readonly path?: string;
  readonly inline?: InlineText;
  readonly target?: PatchTarget;
  /** `patchesJson6902` says so; `patches` decides by the patch's shape (a list of operations). */
  readonly json6902?: boolean;
}

/** The text of an inline patch and where its first character sits in the kustomization file. */
export interface InlineText {
  readonly text: string;
  /** Zero-based line and column of the text's first line; block scalars are indented by `column`. */
  readonly line: number;
  readonly column: number;
  /** A block scalar maps line by line; a quoted one is pointed at as a whole. */
  readonly block: boolean;
}

export interface KustomizationFile {
  readonly kind: 'Kustomization' | 'Component';
  readonly resources: readonly string[];
  readonly components: readonly string[];
  readonly patches: readonly PatchReference[];
  /** Every string in the file that may name a file or directory (`key=path` forms split). */
  readonly mentionedPaths: readonly string[];
}

export function readKustomizationFile(text: string): KustomizationFile {
  const document = parseDocument(text, { uniqueKeys: false });
  const root = document.contents;
  const field = (name: string): unknown => (isMap(root) ? root.get(name, true) : undefined);
  const strings = (name: string): string[] => {
    const node = field(name);
    return isSeq(node) ? node.items.flatMap((item) => (isScalar(item) ? [String(item.value)] : [])) : [];
  };
  const kind =
    isMap(root) && (root.toJSON() as { kind?: unknown }).kind === 'Component' ? 'Component' : 'Kustomization';
  return {
    kind,
    resources: strings('resources'),
    components: strings('components'),
    patches: [
      ...readPatches(text, field('patchesStrategicMerge'), false),
      ...readPatches(text, field('patchesJson6902'), true),
      ...readPatches(text, field('patches'), undefined),
    ],
    mentionedPaths: collectStrings(root).flatMap((value) => {
      const equals = value.indexOf('=');
      return equals > 0 ? [value, value.slice(equals + 1)] : [value];
    }),
  };
}

/** Adds `originAnnotations` to `buildMetadata`, for the temporary copy only: the user's file is never touched. */
export function withOriginAnnotations(text: string): string {
  const document = parseDocument(text, { uniqueKeys: false });
  if (!isMap(document.contents)) return text;
  const existing = (document.toJS() as { buildMetadata?: unknown }).buildMetadata;
  const options = Array.isArray(existing) ? existing.map(String) : [];
  if (!options.includes('originAnnotations')) options.push('originAnnotations');
  document.set('buildMetadata', options);
  return document.toString();
}

function readPatches(text: string, node: unknown, json6902: boolean | undefined): PatchReference[] {
  if (!isSeq(node)) return [];
  return node.items.flatMap((item): PatchReference[] => {
    const kindOf = json6902 === undefined ? {} : { json6902 };
    if (isScalar(item) && typeof item.value === 'string') {
      // patchesStrategicMerge entries are a path or the patch itself.
      return item.value.includes('\n') || item.value.includes(':')
        ? [{ inline: inlineText(text, item), ...kindOf }]
        : [{ path: item.value, ...kindOf }];
    }
    if (!isMap(item)) return [];
    const path = item.get('path');
    const patch = item.get('patch', true);
    const target = readTarget(item.get('target'));
    const targetPart = target ? { target } : {};
    if (typeof path === 'string') return [{ path, ...targetPart, ...kindOf }];
    if (isScalar(patch) && typeof patch.value === 'string')
      return [{ inline: inlineText(text, patch), ...targetPart, ...kindOf }];
    return [];
  });
}

function readTarget(value: unknown): PatchTarget | undefined {
  if (!value || typeof value !== 'object' || !('toJSON' in value)) return undefined;
  const json = (value as { toJSON(): unknown }).toJSON();
  if (!json || typeof json !== 'object') return undefined;
  const { kind, name, namespace } = json as Record<string, unknown>;
  return {
    ...(typeof kind === 'string' ? { kind } : {}),
    ...(typeof name === 'string' ? { name } : {}),
    ...(typeof namespace === 'string' ? { namespace } : {}),
  };
}

function inlineText(text: string, node: Node): InlineText {
  const scalar = node as Node & { value: string; type?: string };
  const start = node.range?.[0] ?? 0;
  const block = scalar.type === 'BLOCK_LITERAL' || scalar.type === 'BLOCK_FOLDED';
  if (!block) {
    const { line, column } = lineAndColumn(text, start);
    return { text: scalar.value, line, column, block: false };
  }
  // A block scalar's content starts on the line after its `|` header, indented uniformly.
  const headerEnd = text.indexOf('\n', start);
  const firstLine = lineAndColumn(text, headerEnd + 1).line;
  const contentLines = text.slice(headerEnd + 1).split('\n');
  const indented = contentLines.find((line) => line.trim() !== '') ?? '';
  const column = indented.length - indented.trimStart().length;
  return { text: scalar.value, line: firstLine, column, block: true };
}

function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const line = before.split('\n').length - 1;
  return { line, column: offset - (before.lastIndexOf('\n') + 1) };
}

function collectStrings(node: unknown): string[] {
  if (isScalar(node)) return typeof node.value === 'string' ? [node.value] : [];
  if (isSeq(node)) return node.items.flatMap(collectStrings);
  if (isMap(node)) return node.items.flatMap((pair) => collectStrings(pair.value));
  return [];
}
