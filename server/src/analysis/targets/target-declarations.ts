/**
 * The session's record of what each authored object is declared for: per authored file its modelines and
 * documents (file-targets.ts), per object its DeclaredTargets, with the rules and the repository's
 * GitOps targets (gitops/gitops-targets.ts) they fall back to. An edit that changes an object's targets
 * but not the object (a modeline added above it, a settings change) is reported back, so the session
 * re-analyses that object as if it had changed: its per-primary views moved.
 */
import { type MeshResource } from '../model/resource';
import { FileSource } from '../model/resource-sources';
import { type DocumentPlacement, type FileTargets, fileTargets, sameDeclaration } from './file-targets';
import { DEFAULT_TARGETS, type DeclaredTargets } from './resolved-targets';
import { type TargetRule, TargetRules } from './target-rules';
import { type GitOpsNote } from './gitops/gitops-deployments';
import { GitOpsTargets } from './gitops/gitops-targets';
import { sameJson } from '../../text/same-json';

/** Maps a document URI to the path the `meshwright.targets` globs are matched against. */
export type RelativePathOf = (uri: string) => string | undefined;

interface HeldFile {
  readonly text: string;
  readonly targets: FileTargets;
  readonly resources: readonly MeshResource[];
}

export class TargetDeclarations {
  private rules = TargetRules.NONE;
  private gitops = GitOpsTargets.NONE;
  private relativePath: RelativePathOf = (uri) => uri;
  private readonly files = new Map<string, HeldFile>();
  private readonly declared = new Map<MeshResource, DeclaredTargets>();

  /** An authored file's text and objects; returns the kept objects whose declaration changed. */
  update(uri: string, text: string, resources: readonly MeshResource[]): MeshResource[] {
    const previous = this.files.get(uri);
    for (const resource of previous?.resources ?? [])
      if (!resources.includes(resource)) this.declared.delete(resource);
    const gitops = this.gitops.targetsOf(uri);
    const targets =
      previous?.text === text &&
      previous.targets.rule === this.ruleFor(uri) &&
      sameJson(previous.targets.gitops, gitops)
        ? previous.targets
        : fileTargets(text, this.ruleFor(uri), gitops);
    this.files.set(uri, { text, targets, resources });
    return this.assign(targets, resources);
  }

  remove(uri: string): void {
    for (const resource of this.files.get(uri)?.resources ?? []) this.declared.delete(resource);
    this.files.delete(uri);
  }

  /** New rules (`meshwright.targets`, `--targets`); returns the objects whose declaration changed. */
  setRules(rules: readonly TargetRule[], relativePath: RelativePathOf): MeshResource[] {
    const next = new TargetRules(rules);
    this.relativePath = relativePath;
    if (next.sameAs(this.rules)) return [];
    this.rules = next;
    return this.reassignAll();
  }

  /** The repository's GitOps targets, re-resolved; returns the objects whose declaration changed. */
  setGitOps(gitops: GitOpsTargets): MeshResource[] {
    if (gitops.sameAs(this.gitops)) return [];
    this.gitops = gitops;
    const changed: MeshResource[] = [];
    for (const [uri, held] of this.files) {
      const next = gitops.targetsOf(uri);
      // Most files keep what the repository says about them: their modelines need no second reading.
      if (sameJson(next, held.targets.gitops)) continue;
      const targets = fileTargets(held.text, this.ruleFor(uri), next);
      this.files.set(uri, { ...held, targets });
      changed.push(...this.assign(targets, held.resources));
    }
    return changed;
  }

  /** Whether the repository's GitOps objects deploy any file. */
  hasGitOps(): boolean {
    return this.gitops.size > 0;
  }

  /** The MESH030 notes on the GitOps objects of `uri` (all files when undefined). */
  gitOpsNotes(uri?: string): readonly GitOpsNote[] {
    return uri === undefined ? this.gitops.notes : this.gitops.notes.filter((note) => note.uri === uri);
  }

  /** What an object is declared for; cluster objects and unknown ones: the default. */
  declaredOf(resource: MeshResource): DeclaredTargets {
    return this.declared.get(resource) ?? DEFAULT_TARGETS;
  }

  /** The placement (range, governing modeline) of the document holding an authored object. */
  placementOf(resource: MeshResource): DocumentPlacement | undefined {
    if (!(resource.source instanceof FileSource)) return undefined;
    const startLine = resource.source.startLine;
    return this.files.get(resource.source.uri)?.targets.documents.find((d) => d.startLine === startLine);
  }

  fileTargets(uri: string): FileTargets | undefined {
    return this.files.get(uri)?.targets;
  }

  resourcesOf(uri: string): readonly MeshResource[] {
    return this.files.get(uri)?.resources ?? [];
  }

  uris(): string[] {
    return [...this.files.keys()];
  }

  private reassignAll(): MeshResource[] {
    const changed: MeshResource[] = [];
    for (const [uri, held] of this.files) {
      const targets = fileTargets(held.text, this.ruleFor(uri), this.gitops.targetsOf(uri));
      this.files.set(uri, { ...held, targets });
      changed.push(...this.assign(targets, held.resources));
    }
    return changed;
  }

  private ruleFor(uri: string): TargetRule | undefined {
    if (this.rules.size === 0) return undefined;
    const relative = this.relativePath(uri);
    return relative === undefined ? undefined : this.rules.match(relative);
  }

  private assign(targets: FileTargets, resources: readonly MeshResource[]): MeshResource[] {
    const byStart = new Map(targets.documents.map((document) => [document.startLine, document]));
    const changed: MeshResource[] = [];
    for (const resource of resources) {
      const start = resource.source instanceof FileSource ? resource.source.startLine : -1;
      const declared = byStart.get(start)?.declared ?? DEFAULT_TARGETS;
      const before = this.declared.get(resource);
      this.declared.set(resource, declared);
      if (before && !sameDeclaration(before, declared)) changed.push(resource);
    }
    return changed;
  }
}
