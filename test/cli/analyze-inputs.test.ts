// `meshwright analyze` inputs: directories walked in a stable order, standard input, malformed YAML,
// binary and non-UTF-8 files (diagnostics, not crashes), and unreadable paths (exit 2, one line).
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { FIXTURES, assertCliBuilt, jsonDiagnostics, readFixture, runCli } from './support/cli-process';

/** A copy of fixtures/cli/tree plus a node_modules directory (git ignores node_modules, so it is made here). */
function treeWithNodeModules(): { root: string; cleanup: () => void } {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'meshwright-cli-'));
  fs.cpSync(path.join(FIXTURES, 'tree'), path.join(root, 'tree'), { recursive: true });
  fs.mkdirSync(path.join(root, 'tree', 'node_modules', 'some-chart'), { recursive: true });
  fs.copyFileSync(
    path.join(FIXTURES, 'weight-fifty.yaml'),
    path.join(root, 'tree', 'node_modules', 'some-chart', 'weight-fifty.yaml'),
  );
  return { root, cleanup: () => fs.rmSync(root, { recursive: true, force: true }) };
}

describe('meshwright analyze: inputs', () => {
  before(assertCliBuilt);

  describe('directories', () => {
    it('walks .yaml, .yml and .json files in sorted order, skipping node_modules and dot-directories', () => {
      const { root, cleanup } = treeWithNodeModules();
      try {
        const result = runCli(['analyze', 'tree', '--format', 'json'], { cwd: root });
        assert.equal(result.status, 1, result.stderr);
        assert.deepEqual(
          jsonDiagnostics(result).map((diagnostic) => diagnostic.file),
          ['tree/a-virtualservice.yaml', 'tree/b-gateway.json', 'tree/nested/destination-rule.yml'],
        );
      } finally {
        cleanup();
      }
    });

    it('shows files as the directory given joined with their relative path', () => {
      const result = runCli(['analyze', './tree/', '--format', 'json']);
      assert.deepEqual(
        jsonDiagnostics(result).map((diagnostic) => diagnostic.file),
        ['tree/a-virtualservice.yaml', 'tree/b-gateway.json', 'tree/nested/destination-rule.yml'],
      );
    });

    it('keeps a file path exactly as given', () => {
      const result = runCli(['analyze', './weight-fifty.yaml', '--format', 'json']);
      assert.equal(jsonDiagnostics(result)[0]?.file, './weight-fifty.yaml');
    });

    it('analyzes the current directory when no path is given', () => {
      const result = runCli(['analyze', '--format', 'json'], { cwd: path.join(FIXTURES, 'tree') });
      assert.deepEqual(
        jsonDiagnostics(result).map((diagnostic) => diagnostic.file),
        ['a-virtualservice.yaml', 'b-gateway.json', 'nested/destination-rule.yml'],
      );
    });

    it('reports a file reached twice once, under its first path', () => {
      const result = runCli(['analyze', 'tree', 'tree/b-gateway.json', '--format', 'json']);
      assert.equal(jsonDiagnostics(result).length, 3);
      assert.match(result.stdout, /"file": "tree\/b-gateway.json"/);
    });
  });

  describe('standard input', () => {
    it('reads `-` and shows it as `-`', () => {
      const result = runCli(['analyze', '-', '--format', 'json'], {
        input: readFixture('weight-fifty.yaml'),
      });
      assert.equal(result.status, 1, result.stderr);
      const [diagnostic] = jsonDiagnostics(result);
      assert.equal(diagnostic?.file, '-');
      assert.equal(diagnostic?.code, 'IST0106');
      assert.deepEqual(diagnostic?.range.start, { line: 13, character: 18 });
    });

    it('mixes with files, in argument order', () => {
      const result = runCli(['analyze', '-', 'tree/nested'], { input: readFixture('weight-fifty.yaml') });
      assert.deepEqual(
        result.stdout
          .split('\n')
          .filter(Boolean)
          .map((line) => line.split(':')[0]),
        ['-', 'tree/nested/destination-rule.yml'],
      );
    });

    it('is clean on empty input', () => {
      const result = runCli(['analyze', '-'], { input: '' });
      assert.equal(result.status, 0, result.stderr);
      assert.equal(result.stdout, '');
      assert.equal(result.stderr, 'no problems (1 file analyzed)\n');
    });
  });

  describe('malformed YAML', () => {
    it('is a MESH001 diagnostic with a position, attributed to the object when its identity was read', () => {
      const result = runCli(['analyze', 'malformed.yaml', '--format', 'json']);
      assert.equal(result.status, 1, result.stderr);
      const diagnostics = jsonDiagnostics(result);
      assert.ok(diagnostics.every((diagnostic) => diagnostic.code === 'MESH001'));

      const first = diagnostics[0];
      // The unclosed `[ratings` is detected on the line after it, the `http:` line.
      assert.deepEqual(first?.range.start, { line: 8, character: 2 });
      assert.match(first?.message ?? '', /YAML syntax error/);
      assert.deepEqual(first?.resource, {
        apiVersion: 'networking.istio.io/v1',
        kind: 'VirtualService',
        namespace: 'default',
        name: 'ratings',
      });

      // The second document breaks before its kind: no identity.
      const second = diagnostics.filter((diagnostic) => diagnostic.range.start.line >= 10);
      assert.ok(second.length > 0);
      assert.ok(second.every((diagnostic) => diagnostic.resource === null));
    });

    it('never shows a stack trace', () => {
      const result = runCli(['analyze', 'malformed.yaml']);
      assert.doesNotMatch(result.stdout + result.stderr, /\n\s+at /);
    });
  });

  describe('files that are not text', () => {
    it('reports binary junk as MESH001 at the first NUL byte', () => {
      const result = runCli(['analyze', 'junk.yaml', '--format', 'json']);
      assert.equal(result.status, 1, result.stderr);
      const [diagnostic, ...others] = jsonDiagnostics(result);
      assert.equal(others.length, 0);
      assert.equal(diagnostic?.code, 'MESH001');
      assert.match(diagnostic?.message ?? '', /binary file/);
      // \x89PNG\r\n \x1a\n then the NUL: third line, first column.
      assert.deepEqual(diagnostic?.range, {
        start: { line: 2, character: 0 },
        end: { line: 2, character: 1 },
      });
      assert.equal(diagnostic?.resource, null);
    });

    it('reports a non-UTF-8 file as MESH001 at the first invalid byte', () => {
      const result = runCli(['analyze', 'latin1.yaml']);
      assert.equal(result.status, 1, result.stderr);
      assert.match(result.stdout, /^latin1\.yaml:6:12: error MESH001 not UTF-8 text \(byte 0xE9 here/);
    });

    it('keeps analyzing the other files', () => {
      const result = runCli(['analyze', 'junk.yaml', 'weight-fifty.yaml', '--format', 'json']);
      assert.deepEqual(
        jsonDiagnostics(result).map((diagnostic) => [diagnostic.file, diagnostic.code]),
        [
          ['junk.yaml', 'MESH001'],
          ['weight-fifty.yaml', 'IST0106'],
        ],
      );
    });
  });

  describe('paths that cannot be read', () => {
    const assertOneLineError = (result: ReturnType<typeof runCli>, pattern: RegExp): void => {
      assert.equal(result.status, 2);
      assert.equal(result.stdout, '');
      assert.match(result.stderr, pattern);
      assert.equal(result.stderr.trimEnd().split('\n').length, 1, result.stderr);
    };

    it('exits 2 on a nonexistent path, saying which and how to fix it', () => {
      const result = runCli(['analyze', 'weight-fifty.yaml', 'no-such-dir/vs.yaml']);
      assertOneLineError(
        result,
        /^meshwright: no-such-dir\/vs\.yaml: no such file or directory; check the path \(relative paths start at .*\)\n$/,
      );
    });

    it('exits 2 on a file that cannot be read (a symbolic link loop), without a partial report', () => {
      const root = fs.mkdtempSync(path.join(os.tmpdir(), 'meshwright-cli-'));
      try {
        fs.copyFileSync(path.join(FIXTURES, 'weight-fifty.yaml'), path.join(root, 'a.yaml'));
        fs.symlinkSync('loop.yaml', path.join(root, 'loop.yaml'));
        assertOneLineError(
          runCli(['analyze', '.'], { cwd: root }),
          /^meshwright: loop\.yaml: too many levels of symbolic links/,
        );
      } finally {
        fs.rmSync(root, { recursive: true, force: true });
      }
    });

    it('warns on stderr when a directory holds nothing to analyze', () => {
      const root = fs.mkdtempSync(path.join(os.tmpdir(), 'meshwright-cli-'));
      try {
        fs.writeFileSync(path.join(root, 'README.md'), '# nothing here\n');
        const result = runCli(['analyze', '.'], { cwd: root });
        assert.equal(result.status, 0);
        assert.match(result.stderr, /^meshwright: no \.yaml, \.yml, \.json files found in \.\n/);
      } finally {
        fs.rmSync(root, { recursive: true, force: true });
      }
    });

    it('says a path that is also cluster state is analysed as the cluster objects, not as documents', () => {
      const root = fs.mkdtempSync(path.join(os.tmpdir(), 'meshwright-cli-'));
      try {
        fs.mkdirSync(path.join(root, 'east'));
        fs.writeFileSync(
          path.join(root, 'east', 'namespace.yaml'),
          'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: shop\n',
        );
        const result = runCli(['analyze', '--cluster', 'east=east', 'east/namespace.yaml'], { cwd: root });
        assert.match(
          result.stderr,
          /^meshwright: east\/namespace\.yaml: analysed as cluster state only \(a --cluster path holds this file\)/,
        );
        assert.doesNotMatch(result.stderr, /no \.yaml, \.yml, \.json files found/);
      } finally {
        fs.rmSync(root, { recursive: true, force: true });
      }
    });
  });
});
