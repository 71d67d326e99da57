/**
 * The CRDs' CEL rules that JSON Schema cannot express (schemas/cel-rules.json, written by
 * tools/schema-generator), compiled once and indexed by apiVersion + kind into a tree of schema paths,
 * so checking an object walks only the paths that carry rules for its kind.
 */
import { type DefaultsNode, indexDefaults } from './cel-defaults';
import { type CelProgram, compileCel } from './cel-program';

/** One entry of schemas/cel-rules.json. `path` uses `[]` for array items and `{}` for map values. */
export interface CelRuleRecord {
  readonly apiVersion: string;
  readonly kind: string;
  readonly path: readonly string[];
  readonly rule: string;
  readonly message: string;
}

/** The parsed schemas/cel-rules.json. */
export interface CelRulesFile {
  readonly sources?: readonly string[];
  readonly rules: readonly CelRuleRecord[];
  /** The field defaults the API server applies before validating (cel-defaults.ts). */
  readonly defaults?: readonly unknown[];
}

export interface IndexedCelRule {
  readonly record: CelRuleRecord;
  readonly program: CelProgram;
}

/** A node of the schema-path tree: the rules attached here and the paths below. */
export interface CelRulePathNode {
  readonly rules: readonly IndexedCelRule[];
  readonly children: ReadonlyMap<string, CelRulePathNode>;
}

/** A rule we do not evaluate, and why (outside our CEL subset, malformed entry). */
export interface SkippedCelRule {
  readonly entry: unknown;
  readonly problem: string;
}

interface MutablePathNode {
  readonly rules: IndexedCelRule[];
  readonly children: Map<string, MutablePathNode>;
}

export class CelRuleIndex {
  private constructor(
    private readonly byKind: ReadonlyMap<string, CelRulePathNode>,
    /** Rules left out of the index; a non-empty list deserves a log line, not a user diagnostic. */
    readonly skipped: readonly SkippedCelRule[],
    /** How many rules the index evaluates. */
    readonly ruleCount: number,
    private readonly defaultsByKind: ReadonlyMap<string, DefaultsNode> = new Map(),
  ) {}

  /** Builds the index from the parsed rules file; malformed entries are skipped, never thrown. */
  static fromFile(file: unknown): CelRuleIndex {
    const skipped: SkippedCelRule[] = [];
    const roots = new Map<string, MutablePathNode>();
    let ruleCount = 0;
    const entries = isRecord(file) && Array.isArray(file.rules) ? (file.rules as unknown[]) : undefined;
    if (entries === undefined) {
      skipped.push({ entry: file, problem: 'the CEL rules file has no "rules" array' });
      return new CelRuleIndex(roots, skipped, 0);
    }
    for (const entry of entries) {
      const record = asRuleRecord(entry);
      if (typeof record === 'string') {
        skipped.push({ entry, problem: record });
        continue;
      }
      const compilation = compileCel(record.rule);
      if ('problem' in compilation) {
        skipped.push({ entry, problem: compilation.problem });
        continue;
      }
      const key = kindKey(record.apiVersion, record.kind);
      let node: MutablePathNode | undefined = roots.get(key);
      if (node === undefined) {
        node = emptyNode();
        roots.set(key, node);
      }
      for (const segment of record.path) {
        let child: MutablePathNode | undefined = node.children.get(segment);
        if (child === undefined) {
          child = emptyNode();
          node.children.set(segment, child);
        }
        node = child;
      }
      node.rules.push({ record, program: compilation.program });
      ruleCount++;
    }
    const defaults = isRecord(file) && Array.isArray(file.defaults) ? (file.defaults as unknown[]) : [];
    return new CelRuleIndex(roots, skipped, ruleCount, indexDefaults(defaults));
  }

  /** The field defaults of a kind, applied before its rules are evaluated; undefined when it has none. */
  defaultsFor(apiVersion: string, kind: string): DefaultsNode | undefined {
    return this.defaultsByKind.get(kindKey(apiVersion, kind));
  }

  /** The kinds some rule applies to, `Kind.group` (kubectl's notation, as `KINDS` values are written). */
  groupKinds(): string[] {
    const kinds = new Set<string>();
    for (const key of this.byKind.keys()) {
      const [apiVersion = '', kind = ''] = key.split(' ');
      const group = apiVersion.includes('/') ? apiVersion.slice(0, apiVersion.indexOf('/')) : '';
      kinds.add(group ? `${kind}.${group}` : kind);
    }
    return [...kinds].sort();
  }

  /** The schema-path tree for a kind, or undefined when no CEL rule applies to it. */
  rulesFor(apiVersion: string, kind: string): CelRulePathNode | undefined {
    return this.byKind.get(kindKey(apiVersion, kind));
  }
}

function kindKey(apiVersion: string, kind: string): string {
  return `${apiVersion} ${kind}`;
}

function emptyNode(): MutablePathNode {
  return { rules: [], children: new Map() };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function asRuleRecord(entry: unknown): CelRuleRecord | string {
  if (!isRecord(entry)) return 'rule entry is not an object';
  const { apiVersion, kind, path, rule, message } = entry;
  if (typeof apiVersion !== 'string' || typeof kind !== 'string')
    return 'rule entry lacks apiVersion or kind';
  if (typeof rule !== 'string') return 'rule entry lacks the rule text';
  if (!Array.isArray(path) || !path.every((segment) => typeof segment === 'string')) {
    return 'rule entry path is not a list of strings';
  }
  return {
    apiVersion,
    kind,
    path: path as string[],
    rule,
    // Kubernetes' own wording when a rule has no message.
    message: typeof message === 'string' && message !== '' ? message : `failed rule: ${rule}`,
  };
}
