/**
 * The generated Istio and Gateway API schemas (schemas/, see tools/schema-generator): where they are on disk, which kinds
 * and versions exist, and the schema text yaml-language-server asks for. Nothing here touches the network:
 * every schema URI is `meshwright://schemas/...` and is served from the package's own files.
 */
import fs from 'node:fs';
import path from 'node:path';

export const SCHEMA_URI_PREFIX = 'meshwright://schemas/';
export const DISPATCHER_SCHEMA_URI = `${SCHEMA_URI_PREFIX}istio.json`;

export interface KindVersionEntry {
  readonly group: string;
  readonly version: string;
  readonly kind: string;
  readonly apiVersion: string;
  readonly plural: string;
  readonly shortNames: readonly string[];
  readonly storage: boolean;
  readonly deprecated: boolean;
  readonly file: string;
}

export class SchemaCatalog {
  private readonly byApiVersionKind = new Map<string, KindVersionEntry>();
  private readonly texts = new Map<string, string>();

  constructor(
    readonly directory: string,
    readonly entries: readonly KindVersionEntry[],
  ) {
    for (const entry of entries) this.byApiVersionKind.set(`${entry.apiVersion} ${entry.kind}`, entry);
  }

  static load(directory: string = locateSchemasDirectory()): SchemaCatalog {
    const index = JSON.parse(fs.readFileSync(path.join(directory, 'index.json'), 'utf8')) as {
      kinds: KindVersionEntry[];
    };
    return new SchemaCatalog(directory, index.kinds);
  }

  find(apiVersion: string, kind: string): KindVersionEntry | undefined {
    return this.byApiVersionKind.get(`${apiVersion} ${kind}`);
  }

  /** A kind's schema, freshly parsed (callers may annotate it); undefined when it cannot be read. */
  readSchema(entry: KindVersionEntry): object | undefined {
    try {
      const parsed = JSON.parse(fs.readFileSync(path.join(this.directory, entry.file), 'utf8')) as unknown;
      return typeof parsed === 'object' && parsed !== null ? parsed : undefined;
    } catch {
      return undefined;
    }
  }

  /** True for apiVersions of an Istio API group, known version or not. */
  isIstioApiVersion(apiVersion: string): boolean {
    return ISTIO_GROUP_PATTERN.test(apiVersion);
  }

  /** The schema request service for yaml-language-server: our URIs only, from disk, cached. */
  readonly requestSchema = (uri: string): Promise<string> => {
    if (!uri.startsWith(SCHEMA_URI_PREFIX)) {
      return Promise.reject(new Error(`Meshwright serves only bundled schemas; refused ${uri}`));
    }
    const relative = uri.slice(SCHEMA_URI_PREFIX.length);
    const cached = this.texts.get(relative);
    if (cached !== undefined) return Promise.resolve(cached);
    const file = path.resolve(this.directory, relative);
    if (!file.startsWith(path.resolve(this.directory) + path.sep)) {
      return Promise.reject(new Error(`schema path escapes the schemas directory: ${uri}`));
    }
    try {
      const text = fs.readFileSync(file, 'utf8');
      this.texts.set(relative, text);
      return Promise.resolve(text);
    } catch (error) {
      return Promise.reject(error instanceof Error ? error : new Error(String(error)));
    }
  };
}

const ISTIO_GROUP_PATTERN = /^(networking|security|telemetry|extensions)\.istio\.io\//;

/**
 * Finds schemas/ whether we run from the sources (server/src/yaml) or from a bundle (dist/server):
 * walk up from this file until a directory holds schemas/index.json. MESHWRIGHT_SCHEMAS_DIR overrides.
 */
export function locateSchemasDirectory(start: string = __dirname): string {
  const override = process.env.MESHWRIGHT_SCHEMAS_DIR;
  if (override) return override;
  let dir = start;
  for (;;) {
    const candidate = path.join(dir, 'schemas');
    if (fs.existsSync(path.join(candidate, 'index.json'))) return candidate;
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`Meshwright schemas not found above ${start}; reinstall the package`);
    dir = parent;
  }
}
