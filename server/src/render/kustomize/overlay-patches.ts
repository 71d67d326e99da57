/**
 * The patches that shaped an overlay's objects, in the order kustomize applies them: a kustomization's
 * resources first (each base with its own patches), then its components, then its own patches. Each
 * patch is parsed with the way back to its text in the file the user edits: a patch file, or the inline
 * block of a kustomization.
 */
import path from 'node:path';
import { type Document, parseAllDocuments } from 'yaml';
import { type InlineText, type PatchReference, type PatchTarget } from './kustomization-file';
import { type KustomizeTree } from './kustomize-tree';

export interface SourcePosition {
  readonly line: number;
  readonly character: number;
}

/** Where a patch's text sits: offsets in `text` to positions in `file`. */
export interface PatchText {
  /** Absolute path of the file a user edits. */
  readonly file: string;
  readonly text: string;
  toFilePosition(offset: number): SourcePosition;
}

export interface LoadedPatch {
  readonly source: PatchText;
  readonly documents: readonly Document[];
  /** Each document as plain JSON, read once. */
  readonly values: readonly unknown[];
  /** A list of JSON 6902 operations, rather than a strategic merge patch. */
  readonly json6902: boolean;
  readonly target?: PatchTarget;
}

export function overlayPatches(
  tree: KustomizeTree,
  root: string,
  sources: ReadonlyMap<string, string>,
): LoadedPatch[] {
  const patches: LoadedPatch[] = [];
  const seen = new Set<string>();
  const visit = (directory: string): void => {
    if (seen.has(directory)) return;
    seen.add(directory);
    const node = tree.nodes.get(directory);
    if (!node) return;
    const resolve = (entry: string): string => path.resolve(directory, entry);
    for (const resource of node.parsed.resources)
      if (node.uses.includes(resolve(resource))) visit(resolve(resource));
    for (const component of node.parsed.components) visit(resolve(component));
    for (const reference of node.parsed.patches) {
      const loaded = loadPatch(reference, directory, node.file, sources);
      if (loaded) patches.push(loaded);
    }
  };
  visit(root);
  return patches;
}

function loadPatch(
  reference: PatchReference,
  directory: string,
  kustomizationFile: string,
  sources: ReadonlyMap<string, string>,
): LoadedPatch | undefined {
  let source: PatchText | undefined;
  if (reference.path !== undefined) {
    const file = path.resolve(directory, reference.path);
    const text = sources.get(file);
    if (text !== undefined) source = fileText(file, text);
  } else if (reference.inline) {
    source = inlineSource(kustomizationFile, reference.inline);
  }
  if (!source) return undefined;
  const documents = parseAllDocuments(source.text);
  if (!Array.isArray(documents)) return undefined;
  const values = documents.map((document) => document.toJS() as unknown);
  const json6902 = reference.json6902 ?? values.some((value) => Array.isArray(value));
  return { source, documents, values, json6902, ...(reference.target ? { target: reference.target } : {}) };
}

export function fileText(file: string, text: string): PatchText {
  const lineStarts = [0];
  for (let index = 0; index < text.length; index++) if (text[index] === '\n') lineStarts.push(index + 1);
  return {
    file,
    text,
    toFilePosition(offset) {
      // The last line starting at or before the offset.
      let low = 0;
      let high = lineStarts.length - 1;
      while (low < high) {
        const middle = (low + high + 1) >> 1;
        if ((lineStarts[middle] as number) <= offset) low = middle;
        else high = middle - 1;
      }
      return { line: low, character: offset - (lineStarts[low] as number) };
    },
  };
}

function inlineSource(file: string, inline: InlineText): PatchText {
  const inner = fileText(file, inline.text);
  return {
    file,
    text: inline.text,
    toFilePosition(offset) {
      if (!inline.block) return { line: inline.line, character: inline.column };
      const position = inner.toFilePosition(offset);
      return { line: inline.line + position.line, character: inline.column + position.character };
    },
  };
}
