/**
 * Reads schemas/cel-rules.json from the package's schemas directory and builds the rule index, once
 * per directory. The only I/O of the CEL module lives here, so everything else stays pure; callers
 * that already hold the parsed file use CelRuleIndex.fromFile instead.
 */
import fs from 'node:fs';
import path from 'node:path';
import { locateSchemasDirectory } from '../../yaml/schema-catalog';
import { CelRuleIndex } from './cel-rule-index';

export const CEL_RULES_FILE = 'cel-rules.json';

const loaded = new Map<string, CelRuleIndex>();

/**
 * The CEL rule index of the bundled schemas. Throws when the file is missing or is not JSON, which
 * means a broken installation: the message names the file and how to restore it.
 */
export function loadCelRuleIndex(schemasDirectory: string = locateSchemasDirectory()): CelRuleIndex {
  const cached = loaded.get(schemasDirectory);
  if (cached) return cached;
  const file = path.join(schemasDirectory, CEL_RULES_FILE);
  let parsed: unknown;
  try {
    parsed = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (error) {
    const cause = error instanceof Error ? error.message : String(error);
    throw new Error(
      `cannot read the CRDs' CEL rules from ${file} (${cause}); reinstall Meshwright, or run ` +
        '`npm run generate:schemas` in a source checkout',
      { cause: error },
    );
  }
  const index = CelRuleIndex.fromFile(parsed);
  loaded.set(schemasDirectory, index);
  return index;
}
