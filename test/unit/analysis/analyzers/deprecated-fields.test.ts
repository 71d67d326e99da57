import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { parseAllDocuments } from 'yaml';
import { DEPRECATED_FIELDS } from '../../../../server/src/analysis/model/deprecated-fields';
import { KINDS } from '../../../../protocol/kinds';
import { describeFixtureCases } from '../fixture-cases';

const CRDS = path.resolve(__dirname, '../../../../schemas/source/istio-crds.gen.yaml');

/** `Kind spec.http.[].fault.delay.percent` for every property the CRDs describe as deprecated. */
function deprecatedInCrds(): Set<string> {
  const found = new Set<string>();
  const walk = (kind: string, schema: unknown, at: string[]): void => {
    const node = schema as { description?: unknown; properties?: Record<string, unknown>; items?: unknown };
    if (!node || typeof node !== 'object') return;
    if (typeof node.description === 'string' && /^deprecated/i.test(node.description.trim())) {
      found.add(`${kind} ${at.join('.')}`);
    }
    for (const [name, child] of Object.entries(node.properties ?? {})) walk(kind, child, [...at, name]);
    if (node.items) walk(kind, node.items, [...at, '[]']);
  };
  for (const document of parseAllDocuments(fs.readFileSync(CRDS, 'utf8'))) {
    const crd = document.toJS() as {
      kind?: string;
      spec?: {
        group: string;
        names: { kind: string };
        versions: { schema?: { openAPIV3Schema?: unknown } }[];
      };
    } | null;
    if (crd?.kind !== 'CustomResourceDefinition' || !crd.spec) continue;
    const kind = `${crd.spec.names.kind}.${crd.spec.group}`;
    for (const version of crd.spec.versions) walk(kind, version.schema?.openAPIV3Schema, []);
  }
  return found;
}

describe('analyzer deprecated-fields (IST0002)', () => {
  describeFixtureCases('IST0002/deprecated-fields', ['IST0002']);

  it('covers every field the bundled CRDs describe as deprecated', () => {
    const table = new Set(
      DEPRECATED_FIELDS.map(
        (field) => `${field.kind} ${field.pattern.map((s) => (s === '*' ? '[]' : s)).join('.')}`,
      ),
    );
    const inCrds = deprecatedInCrds();
    assert.ok(inCrds.has(`${KINDS.DestinationRule} spec.trafficPolicy.loadBalancer.warmupDurationSecs`));
    const missing = [...inCrds].filter((entry) => !table.has(entry));
    assert.deepEqual(missing, [], 'add these CRD-deprecated fields to model/deprecated-fields.ts');
  });
});
