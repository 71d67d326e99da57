// `meshwright check`: usage errors exit 2 with one line saying how to fix them; --cluster alone reads no
// kubeconfig; a check run on clean cluster files exits 0.
import assert from 'node:assert/strict';
import path from 'node:path';
import { REPO_ROOT, assertCliBuilt, runCli } from './support/cli-process';

const DEMO = path.join(REPO_ROOT, 'simulator', 'demo');

describe('meshwright check: usage and exit codes', () => {
  before(assertCliBuilt);

  const usage: { args: string[]; stderr: RegExp }[] = [
    { args: ['check', 'extra'], stderr: /^meshwright: meshwright check takes no arguments \(got "extra"\)/ },
    {
      args: ['check', '--format', 'sarif'],
      stderr: /unknown --format value "sarif"; use one of: text, json/,
    },
    {
      args: ['check', '--fail-on', 'error'],
      stderr: /unknown --fail-on value "error"; use one of: fail, warn, none/,
    },
    { args: ['check', '--cluster', 'east'], stderr: /--cluster "east" is not of the form NAME=PATH/ },
    { args: ['check', '--cluster', 'east=/nonexistent/east'], stderr: /--cluster east: .*nonexistent/ },
  ];
  for (const { args, stderr } of usage) {
    it(`exits 2 on ${args.slice(1).join(' ')}`, () => {
      const result = runCli(args);
      assert.equal(result.status, 2, result.stderr);
      assert.equal(result.stdout, '');
      assert.match(result.stderr, stderr);
    });
  }

  it('without --cluster reads the kubeconfig, and says so when there is none', () => {
    const result = runCli(['check'], { env: { HOME: '/nonexistent-home', KUBECONFIG: '' } });
    assert.equal(result.status, 2);
    assert.match(result.stderr, /no kubeconfig/);
  });

  it('checks cluster files alone: exit 1 on the demo files (config drift), 0 with --fail-on none', () => {
    const clusters = ['east', 'west', 'edge'].flatMap((name) => [
      '--cluster',
      `${name}=${path.join(DEMO, name)}`,
    ]);
    const failing = runCli(['check', ...clusters]);
    assert.equal(failing.status, 1, failing.stderr);
    assert.match(
      failing.stdout,
      /^reachability\n {2}✔ cluster east read from files \(primary, network net1\)$/m,
    );
    assert.equal(runCli(['check', ...clusters, '--fail-on', 'none']).status, 0);
    const westOnly = runCli(['check', '--cluster', `west=${path.join(DEMO, 'west')}`]);
    assert.equal(westOnly.status, 0, westOnly.stdout);
  });
});
