/**
 * The floors check (tools/floors): the repository as it is has no import going up or sideways, and the
 * check does fail on a wrong import, on a client reaching into the server, and on a cycle.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { checkFloors, floorOf } from '../../tools/floors/floors';

const ROOT = path.resolve(__dirname, '..', '..');

describe('floors: imports go down only', () => {
  it('holds for every source of the repository', () => {
    const files = execFileSync('git', ['ls-files', '*.ts'], { cwd: ROOT, encoding: 'utf8' })
      .split('\n')
      .filter((file) => file && floorOf(file) && fs.existsSync(path.join(ROOT, file)))
      .map((file) => ({ path: file, text: fs.readFileSync(path.join(ROOT, file), 'utf8') }));
    assert.ok(files.length > 300, `${files.length} files`);
    assert.deepEqual(checkFloors(files), []);
  });

  it('fails on the analysis importing the topology (a floor sideways)', () => {
    const violations = checkFloors([
      {
        path: 'server/src/analysis/analyzers/example.ts',
        text: "import { type ClusterHealth } from '../../topology/cluster-health';\n",
      },
    ]);
    assert.equal(violations.length, 1);
    assert.equal(violations[0]?.specifier, '../../topology/cluster-health');
    assert.match(
      violations[0]?.message ?? '',
      /server\/src\/analysis .* may not import server\/src\/topology; it may import server\/src\/yaml/,
    );
  });

  it('fails on the ground floor importing a floor above it, and on the client reaching into the server', () => {
    const violations = checkFloors([
      { path: 'server/src/mesh/example.ts', text: "export { x } from '../yaml/yaml-file';\n" },
      {
        path: 'client/src/views/example.ts',
        text: "import type { KubeObject } from '../../../server/src/mesh/snapshot';\n",
      },
      {
        path: 'client/src/views/fine.ts',
        text: "import { TOPOLOGY_REQUEST } from '../../../protocol/requests';\n",
      },
    ]);
    assert.deepEqual(
      violations.map((violation) => violation.file),
      ['server/src/mesh/example.ts', 'client/src/views/example.ts'],
    );
  });

  it('reports floors that import each other', () => {
    const violations = checkFloors([
      { path: 'server/src/cli/a.ts', text: "import '../lsp/b';\n" },
      { path: 'server/src/lsp/b.ts', text: "import '../cli/a';\n" },
    ]);
    assert.ok(
      violations.some((violation) =>
        /floors import each other: server\/src\/cli -> server\/src\/lsp -> server\/src\/cli/.test(
          violation.message,
        ),
      ),
    );
  });
});
