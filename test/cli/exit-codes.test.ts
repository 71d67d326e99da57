// The exit-code contract of `meshwright` (0 clean, 1 findings at or above --fail-on, 2 bad usage or
// unreadable input), usage errors as one line on stderr, and --help / --version.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { REPO_ROOT, assertCliBuilt, runCli } from './support/cli-process';

describe('meshwright: exit codes and usage', () => {
  before(assertCliBuilt);

  describe('findings and --fail-on', () => {
    it('exits 0 when nothing is found', () => {
      const result = runCli(['analyze', 'clean.yaml']);
      assert.equal(result.status, 0, result.stderr);
      assert.equal(result.stdout, '');
      assert.equal(result.stderr, 'no problems (1 file analyzed)\n');
    });

    it('exits 1 on an error by default', () => {
      assert.equal(runCli(['analyze', 'weight-fifty.yaml']).status, 1);
    });

    it('exits 1 on an error with every threshold up to it', () => {
      for (const failOn of ['error', 'warning', 'info']) {
        assert.equal(runCli(['analyze', 'weight-fifty.yaml', '--fail-on', failOn]).status, 1, failOn);
      }
    });

    it('exits 0 with --fail-on none and still prints the findings', () => {
      const result = runCli(['analyze', 'weight-fifty.yaml', '--fail-on', 'none']);
      assert.equal(result.status, 0);
      assert.match(result.stdout, /IST0106/);
    });

    it('exits 0 on clean input at every threshold', () => {
      for (const failOn of ['error', 'warning', 'info', 'none']) {
        assert.equal(runCli(['analyze', 'clean.yaml', '--fail-on', failOn]).status, 0, failOn);
      }
    });

    it('exits 2, not 1 or 0, when an input is unreadable, even with --fail-on none', () => {
      assert.equal(runCli(['analyze', 'weight-fifty.yaml', 'missing.yaml', '--fail-on', 'none']).status, 2);
    });
  });

  describe('usage errors: exit 2 with one line that says how to fix it', () => {
    const cases: { args: string[]; stderr: RegExp }[] = [
      {
        args: ['analyze', '--format', 'xml', 'clean.yaml'],
        stderr: /^meshwright: unknown --format value "xml"; use one of: text, json, sarif\n$/,
      },
      {
        args: ['analyze', '--format'],
        stderr: /^meshwright: --format needs a value; write --format text, json, sarif/,
      },
      { args: ['analyze', '--format', '--offline'], stderr: /^meshwright: --format needs a value/ },
      {
        args: ['analyze', '--fail-on', 'fatal'],
        stderr: /^meshwright: unknown --fail-on value "fatal"; use one of: error, warning, info, none\n$/,
      },
      {
        args: ['analyze', '--fromat', 'json'],
        stderr: /^meshwright: unknown option --fromat; did you mean --format\?/,
      },
      {
        args: ['analyze', '--frobnicate'],
        stderr: /^meshwright: unknown option --frobnicate; see `meshwright analyze --help`/,
      },
      { args: ['analyze', '-x'], stderr: /^meshwright: unknown option -x/ },
      { args: ['analyze', '--offline=yes'], stderr: /^meshwright: --offline takes no value/ },
      {
        args: ['analyze', '--namespace', 'Not_Valid'],
        stderr: /^meshwright: --namespace "Not_Valid" is not a valid namespace name; use lower-case/,
      },
      { args: ['analyze', '-', '-'], stderr: /^meshwright: standard input \(-\) is given more than once/ },
      {
        args: ['frobnicate'],
        stderr: /^meshwright: unknown command "frobnicate"; the commands are: analyze/,
      },
      {
        args: ['--format', 'json'],
        stderr: /^meshwright: unknown option --format; options go after the command/,
      },
    ];
    for (const { args, stderr } of cases) {
      it(`meshwright ${args.join(' ')}`, () => {
        const result = runCli(args);
        assert.equal(result.status, 2);
        assert.equal(result.stdout, '');
        assert.match(result.stderr, stderr);
        assert.equal(result.stderr.trimEnd().split('\n').length, 1, result.stderr);
      });
    }

    it('prints the usage to stderr and exits 2 without a command', () => {
      const result = runCli([]);
      assert.equal(result.status, 2);
      assert.equal(result.stdout, '');
      assert.match(result.stderr, /^Usage: meshwright <command> \[options\]$/m);
    });
  });

  describe('--help and --version', () => {
    it('prints the commands with --help', () => {
      const result = runCli(['--help']);
      assert.equal(result.status, 0);
      assert.match(result.stdout, /^ {2}analyze +Check Istio configuration files/m);
    });

    it('prints every analyze option with `analyze --help` (and `help analyze`)', () => {
      for (const args of [
        ['analyze', '--help'],
        ['analyze', '-h'],
        ['help', 'analyze'],
      ]) {
        const result = runCli(args);
        assert.equal(result.status, 0, args.join(' '));
        assert.match(result.stdout, /^Usage: meshwright analyze \[options\] \[PATHS\.\.\.\]/);
        for (const option of [
          '--offline',
          '--format FORMAT',
          '--fail-on SEVERITY',
          '--namespace NS',
          '--cluster NAME=PATH[,PATH...]',
          '--mesh-config FILE',
          '--mesh-networks FILE',
          '--suppress "CODE=Kind name.namespace"',
          '--kubeconfig FILE',
          '--context CONTEXT',
          '--help',
        ]) {
          assert.ok(result.stdout.includes(option), `${args.join(' ')} lacks ${option}`);
        }
      }
    });

    it('prints the package version with --version', () => {
      const { version } = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as {
        version: string;
      };
      const result = runCli(['--version']);
      assert.equal(result.status, 0);
      assert.equal(result.stdout, `${version}\n`);
    });

    it('runs through bin/meshwright.js, the npm bin entry', () => {
      const result = spawnSync(
        process.execPath,
        [path.join(REPO_ROOT, 'bin', 'meshwright.js'), '--version'],
        {
          encoding: 'utf8',
        },
      );
      assert.equal(result.status, 0, result.stderr);
      assert.match(result.stdout, /^\d+\.\d+\.\d+/);
    });
  });

  describe('--offline', () => {
    it('is accepted (the default without --kubeconfig or --context)', () => {
      const result = runCli(['analyze', '--offline', 'weight-fifty.yaml']);
      assert.equal(result.status, 1, result.stderr);
      assert.match(result.stdout, /IST0106/);
    });
  });
});
