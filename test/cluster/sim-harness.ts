/**
 * Shared helpers for the simulator tests: start a simulator in-process, run the real `kubectl` against
 * it (with a private discovery cache), call the control API, and poll for a condition with a deadline.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import https from 'node:https';
import os from 'node:os';
import path from 'node:path';
import YAML from 'yaml';
import { startSimulator, type Simulator, type SimulatorOptions } from '../../simulator/src/index';

export const FIXTURES = path.resolve(__dirname, '..', 'fixtures', 'sim');

export interface CommandResult {
  code: number;
  stdout: string;
  stderr: string;
}

export interface SimulatorUnderTest {
  simulator: Simulator;
  kubeconfigPath: string;
  workDir: string;
  kubectl(...args: string[]): Promise<CommandResult>;
  /** Starts `kubectl args...` without waiting (for `get --watch`); kill it when done. */
  spawnKubectl(args: string[]): { output: () => string; stop: () => void };
  stop(): Promise<void>;
}

function kubectlEnvironment(workDir: string): NodeJS.ProcessEnv {
  // A private HOME keeps kubectl away from the user's kubeconfig and discovery cache.
  return { ...process.env, HOME: workDir, KUBECONFIG: '' };
}

export async function startForTest(options: SimulatorOptions): Promise<SimulatorUnderTest> {
  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'meshwright-sim-test-'));
  const kubeconfigPath = path.join(workDir, 'kubeconfig');
  const simulator = await startSimulator({ ...options, kubeconfigPath });
  const common = ['--kubeconfig', kubeconfigPath, '--cache-dir', path.join(workDir, 'cache')];
  return {
    simulator,
    kubeconfigPath,
    workDir,
    kubectl: (...args) =>
      new Promise((resolve) => {
        execFile(
          'kubectl',
          [...common, ...args],
          { env: kubectlEnvironment(workDir), timeout: 15_000 },
          (error, stdout, stderr) => {
            const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
            resolve({ code, stdout, stderr });
          },
        );
      }),
    spawnKubectl(args) {
      let output = '';
      const child = execFile('kubectl', [...common, ...args], { env: kubectlEnvironment(workDir) });
      child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
      child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
      return { output: () => output, stop: () => child.kill() };
    },
    async stop() {
      await simulator.stop();
      fs.rmSync(workDir, { recursive: true, force: true });
    },
  };
}

/** Polls `condition` until it returns a truthy value or the deadline passes (then throws `message`). */
export async function waitFor<T>(
  condition: () => T | Promise<T>,
  message: string,
  deadlineMs = 10_000,
): Promise<T> {
  const deadline = Date.now() + deadlineMs;
  for (;;) {
    const value = await condition();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for: ${message}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

export interface HttpResult {
  status: number;
  body: string;
}

/** An HTTPS request to a simulated cluster or the control API, trusting the run's CA. */
export function request(
  simulator: Simulator,
  url: string,
  options: {
    method?: string;
    token?: string | null;
    body?: string;
    contentType?: string;
    accept?: string;
  } = {},
): Promise<HttpResult> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = {};
    if (options.token) headers.Authorization = `Bearer ${options.token}`;
    if (options.contentType) headers['Content-Type'] = options.contentType;
    if (options.accept) headers.Accept = options.accept;
    const req = https.request(
      url,
      { method: options.method ?? 'GET', ca: simulator.caCertificatePem, headers },
      (res) => {
        let body = '';
        res.on('data', (chunk: Buffer) => (body += chunk.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}

/** Opens a watch and collects its event lines until `stop()` or the server ends the stream. */
export function openWatch(
  simulator: Simulator,
  url: string,
  token: string,
): { events: () => Record<string, unknown>[]; ended: () => boolean; stop: () => void } {
  const events: Record<string, unknown>[] = [];
  let ended = false;
  let buffer = '';
  const req = https.get(
    url,
    { ca: simulator.caCertificatePem, headers: { Authorization: `Bearer ${token}` } },
    (res) => {
      res.on('data', (chunk: Buffer) => {
        buffer += chunk.toString();
        const lines = buffer.split('\n');
        buffer = lines.pop() ?? '';
        for (const line of lines) if (line.trim()) events.push(JSON.parse(line) as Record<string, unknown>);
      });
      res.on('end', () => (ended = true));
      res.on('close', () => (ended = true));
    },
  );
  req.on('error', () => (ended = true));
  return { events: () => events, ended: () => ended, stop: () => req.destroy() };
}

/** The kubeconfig the simulator wrote, parsed. */
export function readKubeconfig(file: string): {
  clusters: {
    name: string;
    cluster: { server: string; extensions: { name: string; extension: { control: string } }[] };
  }[];
  users: { name: string; user: { token: string } }[];
  contexts: { name: string; context: { cluster: string; user: string } }[];
} {
  return YAML.parse(fs.readFileSync(file, 'utf8'));
}
