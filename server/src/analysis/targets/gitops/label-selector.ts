/**
 * A Kubernetes label selector (`matchLabels`, `matchExpressions` with In, NotIn, Exists, DoesNotExist)
 * evaluated on a set of labels: what an ApplicationSet clusters generator's `selector` means.
 */
import { record } from './gitops-deployments';

export function matchesSelector(
  selector: Record<string, unknown>,
  labels: Readonly<Record<string, string>>,
): boolean {
  for (const [key, value] of Object.entries(record(selector.matchLabels)))
    if (labels[key] !== String(value)) return false;
  const expressions = Array.isArray(selector.matchExpressions) ? selector.matchExpressions : [];
  return expressions.every((expression) => matchesExpression(record(expression), labels));
}

function matchesExpression(
  expression: Record<string, unknown>,
  labels: Readonly<Record<string, string>>,
): boolean {
  const key = String(expression.key ?? '');
  const values = Array.isArray(expression.values) ? expression.values.map(String) : [];
  const present = Object.hasOwn(labels, key);
  switch (expression.operator) {
    case 'In':
      return present && values.includes(labels[key]!);
    case 'NotIn':
      return !present || !values.includes(labels[key]!);
    case 'Exists':
      return present;
    case 'DoesNotExist':
      return !present;
    default:
      // An operator Kubernetes does not know selects nothing, as the API server would refuse it.
      return false;
  }
}
