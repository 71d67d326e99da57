/**
 * One etcd for all the harness' API servers (each stores under its own prefix), plain HTTP on 127.0.0.1,
 * without fsync: its data is thrown away with the run. Compaction goes through etcd's JSON gateway, so a
 * test can make old resource versions "too old" (410 Gone) the way a long-running cluster does.
 */
import path from 'node:path';
import { freePort, ServerProcess } from './server-process';

export class Etcd {
  private constructor(
    readonly url: string,
    private readonly process: ServerProcess,
  ) {}

  static async start(binary: string, workDir: string): Promise<Etcd> {
    const [clientPort, peerPort] = [await freePort(), await freePort()];
    const url = `http://127.0.0.1:${clientPort}`;
    const peerUrl = `http://127.0.0.1:${peerPort}`;
    const process = await ServerProcess.start({
      name: 'etcd',
      command: binary,
      args: [
        '--name=harness',
        `--data-dir=${path.join(workDir, 'etcd')}`,
        `--listen-client-urls=${url}`,
        `--advertise-client-urls=${url}`,
        `--listen-peer-urls=${peerUrl}`,
        `--initial-advertise-peer-urls=${peerUrl}`,
        `--initial-cluster=harness=${peerUrl}`,
        '--unsafe-no-fsync',
        '--log-level=warn',
      ],
      logFile: path.join(workDir, 'etcd.log'),
      ready: async () => {
        const response = await fetch(`${url}/health`);
        return ((await response.json()) as { health?: string }).health === 'true';
      },
    });
    return new Etcd(url, process);
  }

  /** Compacts etcd's history up to its current revision; returns that revision. */
  async compact(): Promise<number> {
    const status = await this.call('/v3/kv/range', { key: Buffer.from('/').toString('base64'), limit: 1 });
    const revision = Number((status.header as { revision?: string } | undefined)?.revision);
    if (!Number.isFinite(revision)) throw new Error(`etcd gave no revision: ${JSON.stringify(status)}`);
    await this.call('/v3/kv/compaction', { revision: String(revision), physical: true });
    return revision;
  }

  stop(): Promise<void> {
    return this.process.stop();
  }

  private async call(endpoint: string, body: unknown): Promise<Record<string, unknown>> {
    const response = await fetch(`${this.url}${endpoint}`, { method: 'POST', body: JSON.stringify(body) });
    const answer = (await response.json()) as Record<string, unknown>;
    if (!response.ok) throw new Error(`etcd ${endpoint}: ${response.status} ${JSON.stringify(answer)}`);
    return answer;
  }
}
