/**
 * The resource types discovery lists and watches in every cluster, with where (all namespaces or the
 * control plane's), how (whole objects or metadata only) and what is kept (object-slimming). Each entry
 * also says what is unknown when the type cannot be read, for the cluster's stale reason.
 *
 * Cost guides the choices: namespaces, nodes, Services, Pods and Deployments everywhere (slimmed);
 * ConfigMaps and remote secrets only in istio-system; other Secrets by metadata only (gateway credentials
 * are checked by name; their validity is read in the gateways' namespaces only, see credential-secrets.ts);
 * webhook configurations; every Istio kind at its storage version, from schemas/index.json (which also
 * holds the Gateway API kinds, for the editor's schemas: only Istio's groups are taken from it here); the
 * Gateway API kinds Istio reads, on their own terms (gateway-api-resources.ts).
 */
import { SchemaCatalog } from '../yaml/schema-catalog';
import { GATEWAY_API_CRDS, GATEWAY_API_RESOURCES } from './gateway-api-resources';
import { isIstioGroup } from '../../../protocol/kinds';
import { CONTROL_PLANE_NAMESPACE } from '../mesh/derive-cluster-facts';
import { MemberPruner } from './kube-api/json-pruning';
import {
  asKind,
  DEPLOYMENT_UNREAD_MEMBERS,
  POD_UNREAD_MEMBERS,
  slimDeployment,
  slimControlPlaneConfigMap,
  slimNode,
  slimObject,
  slimPod,
  summarizedRemoteSecret,
  slimWebhookConfiguration,
} from './object-slimming';
import { type KubeObject, REMOTE_SECRETS_KIND } from '../mesh/snapshot';

export interface WatchedResource {
  /** Unique within the set: `pods`, `secrets (remote)`, `destinationrules.networking.istio.io`. */
  readonly id: string;
  readonly group: string;
  readonly version: string;
  /**
   * Versions to read instead, in order, when the server does not serve `version` (an older release of
   * the CRDs); the type is absent only when it serves none of them.
   */
  readonly olderVersions?: readonly string[];
  readonly plural: string;
  readonly kind: string;
  /** The kind the analysis knows its gap by, when not `kind` (REMOTE_SECRETS_KIND). */
  readonly unreadKind?: string;
  /** Read only in this namespace; undefined = all namespaces (or cluster-scoped). */
  readonly namespace?: string;
  readonly labelSelector?: string;
  readonly fieldSelector?: string;
  /** Read as PartialObjectMetadata: no spec, no data ever crosses the wire. */
  readonly metadataOnly?: boolean;
  /**
   * Whole Secrets reduced to a credential summary at ingestion (credential-secrets.ts); each replaces the
   * metadata-only copy of the same Secret.
   */
  readonly summarizesCredentials?: boolean;
  /** What is unknown while this type cannot be read, e.g. `remote secrets`. */
  readonly provides: string;
  /** What is kept of an object; null = not kept. */
  readonly keep: (object: KubeObject) => KubeObject | null;
  /**
   * Cuts out of list pages, before they are parsed, members `keep` never keeps (besides managedFields and
   * last-applied annotations, which every list loses): pods' statuses, env, volumes and probes.
   */
  readonly pruner?: MemberPruner;
}

const REMOTE_SECRET_SELECTOR = 'istio/multiCluster=true';

const CORE_RESOURCES: readonly WatchedResource[] = [
  core('namespaces', 'Namespace', 'namespaces and their network labels', slimObject),
  core('nodes', 'Node', 'nodes and localities', slimNode),
  core('services', 'Service', 'Services and east-west gateways', slimObject),
  { ...core('pods', 'Pod', 'workloads (pods)', slimPod), pruner: new MemberPruner(POD_UNREAD_MEMBERS) },
  {
    id: 'deployments.apps',
    group: 'apps',
    version: 'v1',
    plural: 'deployments',
    kind: 'Deployment',
    provides: 'Deployments (istiod, gateways)',
    keep: slimDeployment,
    pruner: new MemberPruner(DEPLOYMENT_UNREAD_MEMBERS),
  },
  {
    ...core('configmaps', 'ConfigMap', 'mesh config (meshId, trust domain)', slimControlPlaneConfigMap),
    id: `configmaps in ${CONTROL_PLANE_NAMESPACE}`,
    namespace: CONTROL_PLANE_NAMESPACE,
  },
  {
    ...core('secrets', 'Secret', 'remote secrets', summarizedRemoteSecret),
    id: `secrets in ${CONTROL_PLANE_NAMESPACE}`,
    namespace: CONTROL_PLANE_NAMESPACE,
    labelSelector: REMOTE_SECRET_SELECTOR,
    unreadKind: REMOTE_SECRETS_KIND,
  },
  {
    ...core('secrets', 'Secret', 'gateway credential secrets', asKind('v1', 'Secret')),
    id: 'secrets (metadata)',
    // Remote secrets come whole (keys included) from the entry above; here only names of the others.
    labelSelector: 'istio/multiCluster!=true',
    metadataOnly: true,
  },
  {
    id: 'mutatingwebhookconfigurations.admissionregistration.k8s.io',
    group: 'admissionregistration.k8s.io',
    version: 'v1',
    plural: 'mutatingwebhookconfigurations',
    kind: 'MutatingWebhookConfiguration',
    provides: 'sidecar injection webhooks',
    keep: slimWebhookConfiguration,
  },
  {
    id: 'validatingwebhookconfigurations.admissionregistration.k8s.io',
    group: 'admissionregistration.k8s.io',
    version: 'v1',
    plural: 'validatingwebhookconfigurations',
    kind: 'ValidatingWebhookConfiguration',
    provides: 'validation webhooks (external control plane)',
    keep: slimWebhookConfiguration,
  },
];

/** The full set: Kubernetes types above, every Istio kind at its storage version, the Gateway API kinds. */
export function watchedResources(catalog: SchemaCatalog = SchemaCatalog.load()): WatchedResource[] {
  const istio = catalog.entries
    .filter((entry) => entry.storage && isIstioGroup(entry.group))
    .map((entry): WatchedResource => ({
      id: `${entry.plural}.${entry.group}`,
      group: entry.group,
      version: entry.version,
      plural: entry.plural,
      kind: entry.kind,
      provides: `Istio ${entry.kind} config`,
      keep: slimObject,
    }));
  return [...CORE_RESOURCES, ...istio, ...GATEWAY_API_RESOURCES, GATEWAY_API_CRDS];
}

/** `/api/v1/namespaces/istio-system/secrets`, `/apis/networking.istio.io/v1/virtualservices`. */
export function collectionPath(resource: WatchedResource): string {
  const base = resource.group ? `/apis/${resource.group}/${resource.version}` : `/api/${resource.version}`;
  const scope = resource.namespace ? `/namespaces/${resource.namespace}` : '';
  return `${base}${scope}/${resource.plural}`;
}

/** The key of an object within its cluster, as change events name it: `Pod bookinfo/reviews-v1-x`. */
export function objectKey(object: KubeObject): string {
  const slash = object.apiVersion.indexOf('/');
  const group = slash >= 0 ? object.apiVersion.slice(0, slash) : '';
  const kind = group ? `${object.kind}.${group}` : object.kind;
  return `${kind} ${object.metadata.namespace ? `${object.metadata.namespace}/` : ''}${object.metadata.name}`;
}

function core(
  plural: string,
  kind: string,
  provides: string,
  keep: WatchedResource['keep'],
): WatchedResource {
  return { id: plural, group: '', version: 'v1', plural, kind, provides, keep };
}
