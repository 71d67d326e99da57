/**
 * `meshwright analyze` on a repository of Kustomize overlays: finds the kustomizations among the files
 * read, renders each overlay (the CLI is trusted: the user ran it on their repository), and leaves out
 * of the standalone documents every file a kustomization reads (bases, patches). A rendering that fails
 * is a MESH020 on its kustomization with kustomize's own message; no program to render with is one too,
 * never a silent fallback to the files one by one.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { type MeshDiagnostic } from '../mesh/diagnostic';
import { findKustomizeProgram } from '../render/kustomize/kustomize-program';
import { renderOverlays as renderAll } from '../render/kustomize/render-overlays';
import { discoverKustomizeTree } from '../render/kustomize/kustomize-tree';
import { type OriginFile } from '../render/kustomize/field-provenance';
import { RenderedOverlayMapper } from '../render/kustomize/overlay-diagnostics';
import { type ReportedFile } from './analysis-report';
import { type SourceDocument } from './analysis-pipeline';
import { type CliEnvironment } from './cli-environment';

export interface OverlayRendering {
  /** The documents analysed as written: those no kustomization reads. */
  readonly documents: readonly SourceDocument[];
  readonly overlays: readonly RenderedOverlayMapper[];
  /** MESH020: overlays that could not be rendered. */
  readonly problems: readonly MeshDiagnostic[];
  /** Files the renderings read that the report does not list yet (a base outside PATHS). */
  readonly extraFiles: readonly ReportedFile[];
}

export interface RenderRequest {
  readonly documents: readonly SourceDocument[];
  /** Directories given as PATHS: a kustomization there is found even if no YAML file sits beside it. */
  readonly directories: readonly string[];
  readonly reported: readonly ReportedFile[];
  readonly enableHelm: boolean;
}

export async function renderOverlays(
  request: RenderRequest,
  environment: CliEnvironment,
): Promise<OverlayRendering> {
  const localFiles = request.documents.flatMap((document) =>
    document.uri.startsWith('file:') ? [fileURLToPath(document.uri)] : [],
  );
  const tree = await discoverKustomizeTree([
    ...request.directories.map((directory) => path.resolve(environment.cwd, directory)),
    ...localFiles.map((file) => path.dirname(file)),
  ]);
  if (tree.nodes.size === 0)
    return { documents: request.documents, overlays: [], problems: [], extraFiles: [] };

  const owned = new Set<string>();
  for (const file of localFiles) {
    const real = await fs.realpath(file).catch(() => file);
    if (tree.owned.has(real)) owned.add(file);
  }
  const documents = request.documents.filter(
    (document) => !document.uri.startsWith('file:') || !owned.has(fileURLToPath(document.uri)),
  );
  const shown = (directory: string): string => path.relative(environment.cwd, directory) || '.';
  const program = await findKustomizeProgram(environment.env.PATH);
  const overlays: RenderedOverlayMapper[] = [];
  const problems: MeshDiagnostic[] = [];
  if (!program) {
    for (const root of tree.roots) {
      const node = tree.nodes.get(root);
      if (!node) continue;
      problems.push(
        renderProblem(
          node.file,
          `Kustomize overlay ${shown(root)} cannot be rendered: neither kustomize nor kubectl is on PATH. ` +
            'Install kubectl (or kustomize), or run with --no-render to analyse its files one by one.',
        ),
      );
    }
  } else {
    const outcomes = await renderAll(tree, tree.roots, {
      program,
      enableHelm: request.enableHelm,
      env: environment.env,
    });
    // A base is parsed once for the findings of every overlay that uses it.
    const origins = new Map<string, OriginFile>();
    for (const outcome of outcomes) {
      if ('rendered' in outcome) {
        overlays.push(
          new RenderedOverlayMapper(outcome.rendered, tree, shown(outcome.rendered.directory), origins),
        );
      } else {
        problems.push(
          renderProblem(
            outcome.failed.kustomizationFile,
            `Kustomize overlay ${shown(outcome.failed.directory)} cannot be rendered (${program.name}): ${outcome.failed.message}. ` +
              'Fix the kustomization, or run with --no-render to analyse its files one by one.',
          ),
        );
      }
    }
  }
  const listed = new Set(request.reported.map((file) => file.uri));
  const extraFiles: ReportedFile[] = [];
  for (const overlay of overlays) {
    for (const file of overlay.sourceFiles()) {
      const uri = pathToFileURL(file).href;
      if (listed.has(uri)) continue;
      listed.add(uri);
      extraFiles.push({ uri, displayPath: path.relative(environment.cwd, file) });
    }
  }
  return { documents, overlays, problems, extraFiles };
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
