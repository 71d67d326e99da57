/**
 * Values of `self` that satisfy and that violate every distinct CEL rule of schemas/cel-rules.json (the
 * Gateway API's own rules are in gateway-api-cel-rule-cases.ts), keyed
 * by the rule text with runs of whitespace collapsed. cel-istio-rules.test.ts holds our evaluator to them;
 * the real-cluster schema oracle puts them into documents and asks the API server.
 */

import { GATEWAY_API_CEL_RULE_CASES } from './gateway-api-cel-rule-cases';

export interface CelRuleViolation {
  readonly self: unknown;
  /** Absent: the rule must evaluate to false. Present: it must fail with an error matching this. */
  readonly error?: RegExp;
}

export interface CelRuleCases {
  readonly satisfied: readonly unknown[];
  readonly violated: readonly CelRuleViolation[];
}

const WASM_URL_CASES: CelRuleCases = {
  satisfied: [
    'oci://ghcr.io/istio/filter:1.0',
    'ghcr.io/istio/filter:1.0',
    'https://storage.example.com/filters/filter.wasm',
    'file:///opt/filters/filter.wasm',
  ],
  violated: [{ self: 'ftp://example.com/filter.wasm' }, { self: 'localhost:5000/filter' }],
};

const TARGET_REF = { kind: 'Gateway', group: 'gateway.networking.k8s.io', name: 'ingress' };
const SELECTOR = { matchLabels: { app: 'reviews' } };

