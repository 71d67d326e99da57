/**
 * The three kinds of ResourceSource: a document in a file, a live object rendered into its virtual
 * document, and a builtin object with no text at all.
 */
import { type Range } from '../../mesh/diagnostic';
import { type KubeObject } from '../../mesh/snapshot';
import { type FieldPath, type LocateOptions } from '../../yaml/node-locator';
import { liveObjectUri, renderLiveObject } from '../../yaml/live-object-document';
import { type ParsedSegment, parseSegment } from '../../yaml/parsed-segment';
import { type ResourceSource } from './resource';

/**
 * An object in a YAML file. `startLine` moves when lines are inserted above the document, and `rebind`
 * points it at a new parse when only comments or layout changed: the session updates the source instead
 * of re-analysing, which is how diagnostics follow the text as the user types.
 */
export class FileSource implements ResourceSource {
  constructor(
    readonly uri: string,
    private parsed: ParsedSegment,
    /** Path of the object inside its document (`['items', 2]` in a List). */
    private basePath: FieldPath,
    public startLine: number,
  ) {}

  rebind(parsed: ParsedSegment, basePath: FieldPath, startLine: number): void {
    this.parsed = parsed;
    this.basePath = basePath;
    this.startLine = startLine;
  }

  locate(path: FieldPath, options?: LocateOptions): Range {
    const relative = this.parsed.locate([...this.basePath, ...path], options);
    return {
      start: { line: relative.start.line + this.startLine, character: relative.start.character },
      end: { line: relative.end.line + this.startLine, character: relative.end.character },
    };
  }
}

/** A live object: ranges are computed on its rendering, lazily, since most objects are never reported. */
export class LiveObjectSource implements ResourceSource {
  readonly uri: string;
  private rendering: ParsedSegment | undefined;

  constructor(
    cluster: string,
    private readonly object: KubeObject,
  ) {
    this.uri = liveObjectUri(cluster, object.kind, object.metadata.namespace ?? '', object.metadata.name);
  }

  locate(path: FieldPath, options?: LocateOptions): Range {
    this.rendering ??= parseSegment(renderLiveObject(this.object));
    return this.rendering.locate(path, options);
  }
}

const NOWHERE: Range = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };

/** An object the engine assumes (offline default ingress gateway): it has no text to point at. */
export class BuiltinSource implements ResourceSource {
  constructor(readonly uri: string) {}

  locate(): Range {
    return NOWHERE;
  }
}
