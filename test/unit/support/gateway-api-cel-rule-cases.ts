/**
 * Values of `self` that satisfy and that violate every distinct CEL rule of the Gateway API CRDs in
 * schemas/cel-rules.json that Istio's CRDs do not share, keyed like CEL_RULE_CASES (which includes them).
 */
import { type CelRuleCases } from './istio-cel-rule-cases';

export const GATEWAY_API_CEL_RULE_CASES: Readonly<Record<string, CelRuleCases>> = {
  "self.all(p1, self.all(p2, p1.group == p2.group && p1.kind == p2.kind && p1.name == p2.name ? ((!has(p1.sectionName) || p1.sectionName == '') == (!has(p2.sectionName) || p2.sectionName == '')) : true))":
    {
      satisfied: [
        [{ group: 'gateway.networking.k8s.io', kind: 'Gateway', name: 'a' }],
        [
          { group: 'gateway.networking.k8s.io', kind: 'Gateway', name: 'a', sectionName: 'x' },
          { group: 'gateway.networking.k8s.io', kind: 'Gateway', name: 'a', sectionName: 'y' },
        ],
        [
          { group: 'gateway.networking.k8s.io', kind: 'Gateway', name: 'a' },
          { group: 'gateway.networking.k8s.io', kind: 'Gateway', name: 'b', sectionName: 'x' },
        ],
      ],
      violated: [
        {
          self: [
            { group: 'gateway.networking.k8s.io', kind: 'Gateway', name: 'a' },
            { group: 'gateway.networking.k8s.io', kind: 'Gateway', name: 'a', sectionName: 'x' },
          ],
        },
      ],
    },
  "self.all(p1, self.exists_one(p2, p1.group == p2.group && p1.kind == p2.kind && p1.name == p2.name && (((!has(p1.sectionName) || p1.sectionName == '') && (!has(p2.sectionName) || p2.sectionName == '')) || (has(p1.sectionName) && has(p2.sectionName) && p1.sectionName == p2.sectionName))))":
    {
      satisfied: [
        [{ group: 'gateway.networking.k8s.io', kind: 'Gateway', name: 'a' }],
        [
          { group: 'gateway.networking.k8s.io', kind: 'Gateway', name: 'a', sectionName: 'x' },
          { group: 'gateway.networking.k8s.io', kind: 'Gateway', name: 'a', sectionName: 'y' },
        ],
      ],
      violated: [
        {
          self: [
            { group: 'gateway.networking.k8s.io', kind: 'Gateway', name: 'a' },
            { group: 'gateway.networking.k8s.io', kind: 'Gateway', name: 'a' },
          ],
        },
        {
          self: [
            { group: 'gateway.networking.k8s.io', kind: 'Gateway', name: 'a', sectionName: 'x' },
            { group: 'gateway.networking.k8s.io', kind: 'Gateway', name: 'a', sectionName: 'x' },
          ],
        },
      ],
    },
  '!(self.type == "Hostname" && (!has(self.hostname) || self.hostname == ""))': {
    satisfied: [
      { type: 'Hostname', hostname: 'a.example.com' },
      { type: 'URI', uri: 'spiffe://x' },
    ],
    violated: [{ self: { type: 'Hostname' } }, { self: { type: 'Hostname', hostname: '' } }],
  },
  '!(self.type != "Hostname" && has(self.hostname) && self.hostname != "")': {
    satisfied: [
      { type: 'URI', uri: 'spiffe://x' },
      { type: 'Hostname', hostname: 'a' },
      { type: 'URI', hostname: '' },
    ],
    violated: [{ self: { type: 'URI', uri: 'spiffe://x', hostname: 'a' } }],
  },
  '!(self.type == "URI" && (!has(self.uri) || self.uri == ""))': {
    satisfied: [
      { type: 'URI', uri: 'spiffe://x' },
      { type: 'Hostname', hostname: 'a' },
    ],
    violated: [{ self: { type: 'URI' } }, { self: { type: 'URI', uri: '' } }],
  },
  '!(self.type != "URI" && has(self.uri) && self.uri != "")': {
    satisfied: [
      { type: 'Hostname', hostname: 'a' },
      { type: 'Hostname', hostname: 'a', uri: '' },
    ],
    violated: [{ self: { type: 'Hostname', hostname: 'a', uri: 'spiffe://x' } }],
  },
  '!(has(self.caCertificateRefs) && size(self.caCertificateRefs) > 0 && has(self.wellKnownCACertificates) && self.wellKnownCACertificates != "")':
    {
      satisfied: [
        { caCertificateRefs: [{ group: '', kind: 'ConfigMap', name: 'ca' }], hostname: 'a' },
        { wellKnownCACertificates: 'System' },
        { caCertificateRefs: [], wellKnownCACertificates: 'System' },
      ],
      violated: [
        {
          self: {
            caCertificateRefs: [{ group: '', kind: 'ConfigMap', name: 'ca' }],
            wellKnownCACertificates: 'System',
          },
        },
      ],
    },
  '(has(self.caCertificateRefs) && size(self.caCertificateRefs) > 0 || has(self.wellKnownCACertificates) && self.wellKnownCACertificates != "")':
    {
      satisfied: [
        { caCertificateRefs: [{ group: '', kind: 'ConfigMap', name: 'ca' }] },
        { wellKnownCACertificates: 'System' },
      ],
      violated: [
        { self: {} },
        { self: { caCertificateRefs: [] } },
        { self: { wellKnownCACertificates: '' } },
      ],
    },
  'self.type == \'Hostname\' ? (!has(self.value) || self.value.matches(r"""^(\\*\\.)?[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$""")): true':
    {
      satisfied: [
        { type: 'Hostname', value: '*.example.com' },
        { type: 'Hostname' },
        { type: 'IPAddress', value: '10.0.0.1' },
      ],
      violated: [
        { self: { type: 'Hostname', value: 'Bad_Host' } },
        { self: { type: 'Hostname', value: '10.0.0.1:80' } },
      ],
    },
  "self.all(a1, a1.type == 'IPAddress' && has(a1.value) ? self.exists_one(a2, a2.type == a1.type && has(a2.value) && a2.value == a1.value) : true )":
    {
      satisfied: [
        [
          { type: 'IPAddress', value: '10.0.0.1' },
          { type: 'IPAddress', value: '10.0.0.2' },
        ],
        [{ type: 'IPAddress' }, { type: 'IPAddress' }],
        [
          { type: 'Hostname', value: 'a' },
          { type: 'Hostname', value: 'a' },
        ],
      ],
      violated: [
        {
          self: [
            { type: 'IPAddress', value: '10.0.0.1' },
            { type: 'IPAddress', value: '10.0.0.1' },
          ],
        },
      ],
    },
  "self.all(a1, a1.type == 'Hostname' && has(a1.value) ? self.exists_one(a2, a2.type == a1.type && has(a2.value) && a2.value == a1.value) : true )":
    {
      satisfied: [
        [
          { type: 'Hostname', value: 'a' },
          { type: 'Hostname', value: 'b' },
        ],
        [
          { type: 'IPAddress', value: '1.1.1.1' },
          { type: 'IPAddress', value: '1.1.1.1' },
        ],
      ],
      violated: [
        {
          self: [
            { type: 'Hostname', value: 'a' },
            { type: 'Hostname', value: 'a' },
          ],
        },
      ],
    },
  'self.all(key, key.matches(r"""^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*/)?([A-Za-z0-9][-A-Za-z0-9_.]{0,61})?[A-Za-z0-9]$"""))':
    {
      satisfied: [{ 'example.com/team': 'x', app: 'y' }, {}],
      violated: [{ self: { '-bad': 'x' } }, { self: { 'a/b/c': 'x' } }],
    },
  'self.all(key, key.split("/")[0].size() < 253)': {
    satisfied: [{ 'example.com/team': 'x' }, { app: 'y' }],
    violated: [
      {
        self: {
          'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa/x':
            'y',
        },
      },
    ],
  },
  "self.mode == 'Terminate' ? size(self.certificateRefs) > 0 || size(self.options) > 0 : true": {
    satisfied: [
      { mode: 'Terminate', certificateRefs: [{ name: 'cert' }], options: {} },
      { mode: 'Terminate', certificateRefs: [], options: { k: 'v' } },
      { mode: 'Passthrough', certificateRefs: [], options: {} },
    ],
    violated: [{ self: { mode: 'Terminate', certificateRefs: [], options: {} } }],
  },
  "self.all(l, l.protocol in ['HTTP', 'TCP', 'UDP'] ? !has(l.tls) : true)": {
    satisfied: [
      [{ name: 'http', port: 80, protocol: 'HTTP' }],
      [{ name: 'https', port: 443, protocol: 'HTTPS', tls: { mode: 'Terminate' } }],
    ],
    violated: [
      { self: [{ name: 'http', port: 80, protocol: 'HTTP', tls: { mode: 'Terminate' } }] },
      { self: [{ name: 'udp', port: 53, protocol: 'UDP', tls: {} }] },
    ],
  },
  "self.all(l, (l.protocol == 'HTTPS' && has(l.tls)) ? (l.tls.mode == '' || l.tls.mode == 'Terminate') : true)":
    {
      satisfied: [
        [{ protocol: 'HTTPS', tls: { mode: 'Terminate' } }],
        [{ protocol: 'HTTPS', tls: { mode: '' } }],
        [{ protocol: 'TLS', tls: { mode: 'Passthrough' } }],
        [{ protocol: 'HTTPS' }],
      ],
      violated: [{ self: [{ protocol: 'HTTPS', tls: { mode: 'Passthrough' } }] }],
    },
  "self.all(l, (l.protocol == 'TLS' ? has(l.tls) && has(l.tls.mode) && l.tls.mode != '' : true))": {
    satisfied: [[{ protocol: 'TLS', tls: { mode: 'Passthrough' } }], [{ protocol: 'HTTP' }]],
    violated: [
      { self: [{ protocol: 'TLS' }] },
      { self: [{ protocol: 'TLS', tls: {} }] },
      { self: [{ protocol: 'TLS', tls: { mode: '' } }] },
    ],
  },
  "self.all(l, l.protocol in ['TCP', 'UDP'] ? (!has(l.hostname) || l.hostname == '') : true)": {
    satisfied: [
      [{ protocol: 'TCP' }],
      [{ protocol: 'UDP', hostname: '' }],
      [{ protocol: 'HTTP', hostname: 'a.example.com' }],
    ],
    violated: [{ self: [{ protocol: 'TCP', hostname: 'a.example.com' }] }],
  },
  'self.all(l1, self.exists_one(l2, l1.name == l2.name))': {
    satisfied: [[{ name: 'a' }, { name: 'b' }]],
    violated: [{ self: [{ name: 'a' }, { name: 'a' }] }],
  },
  'self.all(l1, self.exists_one(l2, l1.port == l2.port && l1.protocol == l2.protocol && (has(l1.hostname) && has(l2.hostname) ? l1.hostname == l2.hostname : !has(l1.hostname) && !has(l2.hostname))))':
    {
      satisfied: [
        [
          { port: 80, protocol: 'HTTP' },
          { port: 443, protocol: 'HTTPS' },
        ],
        [
          { port: 80, protocol: 'HTTP', hostname: 'a' },
          { port: 80, protocol: 'HTTP', hostname: 'b' },
        ],
        [
          { port: 80, protocol: 'HTTP', hostname: 'a' },
          { port: 80, protocol: 'HTTP' },
        ],
      ],
      violated: [
        {
          self: [
            { port: 80, protocol: 'HTTP' },
            { port: 80, protocol: 'HTTP' },
          ],
        },
        {
          self: [
            { port: 80, protocol: 'HTTP', hostname: 'a' },
            { port: 80, protocol: 'HTTP', hostname: 'a' },
          ],
        },
      ],
    },
  'self.all(t1, self.exists_one(t2, t1.port == t2.port))': {
    satisfied: [[{ port: 443 }, { port: 8443 }]],
    violated: [{ self: [{ port: 443 }, { port: 443 }] }],
  },
  'self.type == \'Hostname\' ? self.value.matches(r"""^(\\*\\.)?[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$"""): true':
    {
      satisfied: [
        { type: 'Hostname', value: 'gw.example.com' },
        { type: 'IPAddress', value: '10.0.0.1' },
      ],
      violated: [{ self: { type: 'Hostname', value: 'Bad_Host' } }],
    },
  "self.all(p1, self.all(p2, p1.group == p2.group && p1.kind == p2.kind && p1.name == p2.name && (((!has(p1.__namespace__) || p1.__namespace__ == '') && (!has(p2.__namespace__) || p2.__namespace__ == '')) || (has(p1.__namespace__) && has(p2.__namespace__) && p1.__namespace__ == p2.__namespace__ )) ? ((!has(p1.sectionName) || p1.sectionName == '') == (!has(p2.sectionName) || p2.sectionName == '')) : true))":
    {
      satisfied: [
        [{ group: 'gateway.networking.k8s.io', kind: 'Gateway', name: 'a' }],
        [
          { group: 'gateway.networking.k8s.io', kind: 'Gateway', name: 'a', sectionName: 'x' },
          { group: 'gateway.networking.k8s.io', kind: 'Gateway', name: 'a', sectionName: 'y' },
        ],
        [
          { group: 'gateway.networking.k8s.io', kind: 'Gateway', name: 'a', namespace: 'n1' },
          {
            group: 'gateway.networking.k8s.io',
            kind: 'Gateway',
            name: 'a',
            namespace: 'n2',
            sectionName: 'x',
          },
        ],
      ],
      violated: [
        {
          self: [
            { group: 'gateway.networking.k8s.io', kind: 'Gateway', name: 'a' },
            { group: 'gateway.networking.k8s.io', kind: 'Gateway', name: 'a', sectionName: 'x' },
          ],
        },
        {
          self: [
            { group: 'gateway.networking.k8s.io', kind: 'Gateway', name: 'a', namespace: 'n' },
            {
              group: 'gateway.networking.k8s.io',
              kind: 'Gateway',
              name: 'a',
              namespace: 'n',
              sectionName: 'x',
            },
          ],
        },
      ],
    },
  "self.all(p1, self.exists_one(p2, p1.group == p2.group && p1.kind == p2.kind && p1.name == p2.name && (((!has(p1.__namespace__) || p1.__namespace__ == '') && (!has(p2.__namespace__) || p2.__namespace__ == '')) || (has(p1.__namespace__) && has(p2.__namespace__) && p1.__namespace__ == p2.__namespace__ )) && (((!has(p1.sectionName) || p1.sectionName == '') && (!has(p2.sectionName) || p2.sectionName == '')) || (has(p1.sectionName) && has(p2.sectionName) && p1.sectionName == p2.sectionName))))":
    {
      satisfied: [
        [{ group: 'gateway.networking.k8s.io', kind: 'Gateway', name: 'a' }],
        [
          { group: 'gateway.networking.k8s.io', kind: 'Gateway', name: 'a', namespace: 'n1' },
          { group: 'gateway.networking.k8s.io', kind: 'Gateway', name: 'a', namespace: 'n2' },
        ],
        [
          { group: 'gateway.networking.k8s.io', kind: 'Gateway', name: 'a', sectionName: 'x' },
          { group: 'gateway.networking.k8s.io', kind: 'Gateway', name: 'a', sectionName: 'y' },
        ],
      ],
      violated: [
        {
          self: [
            { group: 'gateway.networking.k8s.io', kind: 'Gateway', name: 'a' },
            { group: 'gateway.networking.k8s.io', kind: 'Gateway', name: 'a' },
          ],
        },
        {
          self: [
            {
              group: 'gateway.networking.k8s.io',
              kind: 'Gateway',
              name: 'a',
              namespace: 'n',
              sectionName: 'x',
            },
            {
              group: 'gateway.networking.k8s.io',
              kind: 'Gateway',
              name: 'a',
              namespace: 'n',
              sectionName: 'x',
            },
          ],
        },
      ],
    },
  "(size(self.group) == 0 && self.kind == 'Service') ? has(self.port) : true": {
    satisfied: [
      { group: '', kind: 'Service', name: 'a', port: 80 },
      { group: 'networking.istio.io', kind: 'Hostname', name: 'a.example.com' },
    ],
    violated: [{ self: { group: '', kind: 'Service', name: 'a' } }],
  },
  'self.numerator <= self.denominator': {
    satisfied: [
      { numerator: 1, denominator: 100 },
      { numerator: 100, denominator: 100 },
    ],
    violated: [{ self: { numerator: 101, denominator: 100 } }],
  },
  '!(has(self.percent) && has(self.fraction))': {
    satisfied: [{ percent: 50 }, { fraction: { numerator: 1 } }, {}],
    violated: [{ self: { percent: 50, fraction: { numerator: 1 } } }],
  },
  "!(has(self.requestHeaderModifier) && self.type != 'RequestHeaderModifier')": {
    satisfied: [{ type: 'RequestHeaderModifier', requestHeaderModifier: {} }, { type: 'Other' }],
    violated: [{ self: { type: 'Other', requestHeaderModifier: {} } }],
  },
  "!(!has(self.requestHeaderModifier) && self.type == 'RequestHeaderModifier')": {
    satisfied: [{ type: 'RequestHeaderModifier', requestHeaderModifier: {} }, { type: 'Other' }],
    violated: [{ self: { type: 'RequestHeaderModifier' } }],
  },
  "!(has(self.responseHeaderModifier) && self.type != 'ResponseHeaderModifier')": {
    satisfied: [{ type: 'ResponseHeaderModifier', responseHeaderModifier: {} }, { type: 'Other' }],
    violated: [{ self: { type: 'Other', responseHeaderModifier: {} } }],
  },
  "!(!has(self.responseHeaderModifier) && self.type == 'ResponseHeaderModifier')": {
    satisfied: [{ type: 'ResponseHeaderModifier', responseHeaderModifier: {} }, { type: 'Other' }],
    violated: [{ self: { type: 'ResponseHeaderModifier' } }],
  },
  "!(has(self.requestMirror) && self.type != 'RequestMirror')": {
    satisfied: [{ type: 'RequestMirror', requestMirror: {} }, { type: 'Other' }],
    violated: [{ self: { type: 'Other', requestMirror: {} } }],
  },
  "!(!has(self.requestMirror) && self.type == 'RequestMirror')": {
    satisfied: [{ type: 'RequestMirror', requestMirror: {} }, { type: 'Other' }],
    violated: [{ self: { type: 'RequestMirror' } }],
  },
  "!(has(self.extensionRef) && self.type != 'ExtensionRef')": {
    satisfied: [{ type: 'ExtensionRef', extensionRef: {} }, { type: 'Other' }],
    violated: [{ self: { type: 'Other', extensionRef: {} } }],
  },
  "!(!has(self.extensionRef) && self.type == 'ExtensionRef')": {
    satisfied: [{ type: 'ExtensionRef', extensionRef: {} }, { type: 'Other' }],
    violated: [{ self: { type: 'ExtensionRef' } }],
  },
  "self.filter(f, f.type == 'RequestHeaderModifier').size() <= 1": {
    satisfied: [
      [{ type: 'RequestHeaderModifier' }],
      [{ type: 'RequestHeaderModifierX' }, { type: 'RequestHeaderModifierX' }],
      [],
    ],
    violated: [{ self: [{ type: 'RequestHeaderModifier' }, { type: 'RequestHeaderModifier' }] }],
  },
  "self.filter(f, f.type == 'ResponseHeaderModifier').size() <= 1": {
    satisfied: [
      [{ type: 'ResponseHeaderModifier' }],
      [{ type: 'ResponseHeaderModifierX' }, { type: 'ResponseHeaderModifierX' }],
      [],
    ],
    violated: [{ self: [{ type: 'ResponseHeaderModifier' }, { type: 'ResponseHeaderModifier' }] }],
  },
  'has(self.type) ? has(self.service) || has(self.method) : true': {
    satisfied: [{ type: 'Exact', service: 'foo.Bar' }, { type: 'Exact', method: 'Get' }, {}],
    violated: [{ self: { type: 'Exact' } }],
  },
  '(!has(self.type) || self.type == \'Exact\') && has(self.service) ? self.service.matches(r"""^(?i)\\.?[a-z_][a-z_0-9]*(\\.[a-z_][a-z_0-9]*)*$"""): true':
    {
      satisfied: [
        { service: 'foo.bar.Baz' },
        { type: 'Exact', service: '.Foo_1' },
        { type: 'RegularExpression', service: 'foo.*' },
      ],
      violated: [{ self: { service: 'foo..bar' } }, { self: { type: 'Exact', service: '1foo' } }],
    },
  '(!has(self.type) || self.type == \'Exact\') && has(self.method) ? self.method.matches(r"""^[A-Za-z_][A-Za-z_0-9]*$"""): true':
    {
      satisfied: [{ method: 'Get_1' }, { type: 'RegularExpression', method: 'Get.*' }],
      violated: [{ self: { method: 'Get.Thing' } }, { self: { type: 'Exact', method: '1Get' } }],
    },
  '(self.size() > 0 ? (has(self[0].matches) ? self[0].matches.size() : 0) : 0) + (self.size() > 1 ? (has(self[1].matches) ? self[1].matches.size() : 0) : 0) + (self.size() > 2 ? (has(self[2].matches) ? self[2].matches.size() : 0) : 0) + (self.size() > 3 ? (has(self[3].matches) ? self[3].matches.size() : 0) : 0) + (self.size() > 4 ? (has(self[4].matches) ? self[4].matches.size() : 0) : 0) + (self.size() > 5 ? (has(self[5].matches) ? self[5].matches.size() : 0) : 0) + (self.size() > 6 ? (has(self[6].matches) ? self[6].matches.size() : 0) : 0) + (self.size() > 7 ? (has(self[7].matches) ? self[7].matches.size() : 0) : 0) + (self.size() > 8 ? (has(self[8].matches) ? self[8].matches.size() : 0) : 0) + (self.size() > 9 ? (has(self[9].matches) ? self[9].matches.size() : 0) : 0) + (self.size() > 10 ? (has(self[10].matches) ? self[10].matches.size() : 0) : 0) + (self.size() > 11 ? (has(self[11].matches) ? self[11].matches.size() : 0) : 0) + (self.size() > 12 ? (has(self[12].matches) ? self[12].matches.size() : 0) : 0) + (self.size() > 13 ? (has(self[13].matches) ? self[13].matches.size() : 0) : 0) + (self.size() > 14 ? (has(self[14].matches) ? self[14].matches.size() : 0) : 0) + (self.size() > 15 ? (has(self[15].matches) ? self[15].matches.size() : 0) : 0) <= 128':
    {
      satisfied: [
        [],
        [{}],
        [
          { matches: [{}, {}, {}, {}, {}, {}, {}, {}] },
          { matches: [{}, {}, {}, {}, {}, {}, {}, {}] },
          { matches: [{}, {}, {}, {}, {}, {}, {}, {}] },
          { matches: [{}, {}, {}, {}, {}, {}, {}, {}] },
          { matches: [{}, {}, {}, {}, {}, {}, {}, {}] },
          { matches: [{}, {}, {}, {}, {}, {}, {}, {}] },
          { matches: [{}, {}, {}, {}, {}, {}, {}, {}] },
          { matches: [{}, {}, {}, {}, {}, {}, {}, {}] },
          { matches: [{}, {}, {}, {}, {}, {}, {}, {}] },
          { matches: [{}, {}, {}, {}, {}, {}, {}, {}] },
          { matches: [{}, {}, {}, {}, {}, {}, {}, {}] },
          { matches: [{}, {}, {}, {}, {}, {}, {}, {}] },
          { matches: [{}, {}, {}, {}, {}, {}, {}, {}] },
          { matches: [{}, {}, {}, {}, {}, {}, {}, {}] },
          { matches: [{}, {}, {}, {}, {}, {}, {}, {}] },
          { matches: [{}, {}, {}, {}, {}, {}, {}, {}] },
        ],
      ],
      violated: [
        {
          self: [
            { matches: [{}, {}, {}, {}, {}, {}, {}, {}, {}] },
            { matches: [{}, {}, {}, {}, {}, {}, {}, {}, {}] },
            { matches: [{}, {}, {}, {}, {}, {}, {}, {}, {}] },
            { matches: [{}, {}, {}, {}, {}, {}, {}, {}, {}] },
            { matches: [{}, {}, {}, {}, {}, {}, {}, {}, {}] },
            { matches: [{}, {}, {}, {}, {}, {}, {}, {}, {}] },
            { matches: [{}, {}, {}, {}, {}, {}, {}, {}, {}] },
            { matches: [{}, {}, {}, {}, {}, {}, {}, {}, {}] },
            { matches: [{}, {}, {}, {}, {}, {}, {}, {}, {}] },
            { matches: [{}, {}, {}, {}, {}, {}, {}, {}, {}] },
            { matches: [{}, {}, {}, {}, {}, {}, {}, {}, {}] },
            { matches: [{}, {}, {}, {}, {}, {}, {}, {}, {}] },
            { matches: [{}, {}, {}, {}, {}, {}, {}, {}, {}] },
            { matches: [{}, {}, {}, {}, {}, {}, {}, {}, {}] },
            { matches: [{}, {}, {}, {}, {}, {}, {}, {}, {}] },
            { matches: [{}, {}, {}, {}, {}, {}, {}, {}, {}] },
          ],
        },
      ],
    },
  "!('*' in self && self.size() > 1)": {
    satisfied: [['*'], ['x-a', 'x-b'], []],
    violated: [{ self: ['*', 'x-a'] }],
  },
  "self.type == 'ReplaceFullPath' ? has(self.replaceFullPath) : true": {
    satisfied: [
      { type: 'ReplaceFullPath', replaceFullPath: '/x' },
      { type: 'ReplacePrefixMatch', replacePrefixMatch: '/' },
    ],
    violated: [{ self: { type: 'ReplaceFullPath' } }],
  },
  "has(self.replaceFullPath) ? self.type == 'ReplaceFullPath' : true": {
    satisfied: [{ type: 'ReplaceFullPath', replaceFullPath: '/x' }, { type: 'ReplacePrefixMatch' }],
    violated: [{ self: { type: 'ReplacePrefixMatch', replaceFullPath: '/x' } }],
  },
  "self.type == 'ReplacePrefixMatch' ? has(self.replacePrefixMatch) : true": {
    satisfied: [
      { type: 'ReplacePrefixMatch', replacePrefixMatch: '/' },
      { type: 'ReplaceFullPath', replaceFullPath: '/x' },
    ],
    violated: [{ self: { type: 'ReplacePrefixMatch' } }],
  },
  "has(self.replacePrefixMatch) ? self.type == 'ReplacePrefixMatch' : true": {
    satisfied: [{ type: 'ReplacePrefixMatch', replacePrefixMatch: '/' }, { type: 'ReplaceFullPath' }],
    violated: [{ self: { type: 'ReplaceFullPath', replacePrefixMatch: '/' } }],
  },
  "!(has(self.cors) && self.type != 'CORS')": {
    satisfied: [{ type: 'CORS', cors: {} }, { type: 'Other' }],
    violated: [{ self: { type: 'Other', cors: {} } }],
  },
  "!(!has(self.cors) && self.type == 'CORS')": {
    satisfied: [{ type: 'CORS', cors: {} }, { type: 'Other' }],
    violated: [{ self: { type: 'CORS' } }],
  },
  "!(has(self.requestRedirect) && self.type != 'RequestRedirect')": {
    satisfied: [{ type: 'RequestRedirect', requestRedirect: {} }, { type: 'Other' }],
    violated: [{ self: { type: 'Other', requestRedirect: {} } }],
  },
  "!(!has(self.requestRedirect) && self.type == 'RequestRedirect')": {
    satisfied: [{ type: 'RequestRedirect', requestRedirect: {} }, { type: 'Other' }],
    violated: [{ self: { type: 'RequestRedirect' } }],
  },
  "!(has(self.urlRewrite) && self.type != 'URLRewrite')": {
    satisfied: [{ type: 'URLRewrite', urlRewrite: {} }, { type: 'Other' }],
    violated: [{ self: { type: 'Other', urlRewrite: {} } }],
  },
  "!(!has(self.urlRewrite) && self.type == 'URLRewrite')": {
    satisfied: [{ type: 'URLRewrite', urlRewrite: {} }, { type: 'Other' }],
    violated: [{ self: { type: 'URLRewrite' } }],
  },
  "!(self.exists(f, f.type == 'RequestRedirect') && self.exists(f, f.type == 'URLRewrite'))": {
    satisfied: [[{ type: 'RequestRedirect' }], [{ type: 'URLRewrite' }], []],
    violated: [{ self: [{ type: 'RequestRedirect' }, { type: 'URLRewrite' }] }],
  },
  "self.filter(f, f.type == 'CORS').size() <= 1": {
    satisfied: [[{ type: 'CORS' }], [{ type: 'CORSX' }, { type: 'CORSX' }], []],
    violated: [{ self: [{ type: 'CORS' }, { type: 'CORS' }] }],
  },
  "self.filter(f, f.type == 'RequestRedirect').size() <= 1": {
    satisfied: [
      [{ type: 'RequestRedirect' }],
      [{ type: 'RequestRedirectX' }, { type: 'RequestRedirectX' }],
      [],
    ],
    violated: [{ self: [{ type: 'RequestRedirect' }, { type: 'RequestRedirect' }] }],
  },
  "self.filter(f, f.type == 'URLRewrite').size() <= 1": {
    satisfied: [[{ type: 'URLRewrite' }], [{ type: 'URLRewriteX' }, { type: 'URLRewriteX' }], []],
    violated: [{ self: [{ type: 'URLRewrite' }, { type: 'URLRewrite' }] }],
  },
  "(self.type in ['Exact','PathPrefix']) ? self.value.startsWith('/') : true": {
    satisfied: [
      { type: 'PathPrefix', value: '/a' },
      { type: 'Exact', value: '/a' },
      { type: 'RegularExpression', value: 'a' },
    ],
    violated: [{ self: { type: 'PathPrefix', value: 'a' } }, { self: { type: 'Exact', value: 'a' } }],
  },
  "(self.type in ['Exact','PathPrefix']) ? !self.value.contains('//') : true": {
    satisfied: [
      { type: 'PathPrefix', value: '/a/b' },
      { type: 'Exact', value: '/a/b' },
      { type: 'RegularExpression', value: '/a//b' },
    ],
    violated: [{ self: { type: 'PathPrefix', value: '/a//b' } }, { self: { type: 'Exact', value: '/a//b' } }],
  },
  "(self.type in ['Exact','PathPrefix']) ? !self.value.contains('/./') : true": {
    satisfied: [
      { type: 'PathPrefix', value: '/a/b' },
      { type: 'Exact', value: '/a/b' },
      { type: 'RegularExpression', value: '/a/./b' },
    ],
    violated: [
      { self: { type: 'PathPrefix', value: '/a/./b' } },
      { self: { type: 'Exact', value: '/a/./b' } },
    ],
  },
  "(self.type in ['Exact','PathPrefix']) ? !self.value.contains('/../') : true": {
    satisfied: [
      { type: 'PathPrefix', value: '/a/b' },
      { type: 'Exact', value: '/a/b' },
      { type: 'RegularExpression', value: '/a/../b' },
    ],
    violated: [
      { self: { type: 'PathPrefix', value: '/a/../b' } },
      { self: { type: 'Exact', value: '/a/../b' } },
    ],
  },
  "(self.type in ['Exact','PathPrefix']) ? !self.value.contains('%2f') : true": {
    satisfied: [
      { type: 'PathPrefix', value: '/a%2Fb' },
      { type: 'Exact', value: '/a%2Fb' },
      { type: 'RegularExpression', value: '/a%2fb' },
    ],
    violated: [
      { self: { type: 'PathPrefix', value: '/a%2fb' } },
      { self: { type: 'Exact', value: '/a%2fb' } },
    ],
  },
  "(self.type in ['Exact','PathPrefix']) ? !self.value.contains('%2F') : true": {
    satisfied: [
      { type: 'PathPrefix', value: '/a%2fb' },
      { type: 'Exact', value: '/a%2fb' },
      { type: 'RegularExpression', value: '/a%2Fb' },
    ],
    violated: [
      { self: { type: 'PathPrefix', value: '/a%2Fb' } },
      { self: { type: 'Exact', value: '/a%2Fb' } },
    ],
  },
  "(self.type in ['Exact','PathPrefix']) ? !self.value.contains('#') : true": {
    satisfied: [
      { type: 'PathPrefix', value: '/a' },
      { type: 'Exact', value: '/a' },
      { type: 'RegularExpression', value: '/a#b' },
    ],
    violated: [{ self: { type: 'PathPrefix', value: '/a#b' } }, { self: { type: 'Exact', value: '/a#b' } }],
  },
  "(self.type in ['Exact','PathPrefix']) ? !self.value.endsWith('/..') : true": {
    satisfied: [
      { type: 'PathPrefix', value: '/a' },
      { type: 'Exact', value: '/a' },
      { type: 'RegularExpression', value: '/a/..' },
    ],
    violated: [{ self: { type: 'PathPrefix', value: '/a/..' } }, { self: { type: 'Exact', value: '/a/..' } }],
  },
  "(self.type in ['Exact','PathPrefix']) ? !self.value.endsWith('/.') : true": {
    satisfied: [
      { type: 'PathPrefix', value: '/a' },
      { type: 'Exact', value: '/a' },
      { type: 'RegularExpression', value: '/a/.' },
    ],
    violated: [{ self: { type: 'PathPrefix', value: '/a/.' } }, { self: { type: 'Exact', value: '/a/.' } }],
  },
  "self.type in ['Exact','PathPrefix'] || self.type == 'RegularExpression'": {
    satisfied: [
      { type: 'Exact', value: '/' },
      { type: 'PathPrefix', value: '/' },
      { type: 'RegularExpression', value: '/.*' },
    ],
    violated: [{ self: { type: 'Prefix', value: '/' } }],
  },
  '(self.type in [\'Exact\',\'PathPrefix\']) ? self.value.matches(r"""^(?:[-A-Za-z0-9/._~!$&\'()*+,;=:@]|[%][0-9a-fA-F]{2})+$""") : true':
    {
      satisfied: [
        { type: 'PathPrefix', value: "/a-b_c~!$&'()*+,;=:@%20" },
        { type: 'Exact', value: "/a-b_c~!$&'()*+,;=:@%20" },
        { type: 'RegularExpression', value: '/a b' },
      ],
      violated: [{ self: { type: 'PathPrefix', value: '/a b' } }, { self: { type: 'Exact', value: '/a b' } }],
    },
  "!(has(self.request) && has(self.backendRequest) && duration(self.request) != duration('0s') && duration(self.backendRequest) > duration(self.request))":
    {
      satisfied: [
        { request: '10s', backendRequest: '5s' },
        { request: '0s', backendRequest: '50s' },
        { request: '10s' },
        { backendRequest: '1s' },
      ],
      violated: [
        { self: { request: '10s', backendRequest: '11s' } },
        { self: { request: '1m', backendRequest: '90s' } },
      ],
    },
  '(has(self.backendRefs) && size(self.backendRefs) > 0) ? (!has(self.filters) || self.filters.all(f, !has(f.requestRedirect))): true':
    {
      satisfied: [
        { backendRefs: [{ name: 'a' }], filters: [{ type: 'URLRewrite', urlRewrite: {} }] },
        { filters: [{ type: 'RequestRedirect', requestRedirect: {} }] },
        { backendRefs: [{ name: 'a' }] },
        { backendRefs: [], filters: [{ requestRedirect: {} }] },
      ],
      violated: [
        {
          self: { backendRefs: [{ name: 'a' }], filters: [{ type: 'RequestRedirect', requestRedirect: {} }] },
        },
      ],
    },
  "(has(self.filters) && self.filters.exists_one(f, has(f.requestRedirect) && has(f.requestRedirect.path) && f.requestRedirect.path.type == 'ReplacePrefixMatch' && has(f.requestRedirect.path.replacePrefixMatch))) ? ((size(self.matches) != 1 || !has(self.matches[0].path) || self.matches[0].path.type != 'PathPrefix') ? false : true) : true":
    {
      satisfied: [
        {
          matches: [{ path: { type: 'PathPrefix', value: '/old' } }],
          filters: [
            {
              type: 'RequestRedirect',
              requestRedirect: { path: { type: 'ReplacePrefixMatch', replacePrefixMatch: '/new' } },
            },
          ],
        },
        { matches: [{ path: { type: 'Exact', value: '/' } }] },
      ],
      violated: [
        {
          self: {
            matches: [{ path: { type: 'Exact', value: '/old' } }],
            filters: [
              {
                type: 'RequestRedirect',
                requestRedirect: { path: { type: 'ReplacePrefixMatch', replacePrefixMatch: '/new' } },
              },
            ],
          },
        },
        {
          self: {
            matches: [
              { path: { type: 'PathPrefix', value: '/a' } },
              { path: { type: 'PathPrefix', value: '/b' } },
            ],
            filters: [
              {
                type: 'RequestRedirect',
                requestRedirect: { path: { type: 'ReplacePrefixMatch', replacePrefixMatch: '/new' } },
              },
            ],
          },
        },
        {
          self: {
            matches: [{ headers: [] }],
            filters: [
              {
                type: 'RequestRedirect',
                requestRedirect: { path: { type: 'ReplacePrefixMatch', replacePrefixMatch: '/new' } },
              },
            ],
          },
        },
      ],
    },
  "(has(self.filters) && self.filters.exists_one(f, has(f.urlRewrite) && has(f.urlRewrite.path) && f.urlRewrite.path.type == 'ReplacePrefixMatch' && has(f.urlRewrite.path.replacePrefixMatch))) ? ((size(self.matches) != 1 || !has(self.matches[0].path) || self.matches[0].path.type != 'PathPrefix') ? false : true) : true":
    {
      satisfied: [
        {
          matches: [{ path: { type: 'PathPrefix', value: '/old' } }],
          filters: [
            {
              type: 'URLRewrite',
              urlRewrite: { path: { type: 'ReplacePrefixMatch', replacePrefixMatch: '/new' } },
            },
          ],
        },
        { matches: [{ path: { type: 'Exact', value: '/' } }] },
      ],
      violated: [
        {
          self: {
            matches: [{ path: { type: 'Exact', value: '/old' } }],
            filters: [
              {
                type: 'URLRewrite',
                urlRewrite: { path: { type: 'ReplacePrefixMatch', replacePrefixMatch: '/new' } },
              },
            ],
          },
        },
        {
          self: {
            matches: [
              { path: { type: 'PathPrefix', value: '/a' } },
              { path: { type: 'PathPrefix', value: '/b' } },
            ],
            filters: [
              {
                type: 'URLRewrite',
                urlRewrite: { path: { type: 'ReplacePrefixMatch', replacePrefixMatch: '/new' } },
              },
            ],
          },
        },
        {
          self: {
            matches: [{ headers: [] }],
            filters: [
              {
                type: 'URLRewrite',
                urlRewrite: { path: { type: 'ReplacePrefixMatch', replacePrefixMatch: '/new' } },
              },
            ],
          },
        },
      ],
    },
  "(has(self.backendRefs) && self.backendRefs.exists_one(b, (has(b.filters) && b.filters.exists_one(f, has(f.requestRedirect) && has(f.requestRedirect.path) && f.requestRedirect.path.type == 'ReplacePrefixMatch' && has(f.requestRedirect.path.replacePrefixMatch))) )) ? ((size(self.matches) != 1 || !has(self.matches[0].path) || self.matches[0].path.type != 'PathPrefix') ? false : true) : true":
    {
      satisfied: [
        {
          matches: [{ path: { type: 'PathPrefix', value: '/old' } }],
          backendRefs: [
            {
              name: 'a',
              filters: [
                {
                  type: 'RequestRedirect',
                  requestRedirect: { path: { type: 'ReplacePrefixMatch', replacePrefixMatch: '/new' } },
                },
              ],
            },
          ],
        },
        { matches: [{ path: { type: 'Exact', value: '/' } }] },
      ],
      violated: [
        {
          self: {
            matches: [{ path: { type: 'Exact', value: '/old' } }],
            backendRefs: [
              {
                name: 'a',
                filters: [
                  {
                    type: 'RequestRedirect',
                    requestRedirect: { path: { type: 'ReplacePrefixMatch', replacePrefixMatch: '/new' } },
                  },
                ],
              },
            ],
          },
        },
        {
          self: {
            matches: [
              { path: { type: 'PathPrefix', value: '/a' } },
              { path: { type: 'PathPrefix', value: '/b' } },
            ],
            backendRefs: [
              {
                name: 'a',
                filters: [
                  {
                    type: 'RequestRedirect',
                    requestRedirect: { path: { type: 'ReplacePrefixMatch', replacePrefixMatch: '/new' } },
                  },
                ],
              },
            ],
          },
        },
        {
          self: {
            matches: [{ headers: [] }],
            backendRefs: [
              {
                name: 'a',
                filters: [
                  {
                    type: 'RequestRedirect',
                    requestRedirect: { path: { type: 'ReplacePrefixMatch', replacePrefixMatch: '/new' } },
                  },
                ],
              },
            ],
          },
        },
      ],
    },
  "(has(self.backendRefs) && self.backendRefs.exists_one(b, (has(b.filters) && b.filters.exists_one(f, has(f.urlRewrite) && has(f.urlRewrite.path) && f.urlRewrite.path.type == 'ReplacePrefixMatch' && has(f.urlRewrite.path.replacePrefixMatch))) )) ? ((size(self.matches) != 1 || !has(self.matches[0].path) || self.matches[0].path.type != 'PathPrefix') ? false : true) : true":
    {
      satisfied: [
        {
          matches: [{ path: { type: 'PathPrefix', value: '/old' } }],
          backendRefs: [
            {
              name: 'a',
              filters: [
                {
                  type: 'URLRewrite',
                  urlRewrite: { path: { type: 'ReplacePrefixMatch', replacePrefixMatch: '/new' } },
                },
              ],
            },
          ],
        },
        { matches: [{ path: { type: 'Exact', value: '/' } }] },
      ],
      violated: [
        {
          self: {
            matches: [{ path: { type: 'Exact', value: '/old' } }],
            backendRefs: [
              {
                name: 'a',
                filters: [
                  {
                    type: 'URLRewrite',
                    urlRewrite: { path: { type: 'ReplacePrefixMatch', replacePrefixMatch: '/new' } },
                  },
                ],
              },
            ],
          },
        },
        {
          self: {
            matches: [
              { path: { type: 'PathPrefix', value: '/a' } },
              { path: { type: 'PathPrefix', value: '/b' } },
            ],
            backendRefs: [
              {
                name: 'a',
                filters: [
                  {
                    type: 'URLRewrite',
                    urlRewrite: { path: { type: 'ReplacePrefixMatch', replacePrefixMatch: '/new' } },
                  },
                ],
              },
            ],
          },
        },
        {
          self: {
            matches: [{ headers: [] }],
            backendRefs: [
              {
                name: 'a',
                filters: [
                  {
                    type: 'URLRewrite',
                    urlRewrite: { path: { type: 'ReplacePrefixMatch', replacePrefixMatch: '/new' } },
                  },
                ],
              },
            ],
          },
        },
      ],
    },
  '(self.size() > 0 ? self[0].matches.size() : 0) + (self.size() > 1 ? self[1].matches.size() : 0) + (self.size() > 2 ? self[2].matches.size() : 0) + (self.size() > 3 ? self[3].matches.size() : 0) + (self.size() > 4 ? self[4].matches.size() : 0) + (self.size() > 5 ? self[5].matches.size() : 0) + (self.size() > 6 ? self[6].matches.size() : 0) + (self.size() > 7 ? self[7].matches.size() : 0) + (self.size() > 8 ? self[8].matches.size() : 0) + (self.size() > 9 ? self[9].matches.size() : 0) + (self.size() > 10 ? self[10].matches.size() : 0) + (self.size() > 11 ? self[11].matches.size() : 0) + (self.size() > 12 ? self[12].matches.size() : 0) + (self.size() > 13 ? self[13].matches.size() : 0) + (self.size() > 14 ? self[14].matches.size() : 0) + (self.size() > 15 ? self[15].matches.size() : 0) <= 128':
    {
      satisfied: [
        [{ matches: [{}] }],
        [
          { matches: [{}, {}, {}, {}, {}, {}, {}, {}] },
          { matches: [{}, {}, {}, {}, {}, {}, {}, {}] },
          { matches: [{}, {}, {}, {}, {}, {}, {}, {}] },
          { matches: [{}, {}, {}, {}, {}, {}, {}, {}] },
          { matches: [{}, {}, {}, {}, {}, {}, {}, {}] },
          { matches: [{}, {}, {}, {}, {}, {}, {}, {}] },
          { matches: [{}, {}, {}, {}, {}, {}, {}, {}] },
          { matches: [{}, {}, {}, {}, {}, {}, {}, {}] },
          { matches: [{}, {}, {}, {}, {}, {}, {}, {}] },
          { matches: [{}, {}, {}, {}, {}, {}, {}, {}] },
          { matches: [{}, {}, {}, {}, {}, {}, {}, {}] },
          { matches: [{}, {}, {}, {}, {}, {}, {}, {}] },
          { matches: [{}, {}, {}, {}, {}, {}, {}, {}] },
          { matches: [{}, {}, {}, {}, {}, {}, {}, {}] },
          { matches: [{}, {}, {}, {}, {}, {}, {}, {}] },
          { matches: [{}, {}, {}, {}, {}, {}, {}, {}] },
        ],
      ],
      violated: [
        {
          self: [
            { matches: [{}, {}, {}, {}, {}, {}, {}, {}] },
            { matches: [{}, {}, {}, {}, {}, {}, {}, {}] },
            { matches: [{}, {}, {}, {}, {}, {}, {}, {}] },
            { matches: [{}, {}, {}, {}, {}, {}, {}, {}] },
            { matches: [{}, {}, {}, {}, {}, {}, {}, {}] },
            { matches: [{}, {}, {}, {}, {}, {}, {}, {}] },
            { matches: [{}, {}, {}, {}, {}, {}, {}, {}] },
            { matches: [{}, {}, {}, {}, {}, {}, {}, {}] },
            { matches: [{}, {}, {}, {}, {}, {}, {}, {}] },
            { matches: [{}, {}, {}, {}, {}, {}, {}, {}] },
            { matches: [{}, {}, {}, {}, {}, {}, {}, {}] },
            { matches: [{}, {}, {}, {}, {}, {}, {}, {}] },
            { matches: [{}, {}, {}, {}, {}, {}, {}, {}] },
            { matches: [{}, {}, {}, {}, {}, {}, {}, {}] },
            { matches: [{}, {}, {}, {}, {}, {}, {}, {}] },
            { matches: [{}, {}, {}, {}, {}, {}, {}, {}, {}] },
          ],
        },
      ],
    },
  'self.all(l1, !has(l1.port) || self.exists_one(l2, has(l2.port) && l1.port == l2.port && l1.protocol == l2.protocol && (has(l1.hostname) && has(l2.hostname) ? l1.hostname == l2.hostname : !has(l1.hostname) && !has(l2.hostname))))':
    {
      satisfied: [
        [{ protocol: 'HTTP' }, { protocol: 'HTTP' }],
        [
          { port: 80, protocol: 'HTTP' },
          { port: 81, protocol: 'HTTP' },
        ],
      ],
      violated: [
        {
          self: [
            { port: 80, protocol: 'HTTP' },
            { port: 80, protocol: 'HTTP' },
          ],
        },
      ],
    },
  "self.all(p1, self.all(p2, p1.group == p2.group && p1.kind == p2.kind && p1.name == p2.name && (((!has(p1.__namespace__) || p1.__namespace__ == '') && (!has(p2.__namespace__) || p2.__namespace__ == '')) || (has(p1.__namespace__) && has(p2.__namespace__) && p1.__namespace__ == p2.__namespace__)) ? ((!has(p1.sectionName) || p1.sectionName == '') == (!has(p2.sectionName) || p2.sectionName == '') && (!has(p1.port) || p1.port == 0) == (!has(p2.port) || p2.port == 0)): true))":
    {
      satisfied: [
        [
          { group: 'gateway.networking.k8s.io', kind: 'Gateway', name: 'a', port: 80 },
          { group: 'gateway.networking.k8s.io', kind: 'Gateway', name: 'a', port: 81 },
        ],
        [
          { group: 'gateway.networking.k8s.io', kind: 'Gateway', name: 'a', sectionName: 'x' },
          { group: 'gateway.networking.k8s.io', kind: 'Gateway', name: 'a', sectionName: 'y' },
        ],
      ],
      violated: [
        {
          self: [
            { group: 'gateway.networking.k8s.io', kind: 'Gateway', name: 'a' },
            { group: 'gateway.networking.k8s.io', kind: 'Gateway', name: 'a', port: 80 },
          ],
        },
        {
          self: [
            { group: 'gateway.networking.k8s.io', kind: 'Gateway', name: 'a' },
            { group: 'gateway.networking.k8s.io', kind: 'Gateway', name: 'a', sectionName: 'x' },
          ],
        },
      ],
    },
  "self.all(p1, self.exists_one(p2, p1.group == p2.group && p1.kind == p2.kind && p1.name == p2.name && (((!has(p1.__namespace__) || p1.__namespace__ == '') && (!has(p2.__namespace__) || p2.__namespace__ == '')) || (has(p1.__namespace__) && has(p2.__namespace__) && p1.__namespace__ == p2.__namespace__ )) && (((!has(p1.sectionName) || p1.sectionName == '') && (!has(p2.sectionName) || p2.sectionName == '')) || ( has(p1.sectionName) && has(p2.sectionName) && p1.sectionName == p2.sectionName)) && (((!has(p1.port) || p1.port == 0) && (!has(p2.port) || p2.port == 0)) || (has(p1.port) && has(p2.port) && p1.port == p2.port))))":
    {
      satisfied: [
        [
          { group: 'gateway.networking.k8s.io', kind: 'Gateway', name: 'a', port: 80 },
          { group: 'gateway.networking.k8s.io', kind: 'Gateway', name: 'a', port: 81 },
        ],
        [
          { group: 'gateway.networking.k8s.io', kind: 'Gateway', name: 'a', namespace: 'n1' },
          { group: 'gateway.networking.k8s.io', kind: 'Gateway', name: 'a', namespace: 'n2' },
        ],
      ],
      violated: [
        {
          self: [
            { group: 'gateway.networking.k8s.io', kind: 'Gateway', name: 'a', port: 80 },
            { group: 'gateway.networking.k8s.io', kind: 'Gateway', name: 'a', port: 80 },
          ],
        },
        {
          self: [
            { group: 'gateway.networking.k8s.io', kind: 'Gateway', name: 'a' },
            { group: 'gateway.networking.k8s.io', kind: 'Gateway', name: 'a', port: 0 },
          ],
        },
      ],
    },
  'self.all(l1, !has(l1.name) || self.exists_one(l2, has(l2.name) && l1.name == l2.name))': {
    satisfied: [
      [{ name: 'a' }, { name: 'b' }],
      [{}, {}],
    ],
    violated: [{ self: [{ name: 'a' }, { name: 'a' }] }],
  },
  'self.all(h, !isIP(h))': {
    satisfied: [['a.example.com', '*.example.com']],
    violated: [{ self: ['10.0.0.1'] }, { self: ['::1'] }],
  },
  "self.all(h, !h.contains('*') ? h.matches('^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\\\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*)$') : true)":
    {
      satisfied: [['a.example.com', '*.example.com']],
      violated: [{ self: ['A.example.com'] }, { self: ['a_b.example.com'] }],
    },
  "self.all(h, h.contains('*') ? (h.startsWith('*.') && h.substring(2).matches('^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\\\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*)$')) : true)":
    {
      satisfied: [['*.example.com', 'a.example.com']],
      violated: [{ self: ['a.*.com'] }, { self: ['*example.com'] }, { self: ['*.Example.com'] }],
    },
};
