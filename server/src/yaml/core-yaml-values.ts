/**
 * The plain value of a well-formed YAML document, read with js-yaml (about ten times faster than the
 * `yaml` package) but with YAML 1.2 core scalars resolved exactly as `yaml` resolves them, which is
 * what yaml-language-server and our own positioned parse see. js-yaml's own core schema is looser:
 * it reads `0b101`, `-0x1F` and `+0o7` as numbers and `-.5` as a string, where `yaml` does the
 * opposite; a value that depends on the parser would make the analysis and the schema checks disagree.
 */
import { FAILSAFE_SCHEMA, Type, load } from 'js-yaml';

/** `yaml`'s core null and bool tags (schema/common/null.js, schema/core/bool.js). */
const NULL = /^(?:~|[Nn]ull|NULL)?$/;
const BOOLEAN = /^(?:[Tt]rue|TRUE|[Ff]alse|FALSE)$/;
/** `yaml`'s core int tags (schema/core/int.js): decimal with a sign, octal and hex without one. */
const DECIMAL_INT = /^[-+]?[0-9]+$/;
const OCTAL_INT = /^0o[0-7]+$/;
const HEX_INT = /^0x[0-9a-fA-F]+$/;
/** `yaml`'s core float tags (schema/core/float.js). */
const SPECIAL_FLOAT = /^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/;
const EXPONENT_FLOAT = /^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)[eE][-+]?[0-9]+$/;
const FRACTION_FLOAT = /^[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*)$/;

const coreNull = new Type('tag:yaml.org,2002:null', {
  kind: 'scalar',
  resolve: (data: unknown) => data === null || (typeof data === 'string' && NULL.test(data)),
  construct: () => null,
});

const coreBool = new Type('tag:yaml.org,2002:bool', {
  kind: 'scalar',
  resolve: (data: unknown) => typeof data === 'string' && BOOLEAN.test(data),
  construct: (data: string) => data.toLowerCase() === 'true',
});

const coreInt = new Type('tag:yaml.org,2002:int', {
  kind: 'scalar',
  resolve: (data: unknown) =>
    typeof data === 'string' && (DECIMAL_INT.test(data) || OCTAL_INT.test(data) || HEX_INT.test(data)),
  construct: (data: string) => {
    if (OCTAL_INT.test(data)) return parseInt(data.slice(2), 8);
    if (HEX_INT.test(data)) return parseInt(data.slice(2), 16);
    return Number(data);
  },
});

const coreFloat = new Type('tag:yaml.org,2002:float', {
  kind: 'scalar',
  resolve: (data: unknown) =>
    typeof data === 'string' &&
    (SPECIAL_FLOAT.test(data) || EXPONENT_FLOAT.test(data) || FRACTION_FLOAT.test(data)),
  construct: (data: string) => {
    if (!SPECIAL_FLOAT.test(data)) return parseFloat(data);
    if (data.slice(-3).toLowerCase() === 'nan') return NaN;
    return data.startsWith('-') ? Number.NEGATIVE_INFINITY : Number.POSITIVE_INFINITY;
  },
});

/** `<<` merge keys, which the `yaml` parse of the analysis also honours (`merge: true`). */
const mergeKey = new Type('tag:yaml.org,2002:merge', {
  kind: 'scalar',
  resolve: (data: unknown) => data === '<<' || data === null,
});

const CORE_VALUES = FAILSAFE_SCHEMA.extend({ implicit: [coreNull, coreBool, coreInt, coreFloat, mergeKey] });

export type CoreValue = { readonly ok: true; readonly value: unknown } | { readonly ok: false };

/**
 * The most recent reads by text. The schema checks and the analysis read the same documents one after
 * the other (the CLI: every document; the editor: the one being edited): the second read is free. Bounded
 * by the length of the texts kept (a value takes a few times its text), oldest dropped first.
 */
const recentReads = new Map<string, CoreValue>();
const RECENT_TEXT_BUDGET = 4 * 1024 * 1024;
let recentTextLength = 0;

/**
 * The document's value, or not ok when js-yaml reports any problem (the caller then takes the tolerant
 * `yaml` parse, which says what is wrong). `<<` merge keys are honoured. The value may be shared with
 * other callers: it must not be modified.
 */
export function loadCoreValue(text: string): CoreValue {
  const recent = recentReads.get(text);
  if (recent) return recent;
  let read: CoreValue;
  try {
    read = { ok: true, value: load(text, { schema: CORE_VALUES }) };
  } catch {
    read = { ok: false };
  }
  if (text.length > RECENT_TEXT_BUDGET) return read;
  recentReads.set(text, read);
  recentTextLength += text.length;
  for (const oldest of recentReads.keys()) {
    if (recentTextLength <= RECENT_TEXT_BUDGET) break;
    recentReads.delete(oldest);
    recentTextLength -= oldest.length;
  }
  return read;
}
