/**
 * Skeleton completions for an empty YAML document: one snippet per Istio and Gateway API kind (at its preferred served
 * version) with apiVersion, kind, metadata and a minimal spec. yaml-language-server offers nothing there,
 * because the dispatcher schema only applies once apiVersion and kind are written.
 */
import {
  type CompletionItem,
  CompletionItemKind,
  InsertTextFormat,
  type Range,
} from 'vscode-languageserver-types';
import type { KindVersionEntry } from './schema-catalog';

/** Minimal spec bodies, valid once the placeholders keep their defaults; a kind added later gets `spec: {}`. */
const SPEC_BODIES: Readonly<Record<string, string>> = {
  VirtualService: [
    'hosts:',
    '  - ${2:reviews}',
    'http:',
    '  - route:',
    '      - destination:',
    '          host: ${3:reviews}',
    '          subset: ${4:v1}',
  ].join('\n'),
  DestinationRule: [
    'host: ${2:reviews}',
    'subsets:',
    '  - name: ${3:v1}',
    '    labels:',
    '      version: ${3:v1}',
  ].join('\n'),
  Gateway: [
    'selector:',
    '  istio: ${2:ingressgateway}',
    'servers:',
    '  - port:',
    '      number: ${3:80}',
    '      name: ${4:http}',
    '      protocol: ${5:HTTP}',
    '    hosts:',
    '      - "${6:*}"',
  ].join('\n'),
  ServiceEntry: [
    'hosts:',
    '  - ${2:api.example.com}',
    'location: ${3:MESH_EXTERNAL}',
    'resolution: ${4:DNS}',
    'ports:',
    '  - number: ${5:443}',
    '    name: ${6:https}',
    '    protocol: ${7:TLS}',
  ].join('\n'),
  AuthorizationPolicy: [
    'selector:',
    '  matchLabels:',
    '    app: ${2:reviews}',
    'action: ${3:ALLOW}',
    'rules:',
    '  - from:',
    '      - source:',
    '          principals:',
    '            - ${4:cluster.local/ns/default/sa/productpage}',
  ].join('\n'),
  PeerAuthentication: ['mtls:', '  mode: ${2:STRICT}'].join('\n'),
  Sidecar: ['egress:', '  - hosts:', '      - "${2:./*}"', '      - "${3:istio-system/*}"'].join('\n'),
  RequestAuthentication: [
    'selector:',
    '  matchLabels:',
    '    app: ${2:reviews}',
    'jwtRules:',
    '  - issuer: ${3:https://issuer.example.com}',
    '    jwksUri: ${4:https://issuer.example.com/.well-known/jwks.json}',
  ].join('\n'),
  Telemetry: ['tracing:', '  - randomSamplingPercentage: ${2:10.0}'].join('\n'),
  EnvoyFilter: [
    'workloadSelector:',
    '  labels:',
    '    app: ${2:reviews}',
    'configPatches:',
    '  - applyTo: ${3:HTTP_FILTER}',
    '    match:',
    '      context: ${4:SIDECAR_INBOUND}',
    '    patch:',
    '      operation: ${5:INSERT_BEFORE}',
    '      value: {}',
  ].join('\n'),
  WasmPlugin: [
    'selector:',
    '  matchLabels:',
    '    app: ${2:reviews}',
    'url: ${3:oci://registry.example.com/filter:1.0}',
  ].join('\n'),
  TrafficExtension: [
    'selector:',
    '  matchLabels:',
    '    app: ${2:reviews}',
    'lua:',
    '  inlineCode: ${3:function envoy_on_request(handle) end}',
  ].join('\n'),
  ProxyConfig: ['selector:', '  matchLabels:', '    app: ${2:reviews}', 'concurrency: ${3:2}'].join('\n'),
  WorkloadEntry: [
    'address: ${2:10.0.0.1}',
    'labels:',
    '  app: ${3:reviews}',
    'serviceAccount: ${4:reviews}',
  ].join('\n'),
  WorkloadGroup: [
    'metadata:',
    '  labels:',
    '    app: ${2:reviews}',
    'template:',
    '  serviceAccount: ${3:reviews}',
  ].join('\n'),
};

const ROUTE_TO_SERVICE = [
  'parentRefs:',
  '  - name: ${2:gateway}',
  'rules:',
  '  - backendRefs:',
  '      - name: ${3:reviews}',
  '        port: ${4:9080}',
];

