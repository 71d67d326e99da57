/**
 * YAML held inside a value, read to its JavaScript value: a ConfigMap's `mesh` text, a ProxyConfig
 * annotation, a MeshConfig file. The same nesting bounds as documents (yaml-bounds.ts) apply before the
 * parser sees the text, merge keys are plain keys (YAML 1.2, whatever a `%YAML 1.1` directive says), and
 * the library's warnings stay out of the process's stderr.
 */
import { parse } from 'yaml';
import { nestingBoundExceeded } from './yaml-bounds';

/** Throws what is wrong (a syntax error, a bound exceeded) as an Error with a one-line message. */
export function parseBoundedYamlValue(text: string): unknown {
  const bound = nestingBoundExceeded(text);
  if (bound) throw new Error(bound.message.replace(/\.$/, ''));
  return parse(text, { prettyErrors: false, maxAliasCount: 100, merge: false, logLevel: 'error' });
}
