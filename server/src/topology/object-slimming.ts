/**
 * What discovery keeps of each object it reads. Everything the analyzers and the cluster facts use stays;
 * what costs memory and serves nobody goes: managedFields, `kubectl.kubernetes.io/last-applied-configuration`,
 * webhook CA bundles, a node's image list, container environments outside the control plane (where they
 * can hold credentials and are not read). Of a security context only `runAsUser` stays (IST0144).
 *
 * Secrets keep their metadata and the *names* of their data keys with empty values: a remote secret's key
 * is the cluster ID it reaches; the kubeconfig it holds is dropped here, at ingestion, and never stored
 * (only its summary, remote-secret-summary.ts, stays: no token).
 */
import { CONTROL_PLANE_NAMESPACE, ROOT_CERT_CONFIGMAP, ROOT_CERT_KEY } from '../mesh/derive-cluster-facts';
import { summarizeRemoteSecret, withRemoteSecretSummary } from '../mesh/remote-secret-summary';
import { type KubeObject, type KubeObjectMeta } from '../mesh/snapshot';
import { type PrunedMember } from './kube-api/json-pruning';

type Fields = Record<string, unknown>;

/** Annotations that hold whole objects or other bulk, never read by the analysis. */
const BULKY_ANNOTATIONS = ['kubectl.kubernetes.io/last-applied-configuration'];
/** Bigger annotation values than this are dropped (sidecar status blobs, Helm manifests). */
const MAX_ANNOTATION_LENGTH = 4096;
/** Metadata a pod does not keep besides managedFields: timestamps and name prefixes serve no check. */
const POD_METADATA_DROPPED = ['creationTimestamp', 'generateName'];

/**
 * The metadata without managedFields, bulky annotations and the `dropped` fields; the annotations (when
 * any) come last. Built by a loop rather than rest destructuring: this runs for every object read, and
 * V8 copies `{ a, ...rest }` through a slow generic path.
 */
export function slimMetadata(metadata: KubeObjectMeta, dropped: readonly string[] = []): KubeObjectMeta {
  const slim: Fields = {};
  for (const key in metadata) {
    if (key === 'managedFields' || key === 'annotations' || dropped.includes(key)) continue;
    setField(slim, key, metadata[key]);
  }
  const annotations = metadata.annotations;
  if (annotations) slim.annotations = slimAnnotations(annotations);
  return slim as KubeObjectMeta;
}

/** The annotations without bulky ones; the same object when none is. */
function slimAnnotations(annotations: Readonly<Record<string, string>>): Readonly<Record<string, string>> {
  let kept: Record<string, string> | null = null;
  for (const key in annotations) {
    const value = annotations[key] as string;
    const bulky = BULKY_ANNOTATIONS.includes(key) || String(value).length > MAX_ANNOTATION_LENGTH;
    if (bulky && !kept) {
      // The first bulky one: copy the ones before it, then go on keeping the others.
      kept = {};
      for (const before in annotations) {
        if (before === key) break;
        kept[before] = annotations[before] as string;
      }
    } else if (!bulky && kept) {
      kept[key] = value;
    }
  }
  return kept ?? annotations;
}

/** The generic slimming: metadata only. */
export function slimObject(object: KubeObject): KubeObject {
  return { ...object, metadata: slimMetadata(object.metadata) };
}

/** Secrets: data keys only, values emptied; `stringData` never comes back from a server but is dropped too. */
export function slimSecret(object: KubeObject): KubeObject {
  const {
    data,
    stringData: _stringData,
    ...rest
  } = object as KubeObject & { data?: unknown; stringData?: unknown };
  const keys = isRecord(data) ? Object.keys(data) : [];
  return {
    ...rest,
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: slimMetadata(object.metadata),
    data: Object.fromEntries(keys.map((key) => [key, ''])),
  };
}

/**
 * Remote secrets: the slimmed copy with the summary of each kubeconfig (server URL, CA fingerprint, the
 * token's claims). The full object is read here and nowhere else; the token goes no further.
 */
export function summarizedRemoteSecret(object: KubeObject): KubeObject {
  return withRemoteSecretSummary(slimSecret(object), summarizeRemoteSecret(object));
}

/** Metadata-only objects (PartialObjectMetadata) get their real kind back. */
export function asKind(apiVersion: string, kind: string): (object: KubeObject) => KubeObject {
  return (object) => ({ apiVersion, kind, metadata: slimMetadata(object.metadata) });
}

