/**
 * The generated schemas cover the Gateway API kinds Istio reads, in every version either channel serves,
 * with their CEL rules; the label and annotation key table follows istio/api's lists; and schemas/ is what
 * the generator makes from schemas/source today.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { parseAllDocuments } from 'yaml';
import { SCHEMAS_DIR, readCrdSources, staleSchemaFiles } from '../../tools/schema-generator/main';
import { generateSchemas } from '../../tools/schema-generator/generate-schemas';
import { generateMetadataKeys } from '../../tools/schema-generator/generate-metadata-keys';
import { istioMetadataKey, istioMetadataKeys } from '../../server/src/mesh/istio-metadata-keys';

const GROUP = 'gateway.networking.k8s.io';
const KINDS = [
  'BackendTLSPolicy',
  'GRPCRoute',
  'Gateway',
  'GatewayClass',
  'HTTPRoute',
  'ListenerSet',
  'ReferenceGrant',
  'TCPRoute',
  'TLSRoute',
  'UDPRoute',
];

interface Crd {
  kind: string;
  spec: {
    group: string;
    names: { kind: string };
    versions: { name: string; served: boolean; storage: boolean }[];
  };
}

/** Served versions per kind, read straight from the vendored CRDs of one channel. */
function servedVersions(channel: 'standard' | 'experimental'): Map<string, Set<string>> {
  const folder = path.join(SCHEMAS_DIR, 'source', 'gateway-api', channel);
  const served = new Map<string, Set<string>>();
  for (const file of fs.readdirSync(folder).filter((name) => name.endsWith('.yaml'))) {
    for (const document of parseAllDocuments(fs.readFileSync(path.join(folder, file), 'utf8'))) {
      const crd = document.toJS() as Crd | null;
      if (crd?.kind !== 'CustomResourceDefinition') continue;
      const versions = served.get(crd.spec.names.kind) ?? new Set<string>();
      for (const version of crd.spec.versions) if (version.served) versions.add(version.name);
      served.set(crd.spec.names.kind, versions);
    }
  }
  return served;
}

const index = JSON.parse(fs.readFileSync(path.join(SCHEMAS_DIR, 'index.json'), 'utf8')) as {
  kinds: {
    group: string;
    kind: string;
    version: string;
    storage: boolean;
    deprecated: boolean;
    file: string;
  }[];
};
const celRules = JSON.parse(fs.readFileSync(path.join(SCHEMAS_DIR, 'cel-rules.json'), 'utf8')) as {
  rules: { apiVersion: string; kind: string; path: string[]; rule: string }[];
};

