/**
 * IST0101: an AuthorizationPolicy rule names a source namespace (`rules[].from[].source.namespaces`)
 * that does not exist. Prefix and suffix wildcards (`team-*`, `*-prod`) must match at least one.
 * Silent when no Namespace object is known at all: existence cannot be judged then.
 */
import { type ResourceAnalyzer } from '../framework/analyzer';
import { KINDS } from '../../../../protocol/kinds';
import { asArray, asRecord, asStringArray } from '../../mesh/object-fields';
import { describe, specOf } from '../model/resource';

export const authorizationPolicyNamespaces: ResourceAnalyzer = {
  type: 'resource',
  name: 'authorization-policy-namespaces',
  codes: ['IST0101'],
  kinds: [KINDS.AuthorizationPolicy],
  requires: ['kubernetes'],
  analyze(resource, ctx) {
    if (!ctx.mesh.knowsNamespaces()) return;
    asArray(specOf(resource).rules).forEach((rule, i) => {
      asArray(asRecord(rule)?.from).forEach((from, j) => {
        const source = asRecord(asRecord(from)?.source);
        asStringArray(source?.namespaces).forEach((namespace, k) => {
          if (namespaceMatches(namespace, ctx.mesh)) return;
          const action =
            typeof specOf(resource).action === 'string' ? String(specOf(resource).action) : 'ALLOW';
          ctx.report({
            code: 'IST0101',
            resource,
            path: ['spec', 'rules', i, 'from', j, 'source', 'namespaces', k],
            message: `${describe(resource)} (${action}) matches requests from namespace ${namespace}, which does not exist, so this source never matches; fix the namespace name or create the namespace.`,
            data: { namespace },
          });
        });
      });
    });
  },
};

function namespaceMatches(
  pattern: string,
  mesh: { namespaceExists(name: string): boolean; ofKind(kind: string): readonly { name: string }[] },
): boolean {
  if (pattern === '*') return true;
  if (!pattern.includes('*')) return mesh.namespaceExists(pattern);
  const names = mesh.ofKind(KINDS.Namespace).map((namespace) => namespace.name);
  if (pattern.startsWith('*')) return names.some((name) => name.endsWith(pattern.slice(1)));
  if (pattern.endsWith('*')) return names.some((name) => name.startsWith(pattern.slice(0, -1)));
  return true;
}