/** A pod spec's members that neither slimming keeps, in pods and in pod templates. */
const POD_SPEC_UNREAD_MEMBERS: readonly PrunedMember[] = [
  { key: 'envFrom', value: 'array' },
  { key: 'volumeMounts', value: 'array' },
  { key: 'volumeDevices', value: 'array' },
  { key: 'volumes', value: 'array' },
  { key: 'readinessProbe', value: 'object' },
  { key: 'livenessProbe', value: 'object' },
  { key: 'startupProbe', value: 'object' },
  { key: 'lifecycle', value: 'object' },
  { key: 'resources', value: 'object' },
  { key: 'resizePolicy', value: 'array' },
  { key: 'tolerations', value: 'array' },
  { key: 'affinity', value: 'object' },
  { key: 'topologySpreadConstraints', value: 'array' },
  { key: 'dnsConfig', value: 'object' },
  { key: 'imagePullSecrets', value: 'array' },
  { key: 'hostAliases', value: 'array' },
];

/**
 * Members of a pod that slimPod keeps none of, wherever they stand in it: cut out of list pages before
 * parsing. None of these keys names a member slimPod keeps (metadata, nodeName, serviceAccountName,
 * hostNetwork, a container's name, image, ports and runAsUser, phase and IPs), at any depth.
 */
export const POD_UNREAD_MEMBERS: readonly PrunedMember[] = [
  ...POD_SPEC_UNREAD_MEMBERS,
  { key: 'args', value: 'array' },
  { key: 'command', value: 'array' },
  { key: 'env', value: 'array' },
  { key: 'conditions', value: 'array' },
  { key: 'containerStatuses', value: 'array' },
  { key: 'initContainerStatuses', value: 'array' },
  { key: 'ephemeralContainerStatuses', value: 'array' },
  { key: 'ephemeralContainers', value: 'array' },
  { key: 'podIPs', value: 'array' },
  { key: 'hostIPs', value: 'array' },
  { key: 'readinessGates', value: 'array' },
];

/**
 * Members of a Deployment that slimDeployment keeps none of (its status stays whole, and the control
 * plane's containers keep args and env, so those are not named here).
 */
export const DEPLOYMENT_UNREAD_MEMBERS: readonly PrunedMember[] = [
  ...POD_SPEC_UNREAD_MEMBERS,
  { key: 'strategy', value: 'object' },
];

/** Pods are most of a cluster's objects: they keep identity, labels, node, containers and IPs only. */
export function slimPod(object: KubeObject): KubeObject {
  const spec = isRecord(object.spec) ? object.spec : {};
  const status = isRecord(object.status) ? object.status : {};
  const slimSpec: Fields = {};
  setDefined(slimSpec, 'nodeName', spec.nodeName);
  setDefined(slimSpec, 'serviceAccountName', spec.serviceAccountName);
  setDefined(slimSpec, 'hostNetwork', spec.hostNetwork);
  setDefined(slimSpec, 'securityContext', slimSecurityContext(spec.securityContext));
  setDefined(slimSpec, 'containers', slimContainers(spec.containers, false));
  setDefined(slimSpec, 'initContainers', slimContainers(spec.initContainers, false));
  const slimStatus: Fields = {};
  setDefined(slimStatus, 'phase', status.phase);
  setDefined(slimStatus, 'podIP', status.podIP);
  setDefined(slimStatus, 'hostIP', status.hostIP);
  return {
    apiVersion: object.apiVersion,
    kind: object.kind,
    metadata: slimMetadata(object.metadata, POD_METADATA_DROPPED),
    spec: slimSpec,
    status: slimStatus,
  };
}

/** Deployments keep their template's labels and containers; env only in the control plane (CLUSTER_ID). */
export function slimDeployment(object: KubeObject): KubeObject {
  const spec = isRecord(object.spec) ? object.spec : {};
  const template = isRecord(spec.template) ? spec.template : {};
  const templateSpec = isRecord(template.spec) ? template.spec : {};
  const keepEnv = object.metadata.namespace === CONTROL_PLANE_NAMESPACE;
  const templateMetadata = isRecord(template.metadata) ? template.metadata : {};
  return {
    apiVersion: object.apiVersion,
    kind: object.kind,
    metadata: slimMetadata(object.metadata),
    spec: compact({
      replicas: spec.replicas,
      selector: spec.selector,
      template: {
        metadata: compact({ labels: templateMetadata.labels, annotations: templateMetadata.annotations }),
        spec: compact({
          serviceAccountName: templateSpec.serviceAccountName,
          securityContext: slimSecurityContext(templateSpec.securityContext),
          containers: slimContainers(templateSpec.containers, keepEnv),
          initContainers: slimContainers(templateSpec.initContainers, keepEnv),
        }),
      },
    }),
    ...(object.status !== undefined ? { status: object.status } : {}),
  };
}

