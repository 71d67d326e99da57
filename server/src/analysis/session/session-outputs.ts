/**
 * What AnalysisSession says: diagnostics per file or live object, live objects' findings for the sidebar,
 * every diagnostic for the CLI, document targets and the modeline hover. Computed on demand from the
 * runner's stored reports and the documents as they are now, so diagnostics follow the text as lines
 * move; suppressions apply here, which is why changing them needs no new analysis.
 */
import { type MeshDiagnostic, type MeshFinding, compareDiagnostics } from '../../mesh/diagnostic';
import { type SuppressionRule } from '../../mesh/suppression';
import { type MeshIndex } from '../model/mesh-index';
import { type MeshResource } from '../model/resource';
import { type DocumentTargetInfo, documentTargetInfos } from '../targets/document-targets';
import { modelineDiagnostics } from '../targets/modeline-diagnostics';
import { modelineHover } from '../targets/modeline-hover';
import { gitOpsNoteDiagnostics } from '../targets/gitops/gitops-notes';
import { gitOpsTargetsHover } from '../targets/gitops/gitops-hover';
import { fallbackTargets } from '../targets/file-targets';
import { type TargetDeclarations } from '../targets/target-declarations';
import { type AnalysisRunner } from './analysis-runner';
import { type AnalysisView } from './analysis-view';
import { coverageDiagnostics } from './coverage-diagnostics';
import { fileLevelDiagnostics, resourceDiagnostics, resourceFindings } from './diagnostic-output';
import { type DocumentStore } from './document-store';
import { type LiveClusters } from './live-clusters';
import { type MeshSettings } from './mesh-settings';

/** The session's parts the outputs are read from (the session feeds them; the outputs only read). */
export interface OutputSources {
  readonly store: DocumentStore;
  readonly live: LiveClusters;
  readonly runner: AnalysisRunner;
  readonly index: MeshIndex;
  readonly declarations: TargetDeclarations;
  readonly meshSettings: MeshSettings;
}

export class SessionOutputs implements AnalysisView {
  private rules: readonly SuppressionRule[] = [];

  constructor(private readonly from: OutputSources) {}

  /** The suppressions: the next diagnostics asked for follow them. */
  suppress(rules: readonly SuppressionRule[]): void {
    this.rules = rules;
  }

  /** Diagnostics of one file (authored or a cluster's) or one live object's virtual document. */
  diagnosticsFor(uri: string): MeshDiagnostic[] {
    const diagnostics: MeshDiagnostic[] = [];
    for (const file of this.from.store.withUri(uri)) {
      diagnostics.push(...fileLevelDiagnostics(file));
      for (const resource of file.resources) diagnostics.push(...this.diagnosticsAbout(resource));
    }
    const liveResource = this.from.live.resourceAt(uri);
    if (liveResource) diagnostics.push(...this.diagnosticsAbout(liveResource));
    diagnostics.push(...this.coverageDiagnostics().filter((diagnostic) => diagnostic.uri === uri));
    const targets = this.from.declarations.fileTargets(uri);
    if (targets) diagnostics.push(...modelineDiagnostics(uri, targets.modelines, this.from.index.clusters()));
    diagnostics.push(...gitOpsNoteDiagnostics(this.from.declarations.gitOpsNotes(uri), this.rules));
    diagnostics.push(...this.from.meshSettings.diagnostics(this.from.index, uri));
    return diagnostics.sort(compareDiagnostics);
  }

  /**
   * What the analysis says about a live object (`meshwright:/` URI), without ranges: the sidebar counts
   * and lists these for every object of every cluster, and locating them would render each as YAML.
   * The same findings as diagnosticsFor(uri), by code and message.
   */
  liveFindings(uri: string): MeshFinding[] {
    const resource = this.from.live.resourceAt(uri);
    const findings: MeshFinding[] = resource
      ? resourceFindings(resource, this.from.runner.reportsAbout(resource), this.rules)
      : [];
    findings.push(...this.from.meshSettings.diagnostics(this.from.index, uri));
    return findings.sort((a, b) => a.code.localeCompare(b.code) || a.message.localeCompare(b.message));
  }

  /** Every diagnostic of the session, in a deterministic order (CLI output). */
  allDiagnostics(): MeshDiagnostic[] {
    const uris = new Set<string>();
    for (const file of this.from.store.files()) uris.add(file.uri);
    for (const resource of this.from.live.resources()) uris.add(resource.source.uri);
    for (const diagnostic of this.from.meshSettings.diagnostics(this.from.index)) uris.add(diagnostic.uri);
    for (const diagnostic of this.coverageDiagnostics()) uris.add(diagnostic.uri);
    return [...uris].flatMap((uri) => this.diagnosticsFor(uri)).sort(compareDiagnostics);
  }

  /**
   * The targets of each Istio document of an authored file (as of the last refresh): its range, the
   * clusters it is meant for and why, and the modeline that decides (for hover and code actions).
   */
  documentTargets(uri: string): DocumentTargetInfo[] {
    return documentTargetInfos(this.from.declarations, uri, this.from.index.clusters());
  }

  /** Markdown explaining the targets of the modeline on `line` of an authored file; undefined if none is there. */
  modelineHover(uri: string, line: number): string | undefined {
    const targets = this.from.declarations.fileTargets(uri);
    const modeline = targets?.modelines.find((candidate) => candidate.line === line);
    if (!targets || !modeline) return undefined;
    const governed = this.documentTargets(uri).filter((document) => document.modeline === modeline);
    const fallback = fallbackTargets(targets.rule, targets.gitops);
    return modelineHover(modeline, governed, this.from.index.clusters(), fallback);
  }

  gitOpsTargetsHover(uri: string, line: number): string | undefined {
    const placements = this.from.declarations.fileTargets(uri)?.documents ?? [];
    const placement = placements.find((document) => document.contentLine === line);
    if (!placement || placement.declared.source !== 'gitops') return undefined;
    const info = this.documentTargets(uri).find(
      (document) => document.range.start.line <= line && line <= document.range.end.line,
    );
    return info ? gitOpsTargetsHover(info) : undefined;
  }

  /** MESH010, one per live cluster and cause of unread types (as of the last refresh). */
  coverageDiagnostics(): MeshDiagnostic[] {
    return coverageDiagnostics(this.from.runner.coverage);
  }

  private diagnosticsAbout(resource: MeshResource): MeshDiagnostic[] {
    return resourceDiagnostics(resource, this.from.runner.reportsAbout(resource), this.rules);
  }
}
