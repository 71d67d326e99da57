/**
 * Writes simulator/src/registry/istio-crd-metadata.json from Istio's CRDs (schemas/source), and
 * gateway-api-crd-metadata.json from the Gateway API's standard channel (schemas/source/gateway-api):
 * the facts an API server takes from a CRD besides its schema (names, categories, printer columns,
 * status subresource, associative lists). The simulator reads these small files at start instead of
 * parsing over 2 MB of CRD YAML (seconds) every time. `--check` exits 1 when a committed file's content
 * is stale; the test `sim-registry.test.ts` runs the same comparison.
 *
 *   npx tsx simulator/scripts/generate-crd-metadata.ts [--check]
 */
import fs from 'node:fs';
import path from 'node:path';
import YAML from 'yaml';

export const CRD_SOURCE = path.resolve(__dirname, '..', '..', 'schemas', 'source', 'istio-crds.gen.yaml');
export const METADATA_FILE = path.resolve(__dirname, '..', 'src', 'registry', 'istio-crd-metadata.json');
export const GATEWAY_API_CRD_DIRECTORY = path.resolve(
  __dirname,
  '..',
  '..',
  'schemas',
  'source',
  'gateway-api',
  'standard',
);
export const GATEWAY_API_METADATA_FILE = path.resolve(
  __dirname,
  '..',
  'src',
  'registry',
  'gateway-api-crd-metadata.json',
);

/** The Gateway API CRD files (one CRD each; the ValidatingAdmissionPolicy beside them is no CRD). */
export function gatewayApiCrdSource(): string {
  return fs
    .readdirSync(GATEWAY_API_CRD_DIRECTORY)
    .filter((file) => file.endsWith('.yaml'))
    .sort()
    .map((file) => fs.readFileSync(path.join(GATEWAY_API_CRD_DIRECTORY, file), 'utf8'))
    .join('\n---\n');
}

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
  kind?: string;
  spec: {
    group: string;
    scope: string;
    names: { kind: string; plural: string; singular?: string; shortNames?: string[]; categories?: string[] };
    versions: CrdVersion[];
  };
}

/** The metadata file's content for the given CRD YAML text (stable key order, trailing newline). */
export function crdMetadataFromSource(
  yamlText: string,
  source = 'schemas/source/istio-crds.gen.yaml',
): string {
  const crds = YAML.parseAllDocuments(yamlText)
    .map((document) => document.toJS() as Crd | null)
    .filter(
      (crd): crd is Crd =>
        crd != null &&
        typeof crd === 'object' &&
        'spec' in crd &&
        (crd.kind ?? 'CustomResourceDefinition') === 'CustomResourceDefinition',
    );
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
  return `${JSON.stringify({ source, kinds }, null, 2)}\n`;
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

/** Each metadata file with the content its CRDs give it now. */
export function expectedMetadataFiles(): { file: string; content: string }[] {
  return [
    { file: METADATA_FILE, content: crdMetadataFromSource(fs.readFileSync(CRD_SOURCE, 'utf8')) },
    {
      file: GATEWAY_API_METADATA_FILE,
      content: crdMetadataFromSource(gatewayApiCrdSource(), 'schemas/source/gateway-api/standard'),
    },
  ];
}

if (require.main === module) {
  for (const { file, content } of expectedMetadataFiles()) {
    const name = path.basename(file);
    if (process.argv.includes('--check')) {
      if (!metadataIsCurrent(fs.readFileSync(file, 'utf8'), content)) {
        console.error(`${file} is stale; run npx tsx simulator/scripts/generate-crd-metadata.ts`);
        process.exit(1);
      }
      console.log(`${name} is up to date`);
    } else {
      fs.writeFileSync(file, content);
      console.log(`wrote ${file}`);
    }
  }
}
