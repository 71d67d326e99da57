/**
 * Puts one differential case into a real API server and takes it out again, so that many cases share a
 * server (starting one costs tens of seconds; a case costs a second or two).
 *
 * Seeding: every object of the case's files, cluster-state files included, by server-side apply (the
 * server defaults fields as it does for any client); namespaces and their `default` ServiceAccount first,
 * as the controller manager would create that. Where the files hold several copies of one object (one
 * per cluster), the last in file order is seeded. The case's mesh config becomes the `istio` ConfigMap in
 * istio-system, where both tools read it live. What the server refuses (schema failures, Pods naming a
 * ServiceAccount that does not exist, kinds it does not serve) is recorded, not hidden: both tools then
 * see the cluster without it.
 *
 * Resetting: every collection the case wrote to is listed and compared with a record of the server taken
 * before any case (server-state.ts); the reset ends only when they are equal again. No
 * kube-controller-manager runs, so a deleted namespace would never finish terminating: the objects added
 * are deleted first, then each added namespace is deleted, finalized with `spec.finalizers: []` and
 * deleted again, which is what the namespace controller does. The server's own namespaces (default,
 * kube-system, ...) stay; what the case applied to them is taken back by applying them bare under the
 * same field manager, which removes the fields it owned.
 */
import fs from 'node:fs';
import YAML from 'yaml';
import { type KubeRest } from './kube-rest';
import { type KubeManifest } from './rbac';
import { type ResourcePaths } from './resource-paths';
import { FIELD_MANAGER, applyObject } from './seed';
import {
  type ServerState,
  type StateDifference,
  describeDifference as describeStateDifference,
} from './server-state';

/** An object of the case the server did not take, and why. */
export interface Refusal {
  readonly object: string;
  readonly reason: string;
}

/** Kinds a case may hold that would change the server itself rather than add state to it. */
const NOT_SEEDED = new Set(['CustomResourceDefinition', 'APIService']);

const FIRST = ['Namespace', 'ServiceAccount', 'ConfigMap', 'Secret', 'Service'];

function rank(kind: string): number {
  const index = FIRST.indexOf(kind);
  return index < 0 ? FIRST.length : index;
}

export function describeObject(object: KubeManifest): string {
  const namespace = object.metadata.namespace ? `${object.metadata.namespace}/` : '';
  return `${object.kind} ${namespace}${object.metadata.name}`;
}

/** The Kubernetes objects of `files`, `List`s unpacked; documents without a kind and name left out. */
export function readManifests(files: readonly string[]): KubeManifest[] {
  return files.flatMap((file) =>
    YAML.parseAllDocuments(fs.readFileSync(file, 'utf8'))
      .map((document) => document.toJS() as unknown)
      .flatMap((value) => {
        const object = value as KubeManifest | null;
        if (object?.kind === 'List' && Array.isArray(object.items)) return object.items as KubeManifest[];
        return [object];
      })
      .filter(
        (object): object is KubeManifest =>
          typeof object?.kind === 'string' &&
          typeof object.apiVersion === 'string' &&
          typeof object.metadata?.name === 'string',
      ),
  );
}

/** The `istio` ConfigMap holding a case's mesh config (given as the ConfigMap or the MeshConfig itself). */
export function meshConfigMap(file: string): KubeManifest {
  const text = fs.readFileSync(file, 'utf8');
  const parsed = YAML.parse(text) as { kind?: string; data?: Record<string, string> } | null;
  const data = parsed?.kind === 'ConfigMap' ? (parsed.data ?? {}) : { mesh: text };
  return {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name: 'istio', namespace: 'istio-system' },
    data,
  };
}

/** `networking.istio.io/VirtualService bookinfo/reviews`: one object, whatever file or copy it came from. */
function identity(object: KubeManifest): string {
  const group = object.apiVersion.includes('/') ? object.apiVersion.split('/')[0] : '';
  return `${group}/${describeObject(object)}`;
}

/**
 * One copy of each object, the last in file order. A case with several clusters' files holds copies of
 * the same object (each cluster's istiod Deployment, a Service in every cluster); seeded together they
 * would race, and the server would keep whichever copy was written last, differently from run to run.
 */
