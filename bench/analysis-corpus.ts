/**
 * A generated mesh for the analysis benchmarks: Bookinfo-shaped applications, each a Namespace-scoped
 * set of Kubernetes objects (Service, two Pods) and Istio config (DestinationRule with subsets,
 * VirtualService routing to them through a Gateway, AuthorizationPolicy), spread over namespaces. Almost
 * everything resolves, as in a real repository; every 25th application routes to a subset it forgot to
 * define, so the engine also reports. Gateway API documents are mixed in as Istio users write them: a
 * waypoint Gateway per namespace and, for every 4th application, an HTTPRoute attached to its Service.
 * `variant` changes every document's text, not its meaning.
 */

export const RESOURCES_PER_APP = 7;

export function generateMeshDocuments(resourceCount: number, variant = 'a'): string[] {
  const documents: string[] = [];
  const namespaces = new Set<string>();
  for (let app = 0; documents.length < resourceCount; app++) {
    const namespace = `team-${app % 12}`;
    if (!namespaces.has(namespace)) {
      namespaces.add(namespace);
      documents.push(namespaceDocument(namespace), waypointDocument(namespace, variant));
    }
    documents.push(...applicationDocuments(`app-${app}`, namespace, variant, app % 25 === 24));
    if (app % 4 === 3) documents.push(meshRouteDocument(`app-${app}`, namespace, variant));
  }
  return documents.slice(0, resourceCount);
}

export function joinDocuments(documents: readonly string[]): string {
  return documents.join('---\n');
}

function namespaceDocument(namespace: string): string {
  return `apiVersion: v1
kind: Namespace
metadata:
  name: ${namespace}
  labels:
    istio-injection: enabled
`;
}

function waypointDocument(namespace: string, variant: string): string {
  return `apiVersion: gateway.networking.k8s.io/v1
kind: Gateway
metadata:
  name: waypoint
  namespace: ${namespace}
  labels:
    istio.io/waypoint-for: service
  annotations:
    bench/variant: "${variant}"
spec:
  gatewayClassName: istio-waypoint
  listeners:
    - name: mesh
      port: 15008
      protocol: HBONE
`;
}

function meshRouteDocument(name: string, namespace: string, variant: string): string {
  return `apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata:
  name: ${name}-canary
  namespace: ${namespace}
  annotations:
    bench/variant: "${variant}"
spec:
  parentRefs:
    - group: ""
      kind: Service
      name: ${name}
      port: 8080
  rules:
    - matches:
        - path:
            type: PathPrefix
            value: /api
          headers:
            - name: x-canary
              value: "true"
      backendRefs:
        - name: ${name}
          port: 8080
          weight: 90
        - name: ${name}-next
          port: 8080
          weight: 10
      timeouts:
        request: 5s
`;
}

function applicationDocuments(name: string, namespace: string, variant: string, broken: boolean): string[] {
  const pod = (version: string): string => `apiVersion: v1
kind: Pod
metadata:
  name: ${name}-${version}-7d9f8b7c5-x2kqp
  namespace: ${namespace}
  labels:
    app: ${name}
    version: ${version}
spec:
  containers:
    - name: ${name}
      image: registry.example.com/${name}:${version}
      ports:
        - containerPort: 8080
`;
  return [
    `apiVersion: v1
kind: Service
metadata:
  name: ${name}
  namespace: ${namespace}
  labels:
    app: ${name}
spec:
  selector:
    app: ${name}
  ports:
    - name: http
      port: 8080
      targetPort: 8080
`,
    pod('v1'),
    pod('v2'),
    `apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata:
  name: ${name}
  namespace: ${namespace}
  annotations:
    bench/variant: "${variant}"
spec:
  host: ${name}.${namespace}.svc.cluster.local
  trafficPolicy:
    connectionPool:
      tcp:
        maxConnections: 100
        connectTimeout: 30ms
    outlierDetection:
      consecutive5xxErrors: 5
      interval: 10s
      baseEjectionTime: 30s
  subsets:
    - name: v1
      labels:
        version: v1
    - name: v2
      labels:
        version: v2
`,
    `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata:
  name: ${name}
  namespace: ${namespace}
  annotations:
    bench/variant: "${variant}"
spec:
  hosts:
    - ${name}
    - ${name}.example.com
  gateways:
    - mesh
    - istio-system/public-gateway
  http:
    - match:
        - headers:
            x-canary:
              exact: "true"
      route:
        - destination:
            host: ${name}
            subset: ${broken ? 'v3' : 'v2'}
      timeout: 5s
      retries:
        attempts: 3
        perTryTimeout: 2s
    - route:
        - destination:
            host: ${name}
            subset: v1
          weight: 90
        - destination:
            host: ${name}.${namespace}.svc.cluster.local
            subset: v2
          weight: 10
`,
    `apiVersion: security.istio.io/v1
kind: AuthorizationPolicy
metadata:
  name: ${name}
  namespace: ${namespace}
spec:
  selector:
    matchLabels:
      app: ${name}
  action: ALLOW
  rules:
    - from:
        - source:
            namespaces:
              - ${namespace}
              - istio-system
      to:
        - operation:
            methods: ["GET", "POST"]
`,
  ];
}

/** The shared ingress Gateway every generated VirtualService binds to. */
export const PUBLIC_GATEWAY = `apiVersion: networking.istio.io/v1
kind: Gateway
metadata:
  name: public-gateway
  namespace: istio-system
spec:
  selector:
    istio: ingressgateway
  servers:
    - port:
        number: 80
        name: http
        protocol: HTTP
      hosts:
        - "*.example.com"
`;
