/**
 * What the apply suites need around a real control plane: the ApplyEnvironment the language server would
 * build (the kubeconfig's contexts plus the roles a real discovery read), kubeconfigs that mix identities
 * per cluster (so one cluster refuses while the others accept), a server that records every connection
 * (to prove a guard refused before any request), and reading or deleting objects as the cluster admin.
 */
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import YAML from 'yaml';
import { loadApplyEnvironment, type ApplyEnvironment } from '../../../server/src/apply/apply-targets';
import { discoverTopology } from '../../../server/src/topology/discover-topology';
import { type Identity, type RealControlPlane } from './control-plane';

/**
 * As the language server does it: roles from a discovery through `discoveryKubeconfig`, contexts (and
 * credentials) from `applyKubeconfig`, which may point a context elsewhere to watch what the engine sends.
 */
export async function realApplyEnvironment(
  discoveryKubeconfig: string,
  applyKubeconfig: string = discoveryKubeconfig,
  requestTimeoutMs = 15_000,
): Promise<ApplyEnvironment> {
  const topology = await discoverTopology({ kubeconfig: discoveryKubeconfig, timeoutMs: 30_000 });
  return loadApplyEnvironment({ kubeconfig: applyKubeconfig, trusted: true }, topology, requestTimeoutMs);
}

interface KubeconfigFile {
  clusters: { name: string; cluster: { server: string } }[];
  users: { name: string; user: Record<string, string> }[];
  contexts: { name: string; context: { cluster: string; user: string } }[];
  [key: string]: unknown;
}

/**
 * A kubeconfig whose context for each cluster uses the identity `identities` names (else `fallback`),
 * and whose servers `servers` may redirect.
 */
export function mixedKubeconfig(
  plane: RealControlPlane,
  fallback: Identity,
  identities: Readonly<Record<string, Identity>>,
  servers: ReadonlyMap<string, string> = new Map(),
): string {
  const read = (identity: Identity): KubeconfigFile =>
    YAML.parse(fs.readFileSync(plane.kubeconfig(identity), 'utf8')) as KubeconfigFile;
  const base = read(fallback);
  for (const [cluster, identity] of Object.entries(identities)) {
    const other = read(identity);
    const context = base.contexts.find((candidate) => candidate.name === cluster);
    const user = other.users.find((candidate) => candidate.name === `${cluster}-${identity}`);
    if (!context || !user) throw new Error(`no context ${cluster} with identity ${identity}`);
    base.users.push(user);
    context.context.user = user.name;
  }
  for (const entry of base.clusters) entry.cluster.server = servers.get(entry.name) ?? entry.cluster.server;
  const name = Object.entries(identities)
    .map(([cluster, identity]) => `${cluster}-${identity}`)
    .join('-');
  const file = path.join(plane.workDir, `kubeconfig-${fallback}-${name}-${servers.size}`);
  fs.writeFileSync(file, YAML.stringify(base), { mode: 0o600 });
  return file;
}

/** A TCP server that answers nothing and counts the connections made to it. */
export async function connectionTrap(): Promise<{
  url: string;
  connections: () => number;
  close: () => Promise<void>;
}> {
  let connections = 0;
  const server = net.createServer((socket) => {
    connections += 1;
    socket.destroy();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  return {
    url: `https://127.0.0.1:${port}`,
    connections: () => connections,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** The REST path of a namespaced Istio networking object. */
export function networkingPath(plural: string, namespace: string, name: string): string {
  return `/apis/networking.istio.io/v1/namespaces/${namespace}/${plural}/${name}`;
}

/** The object as the cluster admin reads it, or null when the server answers 404. */
export async function adminGet(
  plane: RealControlPlane,
  cluster: string,
  objectPath: string,
): Promise<Record<string, unknown> | null> {
  const answer = await plane.cluster(cluster).rest('admin').request(objectPath);
  if (answer.status === 404) return null;
  if (answer.status !== 200)
    throw new Error(`GET ${objectPath} in ${cluster}: ${answer.status} ${answer.body}`);
  return JSON.parse(answer.body) as Record<string, unknown>;
}

/** Deletes what a test created, so the shared clusters are as seeded again (a 404 is fine). */
export async function adminDelete(
  plane: RealControlPlane,
  cluster: string,
  objectPath: string,
): Promise<void> {
  const answer = await plane.cluster(cluster).rest('admin').request(objectPath, { method: 'DELETE' });
  if (answer.status !== 200 && answer.status !== 202 && answer.status !== 404) {
    throw new Error(`DELETE ${objectPath} in ${cluster}: ${answer.status} ${answer.body}`);
  }
}

/** `meshwright (Apply)` per managedFields entry. */
export function managersOf(object: Record<string, unknown> | null): string[] {
  const metadata = (object?.metadata ?? {}) as { managedFields?: { manager: string; operation: string }[] };
  return (metadata.managedFields ?? []).map((entry) => `${entry.manager} (${entry.operation})`);
}

/**
 * The top-level `spec` fields a manager owns, from its fieldsV1 (`f:spec` → `f:http` → `http`); an Update
 * entry's `.` (the map itself) is not a field.
 */
export function specFieldsOwnedBy(object: Record<string, unknown> | null, manager: string): string[] {
  const metadata = (object?.metadata ?? {}) as {
    managedFields?: { manager: string; fieldsV1?: { 'f:spec'?: Record<string, unknown> } }[];
  };
  return (metadata.managedFields ?? [])
    .filter((entry) => entry.manager === manager)
    .flatMap((entry) => Object.keys(entry.fieldsV1?.['f:spec'] ?? {}))
    .filter((key) => key.startsWith('f:'))
    .map((key) => key.slice('f:'.length))
    .sort();
}

/** The tokens and private keys of every identity of the plane (no message may contain one). */
export function planeSecrets(plane: RealControlPlane): string[] {
  return plane.clusterNames.flatMap((name) => {
    const { admin, reader, applier, nobody } = plane.cluster(name).identities;
    return [admin.token, reader.token, nobody.token, applier.privateKeyPem];
  });
}

/** Fails when any text contains a token or private key of the plane. */
export function assertNoSecret(plane: RealControlPlane, texts: readonly string[]): void {
  for (const secret of planeSecrets(plane)) {
    for (const text of texts) {
      if (text.includes(secret)) throw new Error(`a credential appears in: ${text.slice(0, 80)}...`);
    }
  }
}