export function lastCopies(objects: readonly KubeManifest[]): KubeManifest[] {
  const last = new Map<string, KubeManifest>();
  for (const object of objects) {
    const key = identity(object);
    last.delete(key);
    last.set(key, object);
  }
  return [...last.values()];
}

/**
 * The collections (listed across namespaces) a case's objects go into: what its reset must give back as
 * they were. Namespaces and ServiceAccounts always (seeding adds them); the cluster IPs the server
 * allocates for Services, which a leftover would keep a later case from taking.
 */
export async function caseCollections(
  paths: ResourcePaths,
  objects: readonly KubeManifest[],
): Promise<string[]> {
  const kinds = new Map<string, { apiVersion: string; kind: string }>([
    ['v1/Namespace', { apiVersion: 'v1', kind: 'Namespace' }],
    ['v1/ServiceAccount', { apiVersion: 'v1', kind: 'ServiceAccount' }],
  ]);
  for (const object of objects) {
    if (NOT_SEEDED.has(object.kind)) continue;
    kinds.set(`${object.apiVersion}/${object.kind}`, { apiVersion: object.apiVersion, kind: object.kind });
    if (object.kind === 'Service') {
      kinds.set('IPAddress', { apiVersion: 'networking.k8s.io/v1', kind: 'IPAddress' });
    }
  }
  const collections = await Promise.all(
    [...kinds.values()].map(({ apiVersion, kind }) => paths.everywhere(apiVersion, kind)),
  );
  return [...new Set(collections.filter((collection) => collection !== undefined))].sort();
}

/** Rounds of restoring before a server that is still not as recorded fails the run. */
const RESTORE_ROUNDS = 3;

export class LiveCase {
  private constructor(
    private readonly rest: KubeRest,
    private readonly paths: ResourcePaths,
    private readonly baseline: ServerState,
    private readonly collections: readonly string[],
    readonly refused: Refusal[],
  ) {}

  /**
   * Seeds `objects` into a server that is as `baseline` recorded it (holding `baselineNamespaces`);
   * `collections` are those of `caseCollections(objects)`, each recorded in `baseline`.
   */
  static async seed(
    rest: KubeRest,
    paths: ResourcePaths,
    baseline: { readonly state: ServerState; readonly namespaces: ReadonlySet<string> },
    objects: readonly KubeManifest[],
    collections: readonly string[],
  ): Promise<LiveCase> {
    const live = new LiveCase(rest, paths, baseline.state, collections, []);
    await live.apply(lastCopies(objects), baseline.namespaces);
    return live;
  }

