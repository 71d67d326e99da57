/**
 * The Policies view's inventory: for every host the mesh's Istio and Gateway API config talks about
 * (analysis/model/primary-compared-config.ts says which objects are compared), which primaries hold
 * which objects, and whether each primary's copy is identical to the reference copy, differs (and in
 * which fields), or is missing. Each primary's istiod reads only its own cluster's config, so a copy that
 * differs or is missing means callers served by that primary see other behaviour (what MESH201/MESH202
 * report); "drift" is decided by the same comparison (analysis/model/object-drift.ts).
 *
 * Objects without a host (PeerAuthentication, AuthorizationPolicy, Sidecar, Gateway, ...) are listed per
 * namespace. Copies held by remote clusters are named too: no control plane reads them (MESH107). Pure.
 */
import { normalizeHost, serviceHost } from '../analysis/model/hosts';
import { asArray, asRecord, asString } from '../mesh/object-fields';
import { compareObjectCopies, formatFieldPath } from '../analysis/model/object-drift';
import { liveObjectUri } from '../yaml/live-object-document';
import {
  type PolicyCopy,
  type PolicyHost,
  type PolicyInventory,
  type PolicyObject,
} from '../../../protocol/requests';
import { isComparedAcrossPrimaries } from '../analysis/model/primary-compared-config';
import { groupKindOf } from '../../../protocol/kinds';
import { type KubeObject, type TopologySnapshot } from '../mesh/snapshot';

type Status = PolicyObject['status'];
const STATUS_RANK: Record<Status, number> = { identical: 0, differs: 1, missing: 2 };

interface Holdings {
  readonly apiVersion: string;
  readonly kind: string;
  readonly namespace: string;
  readonly name: string;
  /** Primary (or config cluster) name → its copy. */
  readonly primaries: Map<string, KubeObject>;
  readonly remotes: string[];
  readonly hosts: Set<string>;
}

export function policyInventory(snapshot: TopologySnapshot): Omit<PolicyInventory, 'version'> {
  const primaries = snapshot.clusters
    .filter((cluster) => cluster.role === 'primary' || cluster.role === 'config')
    .map((cluster) => cluster.name);
  const holdings = new Map<string, Holdings>();
  for (const cluster of snapshot.clusters) {
    const isPrimary = primaries.includes(cluster.name);
    if (!isPrimary && cluster.role !== 'remote') continue;
    for (const object of cluster.objects) {
      if (!isComparedAcrossPrimaries(object)) continue;
      const namespace = object.metadata.namespace ?? '';
      // Group-qualified: an Istio Gateway and a Gateway API Gateway of the same name are two objects.
      const key = `${groupKindOf(object.apiVersion, object.kind)}/${namespace}/${object.metadata.name}`;
      let entry = holdings.get(key);
      if (!entry) {
        entry = {
          apiVersion: object.apiVersion,
          kind: object.kind,
          namespace,
          name: object.metadata.name,
          primaries: new Map(),
          remotes: [],
          hosts: new Set(),
        };
        holdings.set(key, entry);
      }
      if (isPrimary) entry.primaries.set(cluster.name, object);
      else entry.remotes.push(cluster.name);
      for (const host of hostsOf(object)) entry.hosts.add(normalizeHost(host, namespace));
    }
  }

  const groups = new Map<string, { label: string; scope: PolicyHost['scope']; objects: PolicyObject[] }>();
  for (const entry of holdings.values()) {
    const object = policyObject(entry, primaries);
    const keys: [string, string, PolicyHost['scope']][] =
      entry.hosts.size > 0
        ? [...entry.hosts].map((host) => [`host:${host}`, host, 'host'])
        : [[`namespace:${entry.namespace}`, entry.namespace, 'namespace']];
    for (const [key, label, scope] of keys) {
      let group = groups.get(key);
      if (!group) groups.set(key, (group = { label, scope, objects: [] }));
      group.objects.push(object);
    }
  }

  const hosts = [...groups]
    .map(([key, group]): PolicyHost => ({
      key,
      label: group.label,
      scope: group.scope,
      status: worst(group.objects.map((object) => object.status)),
      objects: group.objects.sort(
        (a, b) =>
          a.kind.localeCompare(b.kind) ||
          a.namespace.localeCompare(b.namespace) ||
          a.name.localeCompare(b.name),
      ),
    }))
    // Hosts first, then namespace-wide config; alphabetical inside each.
    .sort((a, b) => (a.scope === b.scope ? a.label.localeCompare(b.label) : a.scope === 'host' ? -1 : 1));
  return { primaries, hosts };
}

