import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { CliError } from '../../server/src/cli/cli-errors';
import { STDIN_URI, collectInputFiles } from '../../server/src/cli/input-files';

describe('cli input: collectInputFiles', () => {
  let root: string;
  const write = (relative: string, text = 'a: 1\n'): void => {
    fs.mkdirSync(path.dirname(path.join(root, relative)), { recursive: true });
    fs.writeFileSync(path.join(root, relative), text);
  };
  const displayPaths = async (paths: string[]): Promise<string[]> =>
    (await collectInputFiles(paths, root)).map((file) => file.displayPath);

  beforeEach(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'meshwright-inputs-'));
  });
  afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

  it('walks in byte order of names, depth first, for .yaml, .yml and .json (any case)', async () => {
    for (const file of ['b.yaml', 'B.YML', 'a/z.json', 'a/y.yaml', 'c.txt', 'Chart.yaml', '_x.yml'])
      write(file);
    assert.deepEqual(await displayPaths(['.']), [
      'B.YML',
      'Chart.yaml',
      '_x.yml',
      'a/y.yaml',
      'a/z.json',
      'b.yaml',
    ]);
  });

  it('skips node_modules and dot-directories below a directory argument, not the argument itself', async () => {
    for (const file of [
      '.git/x.yaml',
      'node_modules/x.yaml',
      'k/.cache/x.yaml',
      '.config/x.yaml',
      'k/ok.yaml',
      '.dotfile.yaml',
    ]) {
      write(file);
    }
    assert.deepEqual(await displayPaths(['.']), ['.dotfile.yaml', 'k/ok.yaml']);
    assert.deepEqual(await displayPaths(['.config']), ['.config/x.yaml']);
  });

  it('reads a file named explicitly whatever its extension', async () => {
    write('rendered.txt');
    const [file] = await collectInputFiles(['rendered.txt'], root);
    assert.equal(file?.displayPath, 'rendered.txt');
    assert.equal(file?.absolutePath, path.join(root, 'rendered.txt'));
    assert.match(file?.uri ?? '', /^file:\/\/.*\/rendered\.txt$/);
  });

  it('represents standard input as `-`', async () => {
    assert.deepEqual(await collectInputFiles(['-'], root), [
      { displayPath: '-', uri: STDIN_URI, absolutePath: undefined },
    ]);
  });

  it('lists a file reached twice (also through a link) once, under its first path', async () => {
    write('k/a.yaml');
    fs.symlinkSync(path.join(root, 'k', 'a.yaml'), path.join(root, 'link.yaml'));
    assert.deepEqual(await displayPaths(['k', 'k/a.yaml', 'link.yaml']), ['k/a.yaml']);
  });

  it('follows directory links without looping', async () => {
    write('k/a.yaml');
    fs.symlinkSync('..', path.join(root, 'k', 'up'));
    assert.deepEqual(await displayPaths(['.']), ['k/a.yaml']);
  });

  it('ignores a broken link that is not named like an input, and fails on one that is', async () => {
    write('ok.yaml');
    fs.symlinkSync('missing', path.join(root, 'dangling'));
    assert.deepEqual(await displayPaths(['.']), ['ok.yaml']);
    fs.symlinkSync('missing.yaml', path.join(root, 'dangling.yaml'));
    await assert.rejects(collectInputFiles(['.'], root), (error: unknown) => {
      assert.ok(error instanceof CliError);
      assert.match(error.message, /^dangling\.yaml: no such file or directory; check the path$/);
      return true;
    });
  });

  it('fails on a path that does not exist, naming it and where relative paths start', async () => {
    await assert.rejects(collectInputFiles(['nope/vs.yaml'], root), (error: unknown) => {
      assert.ok(error instanceof CliError);
      assert.equal(
        error.message,
        `nope/vs.yaml: no such file or directory; check the path (relative paths start at ${root})`,
      );
      return true;
    });
  });
});
