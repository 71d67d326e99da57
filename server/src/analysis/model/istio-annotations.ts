/**
 * Istio's annotations as a data table, the basis of the annotation checks (IST0107 misplaced, IST0108
 * unknown, IST0125 invalid value, IST0135 deprecated, IST0136 alpha). Written after istio/api
 * `annotation/annotations.yaml` (names, the kinds each applies to, feature status, deprecation) and the
 * injector's value validation (istio/istio `pkg/kube/inject/validate.go`), as of Istio 1.24–1.26.
 * A few labels people write as annotations are listed too, so a message can say "that is a label".
 */
import { type AnnotationValue } from './annotation-values';
import { closestName } from '../../text/closest-name';

export type AnnotationMaturity = 'Alpha' | 'Beta' | 'Stable' | 'Experimental';

export interface IstioAnnotation {
  readonly name: string;
  /** Kinds it applies to; `Any` for every kind. */
  readonly resources: readonly string[];
  readonly maturity: AnnotationMaturity;
  readonly value?: AnnotationValue;
  /** Deprecated; the text says what to do instead (a clause that follows a semicolon). */
  readonly deprecated?: string;
  /**
   * Not reported as alpha (IST0136), as istioctl does not: `always` for what Istio writes itself (the
   * injector's status, the operator's bookkeeping) and for the analysis' own suppression annotation;
   * `injected-pods` for what the injector's template writes onto the pods it injects (the interception
   * settings, from the pod's own annotations or the mesh defaults).
   */
  readonly alphaExempt?: 'always' | 'injected-pods';
}

const POD = ['Pod'];
const SERVICE = ['Service'];
const ANY = ['Any'];
const BOOL: AnnotationValue = { type: 'bool' };
const QUANTITY: AnnotationValue = { type: 'quantity' };
const PORTS: AnnotationValue = { type: 'ports' };
const UINT32: AnnotationValue = { type: 'uint32' };
const JSON_OBJECT: AnnotationValue = { type: 'json-object' };
const ENVOY_LOG_LEVELS: AnnotationValue = {
  type: 'enum',
  values: ['trace', 'debug', 'info', 'warning', 'warn', 'error', 'critical', 'off'],
};
const STATS_MATCHER =
  'set proxyStatsMatcher in the proxy.istio.io/config annotation (or the mesh defaultConfig) instead';
const PROXY_CONFIG = 'set it in the proxy.istio.io/config annotation (or the mesh defaultConfig) instead';
const MIXER_REMOVED = 'Mixer was removed in Istio 1.8, so it does nothing; remove it';

function alphaPod(name: string, extra: Partial<IstioAnnotation> = {}): IstioAnnotation {
  return { name, resources: POD, maturity: 'Alpha', ...extra };
}

