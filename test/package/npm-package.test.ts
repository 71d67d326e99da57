/**
 * The user's path to the npm package: `npm pack` (tools/npm-package/pack.ts), then, in an empty directory
 * outside this repository, with npm offline and a HOME of its own, `npm install ./meshwright-X.tgz` and
 * the commands a user runs: `npx meshwright analyze` in every format, `npx meshwright topology` against
 * the packaged simulator, the language server over stdio, every command of README's "Command line"
 * section as written, and the pre-commit hook's entry. Prints the tarball's size and file list.
 */
import assert from 'node:assert/strict';
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import {
  type PackResult,
  describePack,
  packNpmPackage,
  readRepositoryManifest,
} from '../../tools/npm-package/pack';
import { LspTestClient, fileUri, positionOf } from '../lsp/support/lsp-test-client';

const REPOSITORY_ROOT = path.resolve(__dirname, '..', '..');
const CLI_FIXTURES = path.join(REPOSITORY_ROOT, 'test', 'fixtures', 'cli');

interface RunResult {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Paths of a user's machine made for this run: nothing of the repository is reachable from them. */
interface UserMachine {
  readonly root: string;
  readonly home: string;
  /** Where the tarball was installed, with the user's files: policies/, clusters/east, clusters/west. */
  readonly project: string;
  readonly env: NodeJS.ProcessEnv;
}

/**
 * The environment of a user's shell: PATH without the repository's node_modules/.bin (npm run adds it),
 * none of the npm_* variables npm run sets, npm offline with its own cache, and a HOME of its own.
 */
function userEnvironment(home: string): NodeJS.ProcessEnv {
  const pathEntries = (process.env.PATH ?? '')
    .split(path.delimiter)
    .filter((entry) => entry && !entry.includes(`node_modules${path.sep}.bin`));
  return {
    PATH: [path.dirname(process.execPath), ...pathEntries].join(path.delimiter),
    HOME: home,
    LANG: 'C.UTF-8',
    npm_config_cache: path.join(home, '.npm'),
    npm_config_offline: 'true',
    npm_config_audit: 'false',
    npm_config_fund: 'false',
    npm_config_update_notifier: 'false',
    npm_config_prefix: path.join(home, 'global'),
  };
}

function run(command: string, args: readonly string[], cwd: string, env: NodeJS.ProcessEnv): RunResult {
  const result = spawnSync(command, args, { cwd, env, encoding: 'utf8', timeout: 120_000 });
  if (result.error) throw result.error;
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

function shell(line: string, cwd: string, env: NodeJS.ProcessEnv): RunResult {
  return run('bash', ['-c', line], cwd, env);
}

function explain(what: string, result: RunResult): string {
  return `${what} exited ${result.status}\n--- stdout\n${result.stdout}\n--- stderr\n${result.stderr}`;
}

/** Starts a long-running command and resolves when its output matches `ready`. */
function startInBackground(
  line: string,
  cwd: string,
  env: NodeJS.ProcessEnv,
  ready: RegExp,
  started: ChildProcess[],
): Promise<string> {
  // Its own process group: npx starts the program as a child of its own, and both must stop.
  const child = spawn('bash', ['-c', line], { cwd, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  started.push(child);
  let output = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${line} not ready in 60 s:\n${output}`)), 60_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (ready.test(output)) {
        clearTimeout(timer);
        resolve(output);
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('exit', (status) => {
      clearTimeout(timer);
      reject(new Error(`${line} exited ${status} before it was ready:\n${output}`));
    });
  });
}

/** Stops each background command's whole process group and waits until no process of it is left. */
async function stopAll(children: ChildProcess[]): Promise<void> {
  for (const child of children) {
    if (child.pid === undefined) continue;
    signalGroup(child.pid, 'SIGTERM');
    // npx's child (the program) may outlive bash; at exit it writes its code cache into HOME.
    const deadline = Date.now() + 15_000;
    while (signalGroup(child.pid, 0) && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    signalGroup(child.pid, 'SIGKILL');
  }
}

/** Sends `signal` to a process group; false when no process of it is left. */
function signalGroup(pid: number, signal: NodeJS.Signals | 0): boolean {
  try {
    process.kill(-pid, signal);
    return true;
  } catch {
    return false;
  }
}

/** The shell commands of README's "Command line" section, in order, one per line. */
function readmeCommandLines(): string[] {
  const readme = fs.readFileSync(path.join(REPOSITORY_ROOT, 'README.md'), 'utf8');
  const start = readme.indexOf('\n## Command line\n');
  assert.ok(start >= 0, 'README.md has a "Command line" section');
  const end = readme.indexOf('\n## ', start + 1);
  const section = readme.slice(start, end < 0 ? undefined : end);
  const blocks = [...section.matchAll(/```sh\n([\s\S]*?)```/g)].map((match) => match[1] ?? '');
  return blocks.flatMap((block) => block.split('\n')).filter((line) => line.trim() && !line.startsWith('#'));
}

/** A command line without its trailing `# comment`, and whether it ends with `&` (runs in the background). */
function commandOf(line: string): { command: string; background: boolean } {
  const command = line.replace(/\s+#\s.*$/, '').trim();
  return command.endsWith('&')
    ? { command: command.slice(0, -1).trim(), background: true }
    : { command, background: false };
}

describe('the npm package, installed from its tarball in an empty directory', function () {
  this.timeout(240_000);
  const repositoryVersion = readRepositoryManifest().version;
  const background: ChildProcess[] = [];
  let packed: PackResult;
  let machine: UserMachine;

  before(async function () {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'meshwright-npm-'));
    packed = packNpmPackage(path.join(root, 'tarball'));
    console.log(
      describePack(packed)
        .split('\n')
        .map((line) => `      ${line}`)
        .join('\n'),
    );
    const home = path.join(root, 'home');
    const project = path.join(root, 'project');
    fs.mkdirSync(home);
    fs.mkdirSync(project);
    const env = userEnvironment(home);
    const install = run('npm', ['install', packed.tarball], project, env);
    assert.equal(install.status, 0, explain('npm install ./meshwright.tgz', install));
    // The user's own files: policies with two mistakes, and two clusters' state as files.
    fs.mkdirSync(path.join(project, 'policies'));
    fs.copyFileSync(
      path.join(CLI_FIXTURES, 'weight-fifty.yaml'),
      path.join(project, 'policies', 'reviews.yaml'),
    );
    fs.cpSync(path.join(CLI_FIXTURES, 'multicluster', 'clusters'), path.join(project, 'clusters'), {
      recursive: true,
    });
    machine = { root, home, project, env };
    // The user's clusters: the packaged simulator's demo mesh, in ~/.kube/config.
    fs.mkdirSync(path.join(home, '.kube'));
    await startInBackground(
      `npx meshwright-sim --demo --kubeconfig ${path.join(home, '.kube', 'config')}`,
      project,
      env,
      /meshwright-sim ready/,
      background,
    );
  });

  after(async () => {
    await stopAll(background);
    if (machine) fs.rmSync(machine.root, { recursive: true, force: true, maxRetries: 5, retryDelay: 200 });
  });

  it('holds the launchers, bundles, schemas and documents, and no sources, tests or node_modules', () => {
    const files = packed.files.map((file) => file.path);
    for (const expected of [
      'package.json',
      'README.md',
      'LICENSE',
      'CHANGELOG.md',
      'bin/meshwright.js',
      'bin/meshwright-language-server.js',
      'bin/meshwright-sim.js',
      'bin/require-bundle.js',
      'dist/server/cli.js',
      'dist/server/server.js',
      'dist/server/schema-worker.js',
      'dist/server/live-discovery.js',
      'dist/simulator/sim.js',
      'schemas/index.json',
      'schemas/cel-rules.json',
      'schemas/source/LICENSE',
      'simulator/demo/east/02-istiod.yaml',
    ]) {
      assert.ok(files.includes(expected), `the tarball lacks ${expected}`);
    }
    const forbidden = files.filter(
      (file) =>
        /(^|\/)node_modules\//.test(file) ||
        /^(test|tools|bench|client|protocol|webview|server)\//.test(file) ||
        /(^|\/)src\//.test(file) ||
        /\.(ts|tsx|map|tsbuildinfo)$/.test(file) ||
        file.startsWith('dist/client/'),
    );
    assert.deepEqual(forbidden, [], 'the tarball holds sources, tests, maps or node_modules');
    // Everything else is a few MiB; a tarball four times today's size has picked up something it should not.
    assert.ok(packed.size < 6 * 1024 * 1024, `the tarball is ${packed.size} bytes`);
  });

  it('has a manifest of its own: the version of the repository, three commands, no dependencies', () => {
    const manifest = JSON.parse(
      fs.readFileSync(path.join(machine.project, 'node_modules', 'meshwright', 'package.json'), 'utf8'),
    ) as Record<string, unknown>;
    assert.equal(manifest.name, 'meshwright');
    assert.equal(manifest.version, repositoryVersion);
    assert.equal(packed.version, repositoryVersion);
    assert.deepEqual(manifest.bin, {
      meshwright: 'bin/meshwright.js',
      'meshwright-language-server': 'bin/meshwright-language-server.js',
      'meshwright-sim': 'bin/meshwright-sim.js',
    });
    assert.deepEqual(manifest.engines, { node: readRepositoryManifest().engines.node });
    for (const field of [
      'dependencies',
      'devDependencies',
      'optionalDependencies',
      'scripts',
      'private',
      'main',
    ]) {
      assert.equal(manifest[field], undefined, `the package.json has ${field}`);
    }
    const installed = fs
      .readdirSync(path.join(machine.project, 'node_modules'))
      .filter((name) => !name.startsWith('.'));
    assert.deepEqual(installed, ['meshwright'], 'installing the package installed nothing else');
  });

  it('`npx meshwright --version` prints the version', () => {
    const result = shell('npx meshwright --version', machine.project, machine.env);
    assert.equal(result.status, 0, explain('--version', result));
    assert.equal(result.stdout.trim(), repositoryVersion);
  });

  it('`npx meshwright analyze` reports in text, JSON and SARIF, with the version', () => {
    const text = shell('npx meshwright analyze policies/', machine.project, machine.env);
    assert.equal(text.status, 1, explain('analyze', text));
    assert.match(
      text.stdout,
      /^policies\/reviews\.yaml:\d+:\d+: error IST0106 VirtualService spec\.http\[0\]\.route\[0\]\.weight must be an integer/m,
    );

    const json = shell('npx meshwright analyze --format json policies/', machine.project, machine.env);
    assert.equal(json.status, 1, explain('analyze --format json', json));
    const report = JSON.parse(json.stdout) as {
      version: number;
      tool: { name: string; version: string };
      diagnostics: { code: string; file: string }[];
    };
    assert.equal(report.version, 1);
    assert.deepEqual(report.tool, { name: 'meshwright', version: repositoryVersion });
    assert.deepEqual(
      report.diagnostics.map((diagnostic) => `${diagnostic.file} ${diagnostic.code}`),
      ['policies/reviews.yaml IST0106'],
    );

    const sarif = shell('npx meshwright analyze --format sarif policies/', machine.project, machine.env);
    assert.equal(sarif.status, 1, explain('analyze --format sarif', sarif));
    const log = JSON.parse(sarif.stdout) as {
      version: string;
      runs: { tool: { driver: { name: string; version: string } }; results: { ruleId: string }[] }[];
    };
    assert.equal(log.version, '2.1.0');
    assert.equal(log.runs[0]?.tool.driver.name, 'meshwright');
    assert.equal(log.runs[0]?.tool.driver.version, repositoryVersion);
    assert.deepEqual(
      log.runs[0]?.results.map((result) => result.ruleId),
      ['IST0106'],
    );
  });

  it('`npx meshwright topology` reads the clusters the packaged simulator serves', () => {
    const result = shell(
      'npx meshwright topology --kubeconfig ~/.kube/config --format json',
      machine.project,
      machine.env,
    );
    assert.equal(result.status, 0, explain('topology', result));
    const topology = JSON.parse(result.stdout) as {
      tool: { version: string };
      clusters: { name: string; role: string }[];
    };
    assert.equal(topology.tool.version, repositoryVersion);
    assert.deepEqual(topology.clusters.map((cluster) => `${cluster.name} ${cluster.role}`).sort(), [
      'east primary',
      'edge remote',
      'west primary',
    ]);
  });

  it('`meshwright-language-server --stdio` diagnoses and completes', async () => {
    const client = await LspTestClient.start({
      serverCommand: {
        command: path.join(machine.project, 'node_modules', '.bin', 'meshwright-language-server'),
        args: ['--stdio'],
        cwd: machine.project,
        env: machine.env,
      },
    });
    try {
      const uri = fileUri(path.join(machine.project, 'policies', 'reviews.yaml'));
      const text = fs.readFileSync(path.join(machine.project, 'policies', 'reviews.yaml'), 'utf8');
      await client.open(uri, text);
      const published = await client.diagnosticsFor(uri, 1, 60_000);
      assert.deepEqual(
        published.diagnostics.map((diagnostic) => diagnostic.code),
        ['IST0106'],
      );
      const completion = await client.completion(uri, positionOf(text, 'hosts:'));
      const labels = (Array.isArray(completion) ? completion : (completion?.items ?? [])).map(
        (item) => item.label,
      );
      // The fields of a VirtualService's spec that the document does not have yet.
      for (const field of ['gateways', 'exportTo', 'tcp', 'tls']) {
        assert.ok(
          labels.includes(field),
          `completion in a VirtualService's spec offers ${field}: ${labels.join(', ')}`,
        );
      }
    } finally {
      await client.stop();
    }
  });

  it('runs every command of README\'s "Command line" section as written', async () => {
    const lines = readmeCommandLines();
    assert.ok(lines.length >= 8, lines.join('\n'));
    for (const line of lines) {
      const { command, background: inBackground } = commandOf(line);
      if (command.startsWith('npm install')) {
        // The one step that needs the registry: the same command, with the tarball for the package name.
        const scratch = fs.mkdtempSync(path.join(machine.root, 'install-'));
        const offline = command.replace(/\bmeshwright$/, packed.tarball);
        const result = shell(offline, scratch, machine.env);
        assert.equal(result.status, 0, explain(offline, result));
        const bin = command.includes(' -g ')
          ? path.join(machine.env.npm_config_prefix ?? '', 'bin', 'meshwright')
          : path.join(scratch, 'node_modules', '.bin', 'meshwright');
        const version = run(bin, ['--version'], scratch, machine.env);
        assert.equal(version.stdout.trim(), repositoryVersion, explain(`${bin} --version`, version));
        continue;
      }
      if (inBackground) {
        await startInBackground(command, machine.project, machine.env, /ready/, background);
        continue;
      }
      const result = shell(command, machine.project, machine.env);
      // 0 or 1 (findings): the command ran; 2 is a usage error or unreadable input.
      assert.ok(result.status === 0 || result.status === 1, explain(command, result));
      assert.doesNotMatch(result.stderr, /npm (error|ERR!)/, explain(command, result));
    }
    const sarif = JSON.parse(fs.readFileSync(path.join(machine.project, 'meshwright.sarif'), 'utf8')) as {
      runs: unknown[];
    };
    assert.equal(sarif.runs.length, 1);
  });

  it("runs the pre-commit hook's entry: fails on a mistake, passes a clean tree", () => {
    const hooks = parseYaml(
      fs.readFileSync(path.join(REPOSITORY_ROOT, '.pre-commit-hooks.yaml'), 'utf8'),
    ) as {
      id: string;
      entry: string;
      args?: string[];
      pass_filenames?: boolean;
    }[];
    assert.deepEqual(
      hooks.map((hook) => hook.id),
      ['meshwright-analyze'],
    );
    const hook = hooks[0];
    assert.ok(hook);
    assert.equal(hook.pass_filenames, false);
    const command = [hook.entry, ...(hook.args ?? [])].join(' ');

    const failing = shell(command, machine.project, machine.env);
    assert.equal(failing.status, 1, explain(command, failing));
    assert.match(failing.stdout, /error IST0106/);

    const clean = path.join(machine.project, 'clean-repository');
    fs.mkdirSync(clean);
    fs.copyFileSync(path.join(CLI_FIXTURES, 'clean.yaml'), path.join(clean, 'istio.yaml'));
    const passing = shell(command, clean, machine.env);
    assert.equal(passing.status, 0, explain(command, passing));
  });
});
