/**
 * Generates `schemas/` from Istio's CRDs and the Gateway API's: one JSON Schema per kind and served version, the dispatcher
 * `istio.json` that picks a document's schema from its own apiVersion + kind, `index.json` (the catalogue
 * the language server and engine read) and `cel-rules.json` (CEL rules JSON Schema cannot express, and
 * the field defaults the API server applies before it evaluates them).
 * Pure: text in, files out; `main.ts` does the I/O.
 */
import { parseAllDocuments } from 'yaml';
import {
  type FieldDefault,
  type JsonSchema,
  type UntranslatedCelRule,
  SCHEMA_URI_PREFIX,
  convertCrdVersion,
  schemaFileName,
} from './crd-to-json-schema';

export interface KindVersionEntry {
  readonly group: string;
  readonly version: string;
  readonly kind: string;
  readonly apiVersion: string;
  readonly plural: string;
  readonly shortNames: readonly string[];
  /** The version the API server stores; the other served versions convert to it. */
  readonly storage: boolean;
  readonly deprecated: boolean;
  readonly file: string;
}

export interface SchemaIndex {
  readonly sources: readonly string[];
  readonly kinds: readonly KindVersionEntry[];
}

/**
 * One file of CRDs. `primary` sources give every served version of their kinds; a `versions-only` source
 * adds only the versions of those same kinds that no primary source serves (the Gateway API experimental
 * channel still serves v1alpha2 routes the standard channel has retired).
 */
export interface CrdSource {
  /** Path under schemas/, recorded in the outputs. */
  readonly file: string;
  readonly text: string;
  readonly role: 'primary' | 'versions-only';
}

interface CrdDocument {
  kind?: string;
  spec: {
    group: string;
    names: { kind: string; plural: string; shortNames?: string[] };
    versions: {
      name: string;
      served: boolean;
      storage: boolean;
      deprecated?: boolean;
      schema: { openAPIV3Schema: JsonSchema };
    }[];
  };
}

interface SourcedVersion {
  readonly source: string;
  readonly version: CrdDocument['spec']['versions'][number];
}

interface SourcedCrd {
  readonly group: string;
  readonly names: CrdDocument['spec']['names'];
  readonly versions: SourcedVersion[];
}

/** Relative path (under schemas/) -> file content. */
export type GeneratedFiles = Map<string, string>;

export const SOURCE_FILE = 'source/istio-crds.gen.yaml';

export function generateSchemas(sources: readonly CrdSource[]): GeneratedFiles {
  const files: GeneratedFiles = new Map();
  const entries: KindVersionEntry[] = [];
  const celRules: (UntranslatedCelRule & { apiVersion: string; kind: string })[] = [];
  const defaults: (FieldDefault & { apiVersion: string; kind: string })[] = [];

  const crds = collectCrds(sources);
  for (const crd of crds) {
    const { group, names } = crd;
    const versions = [...crd.versions].sort((a, b) => a.version.name.localeCompare(b.version.name));
    for (const { version } of versions) {
      const converted = convertCrdVersion({
        group,
        kind: names.kind,
        version: version.name,
        openAPIV3Schema: version.schema.openAPIV3Schema,
      });
      const file = schemaFileName(group, version.name, names.kind);
      files.set(file, serialize(converted.schema));
      const apiVersion = `${group}/${version.name}`;
      entries.push({
        group,
        version: version.name,
        kind: names.kind,
        apiVersion,
        plural: names.plural,
        shortNames: names.shortNames ?? [],
        storage: version.storage,
        deprecated: version.deprecated === true,
        file,
      });
      for (const rule of converted.celRules) celRules.push({ apiVersion, kind: names.kind, ...rule });
      for (const fieldDefault of converted.defaults)
        defaults.push({ apiVersion, kind: names.kind, ...fieldDefault });
    }
  }

  const sourceFiles = sources.map((source) => source.file);
  const index: SchemaIndex = { sources: sourceFiles, kinds: entries };
  files.set('index.json', serialize(index));
  files.set('istio.json', serialize(dispatcherSchema(entries)));
  files.set('cel-rules.json', serialize({ sources: sourceFiles, rules: celRules, defaults }));
  return files;
}

