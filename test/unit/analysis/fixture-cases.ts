/**
 * Runs analyzer fixture cases: directories under test/fixtures/analysis/<code>/<analyzer>/<case>/ with
 * - `*.yaml`: the documents being authored;
 * - `clusters/<name>/*.yaml` (optional): a cluster's state, as `--cluster <name>=<dir>`;
 * - `mesh-config.yaml` (optional): `--mesh-config`;
 * - `mesh-networks.yaml` (optional): `--mesh-networks`.
 * Expected diagnostics are caret comments under the line they point at:
 *
 *             subset: v3
 *     #               ^^ IST0101 VirtualService bookinfo/reviews | subset v3 of reviews.bookinfo
 *
 * = a diagnostic with that code, exactly that range, about that resource, whose message contains the
 * text after `|`. In a cluster's file the diagnostic must also name the cluster. Cases named `fires-*`
 * must have markers; `silent-*` cases must not, and must produce no diagnostic of the codes under test.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { type MeshDiagnostic } from '../../../server/src/mesh/diagnostic';
import { type ClusterFiles, type InputFile, analyze } from '../../../server/src/analysis/engine';

export const FIXTURES = path.resolve(__dirname, '../../fixtures/analysis');

/** Severities as the catalogue (docs/diagnostics.md) gives them, independent of codes.ts. */
const CATALOGUE_SEVERITY: Record<string, MeshDiagnostic['severity']> = {
  IST0002: 'warning',
  IST0101: 'error',
  IST0102: 'info',
  IST0103: 'warning',
  IST0106: 'error',
  IST0107: 'warning',
  IST0108: 'warning',
  IST0109: 'error',
  IST0110: 'error',
  IST0111: 'error',
  IST0112: 'error',
  IST0116: 'warning',
  IST0118: 'info',
  IST0123: 'warning',
  IST0125: 'warning',
  IST0126: 'error',
  IST0127: 'warning',
  IST0128: 'warning',
  IST0129: 'warning',
  IST0130: 'warning',
  IST0131: 'info',
  IST0132: 'warning',
  IST0134: 'warning',
  IST0135: 'info',
  IST0136: 'info',
  IST0137: 'warning',
  IST0138: 'warning',
  IST0139: 'error',
  IST0140: 'warning',
  IST0144: 'warning',
  IST0145: 'error',
  IST0146: 'warning',
  IST0147: 'error',
  IST0148: 'info',
  IST0149: 'error',
  IST0150: 'warning',
  IST0151: 'warning',
  IST0152: 'error',
  IST0153: 'error',
  IST0154: 'error',
  IST0155: 'warning',
  IST0157: 'warning',
  IST0158: 'warning',
  IST0159: 'error',
  IST0160: 'error',
  IST0161: 'error',
  IST0162: 'warning',
  IST0163: 'warning',
  IST0164: 'info',
  IST0165: 'warning',
  IST0166: 'warning',
  IST0167: 'warning',
  IST0170: 'warning',
  IST0171: 'warning',
  IST0173: 'error',
  IST0174: 'warning',
  IST0175: 'warning',
  IST0176: 'warning',
  IST0177: 'warning',
  MESH001: 'error',
  MESH002: 'info',
  MESH101: 'warning',
  MESH102: 'warning',
  MESH103: 'error',
  MESH104: 'warning',
  MESH105: 'warning',
  MESH106: 'warning',
  MESH107: 'error',
  MESH108: 'error',
  MESH109: 'warning',
  MESH110: 'error',
  MESH201: 'warning',
  MESH202: 'warning',
  MESH203: 'warning',
  MESH204: 'error',
  MESH205: 'error',
  MESH206: 'warning',
  MESH207: 'warning',
  MESH208: 'warning',
  MESH301: 'error',
  MESH302: 'error',
  MESH303: 'error',
  MESH304: 'warning',
  MESH305: 'warning',
  MESH306: 'error',
  MESH307: 'error',
  MESH308: 'warning',
  MESH401: 'error',
  MESH402: 'error',
  MESH403: 'warning',
  MESH404: 'error',
  MESH405: 'warning',
  MESH406: 'error',
  MESH407: 'warning',
  MESH408: 'error',
  MESH409: 'error',
  MESH410: 'warning',
};

interface Expected {
  readonly code: string;
  readonly uri: string;
  readonly line: number;
  readonly start: number;
  readonly end: number;
  readonly resource: string;
  readonly essence: string;
  readonly cluster: string | null;
}

