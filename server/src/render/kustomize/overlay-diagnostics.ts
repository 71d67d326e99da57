/**
 * Findings on an overlay's rendered objects, moved to where a user fixes them. The rendered stream is
 * analysed under a URI of its own (no file holds it); each finding there is moved to the file and line
 * the field came from (field-provenance.ts), names the overlay in its message, and carries the overlay
 * as its `source`. A finding on an object kustomize generated (no origin) points at the kustomization.
 */
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { type Document, type Node, type Pair, isMap, isScalar, isSeq, parseAllDocuments, parse } from 'yaml';
import {
  type MeshDiagnostic,
  type Position,
  type RenderSource,
  type Range,
  type RelatedLocation,
} from '../../mesh/diagnostic';
import { type FieldPath } from '../../yaml/node-locator';
import {
  type FieldQuery,
  type OriginFile,
  fieldInOrigin,
  patchSettingField,
  readOriginFile,
} from './field-provenance';
import { type KustomizeTree } from './kustomize-tree';
import { type LoadedPatch, overlayPatches } from './overlay-patches';
import { type RenderedOverlay } from './rendered-overlay';

const ORIGIN_ANNOTATION = 'config.kubernetes.io/origin';
const RENDERED_SCHEME = 'meshwright-kustomize:';

/** The URI the rendered stream of an overlay is analysed under. */
export function renderedOverlayUri(directory: string): string {
  return `${RENDERED_SCHEME}${pathToFileURL(directory).pathname}`;
}

/** A rendered document's place in the stream; what it holds is read only when a finding lands on it. */
interface RenderedSpan {
  readonly document: Document;
  readonly start: number;
  readonly end: number;
}

interface RenderedDocument {
  readonly kind: string;
  readonly name: string;
  readonly value: unknown;
  /** Absolute path of the file the object came from; undefined for generated objects. */
  readonly origin: string | undefined;
}

export class RenderedOverlayMapper {
  readonly uri: string;
  // Parsed on the first finding: an overlay with none costs no parse.
  private spans: readonly RenderedSpan[] | undefined;
  private readonly described = new Map<RenderedSpan, RenderedDocument>();
  private patchList: readonly LoadedPatch[] | undefined;
  private starts: readonly number[] | undefined;

  constructor(
    readonly overlay: RenderedOverlay,
    private readonly tree: KustomizeTree,
    /** How the overlay is named to the user. */
    readonly displayName: string,
    /** Resource files parsed once for every finding that points into them, shared by the overlays of a run. */
    private readonly origins: Map<string, OriginFile> = new Map(),
  ) {
    this.uri = renderedOverlayUri(overlay.directory);
  }

  /** Files that took part in the rendering (for reports that list what was analysed). */
  sourceFiles(): string[] {
    return [...this.overlay.sources.keys()];
  }

  remap(diagnostic: MeshDiagnostic): MeshDiagnostic {
    const place = this.place(diagnostic.uri, diagnostic.range);
    const source: RenderSource = { kind: 'kustomize', overlay: this.displayName };
    return {
      ...diagnostic,
      uri: place.uri,
      range: place.range,
      message: `${diagnostic.message} (in Kustomize overlay ${this.displayName}${place.byPatch ? ', set by this patch' : ''})`,
      related: diagnostic.related.map((related) => this.remapRelated(related)),
      source,
    };
  }

  private remapRelated(related: RelatedLocation): RelatedLocation {
    if (related.uri !== this.uri) return related;
    const place = this.place(related.uri, related.range);
    return { ...related, uri: place.uri, range: place.range };
  }

