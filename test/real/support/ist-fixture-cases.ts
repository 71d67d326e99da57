/**
 * The IST fixture cases as differential cases: every YAML file of a case under
 * test/fixtures/analysis/IST*, cluster state included, and its mesh-config.yaml apart.
 */
import fs from 'node:fs';
import path from 'node:path';
import { FIXTURES } from '../../unit/analysis/fixture-cases';
import { type DiffCase } from './differential';

export function istFixtureCases(): DiffCase[] {
  const cases: DiffCase[] = [];
  for (const code of fs
    .readdirSync(FIXTURES)
    .filter((name) => name.startsWith('IST'))
    .sort()) {
    for (const analyzer of fs.readdirSync(path.join(FIXTURES, code)).sort()) {
      const group = `${code}/${analyzer}`;
      for (const name of fs.readdirSync(path.join(FIXTURES, group)).sort()) {
        const directory = path.join(FIXTURES, group, name);
        if (!fs.statSync(directory).isDirectory()) continue;
        const files = yamlFiles(directory).filter(
          (file) => path.basename(file) !== 'mesh-config.yaml' || path.dirname(file) !== directory,
        );
        const meshConfig = path.join(directory, 'mesh-config.yaml');
        cases.push({
          id: `${group}/${name}`,
          group,
          files,
          ...(fs.existsSync(meshConfig) ? { meshConfig } : {}),
        });
      }
    }
  }
  return cases;
}

function yamlFiles(directory: string): string[] {
  return fs
    .readdirSync(directory, { withFileTypes: true })
    .sort((a, b) => a.name.localeCompare(b.name))
    .flatMap((entry) => {
      const full = path.join(directory, entry.name);
      if (entry.isDirectory()) return yamlFiles(full);
      return entry.name.endsWith('.yaml') ? [full] : [];
    });
}