const MARKER = /^(\s*#\s*)(\^+)\s+((?:IST|MESH)\d{3,4})\s+(\S+\s+\S+)\s*(?:\|\s*(.*))?$/;

export function readCase(directory: string): {
  documents: InputFile[];
  clusters: ClusterFiles[];
  meshConfig?: InputFile;
  meshNetworks?: InputFile;
  expected: Expected[];
} {
  const documents: InputFile[] = [];
  const expected: Expected[] = [];
  const read = (file: string, cluster: string | null): InputFile => {
    const uri = path.relative(directory, file).split(path.sep).join('/');
    const text = fs.readFileSync(file, 'utf8');
    expected.push(...markersOf(uri, text, cluster));
    return { uri, text };
  };
  let meshConfig: InputFile | undefined;
  let meshNetworks: InputFile | undefined;
  for (const entry of fs.readdirSync(directory).sort()) {
    const file = path.join(directory, entry);
    if (entry === 'mesh-config.yaml') meshConfig = read(file, null);
    else if (entry === 'mesh-networks.yaml') meshNetworks = read(file, null);
    else if (entry.endsWith('.yaml')) documents.push(read(file, null));
  }
  const clusters: ClusterFiles[] = [];
  const clustersDir = path.join(directory, 'clusters');
  if (fs.existsSync(clustersDir)) {
    for (const name of fs.readdirSync(clustersDir).sort()) {
      const dir = path.join(clustersDir, name);
      const files = fs
        .readdirSync(dir)
        .filter((entry) => entry.endsWith('.yaml'))
        .sort()
        .map((entry) => read(path.join(dir, entry), name));
      clusters.push({ name, files });
    }
  }
  return { documents, clusters, meshConfig, meshNetworks, expected };
}

function markersOf(uri: string, text: string, cluster: string | null): Expected[] {
  const lines = text.split('\n');
  const found: Expected[] = [];
  let target = -1;
  lines.forEach((line, index) => {
    const match = MARKER.exec(line);
    if (!match) {
      target = index;
      return;
    }
    const [, prefix = '', carets = '', code = '', resource = '', essence = ''] = match;
    found.push({
      code,
      uri,
      line: target,
      start: prefix.length,
      end: prefix.length + carets.length,
      resource,
      essence: essence.trim(),
      cluster,
    });
  });
  return found;
}

function format(d: {
  code: string;
  uri: string;
  line: number;
  start: number;
  end: number;
  resource: string;
  cluster: string | null;
}): string {
  return `${d.code} ${d.uri}:${d.line}:${d.start}-${d.end} ${d.resource}${d.cluster ? ` @${d.cluster}` : ''}`;
}

/** Registers one mocha test per case directory of `relative` (e.g. `IST0101/virtualservice-gateways`). */
export function describeFixtureCases(relative: string, codes: readonly string[]): void {
  const root = path.join(FIXTURES, relative);
  const cases = fs.readdirSync(root).filter((entry) => fs.statSync(path.join(root, entry)).isDirectory());
  it('has firing and silent cases', () => {
    assert.ok(
      cases.some((name) => name.startsWith('fires-')),
      `${relative} needs a fires-* case`,
    );
    assert.ok(
      cases.some((name) => name.startsWith('silent-')),
      `${relative} needs a silent-* case`,
    );
  });
  for (const name of cases.sort()) {
    it(name, () => {
      const input = readCase(path.join(root, name));
      const wanted = input.expected.filter((e) => codes.includes(e.code));
      if (name.startsWith('fires-')) assert.ok(wanted.length > 0, `${name} has no caret markers`);
      if (name.startsWith('silent-')) assert.equal(wanted.length, 0, `${name} must not have markers`);

      const result = analyze({
        documents: input.documents,
        clusters: input.clusters,
        meshConfig: input.meshConfig,
        meshNetworks: input.meshNetworks,
      });
      assert.deepEqual(result.failures, []);
      const actual = result.diagnostics.filter((d) => codes.includes(d.code));
      assert.deepEqual(
        actual
          .map((d) =>
            format({
              code: d.code,
              uri: d.uri,
              line: d.range.start.line,
              start: d.range.start.character,
              end: d.range.end.character,
              resource: `${d.resource?.kind} ${d.resource?.namespace ? `${d.resource.namespace}/` : ''}${d.resource?.name}`,
              cluster: d.cluster,
            }),
          )
          .sort(),
        wanted.map(format).sort(),
        `diagnostics of ${codes.join(', ')}:\n${actual.map((d) => `  ${d.code} ${d.message}`).join('\n')}`,
      );
      for (const expectation of wanted) {
        const diagnostic = actual.find(
          (d) =>
            d.uri === expectation.uri &&
            d.range.start.line === expectation.line &&
            d.code === expectation.code,
        )!;
        assert.equal(diagnostic.range.end.line, expectation.line, 'a diagnostic range stays on one line');
        assert.equal(diagnostic.severity, CATALOGUE_SEVERITY[expectation.code]);
        assert.ok(
          diagnostic.message.includes(expectation.essence),
          `message of ${format(expectation)}:\n  ${diagnostic.message}\ndoes not contain\n  ${expectation.essence}`,
        );
      }
    });
  }
}
