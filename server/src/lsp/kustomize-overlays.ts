/**
 * Kustomize overlays in the language server: which workspace files a kustomization reads (they are not
 * analysed as standalone documents), each overlay rendered in a temporary copy and analysed, and its
 * findings kept per file they point at (the base or the patch to edit). An edit to a file an overlay
 * uses re-renders that overlay after a quiet period, off the keystroke path, with the editor's unsaved
 * text; an overlay whose inputs have not changed is not rendered again. Rendering runs a program, so
 * nothing here runs unless the workspace is trusted.
 */
import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { type MeshDiagnostic } from '../mesh/diagnostic';
import { findKustomizeProgram } from '../render/kustomize/kustomize-program';
import { renderOverlays } from '../render/kustomize/render-overlays';
import { KUSTOMIZATION_FILE_NAMES } from '../render/kustomize/kustomization-file';
import {
  type KustomizeTree,
  discoverKustomizeTree,
  reachOfRendering,
} from '../render/kustomize/kustomize-tree';
import { type OriginFile } from '../render/kustomize/field-provenance';
import { RenderedOverlayMapper } from '../render/kustomize/overlay-diagnostics';
import { type Timers } from './timers';

export interface KustomizeOverlaysOptions {
  readonly timers: Timers;
  /** Quiet period after a change before the overlays using the file are rendered again. */
  readonly delayMs: number;
  /** Whether programs may run (workspace trust). */
  readonly trusted: () => boolean;
  /** The editor's text of a file when it is open (unsaved edits render too). */
  readonly openText: (file: string) => string | undefined;
  /** The findings of one rendered overlay, already moved to the files to edit. */
  readonly analyse: (overlay: RenderedOverlayMapper) => Promise<readonly MeshDiagnostic[]>;
  /** After a kustomization changed and the tree was found again: which files are owned may differ. */
  readonly onTreeChanged: () => void;
  /** After a re-render: the URIs whose overlay findings may have changed. */
  readonly onChanged: (uris: readonly string[]) => void;
  /** How an overlay is named in messages (workspace-relative). */
  readonly displayName: (directory: string) => string;
  readonly log: (message: string) => void;
}

interface OverlayState {
  /** Hash of the texts the last rendering read. */
  inputs: string;
  diagnostics: readonly MeshDiagnostic[];
}

export class KustomizeOverlays {
  private tree: KustomizeTree | undefined;
  private owned = new Set<string>();
  private readonly overlays = new Map<string, OverlayState>();
  private readonly pending = new Set<string>();
  private rescanPending = false;
  /** Resource files parsed once for the findings of every overlay that uses them (kept while their text is). */
  private readonly origins = new Map<string, OriginFile>();
  private timer: unknown;
  private running: Promise<void> = Promise.resolve();
  /** Bumped by every rescan and dispose, so renderings of an older tree are dropped. */
  private generation = 0;

  constructor(private readonly options: KustomizeOverlaysOptions) {}

  /** True when a kustomization reads this file: it is not analysed as a standalone document. */
  owns(file: string): boolean {
    return this.owned.has(file);
  }

  /** Finds the kustomizations of these directories anew (start-up, a kustomization file changed). */
  async rescan(directories: Iterable<string>): Promise<void> {
    this.generation++;
    if (!this.options.trusted()) {
      this.tree = undefined;
      this.owned = new Set();
      return;
    }
    const tree = await discoverKustomizeTree(directories);
    this.tree = tree;
    const owned = new Set<string>();
    for (const node of tree.nodes.values()) {
      owned.add(node.file);
      for (const file of node.files) owned.add(file);
    }
    this.owned = owned;
    for (const root of [...this.overlays.keys()]) if (!tree.roots.includes(root)) this.overlays.delete(root);
  }

  /** Renders and analyses every overlay whose inputs changed; returns the URIs whose findings may differ. */
  async renderAll(): Promise<string[]> {
    return this.renderRoots(this.tree?.roots ?? []);
  }

