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
}

const FIX = (path: string): RegExp => new RegExp(`^${path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`);

export const DEPARTURES: readonly Departure[] = [
  // Schema validation: Meshwright checks Istio's CRD schemas and their CEL rules; istioctl also runs
  // istiod's Go validation (pilot/pkg/config/validation), which has rules no CRD states.
  {
    code: 'IST0106',
    side: 'only-istioctl',
    cases:
      /^(corpus\/(routing|serviceentries)-\d+|IST0101\/virtualservice-destination-(hosts|subsets)\/silent-.*|IST0112\/.*|IST0132\/virtualservice-gateway-hosts\/fires-unknown-gateway|IST0149\/.*|IST0165\/.*)$/,
    reason:
      'istiod\'s Go validation only ("private key required for mutual tls", "total destination weight = 0", SNI hosts, wildcard mesh hosts, JWT claim routing without a gateway); Meshwright validates the CRD schemas and CEL rules',
  },
  {
    code: 'IST0106',
    side: 'only-meshwright',
    cases: FIX('IST0002/deprecated-fields/fires-virtualservice-fields'),
    reason:
      'appendHeaders was removed from the VirtualService schema: the CRD rejects it (Meshwright); istioctl decodes with unknown fields dropped and says nothing',
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
    code: 'IST0109',
    side: 'only-meshwright',
    cases: FIX('IST0171/negative-condition-status/fires-negative-conditions'),
    reason:
      "comparison artifact: the case holds the same VirtualService in several clusters' files; merged into one view Meshwright sees three copies of one object, istioctl keeps one",
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
  // EnvoyFilter relative operations (IST0151 / IST0155): being reworked in another branch.
  {
    code: 'IST0151',
    side: 'only-istioctl',
    cases:
      /^(corpus\/envoyfilters-\d+|IST0151\/envoyfilter-relative-operations\/fires-relative-with-proxy-version)$/,
    reason:
      'observed: for an EnvoyFilter without priority whose relative patches are mixed with proxyVersion matches, istioctl and Meshwright pick the other one of IST0151 / IST0155 (and istioctl counts MERGE and REMOVE as relative)',
  },
  {
    code: 'IST0151',
    side: 'only-meshwright',
    cases: /^corpus\/envoyfilters-\d+$/,
    reason: 'observed: the IST0151 / IST0155 choice above, the other way round',
  },
  {
    code: 'IST0155',
    side: 'only-istioctl',
    cases: /^corpus\/envoyfilters-\d+$/,
    reason: 'observed: the IST0151 / IST0155 choice above',
  },
  {
    code: 'IST0155',
    side: 'only-meshwright',
    cases:
      /^(corpus\/envoyfilters-\d+|IST0151\/envoyfilter-relative-operations\/fires-relative-with-proxy-version)$/,
    reason:
      'observed: the IST0151 / IST0155 choice above; Meshwright also reports a relative patch without priority on a filter another EnvoyFilter matches by proxyVersion',
  },
];

/**
 * Departures of the live comparison (istioctl-live.test.ts), where istioctl reads a real API server and
 * runs every analyzer. Case ids are those of the offline comparison, and `demo` for the demo mesh.
 */
export const LIVE_DEPARTURES: readonly Departure[] = [];