function policyObject(entry: Holdings, primaries: readonly string[]): PolicyObject {
  const held = byMajority(
    primaries.filter((cluster) => entry.primaries.has(cluster)),
    entry,
  );
  const comparison = compareObjectCopies(
    held.map((cluster) => ({ cluster, object: entry.primaries.get(cluster) })),
  );
  const differences = new Map(
    comparison.differences.map((difference) => [difference.cluster, difference.paths]),
  );
  const copies = primaries.map((cluster): PolicyCopy => {
    if (!entry.primaries.has(cluster)) return { cluster, state: 'missing', uri: null, differingFields: [] };
    const paths = differences.get(cluster) ?? [];
    const isReference = held[0] === cluster;
    return {
      cluster,
      state: isReference ? 'reference' : paths.length > 0 ? 'differs' : 'identical',
      uri: liveObjectUri(cluster, entry.kind, entry.namespace, entry.name),
      differingFields: paths.map(formatFieldPath),
    };
  });
  const status: Status =
    held.length < primaries.length ? 'missing' : comparison.identical ? 'identical' : 'differs';
  return {
    apiVersion: entry.apiVersion,
    kind: entry.kind,
    namespace: entry.namespace,
    name: entry.name,
    status,
    copies,
    remoteCopies: [...new Set(entry.remotes)],
  };
}

/**
 * The holders with the reference first: a copy that most primaries agree on (the first of them in mesh
 * order on a tie), as the mesh map decides drift (primary-config-drift.ts), so that with three primaries
 * the one that disagrees is the one marked, not whichever primary happens to come first.
 */
function byMajority(held: readonly string[], entry: Holdings): string[] {
  // Copies are grouped by equality against one member of each group: a few groups, whatever the count
  // of primaries, so fifty primaries cost fifty comparisons per object, not fifty squared.
  const copyOf = (cluster: string): { cluster: string; object: unknown } => ({
    cluster,
    object: entry.primaries.get(cluster),
  });
  const groups: string[][] = [];
  for (const cluster of held) {
    const group = groups.find(
      (candidate) => compareObjectCopies([copyOf(candidate[0] as string), copyOf(cluster)]).identical,
    );
    if (group) group.push(cluster);
    else groups.push([cluster]);
  }
  const largest = groups.reduce<string[] | undefined>(
    (best, group) => (best === undefined || group.length > best.length ? group : best),
    undefined,
  );
  const reference = largest?.[0];
  return reference === undefined ? [] : [reference, ...held.filter((cluster) => cluster !== reference)];
}

/**
 * The hosts an object configures: a DestinationRule's `host`, a VirtualService's or ServiceEntry's
 * `hosts`, a Gateway API route's `hostnames`, or the Services it is attached to (mesh routing).
 */
function hostsOf(object: KubeObject): string[] {
  const spec = asRecord(object.spec);
  if (!spec) return [];
  if (object.apiVersion.startsWith('gateway.networking.k8s.io/')) {
    const hostnames = asArray(spec.hostnames).flatMap((host) =>
      typeof host === 'string' && host ? [host] : [],
    );
    const services = asArray(spec.parentRefs).flatMap((entry) => {
      const ref = asRecord(entry);
      const name = asString(ref?.name);
      if (!ref || !name || ref.kind !== 'Service' || (asString(ref.group) ?? '') !== '') return [];
      return [serviceHost(name, asString(ref.namespace) ?? object.metadata.namespace ?? 'default')];
    });
    return [...hostnames, ...services];
  }
  switch (object.kind) {
    case 'DestinationRule': {
      const host = asString(spec.host);
      return host ? [host] : [];
    }
    case 'VirtualService':
    case 'ServiceEntry':
      return asArray(spec.hosts).flatMap((host) => (typeof host === 'string' && host ? [host] : []));
    default:
      return [];
  }
}

function worst(statuses: readonly Status[]): Status {
  return statuses.reduce<Status>((a, b) => (STATUS_RANK[b] > STATUS_RANK[a] ? b : a), 'identical');
}
