/**
 * A local multicluster control plane for tests: one etcd, one real kube-apiserver per cluster (each its own
 * etcd prefix, CA and identities), RBAC, the CRDs and a seeded state; kubeconfig files per identity whose
 * contexts are named after the clusters, as a user's are. `stop()` removes every process and file.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import YAML from 'yaml';
import { RealApiServer, type ClusterIdentities } from './api-server';
import { realBinaries } from './binaries';
import { Etcd } from './etcd';
import { harnessRbac, type KubeManifest } from './rbac';
import { ResourcePaths } from './resource-paths';
import { installCrds, seedObjects } from './seed';

export interface RealClusterSpec {
  readonly name: string;
  readonly objects: readonly KubeManifest[];
  /** kube-apiserver flags for this cluster only. */
  readonly extraFlags?: readonly string[];
  /** false: the Gateway API CRDs are not installed (Istio's are); a cluster without Gateway API. */
  readonly gatewayApi?: boolean;
}

export type Identity = keyof ClusterIdentities;

export class RealControlPlane {
  private readonly kubeconfigs = new Map<Identity, string>();
  private redirected = 0;
  private stopped = false;

  private constructor(
    readonly workDir: string,
    readonly etcd: Etcd,
    private readonly servers: ReadonlyMap<string, RealApiServer>,
    readonly startedInMs: number,
  ) {}

  static async start(clusters: readonly RealClusterSpec[]): Promise<RealControlPlane> {
    const started = Date.now();
    const binaries = realBinaries();
    const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'meshwright-real-'));
    const servers = new Map<string, RealApiServer>();
    let etcd: Etcd | undefined;
    try {
      etcd = await Etcd.start(binaries.etcd, workDir);
      const etcdUrl = etcd.url;
      const ready = await Promise.all(
        clusters.map(async (spec) => {
          const server = await RealApiServer.start({
            name: spec.name,
            binary: binaries.kubeApiserver,
            etcdUrl,
            workDir,
            extraFlags: spec.extraFlags,
          });
          servers.set(spec.name, server);
          const rest = server.rest('admin');
          const paths = new ResourcePaths(rest);
          await installCrds(rest, paths, { gatewayApi: spec.gatewayApi ?? true });
          await seedObjects(rest, paths, [...harnessRbac(), ...spec.objects]);
          return server;
        }),
      );
      return new RealControlPlane(
        workDir,
        etcd,
        new Map(ready.map((server) => [server.name, server])),
        Date.now() - started,
      );
    } catch (error) {
      await Promise.all([...servers.values()].map((server) => server.stop()));
      await etcd?.stop();
      fs.rmSync(workDir, { recursive: true, force: true });
      throw error;
    }
  }

  get clusterNames(): string[] {
    return [...this.servers.keys()];
  }

  cluster(name: string): RealApiServer {
    const server = this.servers.get(name);
    if (!server)
      throw new Error(`no cluster ${name} in this control plane (${this.clusterNames.join(', ')})`);
    return server;
  }

  /**
   * A kubeconfig whose contexts (one per cluster, named after it) use `identity`; written once. Servers are
   * verified against each cluster's own CA; `serverOverrides` (cluster → URL) sends a context elsewhere,
   * e.g. to a proxy in front of that cluster, in a file of its own.
   */
  kubeconfig(identity: Identity = 'reader', serverOverrides?: ReadonlyMap<string, string>): string {
    const known = serverOverrides ? undefined : this.kubeconfigs.get(identity);
    if (known) return known;
    const base64 = (text: string): string => Buffer.from(text).toString('base64');
    const user = (server: RealApiServer): Record<string, string> => {
      const credential = server.identities[identity];
      return 'token' in credential
        ? { token: credential.token }
        : {
            'client-certificate-data': base64(credential.certificatePem),
            'client-key-data': base64(credential.privateKeyPem),
          };
    };
    const all = [...this.servers.values()];
    const config = {
      apiVersion: 'v1',
      kind: 'Config',
      'current-context': all[0]?.name,
      clusters: all.map((server) => ({
        name: server.name,
        cluster: {
          server: serverOverrides?.get(server.name) ?? server.url,
          'certificate-authority-data': base64(server.caPem),
        },
      })),
      users: all.map((server) => ({ name: `${server.name}-${identity}`, user: user(server) })),
      contexts: all.map((server) => ({
        name: server.name,
        context: { cluster: server.name, user: `${server.name}-${identity}` },
      })),
    };
    const suffix = serverOverrides ? `-redirected-${++this.redirected}` : '';
    const file = path.join(this.workDir, `kubeconfig-${identity}${suffix}`);
    fs.writeFileSync(file, YAML.stringify(config), { mode: 0o600 });
    if (!serverOverrides) this.kubeconfigs.set(identity, file);
    return file;
  }

  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    await Promise.all([...this.servers.values()].map((server) => server.stop()));
    await this.etcd.stop();
    fs.rmSync(this.workDir, { recursive: true, force: true });
  }
}
