/**
 * A server program the harness runs (etcd, kube-apiserver): started with its output in a log file, waited
 * for until a readiness probe passes, stopped with SIGTERM (SIGKILL after a grace period). Every process
 * still running when the test process exits is killed, so an aborted run leaves no server behind.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';

const running = new Set<ChildProcess>();
process.on('exit', () => {
  for (const child of running) child.kill('SIGKILL');
});

export interface ServerProcessOptions {
  readonly name: string;
  readonly command: string;
  readonly args: readonly string[];
  readonly logFile: string;
  /** Resolves true once the server is ready; called every 100 ms until `readyWithinMs`. */
  readonly ready: () => Promise<boolean>;
  readonly readyWithinMs?: number;
}

export class ServerProcess {
  private exited = false;

  private constructor(
    private readonly child: ChildProcess,
    private readonly options: ServerProcessOptions,
  ) {
    child.once('exit', () => {
      this.exited = true;
      running.delete(child);
    });
  }

  static async start(options: ServerProcessOptions): Promise<ServerProcess> {
    const log = fs.openSync(options.logFile, 'a');
    const child = spawn(options.command, [...options.args], { stdio: ['ignore', log, log] });
    fs.closeSync(log);
    running.add(child);
    const server = new ServerProcess(child, options);
    await server.waitUntilReady();
    return server;
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  /** The last lines of the server's log, for error messages. */
  logTail(lines = 30): string {
    try {
      return fs.readFileSync(this.options.logFile, 'utf8').split('\n').slice(-lines).join('\n');
    } catch {
      return '(no log)';
    }
  }

  async stop(graceMs = 5_000): Promise<void> {
    if (this.exited) return;
    const exited = new Promise<void>((resolve) => this.child.once('exit', () => resolve()));
    this.child.kill('SIGTERM');
    const killer = setTimeout(() => this.child.kill('SIGKILL'), graceMs);
    await exited;
    clearTimeout(killer);
  }

  private async waitUntilReady(): Promise<void> {
    const deadline = Date.now() + (this.options.readyWithinMs ?? 90_000);
    for (;;) {
      if (this.exited) {
        throw new Error(`${this.options.name} exited before it was ready:\n${this.logTail()}`);
      }
      if (await this.options.ready().catch(() => false)) return;
      if (Date.now() > deadline) {
        await this.stop();
        throw new Error(`${this.options.name} was not ready in time:\n${this.logTail()}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}

/** A TCP port free on 127.0.0.1 right now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}
