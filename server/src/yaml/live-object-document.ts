/**
 * Objects read from a live cluster have no file. Diagnostics about them go to a read-only virtual
 * document, `meshwright:/<cluster>/<kind>/<namespace>/<name>.yaml`, whose text is the object rendered
 * here. The language server serves the same text for that URI, so ranges computed on this
 * rendering land on the right node when the user opens it.
 */
import { stringify } from 'yaml';
import { type KubeObject } from '../mesh/snapshot';

export const LIVE_OBJECT_SCHEME = 'meshwright';

/** Cluster-scoped objects (Namespace, Node, webhooks) have no namespace; the URI uses this segment. */
export const CLUSTER_SCOPED_SEGMENT = '_';

export function liveObjectUri(cluster: string, kind: string, namespace: string, name: string): string {
  const parts = [cluster, kind, namespace || CLUSTER_SCOPED_SEGMENT, `${name}.yaml`];
  return `${LIVE_OBJECT_SCHEME}:/${parts.map(encodeURIComponent).join('/')}`;
}

/**
 * `meshwright:/<cluster>`: the cluster itself, for what is said about a cluster rather than one of its
 * objects (a type that could not be read there). The language server serves a read-only page of what it
 * could read there (views/cluster-read-state.ts), so a diagnostic on it opens somewhere.
 */
export function clusterUri(cluster: string): string {
  return `${LIVE_OBJECT_SCHEME}:/${encodeURIComponent(cluster)}`;
}

/** The cluster a `meshwright:/<cluster>` URI names; undefined for any other URI. */
export function parseClusterUri(uri: string): string | undefined {
  const match = /^meshwright:\/([^/]+)$/.exec(uri);
  return match?.[1] === undefined ? undefined : decodeURIComponent(match[1]);
}

export function parseLiveObjectUri(
  uri: string,
): { cluster: string; kind: string; namespace: string; name: string } | undefined {
  const match = /^meshwright:\/([^/]+)\/([^/]+)\/([^/]+)\/([^/]+)\.yaml$/.exec(uri);
  if (!match) return undefined;
  const [cluster, kind, namespace, name] = match.slice(1).map((part) => decodeURIComponent(part));
  if (cluster === undefined || kind === undefined || namespace === undefined || name === undefined) {
    return undefined;
  }
  return { cluster, kind, namespace: namespace === CLUSTER_SCOPED_SEGMENT ? '' : namespace, name };
}

/**
 * The object as YAML, without `metadata.managedFields` (server bookkeeping nobody reads). Deterministic:
 * the same object always renders to the same text.
 */
export function renderLiveObject(object: KubeObject): string {
  const { managedFields: _managedFields, ...metadata } = object.metadata;
  return stringify({ ...object, metadata }, { lineWidth: 0, aliasDuplicateObjects: false });
}
