/**
 * The compiled validity check (schema-fast-check.ts) must reach yaml-language-server's verdict exactly:
 * the schema service skips yaml-language-server for the documents it finds valid, so a wrong "valid"
 * would hide a problem, and a wrong "invalid" would only cost time. Held to yaml-language-server (fast
 * checks off) in both directions on every Istio document of the fixtures and corpora and on thousands of
 * value-level mutations of them (wrong types, missing and unknown fields, bad enums, out-of-range
 * numbers, empty strings and lists, nulls), then end to end through the service on text-level edits.
 */
import assert from 'node:assert/strict';
import { stringify } from 'yaml';
import { loadCoreValue } from '../../server/src/yaml/core-yaml-values';
import { declaredKind } from '../../server/src/yaml/declared-kind';
import { SchemaCatalog } from '../../server/src/yaml/schema-catalog';
import { UNDECIDED, compileSchemaCheck } from '../../server/src/yaml/schema-fast-check';
import { SchemaLanguageService } from '../../server/src/yaml/schema-language-service';
import { istioCorpusDocuments } from './support/istio-document-corpus';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** Replacements for a leaf or a collection, each a mistake people make. */
const REPLACEMENTS: readonly Json[] = [
  'x',
  '',
  'not a valid value!',
  123,
  -1,
  0,
  1.5,
  70_000,
  4_294_967_296,
  true,
  null,
  [],
  ['x'],
  {},
  { unknownField: 1 },
  '2024-01-01T00:00:00Z',
  '10s',
  'Bad_Name',
];

/** Every path of a value (objects and arrays included), in document order. */
function pathsOf(value: Json, prefix: (string | number)[] = []): (string | number)[][] {
  const here = prefix.length > 0 ? [prefix] : [];
  if (Array.isArray(value))
    return [...here, ...value.flatMap((item, index) => pathsOf(item, [...prefix, index]))];
  if (value !== null && typeof value === 'object') {
    return [...here, ...Object.entries(value).flatMap(([key, item]) => pathsOf(item, [...prefix, key]))];
  }
  return here;
}

function withChange(
  value: Json,
  at: readonly (string | number)[],
  change: (old: Json) => Json | undefined,
): Json {
  const copy = structuredClone(value);
  let parent = copy as Record<string | number, Json>;
  for (const key of at.slice(0, -1)) parent = parent[key] as Record<string | number, Json>;
  const last = at[at.length - 1] as string | number;
  const replaced = change(parent[last] as Json);
  if (replaced === undefined) {
    if (Array.isArray(parent)) parent.splice(last as number, 1);
    else delete parent[last];
  } else parent[last] = replaced;
  return copy;
}

/** A deterministic sample of mutations of one document (a seeded generator keeps runs comparable). */
function mutationsOf(text: string, count: number, seed: number): string[] {
  const parsed = loadCoreValue(text);
  if (!parsed.ok || parsed.value === null || typeof parsed.value !== 'object') return [];
  const value = parsed.value as Json;
  const paths = pathsOf(value).filter((at) => at[0] !== 'apiVersion' && at[0] !== 'kind');
  if (paths.length === 0) return [];
  let state = seed;
  const random = (below: number): number => {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    return state % below;
  };
  const mutated: string[] = [];
  for (let index = 0; index < count; index++) {
    const at = paths[random(paths.length)] as (string | number)[];
    const choice = random(REPLACEMENTS.length + 3);
    const change = (old: Json): Json | undefined => {
      if (choice === REPLACEMENTS.length) return undefined; // removed
      if (choice === REPLACEMENTS.length + 1) return Array.isArray(old) ? [...old, ...old] : old; // duplicated items
      if (choice === REPLACEMENTS.length + 2)
        return old !== null && typeof old === 'object' && !Array.isArray(old)
          ? { ...old, extra: 'x' }
          : `${String(old)}x`;
      return REPLACEMENTS[choice] as Json;
    };
    mutated.push(stringify(withChange(value, at, change)));
  }
  return mutated;
}

