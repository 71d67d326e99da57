/**
 * `meshwright analyze` on a repository of Kustomize bases and overlays (test/fixtures/cli/kustomize): each
 * overlay is rendered (kubectl kustomize, which must be on PATH: a missing kubectl fails these tests) and
 * its objects analysed on their own; each finding points at the line to edit (the base, the patch file,
 * or the inline patch in the kustomization), names the overlay in its message and in JSON's `source`;
 * patch files are never validated as whole resources; a broken kustomization is a MESH020 with
 * kustomize's words; the user's files are left as they were; `--no-render` analyses files one by one.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { FIXTURES, assertCliBuilt, runCli } from './support/cli-process';

interface Finding {
  code: string;
  file: string;
  range: { start: { line: number; character: number } };
  message: string;
  related: { file: string; range: { start: { line: number } }; message: string }[];
  source: { kind: string; overlay: string } | null;
}

const REPOSITORY = path.join(FIXTURES, 'kustomize');

function analyzeJson(...extra: string[]): Finding[] {
  const result = runCli(['analyze', 'kustomize', '--format', 'json', ...extra]);
  assert.equal(result.status, 1, result.stderr);
  return (JSON.parse(result.stdout) as { diagnostics: Finding[] }).diagnostics;
}

function snapshotFiles(directory: string): Map<string, string> {
  const files = new Map<string, string>();
  const walk = (current: string): void => {
    for (const entry of fs.readdirSync(current, { withFileTypes: true })) {
      const full = path.join(current, entry.name);
      if (entry.isDirectory()) walk(full);
      else files.set(path.relative(directory, full), fs.readFileSync(full, 'utf8'));
    }
  };
  walk(directory);
  return files;
}

describe('meshwright analyze: Kustomize overlays', () => {
  before(function () {
    assertCliBuilt();
    // A missing program is an error, never a skip: these tests need kubectl's built-in kustomize.
    execFileSync('kubectl', ['version', '--client'], { stdio: 'ignore' });
  });

  it('reports each overlay’s findings at the line to edit, naming the overlay, and nothing on patch files as resources', () => {
    const found = analyzeJson()
      .map((d) => ({
        code: d.code,
        at: `${d.file}:${d.range.start.line + 1}:${d.range.start.character + 1}`,
        overlay: d.source?.overlay ?? null,
      }))
      .sort((a, b) => a.at.localeCompare(b.at) || a.code.localeCompare(b.code));
    assert.deepEqual(
      found,
      [
        // The VirtualService line in the base: west's JSON 6902 patch removed the subset it routes to.
        { code: 'IST0101', at: 'kustomize/base/reviews.yaml:25:21', overlay: 'kustomize/overlays/west' },
        { code: 'MESH020', at: 'kustomize/overlays/broken/kustomization.yaml:1:1', overlay: null },
        // A strategic merge patch set the TLS mode.
        {
          code: 'IST0128',
          at: 'kustomize/overlays/east/dr-subsets.yaml:10:13',
          overlay: 'kustomize/overlays/east',
        },
        // The inline JSON 6902 patch in east's kustomization set subset v3.
        {
          code: 'IST0101',
          at: 'kustomize/overlays/east/kustomization.yaml:11:16',
          overlay: 'kustomize/overlays/east',
        },
      ].sort((a, b) => a.at.localeCompare(b.at) || a.code.localeCompare(b.code)),
    );
  });

  it('names the overlay in the message and points related locations into the patch that removed a subset', () => {
    const west = analyzeJson().find((d) => d.source?.overlay === 'kustomize/overlays/west');
    assert.ok(west);
    assert.match(west.message, /\(in Kustomize overlay kustomize\/overlays\/west\)$/);
    assert.deepEqual(
      west.related.map((r) => `${r.file}:${r.range.start.line + 1}`),
      ['kustomize/overlays/west/remove-subset.yaml:2'],
    );
    const text = runCli(['analyze', 'kustomize']);
    assert.match(
      text.stdout,
      /^kustomize\/overlays\/east\/dr-subsets\.yaml:10:13: warning IST0128 .*\(in Kustomize overlay kustomize\/overlays\/east, set by this patch\)$/m,
    );
  });

  it('gives SARIF results the overlay as properties.source', () => {
    const result = runCli(['analyze', 'kustomize', '--format', 'sarif']);
    const sarif = JSON.parse(result.stdout) as {
      runs: { results: { ruleId: string; properties?: { source?: { kind: string; overlay: string } } }[] }[];
    };
    const sources = (sarif.runs[0]?.results ?? []).map(
      (r) => `${r.ruleId} ${r.properties?.source?.overlay ?? '-'}`,
    );
    assert.deepEqual(sources.sort(), [
      'IST0101 kustomize/overlays/east',
      'IST0101 kustomize/overlays/west',
      'IST0128 kustomize/overlays/east',
      'MESH020 -',
    ]);
  });

  it('reports a kustomization that cannot be rendered with kustomize’s own message', () => {
    const broken = analyzeJson().find((d) => d.code === 'MESH020');
    assert.ok(broken);
    assert.match(
      broken.message,
      /^Kustomize overlay kustomize\/overlays\/broken cannot be rendered \(kubectl kustomize\): accumulating resources/,
    );
    assert.match(broken.message, /'\.\.\/\.\.\/missing'/);
    assert.doesNotMatch(
      broken.message,
      /meshwright-kustomize-/,
      'the temporary copy is not what the user knows',
    );
  });

  it('says so when no program can render, instead of falling back silently', () => {
    const result = runCli(['analyze', 'kustomize/overlays/east', '--format', 'json'], {
      env: { PATH: '/nonexistent' },
    });
    const diagnostics = (JSON.parse(result.stdout) as { diagnostics: Finding[] }).diagnostics;
    assert.deepEqual(
      diagnostics.map((d) => d.code),
      ['MESH020'],
    );
    assert.match(diagnostics[0]?.message ?? '', /neither kustomize nor kubectl is on PATH/);
  });

  it('never modifies the user’s files', () => {
    const before = snapshotFiles(REPOSITORY);
    runCli(['analyze', 'kustomize']);
    assert.deepEqual(snapshotFiles(REPOSITORY), before);
  });

  it('with --no-render analyses every file as written, patches included', () => {
    const found = analyzeJson('--no-render');
    assert.ok(
      found.some((d) => d.code === 'IST0106' && d.file === 'kustomize/overlays/east/dr-subsets.yaml'),
    );
    assert.ok(found.every((d) => d.source === null));
  });
});
