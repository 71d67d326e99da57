/**
 * One real kube-apiserver on 127.0.0.1, storing under its own etcd prefix, with its own CA (serving and
 * client certificates), static tokens and RBAC: the identities every test cluster has. No controller
 * manager, scheduler or kubelet runs; the harness writes what they would (see seed.ts). A server can be
 * stopped and started again on the same port and storage, as a restarted control plane is.
 */
import { generateKeyPairSync, randomBytes, type KeyObject } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import {
  CertificateAuthority,
  type IssuedCertificate,
} from '../../../simulator/src/tls/certificate-authority';
import { KubeRest, type Credential } from './kube-rest';
import { freePort, ServerProcess } from './server-process';

/** The identities of every harness cluster. Roles and bindings are in rbac.ts. */
export interface ClusterIdentities {
  /** group system:masters (token): the harness' own. */
  readonly admin: { readonly token: string };
  /** the ClusterRole docs/topology.md recommends (token). */
  readonly reader: { readonly token: string };
  /** reader rights plus writing Istio config (client certificate). */
  readonly applier: IssuedCertificate;
  /** authenticated, no rights at all (token). */
  readonly nobody: { readonly token: string };
}

export const USERS = {
  admin: 'meshwright-admin',
  reader: 'meshwright-reader',
  applier: 'meshwright-applier',
  nobody: 'meshwright-nobody',
} as const;
export const APPLIER_GROUP = 'meshwright:appliers';

/** Covers the demo's Service addresses (172.20-22.x.x); /12 is the widest range kube-apiserver takes. */
const SERVICE_CLUSTER_IP_RANGE = '172.16.0.0/12';

export interface ApiServerOptions {
  readonly name: string;
  readonly binary: string;
  readonly etcdUrl: string;
  readonly workDir: string;
  /** Flags added to the harness' own, e.g. `--watch-cache=false`. */
  readonly extraFlags?: readonly string[];
}

export class RealApiServer {
  private process: ServerProcess | undefined;

  private constructor(
    private readonly options: ApiServerOptions,
    readonly port: number,
    readonly caPem: string,
    readonly identities: ClusterIdentities,
    private readonly args: readonly string[],
  ) {}

  static async start(options: ApiServerOptions): Promise<RealApiServer> {
    const directory = path.join(options.workDir, options.name);
    fs.mkdirSync(directory, { recursive: true });
    const ca = await CertificateAuthority.create(`meshwright-real ${options.name} CA`);
    const serving = await ca.issueServerCertificate(`kube-apiserver ${options.name}`);
    const identities: ClusterIdentities = {
      admin: { token: token() },
      reader: { token: token() },
      applier: await ca.issueClientCertificate(USERS.applier, [APPLIER_GROUP]),
      nobody: { token: token() },
    };
    const file = (name: string, content: string): string => {
      const target = path.join(directory, name);
      fs.writeFileSync(target, content, { mode: 0o600 });
      return target;
    };
    const tokens = [
      `${identities.admin.token},${USERS.admin},${USERS.admin},"system:masters"`,
      `${identities.reader.token},${USERS.reader},${USERS.reader}`,
      `${identities.nobody.token},${USERS.nobody},${USERS.nobody}`,
    ];
    const serviceAccountKeys = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const pem = (key: KeyObject, type: 'pkcs8' | 'spki'): string =>
      key.export({ type, format: 'pem' }).toString();
    const port = await freePort();
    const args = [
      '--bind-address=127.0.0.1',
      `--secure-port=${port}`,
      `--tls-cert-file=${file('serving.crt', serving.certificatePem)}`,
      `--tls-private-key-file=${file('serving.key', serving.privateKeyPem)}`,
      `--client-ca-file=${file('ca.crt', ca.certificatePem)}`,
      `--token-auth-file=${file('tokens.csv', `${tokens.join('\n')}\n`)}`,
      '--authorization-mode=RBAC',
      '--service-account-issuer=https://kubernetes.default.svc.cluster.local',
      `--service-account-key-file=${file('service-accounts.pub', pem(serviceAccountKeys.publicKey, 'spki'))}`,
      `--service-account-signing-key-file=${file('service-accounts.key', pem(serviceAccountKeys.privateKey, 'pkcs8'))}`,
      `--service-cluster-ip-range=${SERVICE_CLUSTER_IP_RANGE}`,
      `--etcd-servers=${options.etcdUrl}`,
      `--etcd-prefix=/${options.name}`,
      ...(options.extraFlags ?? []),
    ];
    const server = new RealApiServer(options, port, ca.certificatePem, identities, args);
    await server.run();
    return server;
  }

  get name(): string {
    return this.options.name;
  }

  get url(): string {
    return `https://127.0.0.1:${this.port}`;
  }

  get running(): boolean {
    return this.process !== undefined;
  }

  /** A client as one of the cluster's identities (the admin unless told). */
  rest(identity: keyof ClusterIdentities = 'admin'): KubeRest {
    return new KubeRest(this.url, this.caPem, this.identities[identity] as Credential);
  }

  async stop(): Promise<void> {
    const running = this.process;
    this.process = undefined;
    await running?.stop();
  }

  /** Starts the stopped server again: same port, same certificates, same storage. */
  async restart(): Promise<void> {
    await this.stop();
    await this.run();
  }

  private async run(): Promise<void> {
    const admin = this.rest('admin');
    this.process = await ServerProcess.start({
      name: `kube-apiserver ${this.options.name}`,
      command: this.options.binary,
      args: this.args,
      logFile: path.join(this.options.workDir, `${this.options.name}.log`),
      ready: async () => {
        const answer = await admin.request('/readyz', { timeoutMs: 2_000 });
        return answer.status === 200;
      },
      readyWithinMs: 120_000,
    });
  }
}

function token(): string {
  return randomBytes(24).toString('hex');
}
