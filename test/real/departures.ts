/**
 * Where Meshwright deliberately (or knowingly) reports differently from `istioctl analyze`, each with its
 * reason. The differential test (istioctl-offline.test.ts) fails on a difference not listed here, and on
 * an entry that no longer matches any difference, so this list stays true.
 */

export interface Departure {
  readonly code: string;
  /** Which tool reports the finding the other does not. */
  readonly side: 'only-istioctl' | 'only-meshwright';
  /** Case ids it occurs in: `IST0101/virtualservice-gateways/fires-missing-gateway`, `corpus/routing-017`. */
  readonly cases: RegExp;
  /** The resource, as "Kind namespace/name" ("Namespace name" when cluster-scoped); any when absent. */
  readonly resource?: RegExp;
  readonly reason: string;
  /**
   * Why the difference does not occur in every run, when istioctl's own answer depends on chance (the
   * order it happens to iterate in): such a departure is not stale when a run does not show it.
   */
  readonly notEveryRun?: string;
}

const FIX = (path: string): RegExp => new RegExp(`^${path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`);

/** Why the IST0151 / IST0155 pair does not show in every offline run. */
const ISTIOCTL_OFFLINE_ENVOYFILTER_ORDER =
  'istioctl keeps the EnvoyFilters it reads from files in a Go map too, whose order changes from run to run: when it happens to read the proxyVersion-matched filter first it says IST0155 as Meshwright does';

