/**
 * Translates the CEL rules (`x-kubernetes-validations`) of Istio's CRDs into JSON Schema keywords where
 * the two say exactly the same thing, so yaml-language-server reports them on the right node as you type.
 * Every other rule is returned untranslated: the generator records it in `schemas/cel-rules.json` and the
 * analysis engine evaluates it (issue "Analysis engine").
 */

export interface CelRule {
  readonly rule: string;
  readonly message?: string;
}

/** JSON Schema keywords to merge into the schema that carried the rule. */
export type SchemaFragment = Record<string, unknown>;

interface Translation {
  readonly pattern: RegExp;
  translate(match: RegExpMatchArray, message: string): SchemaFragment;
}

const TRANSLATIONS: readonly Translation[] = [
  {
    // Port numbers: `0 < self && self <= 65535`.
    pattern: /^0 < self && self <= 65535$/,
    translate: () => ({ minimum: 1, maximum: 65535 }),
  },
  {
    // Hosts and names that must not be wildcards: `!self.contains("*")`.
    pattern: /^!self\.contains\("\*"\)$/,
    translate: (_m, message) => ({ pattern: '^[^*]*$', patternErrorMessage: message }),
  },
  {
    // Map keys without wildcards: `self.all(key, !key.contains("*"))`.
    pattern: /^self\.all\(key, !key\.contains\("\*"\)\)$/,
    translate: (_m, message) => ({ propertyNames: { pattern: '^[^*]*$', patternErrorMessage: message } }),
  },
  {
    // Non-empty map keys: `self.all(key, key.size() != 0)`.
    pattern: /^self\.all\(key, key\.size\(\) != 0\)$/,
    translate: (_m, message) => ({ propertyNames: { minLength: 1, errorMessage: message } }),
  },
  {
    // Label-like map keys: `self.all(key, size(key) < 63 && key.matches("<re>"))`.
    pattern: /^self\.all\(key, size\(key\) < (\d+) && key\.matches\("([^"]+)"\)\)$/,
    translate: (m, message) => ({
      propertyNames: {
        maxLength: Number(m[1]) - 1,
        pattern: m[2],
        patternErrorMessage: message,
        errorMessage: message,
      },
    }),
  },
  {
    // String enumerations: `self in ["", "HTTP", "HTTPS"]`.
    pattern: /^self in \[((?:"[^"]*"(?:, )?)+)\]$/,
    translate: (m, message) => ({
      enum: [...(m[1] ?? '').matchAll(/"([^"]*)"/g)].map((item) => item[1]),
      errorMessage: message,
    }),
  },
];

/** Returns the JSON Schema equivalent of a rule, or undefined when JSON Schema cannot express it. */
export function translateCelRule(rule: CelRule): SchemaFragment | undefined {
  const text = rule.rule.trim();
  const message = rule.message ?? `must satisfy ${text}`;
  for (const translation of TRANSLATIONS) {
    const match = text.match(translation.pattern);
    if (match) return translation.translate(match, message);
  }
  return undefined;
}
