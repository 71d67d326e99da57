/**
 * The YAML files the session knows (authored documents and clusters' files) and the objects in them.
 * Updating a file re-parses only the documents whose text changed; an unchanged document keeps its
 * MeshResources (and so its analysis results) and is only moved to its new line.
 */
import { type Range } from '../../mesh/diagnostic';
import { type ResourceFactory } from '../model/resource-factory';
import { type MeshResource } from '../model/resource';
import { type FileSource } from '../model/resource-sources';
import { type SegmentParser, type SegmentProblem } from '../../yaml/parsed-segment';
import { parseYamlFile } from '../../yaml/yaml-file';

type FileResource = MeshResource & { readonly source: FileSource };

export interface StoredFile {
  readonly uri: string;
  readonly cluster: string | null;
  readonly text: string;
  readonly helmTemplate: Range | null;
  /** Syntax problems, already placed in the file (used for files no schema check sees). */
  readonly problems: readonly SegmentProblem[];
  /** Documents not read because they exceed a bound (yaml-bounds.ts), placed in the file: one problem each. */
  readonly exceededBounds: readonly SegmentProblem[];
  readonly resources: readonly MeshResource[];
}

interface Entry extends StoredFile {
  readonly documents: readonly { readonly text: string; readonly resources: readonly FileResource[] }[];
}

export interface FileChange {
  readonly added: readonly MeshResource[];
  readonly removed: readonly MeshResource[];
}

export class DocumentStore {
  private readonly entries = new Map<string, Entry>();
  /** uri → keys of the entries with that uri (an authored file and a cluster's file may share one). */
  private readonly keysByUri = new Map<string, Set<string>>();

  constructor(
    private readonly parser: SegmentParser,
    private readonly factory: ResourceFactory,
  ) {}

  static key(uri: string, cluster: string | null): string {
    return `${cluster ?? ''}\u0000${uri}`;
  }

  get(key: string): StoredFile | undefined {
    return this.entries.get(key);
  }

  files(): IterableIterator<StoredFile> {
    return this.entries.values();
  }

  /** The stored files with this uri (usually one). */
  withUri(uri: string): StoredFile[] {
    return [...(this.keysByUri.get(uri) ?? [])].flatMap((key) => this.entries.get(key) ?? []);
  }

  /** Files of one cluster (null: authored documents). */
  filesOf(cluster: string | null): StoredFile[] {
    return [...this.entries.values()].filter((entry) => entry.cluster === cluster);
  }

  set(uri: string, text: string, cluster: string | null): FileChange {
    const key = DocumentStore.key(uri, cluster);
    const previous = this.entries.get(key);
    if (previous && previous.text === text) return { added: [], removed: [] };

    // Unchanged documents (same text) keep their resources, matched in order of appearance.
    const reusable = new Map<string, (readonly FileResource[])[]>();
    for (const document of previous?.documents ?? []) {
      const queue = reusable.get(document.text);
      if (queue) queue.push(document.resources);
      else reusable.set(document.text, [document.resources]);
    }

    const file = parseYamlFile(text, this.parser);
    const problems = file.segments.flatMap((placed) =>
      placed.parsed.problems.map((problem) => shiftProblem(problem, placed.segment.startLine)),
    );
    const exceededBounds = file.segments.flatMap(({ parsed, segment }) =>
      parsed.exceededBound ? [shiftProblem(parsed.exceededBound, segment.startLine)] : [],
    );
    // Pass 1: documents whose text is unchanged keep their resources and just move.
    const exact = file.segments.map((placed) => {
      const resources = reusable.get(placed.segment.text)?.shift();
      if (resources) for (const resource of resources) resource.source.startLine = placed.segment.startLine;
      return resources;
    });
    // Pass 2: a document whose text changed but whose objects did not (a comment, a blank line,
    // re-indentation) keeps its resources and their analysis; only their source moves to the new parse.
    const leftovers = new Map<string, FileResource[]>();
    for (const resource of [...reusable.values()].flat(2)) {
      const key = contentKey(resource);
      leftovers.set(key, [...(leftovers.get(key) ?? []), resource]);
    }
    const added: MeshResource[] = [];
    const documents = file.segments.map((placed, index) => {
      const unchanged = exact[index];
      if (unchanged) return { text: placed.segment.text, resources: unchanged };
      const origin = cluster === null ? 'authored' : 'cluster-file';
      const resources = placed.parsed.objects.map((object) => {
        const fresh = this.factory.fromSegment(uri, placed, object, cluster, origin);
        const candidates = leftovers.size === 0 ? [] : (leftovers.get(contentKey(fresh)) ?? []);
        const same = candidates.find((old) => old.reportable === fresh.reportable);
        if (!same) {
          added.push(fresh);
          return fresh;
        }
        candidates.splice(candidates.indexOf(same), 1);
        same.source.rebind(placed.parsed, object.basePath, placed.segment.startLine);
        return same;
      });
      return { text: placed.segment.text, resources };
    });
    const removed = [...leftovers.values()].flat();

    if (!this.keysByUri.has(uri)) this.keysByUri.set(uri, new Set());
    this.keysByUri.get(uri)!.add(key);
    this.entries.set(key, {
      uri,
      cluster,
      text,
      helmTemplate: file.helmTemplate,
      problems,
      exceededBounds,
      documents,
      resources: documents.flatMap((document) => document.resources),
    });
    return { added, removed };
  }

  delete(uri: string, cluster: string | null): FileChange {
    const key = DocumentStore.key(uri, cluster);
    const previous = this.entries.get(key);
    this.entries.delete(key);
    this.keysByUri.get(uri)?.delete(key);
    if (this.keysByUri.get(uri)?.size === 0) this.keysByUri.delete(uri);
    return { added: [], removed: previous?.resources ?? [] };
  }
}

/** Objects with equal content are interchangeable for analysis (key order aside, which YAML keeps). */
function contentKey(resource: MeshResource): string {
  return `${resource.apiVersion}\u0000${JSON.stringify(resource.object)}`;
}

function shiftProblem(problem: SegmentProblem, lines: number): SegmentProblem {
  return {
    message: problem.message,
    range: {
      start: { line: problem.range.start.line + lines, character: problem.range.start.character },
      end: { line: problem.range.end.line + lines, character: problem.range.end.character },
    },
  };
}
