/**
 * YAML held inside a value, read to its JavaScript value: a ConfigMap's `mesh` text, a ProxyConfig
 * annotation, a MeshConfig file. The same nesting bounds as documents (yaml-nesting-scan.ts) apply before the
 * parser sees the text, merge keys are plain keys (YAML 1.2, whatever a `%YAML 1.1` directive says), and
 * the library's warnings stay out of the process's stderr.
 */
import { parse } from 'yaml';
import { nestingBoundProblem } from './yaml-nesting-scan';

/** Throws what is wrong (a syntax error, a bound exceeded) as an Error with a one-line message. */
export function parseBoundedYamlValue(text: string): unknown {
  const problem = nestingBoundProblem(text);
  if (problem) throw new Error(problem);
  return parse(text, { prettyErrors: false, maxAliasCount: 100, merge: false, logLevel: 'error' });
}
