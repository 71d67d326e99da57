/**
 * IST0106 for the CRDs' CEL rules (`x-kubernetes-validations`) that JSON Schema cannot express: the
 * schema service checks everything else as you type, this analyzer evaluates the rest (see
 * schemas/cel-rules.json and analysis/cel/). Live objects are skipped: the API server already
 * accepted them. Like the API server, which does not run a CRD's rules on an object its structural
 * schema refuses (an unsupported enum value, a missing required field, a wrong type), the rules are not
 * run on an object the schema's compiled check rejects: the schema diagnostic says what to fix first,
 * and a rule restating the same constraint would say it twice. (The server still runs them after
 * non-blocking errors such as a pattern mismatch; the compiled check does not tell those apart.)
 */
import { type CelRuleIndex, evaluateCelRules } from '../cel';
import { type ResourceAnalyzer } from '../framework/analyzer';
import { describe } from '../model/resource';

/** Whether the kind's structural schema certainly refuses the object. */
export type SchemaRefusal = (apiVersion: string, kind: string, object: unknown) => boolean;

export function schemaCelRules(
  rules: CelRuleIndex,
  schemaRefuses: SchemaRefusal = () => false,
): ResourceAnalyzer {
  return {
    type: 'resource',
    name: 'schema-cel-rules',
    codes: ['IST0106'],
    // Every kind the rules cover, including Istio kinds no other analyzer knows by name (TrafficExtension).
    kinds: rules.groupKinds(),
    analyze(resource, ctx) {
      if (resource.origin === 'live') return;
      if (schemaRefuses(resource.apiVersion, resource.kind, resource.object)) return;
      for (const violation of evaluateCelRules(resource.apiVersion, resource.kind, resource.object, rules)) {
        ctx.report({
          code: 'IST0106',
          resource,
          path: violation.path,
          message: `${describe(resource)}: ${violation.path.length > 0 ? `${formatPath(violation.path)}: ` : ''}${violation.message}. The API server rejects the object until this holds (CRD rule: ${violation.rule.replace(/\s+/g, ' ')}).`,
          data: { rule: violation.rule },
        });
      }
    },
  };
}

function formatPath(path: readonly (string | number)[]): string {
  return path
    .map((step, i) => (typeof step === 'number' ? `[${step}]` : i === 0 ? step : `.${step}`))
    .join('');
}