export const ISTIO_ANNOTATIONS: readonly IstioAnnotation[] = [
  // Injection and the sidecar's resources.
  {
    name: 'sidecar.istio.io/inject',
    resources: POD,
    maturity: 'Beta',
    value: { type: 'inject' },
    deprecated: 'use the sidecar.istio.io/inject label instead',
  },
  alphaPod('inject.istio.io/templates'),
  alphaPod('sidecar.istio.io/proxyCPU', { value: QUANTITY }),
  alphaPod('sidecar.istio.io/proxyCPULimit', { value: QUANTITY }),
  alphaPod('sidecar.istio.io/proxyMemory', { value: QUANTITY }),
  alphaPod('sidecar.istio.io/proxyMemoryLimit', { value: QUANTITY }),
  alphaPod('sidecar.istio.io/proxyImage'),
  alphaPod('sidecar.istio.io/proxyImageType'),
  alphaPod('sidecar.istio.io/nativeSidecar', { value: BOOL }),
  alphaPod('sidecar.istio.io/enableCoreDump', { value: BOOL }),
  alphaPod('sidecar.istio.io/rewriteAppHTTPProbers', { value: BOOL }),
  alphaPod('sidecar.istio.io/interceptionMode', {
    value: { type: 'enum', values: ['REDIRECT', 'TPROXY', 'NONE'] },
    alphaExempt: 'injected-pods',
  }),
  alphaPod('sidecar.istio.io/logLevel', { value: ENVOY_LOG_LEVELS }),
  alphaPod('sidecar.istio.io/componentLogLevel'),
  alphaPod('sidecar.istio.io/agentLogLevel'),
  alphaPod('sidecar.istio.io/bootstrapOverride'),
  alphaPod('sidecar.istio.io/userVolume', { value: JSON_OBJECT }),
  alphaPod('sidecar.istio.io/userVolumeMount', { value: JSON_OBJECT }),
  alphaPod('sidecar.istio.io/statsHistogramBuckets', { value: JSON_OBJECT }),
  alphaPod('sidecar.istio.io/statsInclusionPrefixes', { deprecated: STATS_MATCHER }),
  alphaPod('sidecar.istio.io/statsInclusionRegexps', { deprecated: STATS_MATCHER }),
  alphaPod('sidecar.istio.io/statsInclusionSuffixes', { deprecated: STATS_MATCHER }),
  alphaPod('sidecar.istio.io/statsCompression', { deprecated: PROXY_CONFIG }),
  alphaPod('sidecar.istio.io/extraStatTags', { deprecated: PROXY_CONFIG }),
  alphaPod('sidecar.istio.io/status', { alphaExempt: 'always' }),
  alphaPod('sidecar.istio.io/discoveryAddress', {
    deprecated: 'set discoveryAddress in the proxy.istio.io/config annotation instead',
  }),
  alphaPod('sidecar.istio.io/controlPlaneAuthPolicy', {
    deprecated: 'the connection to the control plane always uses mTLS now; remove it',
  }),
  { name: 'proxy.istio.io/config', resources: POD, maturity: 'Beta', value: { type: 'proxy-config' } },
  alphaPod('proxy.istio.io/overrides', { alphaExempt: 'always' }),
  alphaPod('istio.io/rev', { alphaExempt: 'always' }),
  // Traffic interception.
  alphaPod('traffic.sidecar.istio.io/includeInboundPorts', {
    value: { type: 'ports', wildcard: true },
    alphaExempt: 'injected-pods',
  }),
  alphaPod('traffic.sidecar.istio.io/excludeInboundPorts', { value: PORTS, alphaExempt: 'injected-pods' }),
  alphaPod('traffic.sidecar.istio.io/includeOutboundPorts', { value: PORTS, alphaExempt: 'injected-pods' }),
  alphaPod('traffic.sidecar.istio.io/excludeOutboundPorts', { value: PORTS, alphaExempt: 'injected-pods' }),
  alphaPod('traffic.sidecar.istio.io/includeOutboundIPRanges', {
    value: { type: 'cidrs', wildcard: true },
    alphaExempt: 'injected-pods',
  }),
  alphaPod('traffic.sidecar.istio.io/excludeOutboundIPRanges', {
    value: { type: 'cidrs' },
    alphaExempt: 'injected-pods',
  }),
  alphaPod('traffic.sidecar.istio.io/excludeInterfaces', { alphaExempt: 'injected-pods' }),
  alphaPod('traffic.sidecar.istio.io/kubevirtInterfaces', {
    deprecated: 'use istio.io/reroute-virtual-interfaces instead',
    alphaExempt: 'injected-pods',
  }),
  alphaPod('istio.io/reroute-virtual-interfaces', { alphaExempt: 'injected-pods' }),
  // Health checks and metrics.
  alphaPod('status.sidecar.istio.io/port', { value: { type: 'port' } }),
  alphaPod('readiness.status.sidecar.istio.io/applicationPorts'),
  alphaPod('readiness.status.sidecar.istio.io/initialDelaySeconds', { value: UINT32 }),
  alphaPod('readiness.status.sidecar.istio.io/periodSeconds', { value: UINT32 }),
  alphaPod('readiness.status.sidecar.istio.io/failureThreshold', { value: UINT32 }),
  alphaPod('prometheus.istio.io/merge-metrics', { value: BOOL }),
  // Ambient mode (istio-cni writes `redirection` on the pods it captures).
  alphaPod('ambient.istio.io/redirection', { alphaExempt: 'always' }),
  alphaPod('ambient.istio.io/bypass-inbound-capture', { value: BOOL }),
  alphaPod('ambient.istio.io/dns-capture', { value: BOOL }),
  // Services.
  {
    name: 'networking.istio.io/exportTo',
    resources: SERVICE,
    maturity: 'Alpha',
    value: { type: 'export-to' },
  },
  { name: 'networking.istio.io/traffic-distribution', resources: SERVICE, maturity: 'Alpha' },
  { name: 'traffic.istio.io/nodeSelector', resources: SERVICE, maturity: 'Alpha', value: JSON_OBJECT },
  {
    name: 'alpha.istio.io/canonical-serviceaccounts',
    resources: SERVICE,
    maturity: 'Alpha',
    deprecated: 'Istio takes service accounts from the workloads; remove it',
  },
  {
    name: 'alpha.istio.io/kubernetes-serviceaccounts',
    resources: SERVICE,
    maturity: 'Alpha',
    deprecated: 'Istio takes service accounts from the workloads; remove it',
  },
  // Namespaces and multicluster.
  { name: 'topology.istio.io/controlPlaneClusters', resources: ['Namespace'], maturity: 'Alpha' },
  { name: 'networking.istio.io/cluster', resources: ['Secret'], maturity: 'Alpha' },
  // Policy and analysis.
  { name: 'galley.istio.io/analyze-suppress', resources: ANY, maturity: 'Alpha', alphaExempt: 'always' },
  {
    name: 'istio.io/dry-run',
    resources: ['AuthorizationPolicy'],
    maturity: 'Experimental',
    value: BOOL,
  },
  {
    name: 'policy.istio.io/lang',
    resources: ['AuthorizationPolicy'],
    maturity: 'Alpha',
    deprecated: MIXER_REMOVED,
  },
  alphaPod('policy.istio.io/check', { deprecated: MIXER_REMOVED }),
  alphaPod('policy.istio.io/checkRetries', { deprecated: MIXER_REMOVED }),
  alphaPod('policy.istio.io/checkBaseRetryWaitTime', { deprecated: MIXER_REMOVED }),
  alphaPod('policy.istio.io/checkMaxRetryWaitTime', { deprecated: MIXER_REMOVED }),
  // Ingress and Kubernetes Gateway API deployments.
  { name: 'kubernetes.io/ingress.class', resources: ['Ingress'], maturity: 'Stable' },
  { name: 'networking.istio.io/service-type', resources: ['Gateway'], maturity: 'Alpha' },
  { name: 'gateway.istio.io/name-override', resources: ['Gateway'], maturity: 'Alpha' },
  { name: 'gateway.istio.io/service-account', resources: ['Gateway'], maturity: 'Alpha' },
  {
    name: 'gateway.istio.io/controller-version',
    resources: ['Gateway'],
    maturity: 'Alpha',
    alphaExempt: 'always',
  },
  // Installation bookkeeping.
  { name: 'install.operator.istio.io/chart-owner', resources: ANY, maturity: 'Alpha', alphaExempt: 'always' },
  {
    name: 'install.operator.istio.io/owner-generation',
    resources: ANY,
    maturity: 'Alpha',
    alphaExempt: 'always',
  },
  { name: 'install.operator.istio.io/version', resources: ANY, maturity: 'Alpha', alphaExempt: 'always' },
];