  /** A file changed (edited or on disk): the overlays that use it are rendered again after a quiet period. */
  fileChanged(file: string): void {
    const tree = this.tree;
    if (!tree || !this.options.trusted()) return;
    // A kustomization may now name other files: the tree is found again before rendering.
    if (KUSTOMIZATION_FILE_NAMES.includes(path.basename(file))) this.rescanPending = true;
    for (const root of tree.roots) {
      if (reachOfRendering(tree, root).files.has(file)) this.pending.add(root);
    }
    if (this.pending.size === 0 && !this.rescanPending) return;
    if (this.timer !== undefined) this.options.timers.clearTimeout(this.timer);
    this.timer = this.options.timers.setTimeout(() => {
      this.timer = undefined;
      const roots = [...this.pending];
      const rescan = this.rescanPending;
      this.pending.clear();
      this.rescanPending = false;
      this.running = this.running
        .then(async () => {
          if (rescan) {
            await this.rescan(this.tree ? [...this.tree.nodes.keys()] : []);
            this.options.onTreeChanged();
          }
          // After a rescan every overlay is looked at: those whose inputs are unchanged are not rendered.
          const changed = await this.renderRoots(rescan ? (this.tree?.roots ?? []) : roots);
          if (changed.length > 0) this.options.onChanged(changed);
        })
        .catch((error: unknown) => this.options.log(`kustomize: ${String(error)}`));
    }, this.options.delayMs);
  }

  /** The overlay findings that point into `uri`. */
  diagnosticsFor(uri: string): MeshDiagnostic[] {
    const found: MeshDiagnostic[] = [];
    for (const state of this.overlays.values()) {
      for (const diagnostic of state.diagnostics) if (diagnostic.uri === uri) found.push(diagnostic);
    }
    return found;
  }

  /** Every URI some overlay finding points into. */
  uris(): string[] {
    return [...new Set([...this.overlays.values()].flatMap((state) => state.diagnostics.map((d) => d.uri)))];
  }

  /** Resolves once the renderings already asked for are done (tests, the bench). */
  settled(): Promise<void> {
    return this.running;
  }

  dispose(): void {
    this.generation++;
    if (this.timer !== undefined) this.options.timers.clearTimeout(this.timer);
  }

  private async renderRoots(roots: readonly string[]): Promise<string[]> {
    const tree = this.tree;
    if (!tree || !this.options.trusted() || roots.length === 0) return [];
    const generation = this.generation;
    const program = await findKustomizeProgram(process.env.PATH);
    const changed = new Set<string>();
    // Only the overlays whose inputs changed are rendered again.
    const stale: { root: string; inputs: string }[] = [];
    for (const root of roots) {
      if (!tree.nodes.has(root)) continue;
      const inputs = await this.inputsHash(tree, root);
      if (this.overlays.get(root)?.inputs !== inputs) stale.push({ root, inputs });
    }
    const outcomes = program
      ? await renderOverlays(
          tree,
          stale.map((overlay) => overlay.root),
          { program, readText: this.options.openText },
        )
      : [];
    if (generation !== this.generation) return [];
    for (const [index, { root, inputs }] of stale.entries()) {
      const node = tree.nodes.get(root);
      if (!node) continue;
      const outcome = outcomes[index];
      const name = this.options.displayName(root);
      let diagnostics: readonly MeshDiagnostic[];
      if (!program || !outcome) {
        diagnostics = [
          renderProblem(
            node.file,
            `Kustomize overlay ${name} cannot be rendered: neither kustomize nor kubectl is on PATH. Install kubectl (or kustomize).`,
          ),
        ];
      } else if ('rendered' in outcome) {
        diagnostics = await this.options.analyse(
          new RenderedOverlayMapper(outcome.rendered, tree, name, this.origins),
        );
      } else {
        diagnostics = [
          renderProblem(
            node.file,
            `Kustomize overlay ${name} cannot be rendered (${program.name}): ${outcome.failed.message}. Fix the kustomization.`,
          ),
        ];
      }
      if (generation !== this.generation) return [];
      const previous = this.overlays.get(root);
      for (const diagnostic of [...(previous?.diagnostics ?? []), ...diagnostics])
        changed.add(diagnostic.uri);
      this.overlays.set(root, { inputs, diagnostics });
    }
    return [...changed];
  }

  private async inputsHash(tree: KustomizeTree, root: string): Promise<string> {
    const hash = createHash('sha256');
    for (const file of [...reachOfRendering(tree, root).files].sort()) {
      const text = this.options.openText(file) ?? (await fs.readFile(file, 'utf8').catch(() => ''));
      hash.update(file).update('\0').update(text).update('\0');
    }
    return hash.digest('hex');
  }
}

function renderProblem(kustomizationFile: string, message: string): MeshDiagnostic {
  return {
    code: 'MESH020',
    severity: 'error',
    message,
    uri: pathToFileURL(kustomizationFile).href,
    range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
    cluster: null,
    related: [],
  };
}
