/**
 * The targets of each YAML document of one authored file: the modeline governing it (the last modeline
 * with a `clusters=` entry above the document's first content line; `clusters=*` cancels), else the first
 * `meshwright.targets` rule matching the file, else the Argo CD / Flux objects deploying it, else the
 * default. Also each document's line range, which
 * is what the client's CodeLenses, diffs and apply use. Pure: text in, declarations out.
 */
import { type Range } from '../../mesh/diagnostic';
import { splitYamlSegments } from '../../../../protocol/yaml-documents';
import { type Modeline, findModelines } from './modelines';
import { DEFAULT_TARGETS, type DeclaredTargets } from './resolved-targets';
import { type TargetRule } from './target-rules';
import { type GitOpsFileTargets } from './gitops/gitops-targets';

export interface DocumentPlacement {
  /** The segment's first line (as FileSource.startLine gives it). */
  readonly startLine: number;
  /** The document's lines without its `---` marker and trailing blank lines (LSP range). */
  readonly range: Range;
  /** First line that is neither blank, a comment nor a marker; -1 for a document without content. */
  readonly contentLine: number;
  readonly declared: DeclaredTargets;
  /** The modeline that decides, when one does (a reset modeline decides too: back to setting/default). */
  readonly modeline: Modeline | undefined;
}

export interface FileTargets {
  readonly modelines: readonly Modeline[];
  readonly documents: readonly DocumentPlacement[];
  /** The setting's rule for the file, if one matched. */
  readonly rule: TargetRule | undefined;
  /** What the repository's GitOps objects say about the file, if any deploys it. */
  readonly gitops: GitOpsFileTargets | undefined;
}

const MARKER = /^(---|\.\.\.)(?:[ \t]|\r?$)/;

export function fileTargets(
  text: string,
  rule: TargetRule | undefined,
  gitops?: GitOpsFileTargets,
): FileTargets {
  const modelines = findModelines(text);
  const fallback = fallbackTargets(rule, gitops);
  const documents = splitYamlSegments(text).map((segment): DocumentPlacement => {
    const lines = segment.text.split('\n').map((line) => (line.endsWith('\r') ? line.slice(0, -1) : line));
    if (lines.length > 1 && lines[lines.length - 1] === '') lines.pop();
    const first = lines.length > 0 && MARKER.test(lines[0]!) ? 1 : 0;
    let last = lines.length - 1;
    while (last > first && lines[last]!.trim() === '') last--;
    const contentIndex = lines.findIndex(
      (line, index) =>
        index >= first && line.trim() !== '' && !line.trimStart().startsWith('#') && !MARKER.test(line),
    );
    const contentLine = contentIndex === -1 ? -1 : segment.startLine + contentIndex;
    const modeline = governingModeline(
      modelines,
      contentLine === -1 ? segment.startLine + lines.length : contentLine,
    );
    const declared =
      modeline && modeline.clusters && !modeline.clusters.reset
        ? { source: 'modeline' as const, clusters: modeline.clusters.names.map((n) => n.name) }
        : fallback;
    return {
      startLine: segment.startLine,
      range: {
        start: { line: segment.startLine + first, character: 0 },
        end: { line: segment.startLine + last, character: (lines[last] ?? '').length },
      },
      contentLine,
      declared,
      modeline,
    };
  });
  return { modelines, documents, rule, gitops };
}

/** The targets of documents no modeline governs: the setting's rule, else the GitOps objects, else the default. */
export function fallbackTargets(
  rule: TargetRule | undefined,
  gitops: GitOpsFileTargets | undefined,
): DeclaredTargets {
  if (rule) return { source: 'setting', clusters: rule.clusters };
  if (gitops) return { source: 'gitops', clusters: gitops.clusters, origins: gitops.origins };
  return DEFAULT_TARGETS;
}

/** The last modeline with a clusters= entry before `line`. */
function governingModeline(modelines: readonly Modeline[], line: number): Modeline | undefined {
  let found: Modeline | undefined;
  for (const modeline of modelines) {
    if (modeline.line >= line) break;
    if (modeline.clusters) found = modeline;
  }
  return found;
}

export function sameDeclaration(a: DeclaredTargets, b: DeclaredTargets): boolean {
  return a.source === b.source && (a.clusters ?? []).join(',') === (b.clusters ?? []).join(',');
}
