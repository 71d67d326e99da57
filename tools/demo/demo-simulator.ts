/**
 * The demo mesh for `npm run demo`: the built `meshwright-sim --demo` in a process group of its own,
 * writing its kubeconfig where the demo workspace's settings look (demo/.kube/config). Resolves once the
 * simulator prints its `ready` line; its output is echoed with a prefix.
 */
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { withTimeout } from '../e2e/deadline';

/** The demo's clusters, simulated or real: where the kubeconfig is, and how to stop them. */
export interface DemoMesh {
  readonly kubeconfig: string;
  readonly readyLine: string;
  stop(): Promise<void>;
}

export async function startDemoSimulator(repoRoot: string, kubeconfig: string): Promise<DemoMesh> {
  fs.mkdirSync(path.dirname(kubeconfig), { recursive: true });
  fs.rmSync(kubeconfig, { force: true });
  const child = spawn(
    process.execPath,
    [path.join(repoRoot, 'bin', 'meshwright-sim.js'), '--demo', '--kubeconfig', kubeconfig],
    {
      detached: true, // its own process group: stopped as a whole, and Ctrl-C reaches it only through us
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  const pid = child.pid;
  if (pid === undefined) throw new Error('could not start meshwright-sim');
  // If this process ends without stop() (an uncaught error), the simulator must not outlive it.
  const killOnExit = (): void => {
    try {
      process.kill(-pid, 'SIGTERM');
    } catch {
      // already gone
    }
  };
  process.on('exit', killOnExit);
  let output = '';
  const ready = new Promise<string>((resolve, reject) => {
    const scan = (chunk: Buffer): void => {
      const text = chunk.toString('utf8');
      output += text;
      for (const line of text.split('\n').filter(Boolean)) console.log(`  [sim] ${line}`);
      const match = /^meshwright-sim ready:.*$/m.exec(output);
      if (match) resolve(match[0]);
    };
    child.stdout.on('data', scan);
    child.stderr.on('data', scan);
    child.once('exit', (code) =>
      reject(new Error(`meshwright-sim exited with code ${code}: ${output.trim()}`)),
    );
  });
  const stop = async (): Promise<void> => {
    process.off('exit', killOnExit);
    try {
      process.kill(-pid, 'SIGTERM');
    } catch {
      return; // already gone
    }
    await new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) resolve();
      else child.once('exit', () => resolve());
    });
  };
  try {
    const readyLine = await withTimeout(ready, 30_000, 'meshwright-sim to print its ready line');
    return { kubeconfig, readyLine, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