export function slimNode(object: KubeObject): KubeObject {
  const status = isRecord(object.status) ? object.status : {};
  return {
    apiVersion: object.apiVersion,
    kind: object.kind,
    metadata: slimMetadata(object.metadata),
    ...(object.spec !== undefined ? { spec: object.spec } : {}),
    status: compact({ addresses: status.addresses }),
  };
}

/** Webhook configurations without their CA bundles (kilobytes of base64 each, never read). */
export function slimWebhookConfiguration(object: KubeObject): KubeObject {
  const webhooks = Array.isArray(object.webhooks) ? (object.webhooks as unknown[]) : [];
  return {
    ...object,
    metadata: slimMetadata(object.metadata),
    webhooks: webhooks.map((webhook) => {
      if (!isRecord(webhook) || !isRecord(webhook.clientConfig)) return webhook;
      const { caBundle: _caBundle, ...clientConfig } = webhook.clientConfig;
      return { ...webhook, clientConfig };
    }),
  };
}

/** The injector's ConfigMaps: `istio-sidecar-injector` (revision default) and `istio-sidecar-injector-<rev>`. */
const INJECTOR_CONFIGMAP = /^istio-sidecar-injector(-.+)?$/;
/** What is kept of an injector ConfigMap: `values` (hub, tag, proxy image: IST0158) and the `config` template. */
const INJECTOR_KEYS = ['values', 'config'];

/**
 * The control plane's ConfigMaps that the analysis reads: mesh config (`istio`, `istio-<revision>`: a
 * `mesh` or `meshNetworks` key) whole, the injector's with its `values` and `config` only, istiod's public
 * roots (`istio-ca-root-cert`) with `root-cert.pem` only; others dropped.
 */
export function slimControlPlaneConfigMap(object: KubeObject): KubeObject | null {
  const data = isRecord(object.data) ? object.data : {};
  if (object.metadata.name === ROOT_CERT_CONFIGMAP) {
    const { binaryData: _binaryData, ...rest } = object as KubeObject & { binaryData?: unknown };
    const pem = data[ROOT_CERT_KEY];
    return {
      ...rest,
      metadata: slimMetadata(object.metadata),
      data: typeof pem === 'string' ? { [ROOT_CERT_KEY]: pem } : {},
    };
  }
  if (typeof data.mesh === 'string' || typeof data.meshNetworks === 'string') return slimObject(object);
  if (!INJECTOR_CONFIGMAP.test(object.metadata.name)) return null;
  const kept: Fields = {};
  for (const key of INJECTOR_KEYS) if (typeof data[key] === 'string') kept[key] = data[key];
  const { binaryData: _binaryData, ...rest } = object as KubeObject & { binaryData?: unknown };
  return { ...rest, metadata: slimMetadata(object.metadata), data: kept };
}

function slimContainers(containers: unknown, keepEnv: boolean): unknown[] | undefined {
  if (!Array.isArray(containers)) return undefined;
  return containers.map((container: unknown) => {
    if (!isRecord(container)) return container;
    const slim: Fields = {};
    setDefined(slim, 'name', container.name);
    setDefined(slim, 'image', container.image);
    setDefined(slim, 'ports', container.ports);
    setDefined(slim, 'securityContext', slimSecurityContext(container.securityContext));
    if (keepEnv) {
      setDefined(slim, 'args', container.args);
      setDefined(slim, 'env', container.env);
    }
    return slim;
  });
}

/** `runAsUser` only (IST0144: UID 1337 is the proxy's); undefined when it is not set. */
function slimSecurityContext(context: unknown): Fields | undefined {
  if (!isRecord(context) || context.runAsUser === undefined) return undefined;
  return { runAsUser: context.runAsUser };
}

/** The fields without the undefined ones (a loop: this runs for every pod of every cluster). */
function compact(fields: Fields): Fields {
  const kept: Fields = {};
  for (const key in fields) if (fields[key] !== undefined) kept[key] = fields[key];
  return kept;
}

function setDefined(target: Fields, key: string, value: unknown): void {
  if (value !== undefined) target[key] = value;
}

/** `target[key] = value` as JSON.parse and spreading define it, also for a key named `__proto__`. */
function setField(target: Fields, key: string, value: unknown): void {
  if (key === '__proto__')
    Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
  else target[key] = value;
}

function isRecord(value: unknown): value is Fields {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
