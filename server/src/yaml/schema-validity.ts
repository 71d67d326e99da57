/**
 * "Would yaml-language-server report anything for this document?", answered without it for the common
 * case: a document of a known kind that parses cleanly and passes the kind's compiled check
 * (schema-fast-check.ts) certainly gets no diagnostic. Anything else (an unknown kind, a construct whose
 * plain value may differ from yaml-language-server's node tree or that the two parsers may not agree is
 * well-formed, a value the check rejects or cannot judge) is left to yaml-language-server, which says
 * what is wrong. Used by the schema service for every
 * document, and by the CLI to keep the valid documents of a big input off its worker threads.
 */
import { loadCoreValue } from './core-yaml-values';
import { declaredKind } from './declared-kind';
import { type KindVersionEntry, type SchemaCatalog } from './schema-catalog';
import { UNDECIDED, type ValueCheck, compileSchemaCheck } from './schema-fast-check';

/**
 * Constructs whose plain value (js-yaml) may not be the node tree yaml-language-server validates: anchors
 * and aliases, tags, directives, explicit `?` keys and `<<` merge keys.
 */
const PLAIN_VALUE_UNSAFE = /(?:^|[\s[{,:-])[&*!?]|^%|<</m;

/**
 * True when a line may leave a quoted scalar or a flow collection open (an odd number of quotes, more
 * brackets opened than closed, or the reverse). js-yaml accepts continuation lines that `yaml` finds
 * under-indented, a syntax error yaml-language-server reports, so such documents are left to it. Quotes
 * and brackets in comments or plain scalars make this answer true more often than needed, which only
 * costs time.
 */
function mayContinueOverLines(text: string): boolean {
  let doubleQuotes = 0;
  let singleQuotes = 0;
  let brackets = 0;
  for (let index = 0; index <= text.length; index++) {
    const char = text[index];
    if (char === '\n' || char === undefined) {
      if (doubleQuotes % 2 !== 0 || singleQuotes % 2 !== 0 || brackets !== 0) return true;
      doubleQuotes = singleQuotes = brackets = 0;
    } else if (char === '"') {
      if (text[index - 1] !== '\\') doubleQuotes++;
    } else if (char === "'") singleQuotes++;
    else if (char === '[' || char === '{') brackets++;
    else if (char === ']' || char === '}') brackets--;
  }
  return false;
}

export class SchemaValidity {
  /** Compiled checks by schema file; null: the schema uses a keyword the check does not model. */
  private readonly checks = new Map<string, ValueCheck | null>();

  constructor(private readonly catalog: SchemaCatalog) {}

  /** True: yaml-language-server would report nothing. False: ask it. */
  certainlyValid(text: string): boolean {
    const declared = declaredKind(text);
    const entry = declared && this.catalog.find(declared.apiVersion, declared.kind);
    if (!entry || PLAIN_VALUE_UNSAFE.test(text) || mayContinueOverLines(text)) return false;
    const check = this.checkOf(entry);
    if (!check) return false;
    const parsed = loadCoreValue(text);
    if (!parsed.ok || typeof parsed.value !== 'object' || parsed.value === null) return false;
    try {
      return check(parsed.value);
    } catch (error) {
      if (error === UNDECIDED) return false;
      throw error;
    }
  }

  /**
   * True when the kind's compiled check certainly rejects this plain value; false when it accepts it,
   * cannot judge it, or does not know the kind.
   */
  certainlyRejects(apiVersion: string, kind: string, value: unknown): boolean {
    const entry = this.catalog.find(apiVersion, kind);
    const check = entry && this.checkOf(entry);
    if (!check) return false;
    try {
      return !check(value);
    } catch (error) {
      if (error === UNDECIDED) return false;
      throw error;
    }
  }

  private checkOf(entry: KindVersionEntry): ValueCheck | null {
    let check = this.checks.get(entry.file);
    if (check === undefined) {
      const schema = this.catalog.readSchema(entry);
      check = (schema && compileSchemaCheck(schema)) ?? null;
      this.checks.set(entry.file, check);
    }
    return check;
  }
}
