/**
 * `npm run bench -- hostile-input`: the worst case of each hostile input shape known to have cost
 * Meshwright dearly, through the built CLI as a fresh process: wall time, peak RSS (from /usr/bin/time
 * when the machine has it) and the size of the JSON report. A regression shows as a figure here; the
 * tests only hold the bounds loosely.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import YAML from 'yaml';
import { HOSTILE_DOCUMENTS, mergeKeyBomb } from '../test/unit/support/hostile-yaml';
import { LspTestClient, positionOf } from '../test/lsp/support/lsp-test-client';

export const name = 'hostile-input';
export const description =
  'worst-case wall time, peak RSS and report size of each hostile input shape (YAML bombs, FIFOs, devices, huge files, quadratic conflicts, a hanging credential plugin) through meshwright';

const REPO = path.resolve(__dirname, '..');
const CLI = path.join(REPO, 'dist', 'server', 'cli.js');
const TIME = '/usr/bin/time';
const DEADLINE_MS = 120_000;

interface Shape {
  readonly label: string;
  /** Writes the input into `directory` and returns the CLI's arguments after `analyze`/`topology`. */
  prepare(directory: string): readonly string[];
}

const virtualServices = (count: number): string =>
  Array.from(
    { length: count },
    (_, i) =>
      `apiVersion: networking.istio.io/v1\nkind: VirtualService\nmetadata: {name: vs${i}, namespace: ns${i % 7}}\n` +
      `spec:\n  hosts: ['*']\n  http:\n    - route:\n        - destination: {host: reviews.bookinfo.svc.cluster.local}\n`,
  ).join('---\n');

const SHAPES: readonly Shape[] = [
  ...HOSTILE_DOCUMENTS.map(({ shape, text }) => ({
    label: shape,
    prepare: (d: string) => write(d, 'hostile.yaml', text),
  })),
  {
    label: '1,000 VirtualServices for * (IST0109)',
    prepare: (d) => write(d, 'vs.yaml', virtualServices(1_000)),
  },
  {
    label: '3,000 VirtualServices for * (IST0109)',
    prepare: (d) => write(d, 'vs.yaml', virtualServices(3_000)),
  },
  {
    label: 'a FIFO in a walked directory',
    prepare: (d) => {
      spawnSync('mkfifo', [path.join(d, 'pipe.yaml')]);
      return ['.'];
    },
  },
  {
    label: 'a link to /dev/zero in a walked directory',
    prepare: (d) => {
      fs.symlinkSync('/dev/zero', path.join(d, 'zero.yaml'));
      return ['.'];
    },
  },
  { label: '/dev/zero named explicitly', prepare: () => ['/dev/zero'] },
  {
    label: 'a 40 MiB file (over the 32 MiB cap)',
    prepare: (d) => write(d, 'dump.yaml', `a: ${'x'.repeat(40 * 1024 * 1024)}\n`),
  },
  {
    label: 'labels and annotations of every type',
    prepare: (d) =>
      write(
        d,
        'labels.yaml',
        ['x', 7, true, null, [], ['a'], { a: [1] }]
          .map((value, i) =>
            YAML.stringify({
              apiVersion: 'v1',
              kind: i % 2 ? 'Namespace' : 'Service',
              metadata: { name: `o${i}`, namespace: 'n', labels: value, annotations: value },
              spec: { selector: value, ports: value },
            }),
          )
          .join('---\n'),
      ),
  },
];

/** `meshwright topology` through a kubeconfig whose credential plugin never exits. */
const HANGING_PLUGIN = {
  label: 'a credential plugin that never exits (topology --timeout 3)',
  prepare(directory: string): readonly string[] {
    const kubeconfig = path.join(directory, 'kubeconfig');
    fs.writeFileSync(
      kubeconfig,
      YAML.stringify({
        apiVersion: 'v1',
        kind: 'Config',
        clusters: [{ name: 'c', cluster: { server: 'https://127.0.0.1:1' } }],
        users: [
          {
            name: 'u',
            user: {
              exec: {
                apiVersion: 'client.authentication.k8s.io/v1',
                command: '/bin/sh',
                args: ['-c', 'sleep 1000'],
                interactiveMode: 'Never',
              },
            },
          },
        ],
        contexts: [{ name: 'c', context: { cluster: 'c', user: 'u' } }],
        'current-context': 'c',
      }),
    );
    return ['--kubeconfig', kubeconfig, '--timeout', '3'];
  },
};

function write(directory: string, file: string, text: string): readonly string[] {
  fs.writeFileSync(path.join(directory, file), text);
  return [file];
}