/** The same for the Gateway API kinds, whose `Gateway` is not Istio's. */
const GATEWAY_API_SPEC_BODIES: Readonly<Record<string, string>> = {
  Gateway: [
    'gatewayClassName: ${2:istio}',
    'listeners:',
    '  - name: ${3:http}',
    '    port: ${4:80}',
    '    protocol: ${5:HTTP}',
  ].join('\n'),
  GatewayClass: 'controllerName: ${2:istio.io/gateway-controller}',
  HTTPRoute: ROUTE_TO_SERVICE.join('\n'),
  GRPCRoute: ROUTE_TO_SERVICE.join('\n'),
  TCPRoute: ROUTE_TO_SERVICE.join('\n'),
  UDPRoute: ROUTE_TO_SERVICE.join('\n'),
  TLSRoute: ['hostnames:', '  - ${5:reviews.example.com}', ...ROUTE_TO_SERVICE].join('\n'),
  ListenerSet: [
    'parentRef:',
    '  name: ${2:gateway}',
    'listeners:',
    '  - name: ${3:http}',
    '    port: ${4:8080}',
    '    protocol: ${5:HTTP}',
  ].join('\n'),
  ReferenceGrant: [
    'from:',
    '  - group: ${2:gateway.networking.k8s.io}',
    '    kind: ${3:HTTPRoute}',
    '    namespace: ${4:frontend}',
    'to:',
    '  - group: "${5:}"',
    '    kind: ${6:Service}',
  ].join('\n'),
  BackendTLSPolicy: [
    'targetRefs:',
    '  - group: "${2:}"',
    '    kind: ${3:Service}',
    '    name: ${4:reviews}',
    'validation:',
    '  hostname: ${5:reviews.example.com}',
    '  wellKnownCACertificates: ${6:System}',
  ].join('\n'),
};

const GATEWAY_API_GROUP = 'gateway.networking.k8s.io';

function specBody(entry: KindVersionEntry): string | undefined {
  return entry.group === GATEWAY_API_GROUP ? GATEWAY_API_SPEC_BODIES[entry.kind] : SPEC_BODIES[entry.kind];
}

/** Stable versions first, then beta, then alpha; within a stage, the higher number. */
function versionRank(apiVersion: string): number {
  const match = /\/v(\d+)(?:(alpha|beta)(\d+))?$/.exec(apiVersion);
  if (!match) return -1;
  const stage = match[2] === undefined ? 2 : match[2] === 'beta' ? 1 : 0;
  return stage * 10_000 + Number(match[1]) * 100 + Number(match[3] ?? 0);
}

/** One entry per kind of each group: the version a new document should use. */
export function preferredVersions(entries: readonly KindVersionEntry[]): KindVersionEntry[] {
  const byKind = new Map<string, KindVersionEntry>();
  for (const entry of entries) {
    if (entry.deprecated) continue;
    const key = `${entry.group}/${entry.kind}`;
    const current = byKind.get(key);
    if (!current || versionRank(entry.apiVersion) > versionRank(current.apiVersion)) byKind.set(key, entry);
  }
  return [...byKind.values()].sort((a, b) => a.kind.localeCompare(b.kind) || a.group.localeCompare(b.group));
}

/** Snippet items that replace `range` (the current line's word, or an empty range at the cursor). */
export function kindSnippets(entries: readonly KindVersionEntry[], range: Range): CompletionItem[] {
  return preferredVersions(entries).map((entry, index) => {
    const body = specBody(entry);
    const text = [
      `apiVersion: ${entry.apiVersion}`,
      `kind: ${entry.kind}`,
      'metadata:',
      '  name: ${1:name}',
      ...(body ? ['spec:', ...body.split('\n').map((line) => `  ${line}`)] : ['spec: {}']),
      '$0',
    ].join('\n');
    return {
      label: entry.kind,
      labelDetails: { description: entry.apiVersion },
      kind: CompletionItemKind.Snippet,
      detail: `${entry.group === GATEWAY_API_GROUP ? 'Gateway API' : 'Istio'} ${entry.kind} (${entry.apiVersion})`,
      documentation: {
        kind: 'markdown',
        value: '```yaml\n' + text.replace(/\$\{\d+:([^}]*)\}|\$\d/g, '$1') + '\n```',
      },
      insertTextFormat: InsertTextFormat.Snippet,
      textEdit: { range, newText: text },
      filterText: entry.kind,
      sortText: String(index).padStart(3, '0'),
    };
  });
}