export const CEL_RULE_CASES: Readonly<Record<string, CelRuleCases>> = {
  ...GATEWAY_API_CEL_RULE_CASES,
  'self.size() == 0': {
    satisfied: [''],
    violated: [{ self: 'other-namespace' }],
  },
  'isURL(self) ? (url(self).getScheme() in ["", "http", "https", "file", "oci"]) : (isURL("http://" + self) && url("http://" + self).getScheme() in ["", "http", "https", "file", "oci"])':
    WASM_URL_CASES,
  'isURL(self) ? (url(self).getScheme() in ["", "http", "https", "oci", "file"]) : (isURL("http://" + self) && url("http://" + self).getScheme() in ["", "http", "https", "oci", "file"])':
    WASM_URL_CASES,
  '(has(self.valueFrom) ? self.valueFrom : "") != "HOST" || !has(self.value)': {
    satisfied: [
      { name: 'A', value: 'x' },
      { name: 'A', valueFrom: 'HOST' },
      { name: 'A', valueFrom: 'INLINE', value: 'x' },
    ],
    violated: [{ self: { name: 'A', valueFrom: 'HOST', value: 'x' } }],
  },
  '(has(self.selector) ? 1 : 0) + (has(self.targetRefs) ? 1 : 0) <= 1': {
    satisfied: [{ selector: SELECTOR }, { targetRefs: [TARGET_REF] }, {}],
    violated: [{ self: { selector: SELECTOR, targetRefs: [TARGET_REF] } }],
  },
  'has(self.wasm) != has(self.lua)': {
    satisfied: [{ wasm: { url: 'oci://x/y' } }, { lua: { inlineCode: 'function envoy_on_request(h) end' } }],
    violated: [{ self: {} }, { self: { wasm: { url: 'oci://x/y' }, lua: { inlineCode: '' } } }],
  },
  '(has(self.selector) ? 1 : 0) + (has(self.targetRef) ? 1 : 0) + (has(self.targetRefs) ? 1 : 0) <= 1': {
    satisfied: [
      { selector: SELECTOR },
      { targetRef: TARGET_REF },
      { targetRefs: [TARGET_REF] },
      { action: 'DENY' },
    ],
    violated: [
      { self: { selector: SELECTOR, targetRef: TARGET_REF } },
      { self: { targetRef: TARGET_REF, targetRefs: [] } },
    ],
  },
  "duration(self) >= duration('1ms')": {
    satisfied: ['1ms', '1.5s', '2h45m', '1000us'],
    violated: [
      { self: '0.5ms' },
      { self: '0s' },
      { self: '-1s' },
      { self: '999999ns' },
      { self: '5x', error: /^"5x" is not a duration \(unknown unit "x"/ },
      { self: '10', error: /^"10" is not a duration \(missing unit/ },
      { self: 5, error: /no such overload: duration\(int\)/ },
    ],
  },
  'has(self.context) ? ((self.context == "WAYPOINT") ? has(self.waypoint) : !has(self.waypoint)) : !has(self.waypoint)':
    {
      satisfied: [
        { context: 'WAYPOINT', waypoint: { filter: { name: 'envoy.filters.http.router' } } },
        { context: 'SIDECAR_INBOUND', listener: { portNumber: 8080 } },
        {},
      ],
      violated: [
        { self: { context: 'SIDECAR_OUTBOUND', waypoint: {} } },
        { self: { waypoint: { filter: {} } } },
        { self: { context: 'WAYPOINT' } },
      ],
    },
  '(has(self.workloadSelector) ? 1 : 0) + (has(self.targetRefs) ? 1 : 0) <= 1': {
    satisfied: [{ workloadSelector: { labels: { app: 'a' } } }, { targetRefs: [TARGET_REF] }],
    violated: [{ self: { workloadSelector: { labels: { app: 'a' } }, targetRefs: [TARGET_REF] } }],
  },
  '(has(self.tlsCertificates) ? 1 : 0) + (has(self.credentialNames) ? 1 : 0) <= 1': {
    satisfied: [
      { mode: 'SIMPLE', credentialNames: ['rsa', 'ecdsa'] },
      { mode: 'SIMPLE', tlsCertificates: [{}] },
    ],
    violated: [{ self: { credentialNames: ['rsa'], tlsCertificates: [{ serverCertificate: '/c.pem' }] } }],
  },
  '(has(self.credentialName) ? 1 : 0) + (has(self.credentialNames) ? 1 : 0) <= 1': {
    satisfied: [
      { mode: 'SIMPLE', credentialName: 'cert' },
      { mode: 'SIMPLE', credentialNames: ['cert'] },
    ],
    violated: [{ self: { mode: 'SIMPLE', credentialName: 'cert', credentialNames: ['cert2'] } }],
  },
  '(has(self.credentialNames) ? 1 : 0) + (has(self.tlsCertificates) ? 1 : 0) <= 1': {
    satisfied: [{ credentialNames: ['a'] }, { tlsCertificates: [{ serverCertificate: '/c.pem' }] }],
    violated: [{ self: { credentialNames: ['a'], tlsCertificates: [{ serverCertificate: '/c.pem' }] } }],
  },
  'self.startsWith("unix://") ? (self.substring(7, 8) == "/" || self.substring(7, 8) == "@") : true': {
    satisfied: ['unix:///var/run/app.sock', 'unix://@abstract', '10.1.2.3', 'reviews.default.svc'],
    violated: [{ self: 'unix://relative/app.sock' }, { self: 'unix://', error: /^index out of range: 8$/ }],
  },
  'self.startsWith("unix://") ? !self.endsWith("/") : true': {
    satisfied: ['unix:///var/run/app.sock', '10.1.2.3'],
    violated: [{ self: 'unix:///var/run/' }],
  },
  'has(self.address) || has(self.network)': {
    satisfied: [{ address: '10.1.2.3' }, { network: 'network-east' }],
    violated: [{ self: { ports: { http: 8080 } } }, { self: {} }],
  },
  '(has(self.address) ? self.address : "").startsWith("unix://") ? !has(self.ports) : true': {
    satisfied: [{ address: 'unix:///var/run/app.sock' }, { address: '10.1.2.3', ports: { http: 8080 } }, {}],
    violated: [{ self: { address: 'unix:///var/run/app.sock', ports: { http: 8080 } } }],
  },
  'self != "*"': {
    satisfied: ['api.example.com', '*.example.com'],
    violated: [{ self: '*' }],
  },
  'self.all(l1, self.exists_one(l2, l1.number == l2.number))': {
    satisfied: [
      [
        { number: 80, name: 'http', protocol: 'HTTP' },
        { number: 443, name: 'https', protocol: 'TLS' },
      ],
      [],
    ],
    violated: [
      {
        self: [
          { number: 80, name: 'http' },
          { number: 80, name: 'http-alt' },
        ],
      },
      { self: [{ name: 'no-number' }], error: /^no such key: number$/ },
    ],
  },
  '(has(self.workloadSelector) ? 1 : 0) + (has(self.endpoints) ? 1 : 0) <= 1': {
    satisfied: [{ workloadSelector: { labels: { app: 'vm' } } }, { endpoints: [{ address: '10.1.2.3' }] }],
    violated: [
      { self: { workloadSelector: { labels: { app: 'vm' } }, endpoints: [{ address: '10.1.2.3' }] } },
    ],
  },
  '!((has(self.addresses) ? self.addresses : []).exists(k, k.contains("/")) && !((has(self.resolution) ? self.resolution : "NONE") in ["STATIC", "NONE"]))':
    {
      satisfied: [
        { addresses: ['10.0.0.0/8'], resolution: 'STATIC' },
        { addresses: ['10.0.0.0/8'] },
        { addresses: ['192.0.2.10'], resolution: 'DNS' },
        { resolution: 'DNS' },
      ],
      violated: [{ self: { addresses: ['192.0.2.10', '10.0.0.0/8'], resolution: 'DNS' } }],
    },
  '((has(self.resolution) ? self.resolution : "NONE") == "NONE") ? !has(self.endpoints) : true': {
    satisfied: [{ resolution: 'STATIC', endpoints: [{ address: '10.1.2.3' }] }, { resolution: 'NONE' }, {}],
    violated: [
      { self: { resolution: 'NONE', endpoints: [{ address: '10.1.2.3' }] } },
      { self: { endpoints: [{ address: '10.1.2.3' }] } },
    ],
  },
  '((has(self.resolution) ? self.resolution : "") == "DNS_ROUND_ROBIN") ? ((has(self.endpoints) ? self.endpoints : []).size() <= 1) : true':
    {
      satisfied: [
        { resolution: 'DNS_ROUND_ROBIN', endpoints: [{ address: 'a.example.com' }] },
        { resolution: 'DNS_ROUND_ROBIN' },
        { resolution: 'DNS', endpoints: [{ address: 'a.example.com' }, { address: 'b.example.com' }] },
      ],
      violated: [
        {
          self: {
            resolution: 'DNS_ROUND_ROBIN',
            endpoints: [{ address: 'a.example.com' }, { address: 'b.example.com' }],
          },
        },
      ],
    },
  '(has(self.serviceAccounts) || has(self.notServiceAccounts)) ? (!has(self.principals) && !has(self.notPrincipals) && !has(self.namespaces) && !has(self.notNamespaces)) : true':
    {
      satisfied: [
        { serviceAccounts: ['bookinfo/productpage'] },
        { principals: ['cluster.local/ns/bookinfo/sa/productpage'], namespaces: ['bookinfo'] },
      ],
      violated: [
        { self: { serviceAccounts: ['bookinfo/productpage'], namespaces: ['bookinfo'] } },
        { self: { notServiceAccounts: ['bookinfo/x'], notPrincipals: ['cluster.local/ns/x/sa/y'] } },
      ],
    },
  'self.all(key, 0 < int(key) && int(key) <= 65535)': {
    satisfied: [
      { '8080': { mode: 'DISABLE' }, '1': { mode: 'STRICT' }, '65535': { mode: 'PERMISSIVE' } },
      {},
    ],
    violated: [
      { self: { '0': { mode: 'DISABLE' } } },
      { self: { '65536': { mode: 'DISABLE' } } },
      { self: { http: { mode: 'DISABLE' } }, error: /^"http" is not an integer$/ },
    ],
  },
  'has(self.portLevelMtls) ? (((has(self.selector) && has(self.selector.matchLabels)) ? self.selector.matchLabels : {}).size() > 0) : true':
    {
      satisfied: [
        { selector: { matchLabels: { app: 'reviews' } }, portLevelMtls: { '8080': { mode: 'DISABLE' } } },
        { mtls: { mode: 'STRICT' } },
      ],
      violated: [
        { self: { portLevelMtls: { '8080': { mode: 'DISABLE' } } } },
        { self: { selector: {}, portLevelMtls: { '8080': { mode: 'DISABLE' } } } },
        { self: { selector: { matchLabels: {} }, portLevelMtls: { '8080': { mode: 'DISABLE' } } } },
      ],
    },
  'url(self).getScheme() in ["http", "https"]': {
    satisfied: ['https://accounts.example.com/.well-known/jwks.json', 'http://jwks.auth.svc:8080/keys'],
    violated: [
      { self: 'ftp://example.com/jwks.json' },
      { self: 'accounts.example.com/jwks.json', error: /is not a URL: invalid URI for request/ },
    ],
  },
  '(has(self.jwksUri) ? 1 : 0) + (has(self.jwks_uri) ? 1 : 0) + (has(self.jwks) ? 1 : 0) <= 1': {
    satisfied: [
      { issuer: 'https://issuer', jwksUri: 'https://issuer/jwks' },
      { issuer: 'x', jwks: '{"keys":[]}' },
    ],
    violated: [
      { self: { issuer: 'x', jwksUri: 'https://issuer/jwks', jwks: '{"keys":[]}' } },
      { self: { issuer: 'x', jwksUri: 'https://a', jwks_uri: 'https://b' } },
    ],
  },
  '((has(self.operation) ? self.operation : "") == "UPSERT") ? (self.value != "") : true': {
    satisfied: [
      { operation: 'UPSERT', value: 'request.host' },
      { value: 'request.host' },
      { operation: 'REMOVE' },
    ],
    violated: [
      { self: { operation: 'UPSERT', value: '' } },
      { self: { operation: 'UPSERT' }, error: /^no such key: value$/ },
    ],
  },
  '((has(self.operation) ? self.operation : "") == "REMOVE") ? !has(self.value) : true': {
    satisfied: [{ operation: 'REMOVE' }, { operation: 'UPSERT', value: 'x' }],
    violated: [{ self: { operation: 'REMOVE', value: 'x' } }],
  },
};

/** A rule as CEL_RULE_CASES keys it. */
export function normaliseCelRule(rule: string): string {
  return rule.replace(/\s+/g, ' ').trim();
}