export async function run(): Promise<void> {
  if (!fs.existsSync(CLI)) throw new Error(`${CLI} is missing: run \`npm run build\` first`);
  const timed = fs.existsSync(TIME);
  console.log(
    `each shape once, as a fresh process; peak RSS ${timed ? 'from /usr/bin/time' : 'not measured (no /usr/bin/time)'}`,
  );
  console.log(
    `${'shape'.padEnd(62)} ${'exit'.padStart(4)} ${'wall'.padStart(9)} ${'peak RSS'.padStart(10)} ${'report'.padStart(10)}`,
  );
  for (const shape of SHAPES)
    measureShape(shape.label, ['analyze', '--format', 'json'], shape.prepare, timed);
  measureShape(HANGING_PLUGIN.label, ['topology', '--format', 'json'], HANGING_PLUGIN.prepare, timed);
  await languageServerResponsiveness();
}

const VALID = [
  'apiVersion: networking.istio.io/v1',
  'kind: VirtualService',
  'metadata: {name: reviews, namespace: bookinfo}',
  'spec:',
  '  hosts: [reviews]',
  '',
].join('\n');

/**
 * The language server while it takes each hostile document: hovers on another document are sent back to
 * back from the moment the hostile one is opened until its diagnostics arrive; the slowest answer bounds
 * how long the event loop was blocked in one step.
 */
async function languageServerResponsiveness(): Promise<void> {
  console.log('\nlanguage server: hover on another document while a hostile one is analysed');
  console.log(
    `${'shape'.padEnd(62)} ${'to diagnostics'.padStart(15)} ${'slowest hover'.padStart(14)} ${'hovers'.padStart(7)}`,
  );
  const client = await LspTestClient.start();
  try {
    const valid = 'untitled:bench/valid.yaml';
    await client.open(valid, VALID);
    await client.diagnosticsFor(valid, 1);
    const at = positionOf(VALID, 'hosts:', 2);
    const shapes = [
      ...HOSTILE_DOCUMENTS,
      { shape: 'merge keys within the bound (5 levels, ~5,000 copies)', text: mergeKeyBomb(5) },
    ];
    for (const [index, { shape, text }] of shapes.entries()) {
      const uri = `untitled:bench/hostile-${index}.yaml`;
      const started = performance.now();
      let done = false;
      const published = client.diagnosticsFor(uri, 1, 60_000).then(() => {
        done = true;
        return performance.now() - started;
      });
      await client.open(uri, text);
      let slowest = 0;
      let hovers = 0;
      while (!done) {
        const asked = performance.now();
        await client.hover(valid, at);
        slowest = Math.max(slowest, performance.now() - asked);
        hovers++;
      }
      const elapsed = await published;
      console.log(
        `${shape.padEnd(62)} ${`${elapsed.toFixed(0)} ms`.padStart(15)} ${`${slowest.toFixed(0)} ms`.padStart(14)} ${String(hovers).padStart(7)}`,
      );
      await client.close(uri);
    }
  } finally {
    await client.stop();
  }
}

function measureShape(
  label: string,
  command: readonly string[],
  prepare: (directory: string) => readonly string[],
  timed: boolean,
): void {
  const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'mw-hostile-'));
  try {
    const args = [...command, ...prepare(directory)];
    const report = path.join(directory, 'report.out');
    const rss = path.join(directory, 'rss.out');
    const program = timed ? TIME : process.execPath;
    const programArgs = timed ? ['-f', '%M', '-o', rss, process.execPath, CLI, ...args] : [CLI, ...args];
    const output = fs.openSync(report, 'w');
    const started = performance.now();
    const result = spawnSync(program, programArgs, {
      cwd: directory,
      stdio: ['ignore', output, 'ignore'],
      timeout: DEADLINE_MS,
    });
    const wall = performance.now() - started;
    fs.closeSync(output);
    const exit = result.error ? 'hung' : String(result.status ?? result.signal);
    const peak =
      timed && fs.existsSync(rss)
        ? `${Math.round(Number(fs.readFileSync(rss, 'utf8').trim().split('\n').pop()) / 1024)} MiB`
        : '-';
    const size = fs.statSync(report).size;
    console.log(
      `${label.padEnd(62)} ${exit.padStart(4)} ${`${(wall / 1000).toFixed(2)} s`.padStart(9)} ${peak.padStart(10)} ${formatBytes(size).padStart(10)}`,
    );
  } finally {
    fs.rmSync(directory, { recursive: true, force: true });
  }
}

function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KiB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
}
