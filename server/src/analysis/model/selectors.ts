/**
 * Label selectors. Istio selectors (`selector`, `workloadSelector.labels`, subset `labels`) are plain
 * label maps that must all match; Kubernetes LabelSelectors add `matchExpressions`.
 */
import { asArray, asRecord, asString, asStringArray, asStringMap } from '../../mesh/object-fields';

export type Labels = Readonly<Record<string, string>>;

/** Every key/value of `selector` is in `labels`. An empty selector matches everything. */
export function labelsMatch(selector: Labels, labels: Labels): boolean {
  for (const [key, value] of Object.entries(selector)) {
    if (labels[key] !== value) return false;
  }
  return true;
}

/** A Kubernetes LabelSelector (`matchLabels` + `matchExpressions`). */
export function labelSelectorMatches(selector: unknown, labels: Labels): boolean {
  const record = asRecord(selector);
  if (!record) return true;
  if (!labelsMatch(asStringMap(record.matchLabels), labels)) return false;
  for (const item of asArray(record.matchExpressions)) {
    const expression = asRecord(item);
    const key = asString(expression?.key);
    if (!expression || !key) continue;
    const values = asStringArray(expression.values);
    const present = Object.prototype.hasOwnProperty.call(labels, key);
    const value = labels[key];
    switch (expression.operator) {
      case 'In':
        if (!present || !values.includes(value as string)) return false;
        break;
      case 'NotIn':
        if (present && values.includes(value as string)) return false;
        break;
      case 'Exists':
        if (!present) return false;
        break;
      case 'DoesNotExist':
        if (present) return false;
        break;
      default:
        break;
    }
  }
  return true;
}

export function formatLabels(labels: Labels): string {
  const entries = Object.entries(labels);
  return entries.length === 0 ? '{}' : entries.map(([key, value]) => `${key}=${value}`).join(',');
}