  private async apply(
    objects: readonly KubeManifest[],
    baselineNamespaces: ReadonlySet<string>,
  ): Promise<void> {
    const namespaces = new Set<string>();
    for (const object of objects) {
      if (object.kind === 'Namespace') namespaces.add(object.metadata.name);
      if (object.metadata.namespace) namespaces.add(object.metadata.namespace);
    }
    const declared = new Set(objects.map(describeObject));
    // The server's own namespaces already have theirs.
    const fresh = [...namespaces].filter((namespace) => !baselineNamespaces.has(namespace));
    const implied: KubeManifest[] = fresh.flatMap((namespace) => [
      { apiVersion: 'v1', kind: 'Namespace', metadata: { name: namespace } },
      { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'default', namespace } },
    ]);
    const all = [...implied.filter((object) => !declared.has(describeObject(object))), ...objects];
    for (const current of [...new Set(all.map((object) => rank(object.kind)))].sort((a, b) => a - b)) {
      const batch = all.filter((object) => rank(object.kind) === current);
      for (let start = 0; start < batch.length; start += 8) {
        await Promise.all(batch.slice(start, start + 8).map((object) => this.applyOne(object)));
      }
    }
  }

  private async applyOne(object: KubeManifest): Promise<void> {
    if (NOT_SEEDED.has(object.kind)) {
      this.refused.push({ object: describeObject(object), reason: 'not seeded: it changes the server' });
      return;
    }
    // A finalizer nothing removes would keep the object (and its namespace) from ever going away.
    const { finalizers: _finalizers, ...metadata } = object.metadata;
    try {
      await applyObject(this.rest, this.paths, { ...object, metadata });
    } catch (error) {
      // When only its status was refused the object exists all the same, without it (the reset finds
      // it by listing, not from this record): the reader is told which.
      const message = error instanceof Error ? error.message : String(error);
      const statusOnly = /^PATCH \S+\/status: /.test(message);
      this.refused.push({
        object: describeObject(object),
        reason: `${statusOnly ? 'its status (seeded without it): ' : ''}${statusMessage(message)}`,
      });
    }
  }

  /**
   * Takes the case out again, and proves it: the server's collections the case wrote to are listed and
   * compared with the baseline; what was added is deleted (namespaces last, finalized), what was changed
   * is given back by applying it bare under the harness's field manager (which removes the fields the
   * case set). A server still not as recorded fails the run rather than leak into the next case.
   */
  async reset(): Promise<void> {
    let differences = await this.baseline.differences(this.rest, this.collections);
    for (let round = 0; differences.length > 0 && round < RESTORE_ROUNDS; round++) {
      await this.restore(differences);
      differences = await this.baseline.differences(this.rest, this.collections);
    }
    if (differences.length > 0) {
      throw new Error(
        `the server is not as before the case after ${RESTORE_ROUNDS} rounds of restoring: ${differences.map(describeStateDifference).join('; ')}`,
      );
    }
  }

  private async restore(differences: readonly StateDifference[]): Promise<void> {
    const added = differences.filter((difference) => difference.change === 'added');
    const objects = added.filter((difference) => difference.kind !== 'Namespace');
    for (let start = 0; start < objects.length; start += 8) {
      await Promise.all(objects.slice(start, start + 8).map((difference) => this.delete(difference.path)));
    }
    const namespaces = added.filter((difference) => difference.kind === 'Namespace');
    await Promise.all(namespaces.map((difference) => this.deleteNamespace(difference.path)));
    const changed = differences.filter((difference) => difference.change === 'changed');
    await Promise.all(changed.map((difference) => this.giveBack(difference)));
  }

  private async delete(path: string): Promise<void> {
    // Without a kubelet a Pod on a node waits for it to confirm; without a garbage collector, only
    // background propagation removes an object at once.
    const answer = await this.rest.request(`${path}?gracePeriodSeconds=0&propagationPolicy=Background`, {
      method: 'DELETE',
    });
    if (answer.status !== 200 && answer.status !== 202 && answer.status !== 404) {
      throw new Error(`DELETE ${path}: ${answer.status} ${answer.body.slice(0, 300)}`);
    }
  }

  /** No namespace controller runs: its contents are gone already, so finalize it as that controller would. */
  private async deleteNamespace(path: string): Promise<void> {
    await this.rest.request(path, { method: 'DELETE' });
    const current = await this.rest.request(path);
    if (current.status === 404) return;
    const object = JSON.parse(current.body) as { spec?: { finalizers?: string[] } };
    await this.rest.json(`${path}/finalize`, {
      method: 'PUT',
      body: { ...object, spec: { ...object.spec, finalizers: [] } },
    });
    await this.rest.request(path, { method: 'DELETE' });
  }

  /** A baseline object the case applied to: applying it bare under the same manager takes the case's fields out. */
  private async giveBack(difference: StateDifference): Promise<void> {
    const metadata = {
      name: difference.name,
      ...(difference.namespace ? { namespace: difference.namespace } : {}),
    };
    await this.rest.json(`${difference.path}?fieldManager=${FIELD_MANAGER}&force=true`, {
      method: 'PATCH',
      body: { apiVersion: difference.apiVersion, kind: difference.kind, metadata },
      contentType: 'application/apply-patch+yaml',
    });
  }
}

/** The API server's own words from a failed request's Status, else the error's first line. */
function statusMessage(text: string): string {
  const quoted = /"message":"((?:[^"\\]|\\.)*)"/.exec(text)?.[1];
  return (quoted ?? text.split('\n')[0]!).slice(0, 240);
}