  private place(uri: string, range: Range): { uri: string; range: Range; byPatch: boolean } {
    const kustomization = {
      uri: pathToFileURL(this.overlay.kustomizationFile).href,
      range: FIRST_CHARACTER,
      byPatch: false,
    };
    if (uri !== this.uri) return { uri, range, byPatch: false };
    const offset = this.offsetOf(range.start);
    this.spans ??= renderedSpans(this.overlay.yaml);
    const span = this.spans.find((candidate) => offset >= candidate.start && offset <= candidate.end);
    if (!span) return kustomization;
    const rendered = this.describe(span);
    const { path: fieldPath, onKey } = fieldAt(span.document, offset);
    const query: FieldQuery = { object: rendered, path: fieldPath, onKey };
    this.patchList ??= overlayPatches(this.tree, this.overlay.directory, this.overlay.sources);
    const byPatch = patchSettingField(query, this.patchList);
    if (byPatch) return { uri: pathToFileURL(byPatch.file).href, range: byPatch.range, byPatch: true };
    if (!rendered.origin) return kustomization;
    const origin = this.originFile(rendered.origin);
    if (!origin) return kustomization;
    const found = fieldInOrigin(query, origin);
    return { uri: pathToFileURL(found.file).href, range: found.range, byPatch: false };
  }

  private originFile(file: string): OriginFile | undefined {
    const text = this.overlay.sources.get(file);
    if (text === undefined) return undefined;
    const known = this.origins.get(file);
    if (known?.source.text === text) return known;
    const origin = readOriginFile(file, text);
    this.origins.set(file, origin);
    return origin;
  }

  private describe(span: RenderedSpan): RenderedDocument {
    const known = this.described.get(span);
    if (known) return known;
    const described = describeRendered(span.document, this.overlay.directory);
    this.described.set(span, described);
    return described;
  }

  private offsetOf(position: Position): number {
    if (!this.starts) {
      const starts = [0];
      const text = this.overlay.yaml;
      for (let index = text.indexOf('\n'); index !== -1; index = text.indexOf('\n', index + 1))
        starts.push(index + 1);
      this.starts = starts;
    }
    return (this.starts[position.line] ?? this.overlay.yaml.length) + position.character;
  }
}

const FIRST_CHARACTER: Range = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };

function renderedSpans(yaml: string): RenderedSpan[] {
  const documents = parseAllDocuments(yaml);
  if (!Array.isArray(documents)) return [];
  return documents.map((document) => ({ document, start: document.range[0], end: document.range[2] }));
}

function describeRendered(document: Document, overlayDirectory: string): RenderedDocument {
  const value = document.toJS() as {
    kind?: unknown;
    metadata?: { name?: unknown; annotations?: Record<string, unknown> };
  } | null;
  const annotation = value?.metadata?.annotations?.[ORIGIN_ANNOTATION];
  let origin: string | undefined;
  if (typeof annotation === 'string') {
    const parsed = parse(annotation) as { path?: unknown; repo?: unknown } | null;
    if (typeof parsed?.path === 'string' && parsed.repo === undefined)
      origin = path.resolve(overlayDirectory, parsed.path);
  }
  return {
    kind: typeof value?.kind === 'string' ? value.kind : '',
    name: typeof value?.metadata?.name === 'string' ? value.metadata.name : '',
    value,
    origin,
  };
}

/** The path of the deepest field at `offset`, and whether the offset is on its key. */
export function fieldAt(document: Document, offset: number): { path: FieldPath; onKey: boolean } {
  const steps: (string | number)[] = [];
  let node: unknown = document.contents;
  for (;;) {
    if (isMap(node)) {
      const pair = (node.items as Pair[]).find(
        (item) => contains(item.key, offset) || contains(item.value, offset),
      );
      if (!pair || !isScalar(pair.key)) break;
      steps.push(String(pair.key.value));
      if (contains(pair.key, offset)) return { path: steps, onKey: true };
      node = pair.value;
    } else if (isSeq(node)) {
      const index = node.items.findIndex((item) => contains(item, offset));
      if (index < 0) break;
      steps.push(index);
      node = node.items[index];
    } else {
      break;
    }
  }
  return { path: steps, onKey: false };
}

function contains(node: unknown, offset: number): boolean {
  const range = (node as Node | null)?.range;
  return !!range && offset >= range[0] && offset < Math.max(range[1], range[0] + 1);
}
