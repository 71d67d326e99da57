/**
 * Generates realistic multi-document Istio files for the benchmarks: a rotation of the kinds people write
 * most (VirtualService, DestinationRule, Gateway, ServiceEntry, AuthorizationPolicy, PeerAuthentication,
 * Sidecar), each with the fields real configs use, spread over a few namespaces. Valid by construction,
 * so the figures measure validation, not error reporting. `variant` changes every document's text (not
 * its shape) so a run can start with a cold result cache.
 */

const NAMESPACES = ['bookinfo', 'payments', 'checkout', 'istio-system', 'search'];

type DocumentTemplate = (name: string, namespace: string, variant: string) => string;

const TEMPLATES: readonly DocumentTemplate[] = [
  (name, namespace, variant) => `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata:
  name: ${name}
  namespace: ${namespace}
  labels:
    app: ${name}
    bench-variant: "${variant}"
spec:
  hosts:
    - ${name}.${namespace}.svc.cluster.local
  gateways:
    - mesh
    - istio-system/public-gateway
  http:
    - name: canary
      match:
        - headers:
            x-canary:
              exact: "true"
          uri:
            prefix: /api/v2
      route:
        - destination:
            host: ${name}.${namespace}.svc.cluster.local
            subset: v2
            port:
              number: 8080
      timeout: 5s
      retries:
        attempts: 3
        perTryTimeout: 2s
        retryOn: 5xx,reset,connect-failure
    - name: primary
      route:
        - destination:
            host: ${name}.${namespace}.svc.cluster.local
            subset: v1
          weight: 90
        - destination:
            host: ${name}.${namespace}.svc.cluster.local
            subset: v2
          weight: 10
      fault:
        delay:
          percentage:
            value: 0.5
          fixedDelay: 2s
`,
  (name, namespace, variant) => `apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata:
  name: ${name}
  namespace: ${namespace}
  annotations:
    bench/variant: "${variant}"
spec:
  host: ${name}.${namespace}.svc.cluster.local
  exportTo:
    - "."
    - istio-system
  trafficPolicy:
    connectionPool:
      tcp:
        maxConnections: 100
        connectTimeout: 30ms
      http:
        http2MaxRequests: 1000
        maxRequestsPerConnection: 10
    outlierDetection:
      consecutive5xxErrors: 5
      interval: 10s
      baseEjectionTime: 30s
      maxEjectionPercent: 50
    loadBalancer:
      localityLbSetting:
        enabled: true
        failover:
          - from: us-east1
            to: us-west1
    tls:
      mode: ISTIO_MUTUAL
  subsets:
    - name: v1
      labels:
        version: v1
    - name: v2
      labels:
        version: v2
      trafficPolicy:
        loadBalancer:
          simple: LEAST_REQUEST
`,
  (name, namespace, variant) => `apiVersion: networking.istio.io/v1
kind: Gateway
metadata:
  name: ${name}
  namespace: ${namespace}
  labels:
    bench-variant: "${variant}"
spec:
  selector:
    istio: ingressgateway
  servers:
    - port:
        number: 443
        name: https-${name}
        protocol: HTTPS
      hosts:
        - ${name}.example.com
      tls:
        mode: SIMPLE
        credentialName: ${name}-cert
    - port:
        number: 80
        name: http-${name}
        protocol: HTTP
      hosts:
        - ${name}.example.com
      tls:
        httpsRedirect: true
`,
  (name, namespace, variant) => `apiVersion: networking.istio.io/v1
kind: ServiceEntry
metadata:
  name: ${name}
  namespace: ${namespace}
  labels:
    bench-variant: "${variant}"
spec:
  hosts:
    - ${name}.external.example.org
  location: MESH_EXTERNAL
  resolution: DNS
  ports:
    - number: 443
      name: tls
      protocol: TLS
    - number: 80
      name: http
      protocol: HTTP
`,
  (name, namespace, variant) => `apiVersion: security.istio.io/v1
kind: AuthorizationPolicy
metadata:
  name: ${name}
  namespace: ${namespace}
  labels:
    bench-variant: "${variant}"
spec:
  selector:
    matchLabels:
      app: ${name}
  action: ALLOW
  rules:
    - from:
        - source:
            principals:
              - cluster.local/ns/${namespace}/sa/frontend
            namespaces:
              - ${namespace}
      to:
        - operation:
            methods:
              - GET
              - POST
            paths:
              - /api/*
      when:
        - key: request.headers[x-tenant]
          values:
            - acme
`,
  (name, namespace, variant) => `apiVersion: security.istio.io/v1
kind: PeerAuthentication
metadata:
  name: ${name}
  namespace: ${namespace}
  labels:
    bench-variant: "${variant}"
spec:
  selector:
    matchLabels:
      app: ${name}
  mtls:
    mode: STRICT
  portLevelMtls:
    "8080":
      mode: PERMISSIVE
`,
  (name, namespace, variant) => `apiVersion: networking.istio.io/v1
kind: Sidecar
metadata:
  name: ${name}
  namespace: ${namespace}
  labels:
    bench-variant: "${variant}"
spec:
  workloadSelector:
    labels:
      app: ${name}
  egress:
    - hosts:
        - ./*
        - istio-system/*
  outboundTrafficPolicy:
    mode: REGISTRY_ONLY
`,
];

/** A file of `count` Istio documents separated by `---`, mixing kinds and namespaces. */
export function generateIstioFile(count: number, variant = 'a'): string {
  const documents: string[] = [];
  for (let i = 0; i < count; i++) {
    const template = TEMPLATES[i % TEMPLATES.length] as DocumentTemplate;
    const namespace = NAMESPACES[Math.floor(i / TEMPLATES.length) % NAMESPACES.length] as string;
    documents.push(template(`service-${i}`, namespace, variant));
  }
  return documents.join('---\n');
}
