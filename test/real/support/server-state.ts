/**
 * What an API server holds of some collections, recorded once and compared later: the live differential
 * seeds case after case into the same server, and a case must find it exactly as the one before found
 * it, or what one case leaves behind changes what both tools report for the next.
 *
 * Objects are compared whole, less what the server changes on every write (`resourceVersion`,
 * `managedFields`, `generation`): a baseline object a case modified and gave back counts as unchanged.
 */
import { type KubeRest } from './kube-rest';

/** An object that is not as recorded: `added` since, `removed` since, or `changed`. */
export interface StateDifference {
  readonly change: 'added' | 'removed' | 'changed';
  readonly apiVersion: string;
  /** The object's own path, e.g. `/api/v1/namespaces/bookinfo/pods/ratings-v1`. */
  readonly path: string;
  readonly kind: string;
  readonly namespace?: string;
  readonly name: string;
}

interface ListedObject {
  readonly apiVersion?: string;
  readonly kind?: string;
  readonly metadata: { readonly name: string; readonly namespace?: string };
}

interface Listing {
  readonly apiVersion: string;
  readonly kind: string;
  readonly items: ListedObject[];
}

/** collection (listed across all namespaces) → object path → canonical content */
type Contents = Map<string, Map<string, string>>;

export class ServerState {
  private constructor(private readonly recorded: Contents) {}

  /** Records every object of `collections` (cluster-wide list paths, e.g. `/api/v1/pods`). */
  static async record(rest: KubeRest, collections: Iterable<string>): Promise<ServerState> {
    return new ServerState(await read(rest, collections));
  }

  /** How `collections` (each recorded before) differ now from what was recorded. */
  async differences(rest: KubeRest, collections: Iterable<string>): Promise<StateDifference[]> {
    const wanted = [...collections];
    for (const collection of wanted) {
      if (!this.recorded.has(collection)) throw new Error(`${collection} was not recorded`);
    }
    const current = await read(rest, wanted);
    const differences: StateDifference[] = [];
    for (const collection of wanted) {
      const before = this.recorded.get(collection)!;
      const now = current.get(collection)!;
      for (const [path, content] of now) {
        const previous = before.get(path);
        if (previous === undefined) differences.push(difference('added', path, content));
        else if (previous !== content) differences.push(difference('changed', path, content));
      }
      for (const [path, content] of before) {
        if (!now.has(path)) differences.push(difference('removed', path, content));
      }
    }
    return differences;
  }
}

async function read(rest: KubeRest, collections: Iterable<string>): Promise<Contents> {
  const contents: Contents = new Map();
  await Promise.all(
    [...collections].map(async (collection) => {
      // A list with no resourceVersion is served at the latest revision (from the watch cache once it
      // has caught up), never from an older snapshot.
      const listing = await listPatiently(rest, collection);
      const itemKind = listing.kind.replace(/List$/, '');
      const objects = new Map<string, string>();
      for (const item of listing.items) {
        objects.set(
          objectPath(collection, item),
          canonical({ ...item, apiVersion: listing.apiVersion, kind: itemKind }),
        );
      }
      contents.set(collection, objects);
    }),
  );
  return contents;
}

/** How long a collection may answer "not now" (429 while its watch cache fills, after a start). */
const READY_WITHIN_MS = 60_000;

async function listPatiently(rest: KubeRest, collection: string): Promise<Listing> {
  const deadline = Date.now() + READY_WITHIN_MS;
  for (;;) {
    const answer = await rest.request(collection);
    if (answer.status >= 200 && answer.status <= 299) return JSON.parse(answer.body) as Listing;
    if (answer.status !== 429 || Date.now() > deadline) {
      throw new Error(`GET ${collection}: ${answer.status} ${answer.body.slice(0, 300)}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

/** `/api/v1/pods` + bookinfo/ratings → `/api/v1/namespaces/bookinfo/pods/ratings`. */
function objectPath(collection: string, item: ListedObject): string {
  const name = encodeURIComponent(item.metadata.name);
  if (!item.metadata.namespace) return `${collection}/${name}`;
  const cut = collection.lastIndexOf('/');
  return `${collection.slice(0, cut)}/namespaces/${item.metadata.namespace}${collection.slice(cut)}/${name}`;
}

const VOLATILE_METADATA = new Set(['resourceVersion', 'managedFields', 'generation']);

/** The object as JSON with keys sorted and the fields every write changes left out. */
function canonical(object: ListedObject): string {
  const metadata = Object.fromEntries(
    Object.entries(object.metadata).filter(([field]) => !VOLATILE_METADATA.has(field)),
  );
  return JSON.stringify(sortKeys({ ...object, metadata }));
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.keys(value)
      .sort()
      .map((key) => [key, sortKeys((value as Record<string, unknown>)[key])]),
  );
}

function difference(change: StateDifference['change'], path: string, content: string): StateDifference {
  const object = JSON.parse(content) as ListedObject;
  return {
    change,
    apiVersion: object.apiVersion ?? '',
    path,
    kind: object.kind ?? '',
    name: object.metadata.name,
    ...(object.metadata.namespace ? { namespace: object.metadata.namespace } : {}),
  };
}

export function describeDifference(difference: StateDifference): string {
  const namespace = difference.namespace ? `${difference.namespace}/` : '';
  return `${difference.change} ${difference.kind} ${namespace}${difference.name}`;
}
