/**
 * Writes simulator/src/registry/istio-crd-metadata.json from Istio's CRDs (schemas/source): the facts an
 * API server takes from a CRD besides its schema (names, categories, printer columns, status
 * subresource, associative lists). The simulator reads this small file at start instead of parsing the
 * 1 MB CRD YAML (over a second) every time. `--check` exits 1 when the committed file's content is
 * stale; the test `sim-registry.test.ts` runs the same comparison.
 *
 *   npx tsx simulator/scripts/generate-crd-metadata.ts [--check]
 */
import fs from 'node:fs';
import path from 'node:path';
import YAML from 'yaml';

export const CRD_SOURCE = path.resolve(__dirname, '..', '..', 'schemas', 'source', 'istio-crds.gen.yaml');
export const METADATA_FILE = path.resolve(__dirname, '..', 'src', 'registry', 'istio-crd-metadata.json');

interface CrdPrinterColumn {
  name: string;
  type: string;
  jsonPath: string;
  description?: string;
  priority?: number;
  format?: string;
}

interface CrdVersion {
  name: string;
  served: boolean;
  storage: boolean;
  subresources?: { status?: unknown };
  additionalPrinterColumns?: CrdPrinterColumn[];
  schema?: { openAPIV3Schema?: SchemaNode };
}

interface SchemaNode {
  type?: string;
  properties?: Record<string, SchemaNode>;
  items?: SchemaNode;
  'x-kubernetes-list-type'?: string;
  'x-kubernetes-list-map-keys'?: string[];
}

interface Crd {
  spec: {
    group: string;
    scope: string;
    names: { kind: string; plural: string; singular?: string; shortNames?: string[]; categories?: string[] };
    versions: CrdVersion[];
  };
}

/** The metadata file's content for the given CRD YAML text (stable key order, trailing newline). */
export function crdMetadataFromSource(yamlText: string): string {
  const crds = YAML.parseAllDocuments(yamlText)
    .map((document) => document.toJS() as Crd | null)
    .filter((crd): crd is Crd => crd != null && typeof crd === 'object' && 'spec' in crd);
  const kinds = crds.map((crd) => ({
    group: crd.spec.group,
    kind: crd.spec.names.kind,
    plural: crd.spec.names.plural,
    singular: crd.spec.names.singular ?? crd.spec.names.kind.toLowerCase(),
    shortNames: crd.spec.names.shortNames ?? [],
    categories: crd.spec.names.categories ?? [],
    namespaced: crd.spec.scope === 'Namespaced',
    versions: crd.spec.versions.map((version) => ({
      name: version.name,
      served: version.served,
      storage: version.storage,
      statusSubresource: version.subresources?.status !== undefined,
      printerColumns: (version.additionalPrinterColumns ?? []).map((column) => ({
        name: column.name,
        type: column.type,
        jsonPath: column.jsonPath,
        ...(column.format ? { format: column.format } : {}),
        ...(column.priority ? { priority: column.priority } : {}),
        description: column.description ?? '',
      })),
      associativeLists: associativeLists(version.schema?.openAPIV3Schema),
    })),
  }));
  kinds.sort((a, b) => `${a.group}/${a.kind}`.localeCompare(`${b.group}/${b.kind}`));
  return `${JSON.stringify({ source: 'schemas/source/istio-crds.gen.yaml', kinds }, null, 2)}\n`;
}

/** Paths (dot-separated, `[]` for list items) of the `x-kubernetes-list-type: map` lists, with their keys. */
function associativeLists(schema: SchemaNode | undefined, prefix = ''): Record<string, string[]> {
  const found: Record<string, string[]> = {};
  if (!schema) return found;
  if (schema['x-kubernetes-list-type'] === 'map' && schema['x-kubernetes-list-map-keys']) {
    found[prefix] = schema['x-kubernetes-list-map-keys'];
  }
  if (schema.items) Object.assign(found, associativeLists(schema.items, `${prefix}[]`));
  for (const [name, child] of Object.entries(schema.properties ?? {})) {
    Object.assign(found, associativeLists(child, prefix ? `${prefix}.${name}` : name));
  }
  return found;
}

/** Compares content, not formatting: Prettier may reflow the committed JSON. */
export function metadataIsCurrent(committed: string, expected: string): boolean {
  return JSON.stringify(JSON.parse(committed)) === JSON.stringify(JSON.parse(expected));
}

if (require.main === module) {
  const expected = crdMetadataFromSource(fs.readFileSync(CRD_SOURCE, 'utf8'));
  if (process.argv.includes('--check')) {
    if (!metadataIsCurrent(fs.readFileSync(METADATA_FILE, 'utf8'), expected)) {
      console.error(`${METADATA_FILE} is stale; run npx tsx simulator/scripts/generate-crd-metadata.ts`);
      process.exit(1);
    }
    console.log('istio-crd-metadata.json is up to date');
  } else {
    fs.writeFileSync(METADATA_FILE, expected);
    console.log(`wrote ${METADATA_FILE}`);
  }
}
