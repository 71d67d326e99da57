/**
 * Which clusters each file of the repository goes to, according to its Argo CD and Flux objects: the
 * deployments the readers find, resolved against the workspace.
 * - The repository root of a GitOps object is the folder above its file under which its paths hold the
 *   most files (the nearest on a tie): the paths are relative to the repository, wherever the workspace
 *   or the CLI's PATH starts, and nothing needs configuring.
 * - A deployment's files: those directly in its path; with Argo CD's `directory.recurse`, a
 *   kustomization in the path, or for Flux, every file below it too.
 * - A cluster is matched to the analysis' clusters by name, or by API server URL through the
 *   kubeconfig's endpoints or the Argo CD cluster Secrets in the repository.
 * What cannot be resolved (a path without files, an unknown cluster, an unsupported generator) is a
 * MESH030 note on the object; its deployment gives no targets, or the name as written when no cluster is
 * known at all (as modelines do). Pure: objects and names in, targets and notes out.
 */
import { type MeshResource } from '../../model/resource';
import { resourceRef } from '../../framework/report-conversion';
import { type ArgoCluster, argoClusterOf, isArgoClusterSecret } from './argo-cluster-registry';
import { readApplication } from './argo-application';
import { readApplicationSet } from './argo-applicationset';
import { readFluxKustomization } from './flux-kustomization';
import {
  ARGO_GROUP,
  FLUX_KUSTOMIZE_GROUP,
  type GitOpsDeployment,
  type GitOpsNote,
  type GitOpsOrigin,
  type ReadGitOps,
  describeOrigin,
} from './gitops-deployments';

export const GITOPS_TARGET_NOTE = 'MESH030';

/** The clusters a file goes to and the objects that say so. */
export interface GitOpsFileTargets {
  readonly clusters: readonly string[];
  readonly origins: readonly GitOpsOrigin[];
}

export interface GitOpsInputs {
  /** Every authored object of the workspace (the GitOps objects and Argo CD cluster Secrets among them). */
  readonly resources: readonly MeshResource[];
  /** Every authored file: which paths exist. */
  readonly uris: readonly string[];
  /** The clusters of the analysis (kubeconfig contexts, `--cluster` names). */
  readonly clusters: readonly string[];
  /** Cluster name → API server URL (kubeconfig contexts). */
  readonly endpoints: ReadonlyMap<string, string>;
}

interface ResolvedDeployment {
  /** Files directly in this folder URI prefix (ending in `/`) are deployed. */
  readonly prefix: string;
  readonly recursive: boolean;
  readonly cluster: string;
  readonly origin: GitOpsOrigin;
}

const IN_CLUSTER = 'https://kubernetes.default.svc';
const KUSTOMIZATION_FILES = ['kustomization.yaml', 'kustomization.yml', 'Kustomization'];

export class GitOpsTargets {
  static readonly NONE = new GitOpsTargets([], []);

  constructor(
    private readonly deployments: readonly ResolvedDeployment[],
    readonly notes: readonly GitOpsNote[],
  ) {}

  get size(): number {
    return this.deployments.length;
  }

  targetsOf(uri: string): GitOpsFileTargets | undefined {
    const clusters: string[] = [];
    const origins: GitOpsOrigin[] = [];
    for (const deployment of this.deployments) {
      if (!uri.startsWith(deployment.prefix)) continue;
      if (!deployment.recursive && uri.slice(deployment.prefix.length).includes('/')) continue;
      if (!clusters.includes(deployment.cluster)) clusters.push(deployment.cluster);
      if (!origins.includes(deployment.origin)) origins.push(deployment.origin);
    }
    return clusters.length > 0 ? { clusters, origins } : undefined;
  }

  /** Same deployments and notes: nothing to re-target. */
  sameAs(other: GitOpsTargets): boolean {
    return this.signature() === other.signature();
  }

  private signatureText: string | undefined;
  private signature(): string {
    this.signatureText ??= JSON.stringify([this.deployments, this.notes]);
    return this.signatureText;
  }
}

