/**
 * Sidecar injection as the injector decides it: the namespace labels (`istio-injection`, `istio.io/rev`),
 * the injector's MutatingWebhookConfigurations (which may inject unlabelled namespaces by default), and
 * the pod's own `sidecar.istio.io/inject` label or annotation. Shared by the checks that must know
 * whether a pod should carry a proxy (IST0103, IST0127, IST0148, IST0102).
 */
import { type FieldPath } from '../../yaml/node-locator';
import { INJECTION_LABEL, POD_INJECT_LABEL, REVISION_LABEL, webhooksOf } from './injection-webhooks';
import { type PodTemplate, annotationText } from './pod-templates';
import { type MeshResource, labelsOf, qualifiedName } from './resource';
import { type Labels, labelSelectorMatches } from './selectors';

export { INJECTION_LABEL, REVISION_LABEL } from './injection-webhooks';
/** The pod's own choice; a label, and also a (deprecated) annotation of the same name. */
export const SIDECAR_INJECT = POD_INJECT_LABEL;
/** Kubernetes sets it on every namespace; the injector's webhooks select on it to skip system namespaces. */
const NAMESPACE_NAME_LABEL = 'kubernetes.io/metadata.name';
/** Istio's injection webhooks are all named `*.sidecar-injector.istio.io`. */
const INJECTOR_WEBHOOK_SUFFIX = 'sidecar-injector.istio.io';

/** A webhook of the injector that injects pods of a namespace without any injection label. */
export interface DefaultInjector {
  readonly configuration: MeshResource;
  readonly webhook: string;
  /** `webhooks[i]` of the configuration. */
  readonly path: FieldPath;
}

export interface NamespaceInjection {
  readonly injected: boolean;
  /** Why, for messages: "labelled istio-injection=enabled", "injected by default by ...". */
  readonly reason: string;
}

/** True when the namespace carries either injection label (whatever its value). */
/** Namespaces no injection check judges (IST0102, IST0148): Kubernetes' own, and Istio's. */
export const INJECTION_EXEMPT_NAMESPACES: ReadonlySet<string> = new Set([
  'kube-system',
  'kube-public',
  'kube-node-lease',
  'local-path-storage',
  'istio-system',
]);

export function hasInjectionLabel(labels: Labels): boolean {
  return INJECTION_LABEL in labels || REVISION_LABEL in labels;
}

/**
 * What the labels ask for. `istio-injection` wins over `istio.io/rev`: the revisioned webhooks require
 * `istio-injection` to be absent.
 */
export function labelledInjection(labels: Labels): NamespaceInjection | undefined {
  const injection = labels[INJECTION_LABEL];
  if (injection !== undefined) {
    return { injected: injection === 'enabled', reason: `labelled ${INJECTION_LABEL}=${injection}` };
  }
  const revision = labels[REVISION_LABEL];
  if (revision !== undefined) return { injected: true, reason: `labelled ${REVISION_LABEL}=${revision}` };
  return undefined;
}

/**
 * The injector webhook that injects a pod without labels in an unlabelled namespace, if any: its
 * namespaceSelector matches the namespace (with the `kubernetes.io/metadata.name` label Kubernetes adds)
 * and its objectSelector matches a pod with no labels. That is what `enableNamespacesByDefault` renders.
 */
export function defaultInjector(
  namespace: string,
  labels: Labels,
  configurations: readonly MeshResource[],
): DefaultInjector | undefined {
  const namespaceLabels = { ...labels, [NAMESPACE_NAME_LABEL]: namespace };
  for (const configuration of configurations) {
    for (const webhook of webhooksOf(configuration)) {
      if (!webhook.name.endsWith(INJECTOR_WEBHOOK_SUFFIX)) continue;
      if (!labelSelectorMatches(webhook.namespaceSelector, namespaceLabels)) continue;
      if (!labelSelectorMatches(webhook.objectSelector, {})) continue;
      return { configuration, webhook: webhook.name, path: webhook.path };
    }
  }
  return undefined;
}

/**
 * The injector configurations that act on a namespace copy: those of its cluster; for an authored
 * namespace (about to be applied anywhere), the authored ones and every cluster's.
 */
export function injectorConfigurationsFor(
  namespace: MeshResource,
  all: readonly MeshResource[],
): MeshResource[] {
  return namespace.cluster === null
    ? [...all].sort((a, b) => (a.cluster ?? '').localeCompare(b.cluster ?? ''))
    : all.filter((configuration) => configuration.cluster === namespace.cluster);
}

/** Whether pods of a namespace get a proxy, from its labels, else from the injector's default. */
export function namespaceInjection(
  namespace: MeshResource | undefined,
  configurations: readonly MeshResource[],
): NamespaceInjection {
  if (!namespace) return { injected: false, reason: 'unknown namespace' };
  const labels = labelsOf(namespace);
  const labelled = labelledInjection(labels);
  if (labelled) return labelled;
  const injector = defaultInjector(
    namespace.name,
    labels,
    injectorConfigurationsFor(namespace, configurations),
  );
  return injector
    ? { injected: true, reason: `injected by default by ${describeInjector(injector)}` }
    : { injected: false, reason: 'not labelled for injection' };
}

/** "MutatingWebhookConfiguration istio-sidecar-injector (webhook namespace.sidecar-injector.istio.io) in cluster east". */
export function describeInjector(injector: DefaultInjector): string {
  const where = injector.configuration.cluster ? ` in cluster ${injector.configuration.cluster}` : '';
  return `${injector.configuration.kind} ${qualifiedName(injector.configuration)} (webhook ${injector.webhook})${where}`;
}

/** The copy of a namespace that governs a pod: the one of the pod's cluster, else an authored one. */
export function namespaceCopyFor(
  copies: readonly MeshResource[],
  cluster: string | null,
): MeshResource | undefined {
  return (
    copies.find((copy) => copy.cluster === cluster) ??
    copies.find((copy) => copy.cluster === null) ??
    copies[0]
  );
}

/** The pod says `sidecar.istio.io/inject: "false"` (the label wins over the deprecated annotation). */
export function podOptsOut(pod: PodTemplate): boolean {
  const value = pod.labels[SIDECAR_INJECT] ?? annotationText(pod.annotations[SIDECAR_INJECT]);
  return value !== undefined && value.toLowerCase() === 'false';
}
