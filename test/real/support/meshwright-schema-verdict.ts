/**
 * Meshwright's verdict on one document, in-process and as a user gets it: the schema service's
 * diagnostics (structural schema, YAML syntax) plus the engine's IST0106 (the CRDs' CEL rules), with the
 * field each one points at, written the way the API server writes field paths.
 */
import { TextDocument } from 'vscode-languageserver-textdocument';
import { analyze } from '../../../server/src/analysis/engine';
import {
  type MeshDiagnostic,
  SCHEMA_VALIDATION_ERROR,
  YAML_SYNTAX_ERROR,
} from '../../../server/src/mesh/diagnostic';
import { SchemaLanguageService } from '../../../server/src/yaml/schema-language-service';
import { SegmentFields } from '../../../server/src/yaml/schema-messages';

export interface SchemaVerdict {
  readonly rejected: boolean;
  /** Field paths as the API server writes them (`spec.http[0].route[0].weight`). */
  readonly fields: readonly string[];
  readonly messages: readonly string[];
}

const URI = 'file:///schema-oracle/document.yaml';
const SCHEMA_CODES = new Set([SCHEMA_VALIDATION_ERROR, YAML_SYNTAX_ERROR]);

export class MeshwrightSchemaJudge {
  private readonly schema = new SchemaLanguageService();

  async verdict(text: string): Promise<SchemaVerdict> {
    const diagnostics: MeshDiagnostic[] = [
      ...(await this.schema.validate(URI, text)).filter((diagnostic) => SCHEMA_CODES.has(diagnostic.code)),
      ...analyze({ documents: [{ uri: URI, text }] }).diagnostics.filter(
        (diagnostic) => diagnostic.code === SCHEMA_VALIDATION_ERROR && diagnostic.uri === URI,
      ),
    ];
    const document = TextDocument.create(URI, 'yaml', 1, text);
    const fields = new SegmentFields(text);
    return {
      rejected: diagnostics.length > 0,
      fields: diagnostics.flatMap((diagnostic) => {
        const location = fields.fieldAt(
          document.offsetAt(diagnostic.range.start),
          document.offsetAt(diagnostic.range.end),
        );
        return fieldsNamedBy(diagnostic.message, location.path, location.onKey);
      }),
      messages: diagnostics.map((diagnostic) => diagnostic.message),
    };
  }
}

/** `Gateway spec.servers[0].port is missing the required field "number".` */
const MISSING_REQUIRED = /^\S+ (?:(\S+) )?is missing the required field "([^"]+)"/;

/**
 * The fields a diagnostic is about: the one under its range, and the mapping whose key the range covers
 * (a mapping's problem, like too many entries, is shown on its first key), and for an entry of a
 * metadata map the map. A field that is missing has
 * no range; the message names it after the mapping it belongs in.
 */
function fieldsNamedBy(message: string, path: readonly (string | number)[], onKey: boolean): string[] {
  const missing = MISSING_REQUIRED.exec(message);
  if (missing) return [[missing[1], missing[2]].filter(Boolean).join('.')];
  const named = [apiServerFieldPath(path)];
  if (onKey && path.length > 1) named.push(apiServerFieldPath(path.slice(0, -1)));
  // The server names a metadata map (`metadata.labels`) for a problem with one of its entries.
  if (path[0] === 'metadata' && path.length > 2) named.push(apiServerFieldPath(path.slice(0, 2)));
  return named;
}

/** `spec.http[0].route[0].weight`; map keys as properties (normaliseFieldPath reads the server's alike). */
export function apiServerFieldPath(path: readonly (string | number)[]): string {
  return path
    .map((step, index) => (typeof step === 'number' ? `[${step}]` : index === 0 ? step : `.${step}`))
    .join('');
}

/** The API server writes map keys as `[key]`; they compare as properties. */
export function normaliseFieldPath(field: string): string {
  return field.replace(/\[([^\]]*[^\]\d][^\]]*)\]/g, '.$1');
}
