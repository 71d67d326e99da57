/**
 * Puts one differential case into a real API server and takes it out again, so that many cases share a
 * server (starting one costs tens of seconds; a case costs a second or two).
 *
 * Seeding: every object of the case's files, cluster-state files included, by server-side apply (the
 * server defaults fields as it does for any client); namespaces and their `default` ServiceAccount first,
 * as the controller manager would create that. The case's mesh config becomes the `istio` ConfigMap in
 * istio-system, where both tools read it live. What the server refuses (schema failures, Pods naming a
 * ServiceAccount that does not exist, kinds it does not serve) is recorded, not hidden: both tools then
 * see the cluster without it.
 *
 * Resetting: no kube-controller-manager runs, so a deleted namespace would never finish terminating.
 * The case's objects are deleted one by one, then each of its namespaces is deleted, finalized with
 * `spec.finalizers: []` and deleted again, which is what the namespace controller does. The server's own
 * namespaces (default, kube-system, ...) stay; what the case applied to them is taken back by applying
 * them bare under the same field manager, which removes the fields it owned.
 */
import fs from 'node:fs';
import YAML from 'yaml';
import { type KubeRest } from './kube-rest';
import { type KubeManifest } from './rbac';
import { type ResourcePaths } from './resource-paths';
import { FIELD_MANAGER, applyObject } from './seed';

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

export class LiveCase {
  private readonly applied: KubeManifest[] = [];
  private readonly createdNamespaces = new Set<string>();
  private readonly touchedNamespaces = new Set<string>();

  private constructor(
    private readonly rest: KubeRest,
    private readonly paths: ResourcePaths,
    private readonly baselineNamespaces: ReadonlySet<string>,
    readonly refused: Refusal[],
  ) {}

  /** Seeds `objects` into a server holding only `baselineNamespaces`. */
  static async seed(
    rest: KubeRest,
    paths: ResourcePaths,
    baselineNamespaces: ReadonlySet<string>,
    objects: readonly KubeManifest[],
  ): Promise<LiveCase> {
    const live = new LiveCase(rest, paths, baselineNamespaces, []);
    await live.apply(objects);
    return live;
  }

  private async apply(objects: readonly KubeManifest[]): Promise<void> {
    const namespaces = new Set<string>();
    for (const object of objects) {
      if (object.kind === 'Namespace') namespaces.add(object.metadata.name);
      if (object.metadata.namespace) namespaces.add(object.metadata.namespace);
    }
    const declared = new Set(objects.map(describeObject));
    // The server's own namespaces already have theirs, which reset must not take away.
    const fresh = [...namespaces].filter((namespace) => !this.baselineNamespaces.has(namespace));
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
      const message = error instanceof Error ? error.message : String(error);
      this.refused.push({ object: describeObject(object), reason: statusMessage(message) });
      return;
    }
    this.applied.push(object);
    if (object.kind === 'Namespace') {
      if (this.baselineNamespaces.has(object.metadata.name)) this.touchedNamespaces.add(object.metadata.name);
      else this.createdNamespaces.add(object.metadata.name);
    }
  }

  /** Takes the case out again: the server holds what it held before `seed`. */
  async reset(): Promise<void> {
    const deletable = this.applied.filter((object) => object.kind !== 'Namespace').reverse();
    for (let start = 0; start < deletable.length; start += 8) {
      await Promise.all(deletable.slice(start, start + 8).map((object) => this.delete(object)));
    }
    await Promise.all([...this.createdNamespaces].map((namespace) => this.deleteNamespace(namespace)));
    for (const namespace of this.touchedNamespaces) {
      await this.rest.json(`/api/v1/namespaces/${namespace}?fieldManager=${FIELD_MANAGER}&force=true`, {
        method: 'PATCH',
        body: { apiVersion: 'v1', kind: 'Namespace', metadata: { name: namespace } },
        contentType: 'application/apply-patch+yaml',
      });
    }
  }

  private async delete(object: KubeManifest): Promise<void> {
    const target = await this.paths.object(object);
    // Without a kubelet a Pod on a node waits for it to confirm; without a garbage collector, only
    // background propagation removes an object at once.
    const answer = await this.rest.request(`${target}?gracePeriodSeconds=0&propagationPolicy=Background`, {
      method: 'DELETE',
    });
    if (answer.status !== 200 && answer.status !== 202 && answer.status !== 404) {
      throw new Error(`DELETE ${target}: ${answer.status} ${answer.body.slice(0, 300)}`);
    }
  }

  private async deleteNamespace(namespace: string): Promise<void> {
    const path = `/api/v1/namespaces/${namespace}`;
    await this.rest.request(path, { method: 'DELETE' });
    const current = await this.rest.request(path);
    if (current.status === 404) return;
    const object = JSON.parse(current.body) as { spec?: { finalizers?: string[] } };
    await this.rest.json(`${path}/finalize`, {
      method: 'PUT',
      body: { ...object, spec: { ...object.spec, finalizers: [] } },
    });
    await this.rest.request(path, { method: 'DELETE' });
    const gone = await this.rest.request(path);
    if (gone.status !== 404) throw new Error(`namespace ${namespace} still exists after finalizing it`);
  }
}

/** The API server's own words from a failed request's Status, else the error's first line. */
function statusMessage(text: string): string {
  const quoted = /"message":"((?:[^"\\]|\\.)*)"/.exec(text)?.[1];
  return (quoted ?? text.split('\n')[0]!).slice(0, 240);
}
