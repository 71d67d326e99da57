/**
 * `npm run generate:schemas` writes schemas/ from schemas/source/istio-crds.gen.yaml;
 * `--check` exits 1 and names the files that differ (the staleness test uses the same comparison).
 */
import fs from 'node:fs';
import path from 'node:path';
import { SOURCE_FILE, generateSchemas } from './generate-schemas';

export const SCHEMAS_DIR = path.resolve(__dirname, '..', '..', 'schemas');

/** Files under schemas/ that differ from what the generator makes now (missing, changed or extra). */
export function staleSchemaFiles(schemasDir: string = SCHEMAS_DIR): string[] {
  const expected = generateSchemas(fs.readFileSync(path.join(schemasDir, SOURCE_FILE), 'utf8'));
  const stale: string[] = [];
  for (const [file, content] of expected) {
    const target = path.join(schemasDir, file);
    if (!fs.existsSync(target) || fs.readFileSync(target, 'utf8') !== content) stale.push(file);
  }
  for (const file of listGenerated(schemasDir)) {
    if (!expected.has(file)) stale.push(file);
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
  const files = generateSchemas(fs.readFileSync(path.join(schemasDir, SOURCE_FILE), 'utf8'));
  for (const file of listGenerated(schemasDir)) {
    if (!files.has(file)) fs.rmSync(path.join(schemasDir, file));
  }
  for (const [file, content] of files) {
    fs.mkdirSync(path.dirname(path.join(schemasDir, file)), { recursive: true });
    fs.writeFileSync(path.join(schemasDir, file), content);
  }
  return files.size;
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
    console.log(`wrote ${writeSchemas(SCHEMAS_DIR)} files to schemas/`);
  }
}
