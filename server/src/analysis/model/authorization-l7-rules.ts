/**
 * The parts of an AuthorizationPolicy only an L7 proxy (a sidecar or a waypoint) can evaluate: HTTP
 * operation fields, request principals (JWT), and `request.*` conditions. ztunnel sees L4 only.
 */
import { type FieldPath } from '../../yaml/node-locator';
import { asArray, asRecord, asString } from '../../mesh/object-fields';
import { type MeshResource, specOf } from './resource';

const L7_OPERATION_FIELDS = ['hosts', 'notHosts', 'methods', 'notMethods', 'paths', 'notPaths'];
const L7_SOURCE_FIELDS = ['requestPrincipals', 'notRequestPrincipals'];
const L7_CONDITION_PREFIXES = ['request.', 'experimental.'];

/** The first L7 field of the policy's rules: `['spec','rules',0,'to',0,'operation','paths']`. */
export function firstL7Field(policy: MeshResource): { path: FieldPath; field: string } | undefined {
  const rules = asArray(specOf(policy).rules);
  for (const [r, item] of rules.entries()) {
    const rule = asRecord(item);
    for (const [t, to] of asArray(rule?.to).entries()) {
      const operation = asRecord(asRecord(to)?.operation);
      const field = L7_OPERATION_FIELDS.find((name) => operation?.[name] !== undefined);
      if (field) return { path: ['spec', 'rules', r, 'to', t, 'operation', field], field };
    }
    for (const [f, from] of asArray(rule?.from).entries()) {
      const source = asRecord(asRecord(from)?.source);
      const field = L7_SOURCE_FIELDS.find((name) => source?.[name] !== undefined);
      if (field) return { path: ['spec', 'rules', r, 'from', f, 'source', field], field };
    }
    for (const [w, when] of asArray(rule?.when).entries()) {
      const key = asString(asRecord(when)?.key) ?? '';
      if (L7_CONDITION_PREFIXES.some((prefix) => key.startsWith(prefix)))
        return { path: ['spec', 'rules', r, 'when', w, 'key'], field: key };
    }
  }
  return undefined;
}
