/**
 * Kubernetes exposes object properties whose names are not CEL identifiers under escaped names
 * (k8s.io/apiserver/pkg/cel/escaping.go): `__dash__` for `-`, `__dot__` for `.`, `__slash__` for `/`,
 * `__underscores__` for `__`, and `__{keyword}__` for a CEL reserved word (`self.__namespace__`).
 * The evaluator has no schema at hand, so it tries the name as written first and this unescaped form
 * second; Istio's current rules need neither, but a regenerated rule file may.
 */

const RESERVED_PROPERTY_NAMES = new Set([
  'true',
  'false',
  'null',
  'in',
  'as',
  'break',
  'const',
  'continue',
  'else',
  'for',
  'function',
  'if',
  'import',
  'let',
  'loop',
  'package',
  'namespace',
  'return',
  'var',
]);

const ESCAPES: Readonly<Record<string, string>> = {
  __underscores__: '__',
  __dot__: '.',
  __dash__: '-',
  __slash__: '/',
};

/** The property name an escaped CEL field name stands for, or undefined when it is not escaped. */
export function unescapeFieldName(name: string): string | undefined {
  if (!name.includes('__')) return undefined;
  const keyword = /^__([a-z]+)__$/.exec(name)?.[1];
  if (keyword !== undefined && RESERVED_PROPERTY_NAMES.has(keyword)) return keyword;
  const unescaped = name.replace(
    /__(?:underscores|dot|dash|slash)__/g,
    (escape) => ESCAPES[escape] ?? escape,
  );
  return unescaped === name ? undefined : unescaped;
}
