/**
 * Expected diagnostics written into fixture files as caret comments under the text they point at:
 *
 *       - bookinfo-gatway
 *   #     ^^^^^^^^^^^^^^^ IST0101 VirtualService bookinfo/reviews
 *       - name: http
 *   #           ^^^^ IST0170 Service bookinfo/reviews [cluster east]
 *
 * = a diagnostic with that code, exactly that range (on the line above), about that resource
 * (`namespace/name`, or just `name` for a cluster-scoped object), from that cluster (none: a document).
 */
import fs from 'node:fs';
import path from 'node:path';

export interface ExpectedDiagnostic {
  readonly file: string;
  readonly code: string;
  readonly range: {
    readonly start: { readonly line: number; readonly character: number };
    readonly end: { readonly line: number; readonly character: number };
  };
  readonly kind: string;
  readonly namespace: string;
  readonly name: string;
  readonly cluster: string | null;
}

const MARKER = /^#(\s*)(\^+)\s+(\S+)\s+(\S+)\s+(\S+)(?:\s+\[cluster (\S+)\])?\s*$/;

/** Markers of one file; `file` is the path the CLI shows for it. */
export function expectedIn(text: string, file: string): ExpectedDiagnostic[] {
  const expected: ExpectedDiagnostic[] = [];
  // Markers point at the line above them; several markers in a row point at the same line.
  let target = -1;
  text.split('\n').forEach((line, index) => {
    const match = MARKER.exec(line);
    if (!match) {
      target = index;
      return;
    }
    if (target === -1) return;
    const [, , carets = '', code = '', kind = '', resource = '', cluster] = match;
    const character = line.indexOf('^');
    const slash = resource.indexOf('/');
    expected.push({
      file,
      code,
      range: {
        start: { line: target, character },
        end: { line: target, character: character + carets.length },
      },
      kind,
      namespace: slash === -1 ? '' : resource.slice(0, slash),
      name: slash === -1 ? resource : resource.slice(slash + 1),
      cluster: cluster ?? null,
    });
  });
  return expected;
}

/** Markers of every YAML file under `directory` (absolute), shown as `display` joined with the relative path. */
export function expectedUnder(directory: string, display: string): ExpectedDiagnostic[] {
  const walk = (current: string): string[] =>
    fs
      .readdirSync(current, { withFileTypes: true })
      .flatMap((entry) =>
        entry.isDirectory() ? walk(path.join(current, entry.name)) : [path.join(current, entry.name)],
      )
      .filter((file) => /\.ya?ml$/.test(file));
  return walk(directory).flatMap((file) =>
    expectedIn(fs.readFileSync(file, 'utf8'), path.join(display, path.relative(directory, file))),
  );
}

/** A JSON diagnostic in the shape of ExpectedDiagnostic, for deepEqual over sorted lists. */
export function comparable(diagnostic: {
  file: string;
  code: string;
  range: ExpectedDiagnostic['range'];
  resource: { kind: string; namespace: string; name: string } | null;
  cluster: string | null;
}): ExpectedDiagnostic {
  return {
    file: diagnostic.file,
    code: diagnostic.code,
    range: diagnostic.range,
    kind: diagnostic.resource?.kind ?? '',
    namespace: diagnostic.resource?.namespace ?? '',
    name: diagnostic.resource?.name ?? '',
    cluster: diagnostic.cluster,
  };
}

export function sortedByPlace(list: readonly ExpectedDiagnostic[]): ExpectedDiagnostic[] {
  const key = (d: ExpectedDiagnostic): string =>
    `${d.file}\u0000${String(d.range.start.line).padStart(6, '0')}\u0000${String(d.range.start.character).padStart(4, '0')}\u0000${d.code}`;
  return [...list].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
}
