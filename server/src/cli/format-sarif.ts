/**
 * The SARIF 2.1.0 format, for code-scanning UIs (GitHub code scanning and the like): one run whose
 * driver lists a rule for every code that appears, one result per diagnostic. SARIF regions are 1-based
 * with an exclusive end column and count UTF-16 code units, so an LSP range maps over by adding 1.
 * Files under the working directory get a relative URI against %SRCROOT% (what code scanning matches
 * to the repository); others an absolute file URI; standard input is `-`.
 */
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { CODES } from '../mesh/codes';
import { type MeshDiagnostic, type Range, type Severity, documentationUrl } from '../mesh/diagnostic';
import { type AnalysisReport } from './analysis-report';

export const SARIF_SCHEMA_URI = 'https://json.schemastore.org/sarif-2.1.0.json';
const SOURCE_ROOT = '%SRCROOT%';

export interface SarifFormatOptions {
  /** Relative URIs are relative to this directory (the CLI's working directory). */
  readonly cwd: string;
  readonly toolVersion: string;
  readonly informationUri?: string;
}

interface ArtifactLocation {
  readonly uri: string;
  readonly uriBaseId?: string;
}

const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = {
  error: 'error',
  warning: 'warning',
  info: 'note',
};

export function formatSarif(report: AnalysisReport, options: SarifFormatOptions): string {
  const codes = [...new Set(report.diagnostics.map((diagnostic) => diagnostic.code))].sort();
  const ruleIndex = new Map(codes.map((code, index) => [code, index]));
  const locate = (uri: string): ArtifactLocation => artifactLocation(uri, report, options.cwd);

  const log = {
    $schema: SARIF_SCHEMA_URI,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'meshwright',
            version: options.toolVersion,
            semanticVersion: options.toolVersion,
            ...(options.informationUri ? { informationUri: options.informationUri } : {}),
            rules: codes.map(sarifRule),
          },
        },
        originalUriBaseIds: { [SOURCE_ROOT]: { uri: directoryUri(options.cwd) } },
        columnKind: 'utf16CodeUnits',
        results: report.diagnostics.map((diagnostic) => sarifResult(diagnostic, ruleIndex, locate)),
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}

/** A rule per code from the catalogue (mesh/codes.ts): istioctl's name, summary and severity. */
function sarifRule(code: string): object {
  const info = CODES.get(code);
  const helpUri = documentationUrl(code);
  return {
    id: code,
    ...(info ? { name: info.name } : {}),
    shortDescription: { text: info?.summary ?? `Meshwright check ${code}.` },
    ...(helpUri ? { helpUri } : {}),
    ...(info ? { defaultConfiguration: { level: LEVEL[info.severity] } } : {}),
  };
}

function sarifResult(
  diagnostic: MeshDiagnostic,
  ruleIndex: ReadonlyMap<string, number>,
  locate: (uri: string) => ArtifactLocation,
): object {
  const properties = {
    ...(diagnostic.resource ? { resource: diagnostic.resource } : {}),
    ...(diagnostic.cluster ? { cluster: diagnostic.cluster } : {}),
    ...(diagnostic.source
      ? { source: { kind: diagnostic.source.kind, overlay: diagnostic.source.overlay } }
      : {}),
  };
  return {
    ruleId: diagnostic.code,
    ruleIndex: ruleIndex.get(diagnostic.code),
    level: LEVEL[diagnostic.severity],
    message: { text: diagnostic.message },
    locations: [
      {
        physicalLocation: { artifactLocation: locate(diagnostic.uri), region: sarifRegion(diagnostic.range) },
      },
    ],
    ...(diagnostic.related.length > 0
      ? {
          relatedLocations: diagnostic.related.map((related, index) => ({
            id: index,
            physicalLocation: { artifactLocation: locate(related.uri), region: sarifRegion(related.range) },
            message: {
              text: related.cluster ? `${related.message} [cluster ${related.cluster}]` : related.message,
            },
          })),
        }
      : {}),
    ...(Object.keys(properties).length > 0 ? { properties } : {}),
  };
}

export function sarifRegion(range: Range): {
  startLine: number;
  startColumn: number;
  endLine: number;
  endColumn: number;
} {
  return {
    startLine: range.start.line + 1,
    startColumn: range.start.character + 1,
    endLine: range.end.line + 1,
    endColumn: range.end.character + 1,
  };
}

function artifactLocation(uri: string, report: AnalysisReport, cwd: string): ArtifactLocation {
  const display = report.displayPath(uri);
  // Not an input file (a live cluster's object, later): its URI is already absolute.
  if (display === uri) return { uri };
  if (!uri.startsWith('file:')) return { uri: display };
  const absolute = path.resolve(cwd, display);
  const relative = path.relative(cwd, absolute);
  if (relative === '' || relative.startsWith('..') || path.isAbsolute(relative)) {
    return { uri: pathToFileURL(absolute).href };
  }
  return { uri: relative.split(path.sep).map(encodeURIComponent).join('/'), uriBaseId: SOURCE_ROOT };
}

function directoryUri(directory: string): string {
  const href = pathToFileURL(directory).href;
  return href.endsWith('/') ? href : `${href}/`;
}
