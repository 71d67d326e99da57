/**
 * The schema oracle's corpus: every Istio document of the test fixtures and benchmark corpora as written,
 * and documents generated from them with a fixed seed: schema mutations (schema-mutations.ts), each CEL
 * rule of schemas/cel-rules.json written with values that satisfy and that violate it (and null), and
 * hand-written edge cases (schema-edge-cases.ts). A case's id is its origin and a hash of its text, so
 * ids stay put when unrelated fixtures are added and a list of known disagreements can name them.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { stringify } from 'yaml';
import { splitYamlSegments } from '../../../protocol/yaml-documents';
import { loadCoreValue } from '../../../server/src/yaml/core-yaml-values';
import { isIstioDocument } from '../../../server/src/yaml/schema-language-service';
import { CEL_RULE_CASES, normaliseCelRule } from '../../unit/support/istio-cel-rule-cases';
import { yamlCorpusFiles } from '../../unit/support/istio-document-corpus';
import { type ServedKind, validatedServedKinds } from './crd-schemas';
import { virtualServiceEdgeCases } from './schema-edge-cases';
import {
  type Choices,
  type Json,
  MUTATION_CATEGORIES,
  type MutationCategory,
  mutate,
  withValueAt,
} from './schema-mutations';

export interface CorpusCase {
  /** `fixture:<file>#<document>`, or `<origin>:<kind>:<hash of the text>` for generated documents. */
  readonly id: string;
  /** `fixture`, a mutation category, `cel-satisfied`, `cel-violated`, `cel-null`, or an edge case's. */
  readonly origin: string;
  readonly text: string;
}

const MUTATIONS_PER_DOCUMENT = 3;
/** Documents of a kind a CEL rule is written into (its values are many; one host suffices). */
const DOCUMENTS_PER_CEL_RULE = 1;

export function schemaOracleCorpus(): CorpusCase[] {
  const kinds = validatedServedKinds();
  const cases = new Map<string, CorpusCase>();
  const texts = new Set<string>();
  const add = (origin: string, kind: string, text: string, id?: string): void => {
    const caseId = id ?? `${origin}:${kind}:${hashOf(text)}`;
    if (texts.has(text)) return;
    texts.add(text);
    cases.set(caseId, { id: caseId, origin, text });
  };

  const bases: { kind: ServedKind; value: Json; text: string }[] = [];
  for (const file of yamlCorpusFiles()) {
    for (const segment of splitYamlSegments(file.text)) {
      if (!isIstioDocument(segment.text)) continue;
      add('fixture', '', segment.text, `fixture:${file.name}#${segment.index}`);
      const parsed = loadCoreValue(segment.text);
      const value = parsed.ok ? (parsed.value as Json) : undefined;
      const kind =
        value && typeof value === 'object' && !Array.isArray(value) ? servedKindOf(kinds, value) : undefined;
      if (kind && value) bases.push({ kind, value, text: segment.text });
    }
  }

  for (const base of bases) {
    const choices = seededChoices(base.text);
    let made = 0;
    for (let attempt = 0; attempt < 4 * MUTATIONS_PER_DOCUMENT && made < MUTATIONS_PER_DOCUMENT; attempt++) {
      const category = MUTATION_CATEGORIES[choices.below(MUTATION_CATEGORIES.length)] as MutationCategory;
      const mutated = mutate(base.value, base.kind.schema, category, choices);
      if (mutated === undefined) continue;
      add(category, base.kind.kind, stringify(mutated));
      made++;
    }
  }

  for (const rule of celRules()) {
    // The server drops `status` on create (a status subresource), so it never runs a status rule there:
    // no verdict of its own to compare (the Gateway's status addresses have one).
    if (rule.path[0] === 'status') continue;
    const cases = CEL_RULE_CASES[normaliseCelRule(rule.rule)];
    const kind = kinds.get(`${rule.apiVersion} ${rule.kind}`);
    if (!cases || !kind) continue;
    const hosts = bases.filter((base) => base.kind === kind).slice(0, DOCUMENTS_PER_CEL_RULE);
    const values = hosts.length > 0 ? hosts.map((host) => host.value) : [minimalObject(kind)];
    const at = rule.path.map((step) => (step === '[]' ? 0 : step === '{}' ? 'key' : step));
    for (const value of values) {
      for (const self of cases.satisfied)
        add('cel-satisfied', kind.kind, stringify(withValueAt(value, at, self as Json)));
      for (const { self } of cases.violated)
        add('cel-violated', kind.kind, stringify(withValueAt(value, at, self as Json)));
      // The server drops the null of a field that is not nullable before its rules run.
      add('cel-null', kind.kind, stringify(withValueAt(value, at, null)));
    }
  }

  const virtualService = kinds.get('networking.istio.io/v1 VirtualService');
  if (virtualService) {
    for (const edge of virtualServiceEdgeCases(minimalObject(virtualService)))
      add(edge.origin, 'VirtualService', stringify(edge.value));
  }
  return [...cases.values()];
}

function servedKindOf(
  kinds: ReadonlyMap<string, ServedKind>,
  value: { [key: string]: Json },
): ServedKind | undefined {
  return kinds.get(`${String(value.apiVersion)} ${String(value.kind)}`);
}

function minimalObject(kind: ServedKind): Json {
  return {
    apiVersion: kind.apiVersion,
    kind: kind.kind,
    metadata: { name: 'schema-oracle', namespace: 'default' },
    spec: {},
  };
}

interface CelRuleEntry {
  readonly apiVersion: string;
  readonly kind: string;
  readonly path: readonly string[];
  readonly rule: string;
}

/**
 * The rules of schemas/cel-rules.json, each (kind, path, rule) once: the versions of a kind mostly repeat
 * their rules, and the newest served version (v1 where there is one) stands for them.
 */
function celRules(): CelRuleEntry[] {
  const file = path.resolve(__dirname, '..', '..', '..', 'schemas', 'cel-rules.json');
  const rules = (JSON.parse(fs.readFileSync(file, 'utf8')) as { rules: CelRuleEntry[] }).rules;
  const chosen = new Map<string, CelRuleEntry>();
  for (const rule of rules) {
    const key = `${rule.kind} ${rule.path.join('.')} ${rule.rule}`;
    const current = chosen.get(key);
    if (!current || (rule.apiVersion.endsWith('/v1') && !current.apiVersion.endsWith('/v1')))
      chosen.set(key, rule);
  }
  return [...chosen.values()];
}

function hashOf(text: string): string {
  return createHash('sha256').update(text).digest('hex').slice(0, 10);
}

/** mulberry32, seeded from the document: its mutations do not depend on the other documents. */
function seededChoices(seedText: string): Choices {
  let state = Number.parseInt(hashOf(seedText).slice(0, 8), 16) >>> 0;
  return {
    below(count: number): number {
      state = (state + 0x6d2b79f5) >>> 0;
      let t = state;
      t = Math.imul(t ^ (t >>> 15), t | 1);
      t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
      return Math.floor((((t ^ (t >>> 14)) >>> 0) / 4_294_967_296) * count);
    },
  };
}