describe('the compiled schema validity check', () => {
  const catalog = SchemaCatalog.load();
  const reference = new SchemaLanguageService({ fastValidityChecks: false });

  /** The check's verdict on one document, or undefined when it does not apply or cannot decide. */
  function verdict(text: string): boolean | undefined {
    const declared = declaredKind(text);
    const entry = declared && catalog.find(declared.apiVersion, declared.kind);
    if (!entry) return undefined;
    const check = compileSchemaCheck(catalog.readSchema(entry));
    const parsed = loadCoreValue(text);
    if (!check || !parsed.ok) return undefined;
    try {
      return check(parsed.value);
    } catch (error) {
      if (error === UNDECIDED) return undefined;
      throw error;
    }
  }

  it('compiles every Istio kind schema (no kind falls back to yaml-language-server wholesale)', () => {
    const unsupported = catalog.entries.filter((entry) => {
      return compileSchemaCheck(catalog.readSchema(entry)) === undefined;
    });
    assert.deepEqual(
      unsupported.map((entry) => `${entry.apiVersion}/${entry.kind}`),
      [],
    );
  });

  it('reaches yaml-language-server verdict on every document and thousands of mutations', async function () {
    this.timeout(300_000);
    const documents = istioCorpusDocuments();
    const inputs = [...documents, ...documents.flatMap((text, index) => mutationsOf(text, 12, index + 1))];
    let decided = 0;
    let valid = 0;
    let invalid = 0;
    const disagreements: string[] = [];
    for (const text of inputs) {
      const fast = verdict(text);
      if (fast === undefined) continue;
      decided++;
      const diagnostics = await reference.validate('file:///x.yaml', text);
      const expected = diagnostics.length === 0;
      if (expected) valid++;
      else invalid++;
      if (fast !== expected && disagreements.length < 5) {
        disagreements.push(
          `check says ${fast ? 'valid' : 'invalid'}, yaml-language-server: ${diagnostics.map((d) => d.message).join('; ') || 'nothing'}\n${text}`,
        );
      }
    }
    assert.deepEqual(disagreements, []);
    // Worth something only when both verdicts are common and most inputs were decided.
    assert.ok(valid > 200 && invalid > 1_000, `${valid} valid, ${invalid} invalid`);
    assert.ok(decided > inputs.length * 0.8, `${decided} of ${inputs.length} decided`);
  });

  it('leaves the service results unchanged on text-level edits (syntax, tags, anchors, directives)', async function () {
    this.timeout(120_000);
    const fast = new SchemaLanguageService();
    const edits: readonly ((text: string) => string)[] = [
      (text) => text.replace(/^spec:\n/m, 'spec:\n\tbroken: tab\n'),
      (text) => text.replace(/^metadata:\n/m, 'metadata:\n  name: duplicate\n'),
      (text) => text.replace(/: (\d+)\n/, ': !!str $1\n'),
      (text) => text.replace(/^metadata:\n/m, 'metadata: &meta\n'),
      (text) => `%YAML 1.1\n---\n${text.replace(/: true\n/, ': yes\n')}`,
      (text) => text.replace(/^spec:\n/m, 'spec:\n  ? explicit\n'),
      (text) => text.replace(/^( +)name: (.*)$/m, '$1name: $2 # a comment'),
      (text) => text.replace(/^( +)(\w+): (\w+)$/m, '$1$2:   "$3"'),
      (text) => text.replace(/^( +)(\w+): (\w+)$/m, "$1$2: '$3'"),
      (text) => text.replace(/: (\d+)$/m, ': 0x1F'),
      (text) => text.replace(/: (\d+)$/m, ': -.5'),
      (text) => text.replace(/^spec:\n/m, 'spec:\n  <<: {}\n'),
      (text) => text.replace(/^( +)- /m, '$1-  '),
      // Quoted scalars and flow collections over several lines: js-yaml accepts continuation lines that
      // `yaml` finds under-indented (a syntax error), on values the schema accepts.
      (text) => text.replace(/^metadata:\n/m, 'metadata:\n  annotations:\n    note: "first\n    second"\n'),
      (text) => text.replace(/^metadata:\n/m, "metadata:\n  annotations:\n    note: 'first\n    second'\n"),
      (text) => text.replace(/^metadata:\n/m, 'metadata:\n  annotations: {note: x,\n  other: y}\n'),
      (text) => text.replace(/^metadata:\n/m, 'metadata:\n  finalizers: [\n    x\n ]\n'),
      (text) =>
        text.replace(/^metadata:\n/m, 'metadata:\n  annotations:\n    note: "first\n       second"\n'),
      (text) => text.replace(/^metadata:\n/m, 'metadata:\n  annotations: {note: x,\n    other: y}\n'),
    ];
    let compared = 0;
    for (const document of istioCorpusDocuments()) {
      for (const edit of edits) {
        const text = edit(document);
        if (text === document) continue;
        assert.deepEqual(
          await fast.validate('file:///x.yaml', text),
          await reference.validate('file:///x.yaml', text),
          text,
        );
        compared++;
      }
    }
    assert.ok(compared > 500, `${compared} edited documents`);
  });
});