/**
 * Istio labels (istio/api `label/labels.yaml`) and the kinds they go on: an annotation of that name is
 * almost always a label written in the wrong place.
 */
export const ISTIO_LABELS: ReadonlyMap<string, readonly string[]> = new Map([
  ['istio-injection', ['Namespace']],
  ['istio.io/rev', ['Namespace', 'Pod', 'Istio config']],
  ['sidecar.istio.io/inject', ['Pod']],
  ['istio.io/dataplane-mode', ['Namespace', 'Pod']],
  ['istio.io/use-waypoint', ['Namespace', 'Service', 'ServiceEntry', 'Pod']],
  ['istio.io/use-waypoint-namespace', ['Namespace', 'Service', 'ServiceEntry', 'Pod']],
  ['istio.io/waypoint-for', ['Gateway']],
  ['istio.io/ingress-use-waypoint', ['Service', 'ServiceEntry']],
  ['istio.io/tag', ['MutatingWebhookConfiguration']],
  ['topology.istio.io/network', ['Namespace', 'Pod', 'Service']],
  ['topology.istio.io/cluster', ['Pod']],
  ['topology.istio.io/subzone', ['Node']],
  ['networking.istio.io/gatewayPort', ['Service']],
  ['service.istio.io/canonical-name', ['Pod']],
  ['service.istio.io/canonical-revision', ['Pod']],
  ['security.istio.io/tlsMode', ['Pod']],
]);

/**
 * What istiod, the injector and the gateway controller write on objects themselves. istioctl's
 * annotation analyzer skips them whatever the kind, since the user did not write them and cannot keep
 * them off (the injector's `istio.io/rev` on a pod, the controller's version on a generated Service).
 */
const ISTIO_WRITTEN_ANNOTATIONS: ReadonlySet<string> = new Set([
  'sidecar.istio.io/status',
  'gateway.istio.io/controller-version',
  'istio.io/rev',
]);

/**
 * Whether the annotation on an object of this kind is Istio's own record rather than the user's. On a
 * Namespace, nothing of Istio writes `istio.io/rev` as an annotation: there it is the revision label put
 * in the wrong place, which injection ignores, so it stays reported (istioctl skips it there too).
 */
export function isWrittenByIstio(name: string, kind: string): boolean {
  return ISTIO_WRITTEN_ANNOTATIONS.has(name) && !(name === 'istio.io/rev' && kind === 'Namespace');
}

const BY_NAME: ReadonlyMap<string, IstioAnnotation> = new Map(ISTIO_ANNOTATIONS.map((a) => [a.name, a]));

/**
 * The annotations Istio owns: any `*.istio.io/...` or `istio.io/...` name, plus the Kubernetes annotation
 * `kubernetes.io/ingress.class`, which Istio documents (as istioctl's analyzers do).
 */
export function isIstioAnnotationName(name: string): boolean {
  if (name === 'kubernetes.io/ingress.class') return true;
  const slash = name.indexOf('/');
  if (slash === -1) return false;
  const prefix = name.slice(0, slash);
  return prefix === 'istio.io' || prefix.endsWith('.istio.io');
}

export function istioAnnotation(name: string): IstioAnnotation | undefined {
  return BY_NAME.get(name);
}

/** A known annotation within two edits of `name` (a likely typo), or undefined. */
export function closestAnnotation(name: string): string | undefined {
  return closestName(name, BY_NAME.keys(), 2);
}