describe('schema generator: Gateway API kinds', () => {
  const gatewayEntries = index.kinds.filter((entry) => entry.group === GROUP);

  it('lists every Gateway API kind Istio reads', () => {
    assert.deepEqual([...new Set(gatewayEntries.map((entry) => entry.kind))].sort(), KINDS);
  });

  it('has every version the standard channel serves, and those only the experimental channel serves', () => {
    const standard = servedVersions('standard');
    const experimental = servedVersions('experimental');
    for (const kind of KINDS) {
      const expected = new Set([...(standard.get(kind) ?? []), ...(experimental.get(kind) ?? [])]);
      const generated = new Set(
        gatewayEntries.filter((entry) => entry.kind === kind).map((entry) => entry.version),
      );
      assert.deepEqual([...generated].sort(), [...expected].sort(), kind);
      assert.ok((standard.get(kind)?.size ?? 0) > 0, `${kind} is in the standard channel`);
    }
    // The retired route versions only the experimental channel still serves.
    assert.ok(gatewayEntries.some((entry) => entry.kind === 'TLSRoute' && entry.version === 'v1alpha2'));
  });

  it('stores each kind in exactly the version the standard CRD stores it in', () => {
    for (const kind of KINDS) {
      const storage = gatewayEntries.filter((entry) => entry.kind === kind && entry.storage);
      assert.equal(storage.length, 1, kind);
    }
    const referenceGrant = gatewayEntries.find((entry) => entry.kind === 'ReferenceGrant' && entry.storage);
    assert.equal(referenceGrant?.version, 'v1beta1');
  });

  it('writes a schema file for every entry, titled with its kind and apiVersion', () => {
    for (const entry of gatewayEntries) {
      const schema = JSON.parse(fs.readFileSync(path.join(SCHEMAS_DIR, entry.file), 'utf8')) as {
        title: string;
        description: string;
        properties: { apiVersion: { const: string } };
      };
      assert.equal(schema.title, `${entry.kind} (${GROUP}/${entry.version})`);
      assert.equal(schema.properties.apiVersion.const, `${GROUP}/${entry.version}`);
      assert.match(schema.description, /^Gateway API /);
    }
  });

  it('records the CEL rules of every kind that has them, without transition rules', () => {
    const gatewayRules = celRules.rules.filter((rule) => rule.apiVersion.startsWith(`${GROUP}/`));
    for (const kind of KINDS.filter((kind) => kind !== 'GatewayClass' && kind !== 'ReferenceGrant')) {
      assert.ok(
        gatewayRules.some((rule) => rule.kind === kind && rule.apiVersion === `${GROUP}/v1`),
        `${kind} has CEL rules`,
      );
    }
    assert.ok(
      gatewayRules.some(
        (rule) => rule.kind === 'HTTPRoute' && rule.path.join('.') === 'spec.rules.[].matches.[].path',
      ),
    );
    assert.ok(!celRules.rules.some((rule) => /\boldSelf\b/.test(rule.rule)));
  });

  it('takes a version only the experimental channel serves, never one the standard channel already has', () => {
    const primary = { file: 'a.yaml', role: 'primary' as const, text: crdText('v1', true) };
    const extra = { file: 'b.yaml', role: 'versions-only' as const, text: `${crdText('v1', true)}` };
    const extraVersions = {
      file: 'c.yaml',
      role: 'versions-only' as const,
      text: crdText('v1alpha2', true),
    };
    const files = generateSchemas([primary, extra, extraVersions]);
    const generated = JSON.parse(files.get('index.json') as string) as typeof index;
    assert.deepEqual(
      generated.kinds.map((entry) => [entry.version, entry.storage]),
      [
        ['v1', true],
        ['v1alpha2', false],
      ],
    );
  });

  it('leaves schemas/ as the generator makes it from schemas/source', () => {
    assert.ok(readCrdSources().length > 10);
    assert.deepEqual(staleSchemaFiles(), []);
  });
});

function crdText(version: string, storage: boolean): string {
  return [
    'apiVersion: apiextensions.k8s.io/v1',
    'kind: CustomResourceDefinition',
    'spec:',
    '  group: example.k8s.io',
    '  names: { kind: Example, plural: examples }',
    '  versions:',
    `    - name: ${version}`,
    '      served: true',
    `      storage: ${storage}`,
    '      schema: { openAPIV3Schema: { type: object, properties: { spec: { type: object } } } }',
  ].join('\n');
}

describe('schema generator: Istio label and annotation keys', () => {
  const labelsYaml = fs.readFileSync(path.join(SCHEMAS_DIR, 'source', 'istio', 'labels.yaml'), 'utf8');
  const annotationsYaml = fs.readFileSync(
    path.join(SCHEMAS_DIR, 'source', 'istio', 'annotations.yaml'),
    'utf8',
  );

  it('keeps every label and annotation of istio/api, with status, deprecation and kinds', () => {
    const names = (text: string): string[] =>
      [...text.matchAll(/^ {2}- name: (\S+)$/gm)].map((match) => match[1] as string).sort();
    assert.deepEqual(
      istioMetadataKeys('labels').map((key) => key.name),
      names(labelsYaml),
    );
    assert.deepEqual(
      istioMetadataKeys('annotations').map((key) => key.name),
      names(annotationsYaml),
    );
    const inject = istioMetadataKey('annotations', 'sidecar.istio.io/inject');
    assert.equal(inject?.deprecated, true);
    const mode = istioMetadataKey('labels', 'istio.io/dataplane-mode');
    assert.equal(mode?.featureStatus, 'Stable');
    assert.deepEqual([...(mode?.resources ?? [])].sort(), ['Namespace', 'Pod']);
  });

  it('files an entry without a feature status as Alpha, as istio/api does', () => {
    const table = JSON.parse(
      generateMetadataKeys(
        'labels:\n  - name: a.istio.io/x\n    description: X.\n    resources: [Pod]\n',
        'annotations: []\n',
      ),
    ) as { labels: { featureStatus: string; deprecated: boolean; hidden: boolean }[] };
    assert.deepEqual(table.labels[0], {
      name: 'a.istio.io/x',
      description: 'X.',
      featureStatus: 'Alpha',
      deprecated: false,
      hidden: false,
      resources: ['Pod'],
    });
  });
});