export const DEPARTURES: readonly Departure[] = [
  // Schema validation: Meshwright checks Istio's CRD schemas and their CEL rules; istioctl also runs
  // istiod's Go validation (pilot/pkg/config/validation), which has rules no CRD states.
  {
    code: 'IST0106',
    side: 'only-istioctl',
    cases:
      /^(corpus\/(routing|serviceentries)-\d+|IST0101\/virtualservice-destination-(hosts|subsets)\/silent-.*|IST0112\/.*|IST0132\/virtualservice-gateway-hosts\/fires-(unknown-gateway|istio-testdata-gateways|istio-testdata-host-not-found)|IST0167\/sidecar-ambient\/fires-istio-testdata|IST0149\/.*|IST0151\/.*|IST0152\/.*|IST0165\/.*)$/,
    reason:
      'istiod\'s Go validation only ("private key required for mutual tls", "total destination weight = 0", SNI hosts, wildcard mesh hosts, JWT claim routing without a gateway, an EnvoyFilter applyTo whose match is of another class, a patch missing, a Gateway without servers or with duplicate port names, a VirtualService without routes, an empty Sidecar); Meshwright validates the CRD schemas and CEL rules',
  },
  {
    code: 'IST0106',
    side: 'only-meshwright',
    cases: FIX('IST0002/deprecated-fields/fires-virtualservice-fields'),
    reason:
      'appendHeaders was removed from the VirtualService schema: the CRD rejects it (Meshwright); istioctl decodes with unknown fields dropped and says nothing',
  },
  {
    code: 'IST0106',
    side: 'only-meshwright',
    cases: /^IST015[12]\/envoyfilter-[a-z-]+\/fires-istio-testdata-(add|remove)$/,
    reason:
      "Istio's own EnvoyFilter testdata breaks the CRD schema (an unknown field `app` in a match, listener and routeConfiguration in one match, which the schema's oneOf forbids): the API server refuses such an object; istioctl decodes without the CRD's structural checks",
  },
  // Gateway references.
  {
    code: 'IST0101',
    side: 'only-istioctl',
    cases: FIX('IST0101/virtualservice-gateways/silent-gateways-exist'),
    resource: /^VirtualService bookinfo\/bookinfo$/,
    reason:
      'deliberate: istiod resolves the legacy "name.namespace.svc.cluster.local" gateway reference; istioctl\'s GatewayAnalyzer reads it as a short name in the VirtualService\'s namespace and reports it missing',
  },
  {
    code: 'IST0132',
    side: 'only-istioctl',
    cases: FIX('IST0101/virtualservice-gateways/silent-gateways-exist'),
    reason: 'deliberate: the same legacy FQDN gateway reference; the Gateway exists and serves the host',
  },
  // DestinationRule subsets.
  {
    code: 'IST0101',
    side: 'only-meshwright',
    cases: FIX('IST0101/virtualservice-destination-subsets/fires-rule-in-unrelated-namespace'),
    reason:
      "deliberate: a DestinationRule applies to a VirtualService's sidecars only from their namespace, the host's namespace or the root namespace; istioctl accepts a subset defined by a rule in any namespace",
  },
  {
    code: 'IST0101',
    side: 'only-istioctl',
    cases: FIX('IST0101/virtualservice-destination-subsets/silent-subsets-defined'),
    reason:
      "observed: istioctl does not find subset v1 of details although a DestinationRule visible to the VirtualService defines it (the case's rule names the host in a form istioctl's DestinationRuleAnalyzer does not match)",
  },
  // TLS origination without caCertificates.
  {
    code: 'IST0128',
    side: 'only-meshwright',
    cases: FIX('IST0128/destinationrule-ca-certificates/fires-tls-origination-without-ca'),
    reason:
      "deliberate: Meshwright also checks a subset's trafficPolicy.tls; istioctl looks only at the top-level trafficPolicy",
  },
  {
    code: 'IST0128',
    side: 'only-istioctl',
    cases: FIX('IST0128/destinationrule-ca-certificates/silent-server-verified'),
    reason:
      'deliberate: the rule verifies the server another way (see the case) that istioctl does not recognise; Meshwright does not warn about a verified server',
  },
  {
    code: 'IST0134',
    side: 'only-istioctl',
    cases: FIX('IST0134/serviceentry-addresses/silent-allocated-by-istiod'),
    reason:
      "deliberate: istiod allocates the ServiceEntry's address (the case's mesh config turns allocation on); istioctl's check reads only the DNS proxy's ISTIO_META_DNS_AUTO_ALLOCATE",
  },
  {
    code: 'IST0002',
    side: 'only-meshwright',
    cases: FIX('IST0002/deprecated-fields/fires-destinationrule-load-balancer'),
    reason:
      "deliberate: warmupDurationSecs is deprecated wherever it appears; istioctl's DeprecationAnalyzer does not look inside a subset's portLevelSettings",
  },
  {
    code: 'IST0130',
    side: 'only-meshwright',
    cases:
      /^IST0130\/virtualservice-unreachable-rules\/fires-(duplicate-and-covered-matches|prefix-root-first)$/,
    reason:
      'deliberate: a rule shadowed by an earlier catch-all prefix / or by matches an earlier rule covers; istioctl only compares identical matches',
  },
  {
    code: 'IST0138',
    side: 'only-meshwright',
    cases: FIX('IST0138/gateway-duplicate-certificate/fires-shared-credential'),
    reason:
      'observed: istioctl compares the certificate files of tls.serverCertificate only; Meshwright also compares credentialName on Gateways selecting the same pods',
  },
  {
    code: 'IST0163',
    side: 'only-meshwright',
    cases: FIX('IST0163/external-control-plane-webhooks/fires-blank-or-invalid-url'),
    reason:
      'deliberate: a webhook URL with a query is invalid for the API server; istioctl only checks that the URL parses',
  },
  {
    code: 'IST0160',
    side: 'only-meshwright',
    cases: FIX('IST0160/telemetry-default-selectors/fires-two-namespace-defaults'),
    reason:
      'observed: istioctl does not count these Telemetries as selector-less namespace defaults (see the case); not investigated further',
  },
  {
    code: 'IST0160',
    side: 'only-istioctl',
    cases: FIX('IST0160/telemetry-default-selectors/silent-one-default-per-namespace'),
    reason:
      'observed: istioctl counts a Telemetry that targets a gateway (targetRefs, no selector) as a namespace default; Meshwright does not',
  },
  // EnvoyFilter operations: deliberate (docs/diagnostics.md, "Deliberate differences from istioctl").
  {
    code: 'IST0151',
    side: 'only-istioctl',
    cases:
      /^(corpus\/envoyfilters-\d+|IST0151\/envoyfilter-relative-operations\/fires-relative-with-proxy-version)$/,
    reason:
      'deliberate: Meshwright judges each patch on its own and reports IST0155 for a relative patch on a filter another EnvoyFilter matches by proxyVersion; istioctl reports IST0151 there, depending on the order it read the EnvoyFilters in',
    notEveryRun: ISTIOCTL_OFFLINE_ENVOYFILTER_ORDER,
  },
  {
    code: 'IST0155',
    side: 'only-meshwright',
    cases:
      /^(corpus\/envoyfilters-\d+|IST0151\/envoyfilter-relative-operations\/fires-relative-with-proxy-version)$/,
    reason: 'deliberate: the other side of the IST0151 / IST0155 choice above (order-independent IST0155)',
    notEveryRun: ISTIOCTL_OFFLINE_ENVOYFILTER_ORDER,
  },
  {
    code: 'IST0152',
    side: 'only-istioctl',
    cases: FIX('IST0152/envoyfilter-operation-targets/silent-operations-fit'),
    resource: /^EnvoyFilter istio-system\/ingress-route-tweaks$/,
    reason:
      'deliberate: REPLACE on LISTENER_FILTER is not misused: istiod replaces listener filters whole (istioctl allows REPLACE on HTTP_FILTER and NETWORK_FILTER only)',
  },
];