export function resolveGitOpsTargets(inputs: GitOpsInputs): GitOpsTargets {
  const secrets = inputs.resources.filter(isArgoClusterSecret).map(argoClusterOf);
  const registered = secrets.filter((cluster): cluster is ArgoCluster => cluster !== undefined);
  const fromSecrets = registered.length > 0;
  const registry: readonly ArgoCluster[] = fromSecrets
    ? registered
    : inputs.clusters.map((name) => ({
        name,
        server: inputs.endpoints.get(name) ?? '',
        labels: {},
        annotations: {},
      }));

  const notes: GitOpsNote[] = [];
  const resolved: ResolvedDeployment[] = [];
  const files = new Set(inputs.uris);
  const folders = foldersHoldingFiles(inputs.uris);
  const clusters = new ClusterMatcher(inputs, registry);
  for (const resource of inputs.resources) {
    const read = readSafely(resource, registry, fromSecrets);
    if (!read) continue;
    const about = {
      resource: resourceRef(resource),
      annotations: resource.object.metadata.annotations ?? {},
    };
    const noted = notes.length;
    notes.push(...read.notes);
    const root = repositoryRoot(resource.source.uri, read.deployments, folders);
    for (const deployment of read.deployments) {
      const prefix = folderPrefix(root, deployment.path);
      if (!folders.has(prefix)) {
        notes.push({
          uri: resource.source.uri,
          range: deployment.pathRange,
          message: `${describeOrigin(deployment.origin)}: no file of the workspace is under path ${deployment.path || '.'} of the repository holding it, so it gives no targets. Check the path, or open the repository it names.`,
        });
        continue;
      }
      const cluster = clusters.resolve(deployment, root);
      if ('problem' in cluster) {
        notes.push({ uri: resource.source.uri, range: deployment.clusterRange, message: cluster.problem });
        continue;
      }
      const recursive = deployment.recursive || KUSTOMIZATION_FILES.some((name) => files.has(prefix + name));
      resolved.push({ prefix, recursive, cluster: cluster.name, origin: deployment.origin });
    }
    for (let index = noted; index < notes.length; index++) notes[index] = { ...notes[index]!, ...about };
  }
  return new GitOpsTargets(resolved, notes);
}

/** A reader that throws on some shape nobody foresaw costs that object's targets, never the analysis. */
function readSafely(
  resource: MeshResource,
  registry: readonly ArgoCluster[],
  fromSecrets: boolean,
): ReadGitOps | undefined {
  try {
    return readGitOpsObject(resource, registry, fromSecrets);
  } catch (error) {
    return {
      deployments: [],
      notes: [
        {
          uri: resource.source.uri,
          range: resource.source.locate(['metadata', 'name']),
          message: `${resource.kind} ${resource.name} could not be read for targets (${String(error)}); its paths get no targets from it. This is a Meshwright bug: please report it with the object.`,
        },
      ],
    };
  }
}

function readGitOpsObject(
  resource: MeshResource,
  registry: readonly ArgoCluster[],
  fromSecrets: boolean,
): ReadGitOps | undefined {
  if (resource.group === ARGO_GROUP && resource.kind === 'Application') return readApplication(resource);
  if (resource.group === ARGO_GROUP && resource.kind === 'ApplicationSet')
    return readApplicationSet(resource, registry, fromSecrets);
  if (resource.group === FLUX_KUSTOMIZE_GROUP && resource.kind === 'Kustomization')
    return readFluxKustomization(resource);
  return undefined;
}

/** Whether a resource is one the GitOps targets are read from (a change to it re-resolves them). */
export function isGitOpsInput(resource: MeshResource): boolean {
  return (
    (resource.group === ARGO_GROUP &&
      (resource.kind === 'Application' || resource.kind === 'ApplicationSet')) ||
    (resource.group === FLUX_KUSTOMIZE_GROUP && resource.kind === 'Kustomization') ||
    isArgoClusterSecret(resource)
  );
}

/** Every folder (ending in `/`; '' for the top of relative URIs) that holds a file, at any depth. */
function foldersHoldingFiles(uris: readonly string[]): Set<string> {
  const folders = new Set<string>(['']);
  for (const uri of uris) {
    for (let end = uri.lastIndexOf('/'); end >= 0; end = uri.lastIndexOf('/', end - 1)) {
      const folder = uri.slice(0, end + 1);
      // Its parents are in already, from an earlier file of this folder.
      if (folders.has(folder)) break;
      folders.add(folder);
    }
  }
  return folders;
}

