/**
 * Gateway credential Secrets (IST0161): whether the Secret a Gateway names in `credentialName` holds a
 * usable certificate and key can only be told from its data, which discovery never keeps. So in the
 * namespaces where gateway pods run (the only place a gateway reads its credentials from), Secrets are
 * read whole and, at ingestion, each becomes its slimmed copy (metadata, data key names with empty
 * values) carrying a `meshwright.io/credential-summary` annotation: key names, validity and dates. The
 * data itself is dropped right there, never stored, logged or sent.
 *
 * Which Gateway will name which Secret is not known to discovery (the Gateway may be the document being
 * written), hence every Secret of those namespaces; Helm release records and service-account tokens,
 * bulky and never credentials, are left to the metadata-only read. Gateway pods are told by their
 * `istio-proxy` container and an `istio` (Istio's gateway charts) or Gateway API
 * `gateway.networking.k8s.io/gateway-name` label; a gateway labelled otherwise gets no credential check
 * (IST0161 is then silent, never wrong).
 */
import { summarizeCredentialSecret, withCredentialSummary } from '../mesh/credential-summary';
import { slimSecret } from './object-slimming';
import { PLUGGED_IN_CA_SECRET, SELF_SIGNED_CA_SECRET } from '../mesh/derive-cluster-facts';
import { type KubeObject } from '../mesh/snapshot';
import { type WatchedResource } from './watched-resources';

const PROXY_CONTAINER = 'istio-proxy';
const GATEWAY_LABELS = ['istio', 'gateway.networking.k8s.io/gateway-name'];
/** Remote secrets have their own read (keys only) and are never summarised. */
const NOT_REMOTE_SECRETS = 'istio/multiCluster!=true';
/**
 * Types that are never TLS credentials and can be big (Helm keeps whole releases in Secrets), and the
 * mesh's CA Secrets, which hold the CA's private key and are never read whole (their presence is known
 * from the metadata-only read).
 */
const NOT_CREDENTIALS = [
  'type!=helm.sh/release.v1',
  'type!=kubernetes.io/service-account-token',
  `metadata.name!=${PLUGGED_IN_CA_SECRET}`,
  `metadata.name!=${SELF_SIGNED_CA_SECRET}`,
].join(',');

/** The resource id of the credential read in `namespace`: `secrets in istio-system (gateway credentials)`. */
export function credentialResourceId(namespace: string): string {
  return `secrets in ${namespace} (gateway credentials)`;
}

/** The Secrets of one gateway namespace, summarised and stripped of their data as they arrive. */
export function credentialSecretsResource(namespace: string): WatchedResource {
  return {
    id: credentialResourceId(namespace),
    group: '',
    version: 'v1',
    plural: 'secrets',
    kind: 'Secret',
    namespace,
    labelSelector: NOT_REMOTE_SECRETS,
    fieldSelector: NOT_CREDENTIALS,
    provides: `gateway credential validity in ${namespace}`,
    summarizesCredentials: true,
    keep: summarizedSecret,
  };
}

/** The metadata-only read of Secrets, whose copies a credential read replaces. */
export function isMetadataOnlySecrets(resource: WatchedResource): boolean {
  return resource.plural === 'secrets' && resource.metadataOnly === true;
}

/** A full Secret as its slimmed copy with the credential summary; the data goes no further than here. */
export function summarizedSecret(secret: KubeObject): KubeObject {
  return withCredentialSummary(slimSecret(secret), summarizeCredentialSecret(secret));
}

/** The namespace of a gateway pod, or null when the pod is no gateway. */
export function gatewayNamespaceOf(pod: KubeObject): string | null {
  const namespace = pod.metadata.namespace;
  if (!namespace) return null;
  const labels = pod.metadata.labels ?? {};
  if (!GATEWAY_LABELS.some((label) => label in labels)) return null;
  const spec = pod.spec as { containers?: unknown } | undefined;
  const containers = Array.isArray(spec?.containers) ? (spec.containers as { name?: unknown }[]) : [];
  return containers.some((container) => container?.name === PROXY_CONTAINER) ? namespace : null;
}

/**
 * The namespaces where gateway pods run, kept up to date from pod changes one pod at a time (a relist or
 * a rollout in a cluster of thousands of pods must not rescan them all per event).
 */
export class GatewayPods {
  private readonly namespaceOf = new Map<string, string>();
  private readonly podsIn = new Map<string, number>();

  /** Takes the pods whose keys changed (`get` gives the current pod, or undefined when it is gone). */
  update(keys: readonly string[], get: (key: string) => KubeObject | undefined): boolean {
    let changed = false;
    for (const key of keys) {
      const pod = get(key);
      const now = pod ? gatewayNamespaceOf(pod) : null;
      const before = this.namespaceOf.get(key) ?? null;
      if (now === before) continue;
      if (before !== null) {
        this.namespaceOf.delete(key);
        const left = (this.podsIn.get(before) ?? 1) - 1;
        if (left > 0) this.podsIn.set(before, left);
        else {
          this.podsIn.delete(before);
          changed = true;
        }
      }
      if (now !== null) {
        this.namespaceOf.set(key, now);
        const count = this.podsIn.get(now) ?? 0;
        this.podsIn.set(now, count + 1);
        if (count === 0) changed = true;
      }
    }
    return changed;
  }

  namespaces(): string[] {
    return [...this.podsIn.keys()].sort();
  }
}

/** The sorted namespaces where gateway pods run. */
export function gatewayNamespaces(objects: Iterable<KubeObject>): string[] {
  const found = new Set<string>();
  for (const object of objects) {
    if (object.kind !== 'Pod') continue;
    const namespace = gatewayNamespaceOf(object);
    if (namespace) found.add(namespace);
  }
  return [...found].sort();
}