/**
 * Corpus cases with two EnvoyFilters: filter-0 patching `example.filter` with a proxyVersion match,
 * filter-1 patching it relatively without priority.
 */
/**
 * Multicluster fixture cases go into one server: where each cluster holds its own copy of an object
 * (istiod's Deployment, a Namespace), the last copy in file order is the one seeded.
 */
const MERGED_CLUSTERS =
  "observed, an artefact of merging the case's clusters into one API server, where the last copy of an object (cluster west's) is the one seeded:";

const ORDER_DEPENDENT_ENVOYFILTERS = /^corpus\/envoyfilters-00[0256]$/;
const ISTIOCTL_ENVOYFILTER_ORDER =
  "live istioctl visits EnvoyFilters in its informer cache's order, a Go map's, which changes from run to run: it says IST0155 for filter-1 when it happened to read filter-0 first, IST0151 otherwise (Meshwright says IST0155 whatever the order)";

/**
 * Departures of the live comparison (istioctl-live.test.ts), where istioctl reads a real API server and
 * runs every analyzer. Case ids are those of the offline comparison, and `demo` for the demo mesh.
 */
export const LIVE_DEPARTURES: readonly Departure[] = [
  {
    code: 'IST0002',
    side: 'only-meshwright',
    cases: FIX('IST0002/deprecated-fields/fires-destinationrule-load-balancer'),
    resource: /^(DestinationRule bookinfo\/reviews)$/,
    reason:
      "deliberate, as offline: a deprecated field inside a subset's port-level settings, where istioctl does not look",
  },
  {
    code: 'IST0101',
    side: 'only-istioctl',
    cases: /^(IST0101\/authorization-policy-namespaces\/silent-namespaces-exist|corpus\/security-006)$/,
    resource: /^(AuthorizationPolicy bookinfo\/productpage-viewer|AuthorizationPolicy shop\/authz-1)$/,
    reason:
      "observed: an AuthorizationPolicy naming a namespace that exists only as the API server's own (kube-system) or a control-plane namespace the case does not create: istioctl reports it missing; Meshwright knows the system namespaces",
  },
  {
    code: 'IST0101',
    side: 'only-istioctl',
    cases: /^(IST0101\/virtualservice-destination-hosts\/silent-known-hosts|corpus\/gateways-001)$/,
    resource: /^(VirtualService bookinfo\/bookinfo-internal|VirtualService payments\/edge)$/,
    reason:
      'observed: a destination host given as name.namespace (ratings.bookinfo): live istioctl does not resolve that short form; Meshwright does, as istiod',
  },
  {
    code: 'IST0101',
    side: 'only-istioctl',
    cases: FIX('IST0101/virtualservice-destination-subsets/silent-subsets-defined'),
    resource: /^(VirtualService bookinfo\/bookinfo-versions)$/,
    reason:
      'observed, as offline: istioctl does not find subset v1 of details although a DestinationRule defines it',
  },
  {
    code: 'IST0101',
    side: 'only-istioctl',
    cases: FIX('IST0101/virtualservice-gateways/silent-gateways-exist'),
    resource: /^(VirtualService bookinfo\/bookinfo)$/,
    reason:
      'deliberate, as offline: the legacy name.namespace.svc.cluster.local gateway reference istiod resolves',
  },
  {
    code: 'IST0101',
    side: 'only-istioctl',
    cases:
      /^(IST0159\/telemetry-selector-conflicts\/silent-disjoint-selectors|IST0160\/telemetry-default-selectors\/silent-one-default-per-namespace|IST0166\/policy-gateway-selector\/silent-target-refs-and-classic-ingress|corpus\/telemetry-001|corpus\/telemetry-004|corpus\/telemetry-005|corpus\/telemetry-006|corpus\/telemetry-007)$/,
    resource: /^Telemetry /,
    reason:
      "observed: a Telemetry whose selector matches no pod: istioctl's telemetry.SelectorAnalyzer reports IST0101 (referenced selector not found); Meshwright does not report Telemetry selectors",
  },
  {
    code: 'IST0101',
    side: 'only-meshwright',
    cases: FIX('IST0101/virtualservice-destination-subsets/fires-rule-in-unrelated-namespace'),
    resource: /^(VirtualService bookinfo\/reviews)$/,
    reason:
      "deliberate, as offline: a subset defined only by a DestinationRule in an unrelated namespace does not apply to the VirtualService's sidecars",
  },
  {
    code: 'IST0101',
    side: 'only-istioctl',
    cases: FIX('IST0110/sidecar-selector-conflicts/fires-pods-in-two-clusters'),
    resource: /^(Sidecar bookinfo\/ratings-west)$/,
    reason: `${MERGED_CLUSTERS} A Sidecar selecting topology.istio.io/cluster=cluster-west: Meshwright gives every pod the label istiod adds, the cluster's ID, so it selects the ratings pods; istioctl matches the pods' own labels and finds none`,
  },
  {
    code: 'IST0102',
    side: 'only-istioctl',
    cases:
      /^(IST0102\/namespace-injection\/silent-injected-by-default|IST0103\/pod-missing-proxy\/fires-pods-without-proxy)$/,
    resource: /^(Namespace bookinfo|Namespace default)$/,
    reason:
      "observed: istioctl reports a namespace without injection labels although the case's default injector (a webhook without a namespaceSelector label match) injects it; Meshwright reports IST0148 there instead",
  },
  {
    code: 'IST0102',
    side: 'only-meshwright',
    cases:
      /^(IST0126\/mesh-networks-registry\/silent-registries-known|IST0158\/proxy-image-mismatch\/fires-after-upgrade|IST0158\/proxy-image-mismatch\/silent-up-to-date)$/,
    resource: /^(Namespace default)$/,
    reason:
      "observed: the API server's own default namespace, which the case leaves unlabelled: Meshwright reports it, istioctl does not when the case's mesh config or webhooks make it skip namespaces it considers outside the revision",
  },
  {
    code: 'IST0103',
    side: 'only-meshwright',
    cases:
      /^(corpus\/security-006|corpus\/serviceentries-001|corpus\/telemetry-005|corpus\/telemetry-007|corpus\/wasmplugins-003|corpus\/workloads-005)$/,
    reason:
      'observed: a pod without a proxy in a namespace labelled istio.io/rev for a revision no injector of the cluster serves; istioctl analyses only the default revision (--revision) and skips namespaces of other revisions',
  },
  {
    code: 'IST0103',
    side: 'only-meshwright',
    cases: FIX('IST0103/pod-missing-proxy/fires-pods-without-proxy'),
    resource: /^(Pod bookinfo\/ratings-v1-7d88cbd4b6-wq2kx|Pod bookinfo\/reviews-v1-545db77b95-l7zkf)$/,
    reason: `${MERGED_CLUSTERS} Here the unlabelled Namespace bookinfo of west: pods without a proxy in a namespace the default injector injects without a label; istioctl checks pods only in labelled namespaces and reports IST0102 on the namespace, where Meshwright says IST0148`,
  },
  {
    code: 'IST0106',
    side: 'only-istioctl',
    cases:
      /^(IST0101\/virtualservice-destination-hosts\/silent-known-hosts|IST0101\/virtualservice-destination-subsets\/silent-subsets-defined|IST0112\/virtualservice-destination-port\/silent-port-given-or-single|IST0132\/virtualservice-gateway-hosts\/fires-(unknown-gateway|istio-testdata-gateways|istio-testdata-host-not-found)|IST0167\/sidecar-ambient\/fires-istio-testdata|IST0149\/jwt-claim-routing\/silent-gateway-pods-authenticated|IST0151\/envoyfilter-relative-operations\/fires-istio-testdata-relative|IST0151\/envoyfilter-relative-operations\/fires-istio-testdata-remove|IST0152\/envoyfilter-operation-targets\/fires-istio-testdata-remove|IST0152\/envoyfilter-operation-targets\/silent-operations-fit|IST0165\/virtualservice-internal-gateway\/fires-generated-gateway-name|IST0165\/virtualservice-internal-gateway\/silent-istio-and-gateway-api|corpus\/routing-005|corpus\/serviceentries-004)$/,
    reason:
      "as offline: istiod's Go validation only (total weight 0, mutual TLS without a key, SNI hosts, mesh-gateway wildcards, JWT claim routing without a gateway, EnvoyFilter match classes, generated gateway names, a Gateway without servers or with duplicate port names, a VirtualService without routes, an empty Sidecar); Meshwright validates the CRD schemas and CEL rules, which the API server accepted",
  },
  {
    code: 'IST0107',
    side: 'only-meshwright',
    cases: FIX('IST0107/istio-annotations/fires-misplaced-annotations'),
    resource: /^(Namespace bookinfo)$/,
    reason:
      'deliberate (docs/diagnostics.md): istio.io/rev as an annotation on a Namespace is the label in the wrong place; istioctl skips istio.io/rev everywhere',
  },
  {
    code: 'IST0108',
    side: 'only-istioctl',
    cases: FIX('IST0135/istio-annotations/fires-deprecated-annotations'),
    resource: /^(Pod bookinfo\/legacy-billing)$/,
    reason:
      "observed: istioctl's annotation table no longer knows policy.istio.io/check; Meshwright reports it as deprecated (IST0135) instead",
  },
  {
    code: 'IST0108',
    side: 'only-meshwright',
    cases: FIX('IST0108/istio-annotations/fires-unknown-annotations'),
    resource: /^(Deployment bookinfo\/reviews-v1)$/,
    reason:
      "deliberate (docs/diagnostics.md): a Deployment's pod template is judged as a Pod; istioctl reads only the Deployment's own annotations",
  },
  {
    code: 'IST0110',
    side: 'only-meshwright',
    cases: FIX('IST0110/sidecar-selector-conflicts/fires-pods-in-two-clusters'),
    resource: /^(Sidecar bookinfo\/ratings|Sidecar bookinfo\/ratings-west)$/,
    reason:
      'the other side of the IST0101 above: with the topology.istio.io/cluster label istiod adds, both Sidecars select the ratings pods',
  },
  {
    code: 'IST0116',
    side: 'only-istioctl',
    cases: FIX('IST0116/deployment-service-ports/silent-one-service-tcp-and-udp-on-a-port'),
    resource: /^(Deployment infra\/resolver)$/,
    reason:
      'observed: one Service serving port 53 over TCP and UDP: istioctl lists the same Service twice and calls it two protocols; Meshwright does not (a port number may carry TCP and UDP)',
  },
  {
    code: 'IST0116',
    side: 'only-meshwright',
    cases:
      /^(IST0116\/deployment-service-ports\/fires-copy-only-in-another-cluster|IST0116\/deployment-service-ports\/fires-http-and-tcp-on-one-port|IST0116\/deployment-service-ports\/fires-own-copy-selects-other-pods|IST0116\/deployment-service-ports\/silent-own-cluster-copies-agree|corpus\/workloads-003|corpus\/workloads-005)$/,
    reason:
      "observed: Services selecting a Deployment's pods that give one port different Istio protocols (an http- and a tcp- port name, or appProtocol): istioctl's MultiServiceAnalyzer compares the Kubernetes protocol field (TCP, UDP, SCTP) only, so it never sees HTTP against TCP; Meshwright compares the protocol the sidecar applies",
  },
  {
    code: 'IST0145',
    side: 'only-meshwright',
    cases: FIX('IST0132/virtualservice-gateway-hosts/fires-istio-testdata-host-not-found-ns-prefix'),
    reason:
      'observed: four Gateways with one selector on port 80 whose hosts overlap (`./testing-01.com`, `*/testing-01.com`, ...) and no pod matching that selector: Meshwright reports the conflict from the selectors, live istioctl reports none',
  },
  {
    code: 'IST0102',
    side: 'only-meshwright',
    cases: FIX('IST0126/mesh-networks-registry/fires-istio-testdata'),
    resource: /^Namespace default$/,
    reason:
      "observed: the case's remote secret holds Istio's fake kubeconfig, and live istioctl stops its multicluster read there (\"unable to load root certificates\"), so it reports nothing on the unlabelled default namespace; Meshwright never reads a remote secret's contents",
  },
  {
    code: 'IST0125',
    side: 'only-meshwright',
    cases: FIX('IST0125/istio-annotations/fires-invalid-values'),
    resource: /^(Service bookinfo\/reviews)$/,
    reason:
      "observed: an invalid networking.istio.io/exportTo annotation on a Service: istioctl's annotation analyzer does not validate that annotation's value",
  },
  {
    code: 'IST0125',
    side: 'only-meshwright',
    cases: FIX('IST0125/istio-annotations/fires-invalid-values'),
    resource: /^(Deployment bookinfo\/reviews-v2)$/,
    reason:
      "observed: invalid sidecar annotations in a Deployment's pod template: istioctl's annotations.K8sAnalyzer reads a Deployment's own annotations only, Meshwright the pod template's, which the injector reads",
  },
  {
    code: 'IST0126',
    side: 'only-istioctl',
    cases: FIX('IST0126/mesh-networks-registry/fires-unknown-registry'),
    resource: /^(MeshNetworks istio-system\/meshnetworks)$/,
    reason:
      'observed: istioctl reports the unknown registry on a MeshNetworks object it builds from the istio ConfigMap; Meshwright reports the same condition on the ConfigMap (resource naming differs)',
  },
  {
    code: 'IST0126',
    side: 'only-meshwright',
    cases:
      /^(IST0126\/mesh-networks-registry\/fires-unknown-registry|IST0126\/mesh-networks-registry\/silent-registries-known)$/,
    resource: /^(ConfigMap istio-system\/istio)$/,
    reason: `${MERGED_CLUSTERS} One istiod Deployment stays, west's, so Meshwright knows only cluster-west's ID as a registry and reports networks that name cluster-east`,
  },
  {
    code: 'IST0127',
    side: 'only-istioctl',
    cases:
      /^(IST0101\/authorization-policy-namespaces\/silent-namespaces-unknown|IST0127\/authorization-policy-workloads\/silent-selectors-match-mesh-pods|corpus\/security-002)$/,
    reason:
      "observed: an AuthorizationPolicy without a selector (a namespace-wide or waypoint policy) or whose pods live in the case's other cluster: istioctl reports no matching workloads; Meshwright does not report a namespace-wide policy",
  },
  {
    code: 'IST0128',
    side: 'only-istioctl',
    cases: FIX('IST0128/destinationrule-ca-certificates/silent-server-verified'),
    resource: /^(DestinationRule bookinfo\/legacy-partner)$/,
    reason: 'deliberate, as offline: the server is verified another way istioctl does not recognise',
  },
  {
    code: 'IST0128',
    side: 'only-meshwright',
    cases: FIX('IST0128/destinationrule-ca-certificates/fires-tls-origination-without-ca'),
    resource: /^(DestinationRule bookinfo\/reviews)$/,
    reason:
      "deliberate, as offline: TLS origination in a subset's traffic policy; istioctl looks only at the top level",
  },
  {
    code: 'IST0130',
    side: 'only-meshwright',
    cases:
      /^(IST0130\/virtualservice-unreachable-rules\/fires-duplicate-and-covered-matches|IST0130\/virtualservice-unreachable-rules\/fires-prefix-root-first)$/,
    resource: /^(VirtualService bookinfo\/bookinfo|VirtualService bookinfo\/ratings)$/,
    reason:
      'deliberate, as offline: rules shadowed by an earlier catch-all or covering rule; istioctl only compares identical matches',
  },
  {
    code: 'IST0132',
    side: 'only-istioctl',
    cases: FIX('IST0101/virtualservice-gateways/silent-gateways-exist'),
    resource: /^(VirtualService bookinfo\/bookinfo)$/,
    reason: 'deliberate, as offline: the legacy FQDN gateway reference istiod resolves',
  },
  {
    code: 'IST0134',
    side: 'only-istioctl',
    cases: FIX('IST0134/serviceentry-addresses/silent-allocated-by-istiod'),
    resource: /^(ServiceEntry bookinfo\/ratings-mysql)$/,
    reason:
      "deliberate, as offline: istiod allocates the ServiceEntry's address (mesh config); istioctl reads only the DNS proxy's auto-allocation",
  },
  {
    code: 'IST0135',
    side: 'only-meshwright',
    cases: FIX('IST0135/istio-annotations/fires-deprecated-annotations'),
    resource: /^(Deployment bookinfo\/details-v1)$/,
    reason:
      "deliberate (docs/diagnostics.md): a Deployment's pod template is judged as a Pod; istioctl reads only the Deployment's own annotations",
  },
  {
    code: 'IST0137',
    side: 'only-istioctl',
    cases: FIX('IST0137/deployment-service-ports/silent-one-service-two-ports'),
    resource: /^(Deployment bookinfo\/ratings-v1)$/,
    reason:
      'observed: one Service exposing targetPort 9080 through two ports: istioctl lists the same Service twice; Meshwright compares different Services only',
  },
  {
    code: 'IST0137',
    side: 'only-meshwright',
    cases: FIX('IST0137/deployment-service-ports/fires-target-port-through-two-ports'),
    resource: /^(Deployment bookinfo\/ratings-v1)$/,
    reason:
      "observed: two Services reaching a Deployment's targetPort through different ports; live istioctl does not report it (see IST0116 only-meshwright); not investigated further",
  },
  {
    code: 'IST0138',
    side: 'only-meshwright',
    cases: FIX('IST0138/gateway-duplicate-certificate/fires-shared-credential'),
    resource: /^(Gateway bookinfo\/bookinfo-gateway|Gateway bookinfo\/reviews-gateway)$/,
    reason:
      'observed, as offline: istioctl compares tls.serverCertificate files only; Meshwright also compares credentialName',
  },
  {
    code: 'IST0139',
    side: 'only-meshwright',
    cases:
      /^(IST0139\/injection-webhook-overlap\/fires-stale-default-injector|IST0158\/proxy-image-mismatch\/fires-revision-tag-in-one-cluster)$/,
    reason:
      "observed: overlapping injection webhooks (a stale default injector beside a revision tag, a tag whose istiod Service is missing): live istioctl's webhook analyzer does not report these",
  },
  {
    code: 'IST0144',
    side: 'only-istioctl',
    cases: FIX('IST0144/application-uid/silent-proxy-uid-only'),
    resource: /^(Pod bookinfo\/reviews-v1-545db77b95-l7zkf)$/,
    reason:
      "observed: a Pod whose proxy container runs as 1337: istioctl reports it for any container's UID 1337 (the case's proxy sets it explicitly); Meshwright exempts the proxy",
  },
  {
    code: 'IST0145',
    side: 'only-meshwright',
    cases:
      /^(IST0145\/conflicting-gateways\/fires-conflict-with-cluster-gateway|IST0145\/conflicting-gateways\/fires-overlapping-hosts-same-port)$/,
    resource: /^(Gateway bookinfo\/bookinfo-gateway|Gateway istio-system\/wildcard-gateway)$/,
    reason:
      'observed: two Gateways on the same selector, port and overlapping hosts in different namespaces; live istioctl does not report them',
  },
  {
    code: 'IST0148',
    side: 'only-meshwright',
    cases:
      /^(IST0102\/namespace-injection\/silent-injected-by-default|IST0103\/pod-missing-proxy\/fires-pods-without-proxy)$/,
    resource: /^(Namespace bookinfo|Namespace default)$/,
    reason:
      "observed: a namespace without injection labels that the case's default injector injects anyway: Meshwright says IST0148, istioctl IST0102",
  },
  {
    code: 'IST0151',
    side: 'only-istioctl',
    cases: ORDER_DEPENDENT_ENVOYFILTERS,
    resource: /^EnvoyFilter [a-z-]+\/filter-1$/,
    reason:
      'deliberate, as offline: the IST0151 / IST0155 choice for a relative patch without priority on a filter another EnvoyFilter (filter-0) patches with a proxyVersion match',
    notEveryRun: ISTIOCTL_ENVOYFILTER_ORDER,
  },
  {
    code: 'IST0152',
    side: 'only-istioctl',
    cases: FIX('IST0152/envoyfilter-operation-targets/silent-operations-fit'),
    resource: /^(EnvoyFilter istio-system\/ingress-route-tweaks)$/,
    reason:
      'deliberate (docs/diagnostics.md): REPLACE on LISTENER_FILTER replaces the listener filter whole; istioctl calls it misused',
  },
  {
    code: 'IST0155',
    side: 'only-meshwright',
    cases: ORDER_DEPENDENT_ENVOYFILTERS,
    resource: /^EnvoyFilter [a-z-]+\/filter-1$/,
    reason: 'deliberate, as offline: the IST0151 / IST0155 choice, the other way round',
    notEveryRun: ISTIOCTL_ENVOYFILTER_ORDER,
  },
  {
    code: 'IST0151',
    side: 'only-istioctl',
    cases: FIX('IST0151/envoyfilter-relative-operations/fires-relative-with-proxy-version'),
    resource: /^EnvoyFilter istio-system\/ingress-buffer-legacy$/,
    reason:
      'deliberate, as offline: the IST0151 / IST0155 choice for the fixture whose relative patch (ingress-buffer-legacy) shares its filter with a proxyVersion-matched one',
    notEveryRun: ISTIOCTL_ENVOYFILTER_ORDER,
  },
  {
    code: 'IST0155',
    side: 'only-meshwright',
    cases: FIX('IST0151/envoyfilter-relative-operations/fires-relative-with-proxy-version'),
    resource: /^EnvoyFilter istio-system\/ingress-buffer-legacy$/,
    reason: 'deliberate, as offline: the IST0151 / IST0155 choice for that fixture, the other way round',
    notEveryRun: ISTIOCTL_ENVOYFILTER_ORDER,
  },
  {
    code: 'IST0158',
    side: 'only-meshwright',
    cases:
      /^(IST0158\/proxy-image-mismatch\/fires-after-upgrade|IST0158\/proxy-image-mismatch\/fires-revision-tag-in-one-cluster)$/,
    resource: /^(Namespace bookinfo|Namespace reviews)$/,
    reason:
      "observed: pods running another proxy image than their revision's injector: live istioctl's ImageAnalyzer finds no injector ConfigMap with the image (the cases do not seed istio-sidecar-injector's values), so it is silent",
  },
  {
    code: 'IST0160',
    side: 'only-istioctl',
    cases: FIX('IST0160/telemetry-default-selectors/silent-one-default-per-namespace'),
    resource: /^(Telemetry bookinfo\/bookinfo-default|Telemetry bookinfo\/bookinfo-gateway-metrics)$/,
    reason:
      'observed, as offline: istioctl counts a Telemetry with targetRefs and no selector as a namespace default',
  },
  {
    code: 'IST0160',
    side: 'only-meshwright',
    cases: FIX('IST0160/telemetry-default-selectors/fires-two-namespace-defaults'),
    resource: /^(Telemetry bookinfo\/bookinfo-logs|Telemetry bookinfo\/bookinfo-tracing)$/,
    reason:
      'observed, as offline: istioctl does not count these Telemetries as selector-less namespace defaults',
  },
  {
    code: 'IST0164',
    side: 'only-meshwright',
    cases: FIX('demo'),
    resource: /^(MutatingWebhookConfiguration istio-sidecar-injector)$/,
    reason:
      "observed: the edge cluster's injection webhook reaches its external control plane at an IP address; istioctl checks only the primary cluster's webhooks (--context east), not the remotes'",
  },
  {
    code: 'IST0170',
    side: 'only-istioctl',
    cases: FIX('demo'),
    reason:
      "deliberate (docs/diagnostics.md): istioctl compares every field of a Service's ports (nodePort, targetPort) across clusters, so every NodePort or LoadBalancer Service of a multicluster mesh and the API server's own kubernetes Service (its port is the server's) differ",
  },
  {
    code: 'IST0173',
    side: 'only-istioctl',
    cases: FIX('IST0173/destinationrule-subset-pods/silent-locality-and-cluster-subsets'),
    resource: /^(DestinationRule bookinfo\/reviews)$/,
    reason:
      "observed: a subset selecting topology.istio.io/cluster: istioctl looks for pods with that label, which the istiod-assigned label never is on a Pod; Meshwright knows it is the cluster's ID",
  },
  {
    code: 'IST0174',
    side: 'only-istioctl',
    cases:
      /^(IST0101\/virtualservice-destination-subsets\/silent-subsets-defined|IST0174\/destinationrule-host\/silent-hosts-known)$/,
    reason:
      'observed: a wildcard DestinationRule host (*, *.bookinfo.svc.cluster.local): istioctl matches it literally and finds no Service; Meshwright matches wildcards as istiod does',
  },
];
