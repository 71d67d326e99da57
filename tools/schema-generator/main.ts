/**
 * `npm run generate:schemas` writes schemas/ from schemas/source/: Istio's CRDs (istio-crds.gen.yaml) and
 * the Gateway API's (gateway-api/standard, plus the versions only gateway-api/experimental serves), and
 * server/src/mesh/istio-metadata-keys.json from Istio's label and annotation lists (source/istio/);
 * `--check` exits 1 and names the files that differ (the staleness test uses the same comparison).
 */
import fs from 'node:fs';
import path from 'node:path';
import { type CrdSource, SOURCE_FILE, generateSchemas } from './generate-schemas';
import { ANNOTATIONS_SOURCE, LABELS_SOURCE, generateMetadataKeys } from './generate-metadata-keys';

export const SCHEMAS_DIR = path.resolve(__dirname, '..', '..', 'schemas');

const GATEWAY_API_STANDARD = 'source/gateway-api/standard';
const GATEWAY_API_EXPERIMENTAL = 'source/gateway-api/experimental';

/** Every CRD file the schemas are generated from, in a fixed order. */
export function readCrdSources(schemasDir: string = SCHEMAS_DIR): CrdSource[] {
  const read = (file: string, role: CrdSource['role']): CrdSource => ({
    file,
    text: fs.readFileSync(path.join(schemasDir, file), 'utf8'),
    role,
  });
  const yamlFiles = (folder: string): string[] =>
    fs
      .readdirSync(path.join(schemasDir, folder))
      .filter((name) => name.endsWith('.yaml'))
      .sort()
      .map((name) => `${folder}/${name}`);
  return [
    read(SOURCE_FILE, 'primary'),
    ...yamlFiles(GATEWAY_API_STANDARD).map((file) => read(file, 'primary')),
    ...yamlFiles(GATEWAY_API_EXPERIMENTAL).map((file) => read(file, 'versions-only')),
  ];
}

/** Istio's label and annotation keys, for the language server (bundled with it, hence under server/). */
export const METADATA_KEYS_FILE = path.resolve(
  __dirname,
  '..',
  '..',
  'server',
  'src',
  'mesh',
  'istio-metadata-keys.json',
);

function metadataKeysText(schemasDir: string): string {
  const read = (file: string): string => fs.readFileSync(path.join(schemasDir, file), 'utf8');
  return generateMetadataKeys(read(LABELS_SOURCE), read(ANNOTATIONS_SOURCE));
}

/** Files under schemas/ that differ from what the generator makes now (missing, changed or extra). */
export function staleSchemaFiles(schemasDir: string = SCHEMAS_DIR): string[] {
  const expected = generateSchemas(readCrdSources(schemasDir));
  const stale: string[] = [];
  for (const [file, content] of expected) {
    const target = path.join(schemasDir, file);
    if (!fs.existsSync(target) || fs.readFileSync(target, 'utf8') !== content) stale.push(file);
  }
  for (const file of listGenerated(schemasDir)) {
    if (!expected.has(file)) stale.push(file);
  }
  if (schemasDir === SCHEMAS_DIR) {
    const keys = fs.existsSync(METADATA_KEYS_FILE) ? fs.readFileSync(METADATA_KEYS_FILE, 'utf8') : '';
    if (keys !== metadataKeysText(schemasDir)) stale.push(path.relative(schemasDir, METADATA_KEYS_FILE));
  }
  return stale.sort();
}

function listGenerated(dir: string, prefix = ''): string[] {
  const found: string[] = [];
  for (const entry of fs.readdirSync(path.join(dir, prefix), { withFileTypes: true })) {
    const relative = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (entry.isDirectory()) {
      if (relative !== 'source') found.push(...listGenerated(dir, relative));
    } else if (entry.name.endsWith('.json')) {
      found.push(relative);
    }
  }
  return found;
}

function writeSchemas(schemasDir: string): number {
  const files = generateSchemas(readCrdSources(schemasDir));
  for (const file of listGenerated(schemasDir)) {
    if (!files.has(file)) fs.rmSync(path.join(schemasDir, file));
  }
  for (const [file, content] of files) {
    fs.mkdirSync(path.dirname(path.join(schemasDir, file)), { recursive: true });
    fs.writeFileSync(path.join(schemasDir, file), content);
  }
  fs.writeFileSync(METADATA_KEYS_FILE, metadataKeysText(schemasDir));
  return files.size + 1;
}

if (require.main === module) {
  if (process.argv.includes('--check')) {
    const stale = staleSchemaFiles();
    if (stale.length > 0) {
      console.error(
        `schemas/ is stale (${stale.length} files): ${stale.join(', ')}. Run npm run generate:schemas.`,
      );
      process.exit(1);
    }
    console.log('schemas/ is up to date');
  } else {
    console.log(`wrote ${writeSchemas(SCHEMAS_DIR)} files (schemas/ and the label and annotation keys)`);
  }
}
