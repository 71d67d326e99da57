/**
 * `npm run lint:floors`: checks every TypeScript source against the floors table (floors.ts) and prints
 * each wrong import with the way out. Exit 1 on any.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { FLOORS, checkFloors, floorOf } from './floors';

const root = path.resolve(__dirname, '..', '..');
const tracked = execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard', '*.ts'], {
  cwd: root,
  encoding: 'utf8',
})
  .split('\n')
  .filter((file) => file && floorOf(file) && fs.existsSync(path.join(root, file)));
const violations = checkFloors(
  tracked.map((file) => ({ path: file, text: fs.readFileSync(path.join(root, file), 'utf8') })),
);
for (const violation of violations) {
  console.error(`${violation.file}: import '${violation.specifier}': ${violation.message}`);
}
if (violations.length > 0) {
  console.error(
    `\n${violations.length} import(s) against the floors (tools/floors/floors.ts, docs/architecture.md)`,
  );
  process.exit(1);
}
console.log(`floors: ${tracked.length} files on ${FLOORS.length} floors, every import goes down`);
