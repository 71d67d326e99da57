/**
 * IST0106 for the CRDs' CEL rules (`x-kubernetes-validations`) that JSON Schema cannot express: the
 * schema service checks everything else as you type, this analyzer evaluates the rest (see
 * schemas/cel-rules.json and analysis/cel/). Live objects are skipped: the API server already
 * accepted them.
 */
import { type CelRuleIndex, evaluateCelRules } from '../cel';
import { type ResourceAnalyzer } from '../framework/analyzer';
import { describe } from '../model/resource';

export function schemaCelRules(rules: CelRuleIndex): ResourceAnalyzer {
  return {
    type: 'resource',
    name: 'schema-cel-rules',
    codes: ['IST0106'],
    // Every kind the rules cover, including Istio kinds no other analyzer knows by name (TrafficExtension).
    kinds: rules.groupKinds(),
    analyze(resource, ctx) {
      if (resource.origin === 'live') return;
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