/** The folder above `uri` (ending in `/`, or '' for relative URIs at the top) where most paths have files. */
function repositoryRoot(
  uri: string,
  deployments: readonly GitOpsDeployment[],
  folders: ReadonlySet<string>,
): string {
  let best = '';
  let bestCount = -1;
  for (let end = uri.lastIndexOf('/'); ; end = uri.lastIndexOf('/', end - 1)) {
    const candidate = end < 0 ? '' : uri.slice(0, end + 1);
    const count = deployments.filter((deployment) =>
      folders.has(folderPrefix(candidate, deployment.path)),
    ).length;
    if (count > bestCount) {
      best = candidate;
      bestCount = count;
    }
    // Stop at the scheme's slashes (`file:///`): no repository lies above the file system's root.
    if (end < 0 || /^[a-z][a-z0-9+.-]*:\/*$/i.test(candidate)) break;
  }
  return best;
}

/** `root` + the path's segments, URI-encoded when the root is a URI, ending in `/`. */
function folderPrefix(root: string, path: string): string {
  if (path === '') return root;
  const encode = /^[a-z][a-z0-9+.-]*:/i.test(root);
  const segments = path.split('/').map((segment) => (encode ? encodeURIComponent(segment) : segment));
  return `${root}${segments.join('/')}/`;
}

/** Matches what a deployment names to a cluster of the analysis. */
class ClusterMatcher {
  private readonly names: ReadonlySet<string>;
  private readonly byServer = new Map<string, string>();

  constructor(
    inputs: GitOpsInputs,
    private readonly registry: readonly ArgoCluster[],
  ) {
    this.names = new Set(inputs.clusters);
    for (const [name, server] of inputs.endpoints) this.byServer.set(normalizeServer(server), name);
  }

  resolve(deployment: GitOpsDeployment, root: string): { name: string } | { problem: string } {
    const who = describeOrigin(deployment.origin);
    const reference = deployment.cluster;
    const known = [...this.names];
    const unknown = (what: string): { name: string } | { problem: string } =>
      known.length === 0
        ? { name: what }
        : {
            problem: `${who}: ${what} is no cluster of the mesh (known: ${known.join(', ')}), so the files of ${deployment.path || '.'} get no targets from it. Clusters are matched by kubeconfig context (or --cluster) name, or by API server URL.`,
          };
    switch (reference.by) {
      case 'name': {
        if (known.length === 0 || this.names.has(reference.value)) return { name: reference.value };
        const secret = this.registry.find((cluster) => cluster.name === reference.value);
        const byServer = secret ? this.byServer.get(normalizeServer(secret.server)) : undefined;
        return byServer ? { name: byServer } : unknown(`cluster ${reference.value}`);
      }
      case 'server': {
        const byServer = this.byServer.get(normalizeServer(reference.value));
        if (byServer) return { name: byServer };
        const secret = this.registry.find(
          (cluster) => normalizeServer(cluster.server) === normalizeServer(reference.value),
        );
        if (secret && (known.length === 0 || this.names.has(secret.name))) return { name: secret.name };
        if (normalizeServer(reference.value) === IN_CLUSTER && !this.names.has('in-cluster'))
          return {
            problem: `${who}: ${IN_CLUSTER} is the cluster Argo CD runs in, which the repository does not name, so the files of ${deployment.path || '.'} get no targets from it. Use destination.name, or a meshwright.targets rule.`,
          };
        return unknown(`the API server ${reference.value}`);
      }
      case 'home': {
        const relative = deployment.origin.uri.startsWith(root)
          ? deployment.origin.uri.slice(root.length)
          : deployment.origin.uri;
        const segments = relative.split('/');
        const at = segments.lastIndexOf('clusters');
        const name = at >= 0 && at < segments.length - 2 ? decodeURIComponent(segments[at + 1]!) : undefined;
        if (name === undefined)
          return {
            problem: `${who}: without spec.kubeConfig it goes to the cluster Flux runs in, which Meshwright reads from the clusters/<name>/ folder holding it; this one is in no such folder, so the files of ${deployment.path || '.'} get no targets from it. Move it under clusters/<name>/ or give the path a meshwright.targets rule.`,
          };
        return known.length === 0 || this.names.has(name)
          ? { name }
          : unknown(`cluster ${name} (from its folder)`);
      }
    }
  }
}

function normalizeServer(server: string): string {
  return server.trim().replace(/\/+$/, '').toLowerCase();
}