/** The CRDs of every source, each with its served versions and the file each version came from, sorted. */
function collectCrds(sources: readonly CrdSource[]): SourcedCrd[] {
  const byKind = new Map<string, SourcedCrd>();
  const parse = (source: CrdSource): CrdDocument[] =>
    parseAllDocuments(source.text)
      .map((doc) => doc.toJS() as CrdDocument | null)
      .filter(
        (doc): doc is CrdDocument =>
          doc?.spec?.names?.kind !== undefined &&
          (doc.kind ?? 'CustomResourceDefinition') === 'CustomResourceDefinition',
      );
  for (const source of sources.filter((s) => s.role === 'primary')) {
    for (const crd of parse(source)) {
      const key = `${crd.spec.group}/${crd.spec.names.kind}`;
      if (byKind.has(key)) throw new Error(`${key} is defined twice (again in ${source.file})`);
      byKind.set(key, {
        group: crd.spec.group,
        names: crd.spec.names,
        versions: crd.spec.versions
          .filter((v) => v.served)
          .map((version) => ({ source: source.file, version })),
      });
    }
  }
  for (const source of sources.filter((s) => s.role === 'versions-only')) {
    for (const crd of parse(source)) {
      const known = byKind.get(`${crd.spec.group}/${crd.spec.names.kind}`);
      if (!known) continue;
      for (const version of crd.spec.versions.filter((v) => v.served)) {
        if (known.versions.some((v) => v.version.name === version.name)) continue;
        // Another channel's version is never the storage version of the CRD the primary source installs.
        known.versions.push({ source: source.file, version: { ...version, storage: false } });
      }
    }
  }
  return [...byKind.values()].sort((a, b) =>
    `${a.group}/${a.names.kind}`.localeCompare(`${b.group}/${b.names.kind}`),
  );
}

/**
 * One schema for every YAML document: `if` apiVersion + kind name an Istio kind, `then` that kind's
 * schema. Documents that are not Istio objects match no branch and get no diagnostics from us. An Istio
 * group with an unknown version or kind is reported, because the API server would refuse it.
 */
export function dispatcherSchema(entries: readonly KindVersionEntry[]): JsonSchema {
  const branches: JsonSchema[] = entries.map((entry) => ({
    if: {
      type: 'object',
      required: ['apiVersion', 'kind'],
      properties: { apiVersion: { const: entry.apiVersion }, kind: { const: entry.kind } },
    },
    then: { $ref: SCHEMA_URI_PREFIX + entry.file },
  }));

  const groups = [...new Set(entries.map((e) => e.group))].sort();
  for (const group of groups) {
    const apiVersions = [
      ...new Set(entries.filter((e) => e.group === group).map((e) => e.apiVersion)),
    ].sort();
    branches.push({
      if: {
        type: 'object',
        required: ['apiVersion'],
        properties: { apiVersion: { type: 'string', pattern: `^${group.replace(/\./g, '\\.')}/` } },
      },
      then: {
        properties: {
          apiVersion: {
            enum: apiVersions,
            errorMessage: `Unknown version of ${group}. Served versions: ${apiVersions.join(', ')}.`,
          },
        },
      },
    });
    for (const apiVersion of apiVersions) {
      const kinds = entries.filter((e) => e.apiVersion === apiVersion).map((e) => e.kind);
      branches.push({
        if: {
          type: 'object',
          required: ['apiVersion', 'kind'],
          properties: { apiVersion: { const: apiVersion } },
        },
        then: {
          properties: {
            kind: {
              enum: kinds,
              errorMessage: `${apiVersion} has no such kind. Kinds: ${kinds.join(', ')}.`,
            },
          },
        },
      });
    }
  }

  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    $id: SCHEMA_URI_PREFIX + 'istio.json',
    title: 'Istio configuration',
    description: 'Selects the schema of each YAML document from its apiVersion and kind.',
    allOf: branches,
  };
}

function serialize(value: unknown): string {
  return JSON.stringify(value, null, 2) + '\n';
}
