/**
 * Kubernetes label selectors in their query-string form (`app=reviews,version!=v3`, `tier in (a,b)`,
 * `!canary`), parsed once per request and matched against an object's labels.
 */

type Requirement =
  | { operator: 'exists' | 'notExists'; key: string }
  | { operator: 'in' | 'notIn'; key: string; values: string[] }
  | { operator: 'gt' | 'lt'; key: string; value: number };

export type LabelSelector = readonly Requirement[];

export class SelectorSyntaxError extends Error {}

/** Splits at commas that are not inside `in (...)` value lists. */
function splitRequirements(text: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let current = '';
  for (const char of text) {
    if (char === '(') depth += 1;
    if (char === ')') depth -= 1;
    if (char === ',' && depth === 0) {
      parts.push(current);
      current = '';
    } else {
      current += char;
    }
  }
  parts.push(current);
  return parts.map((part) => part.trim()).filter((part) => part !== '');
}

const SET_PATTERN = /^([^\s!=<>(),]+)\s+(in|notin)\s*\(([^)]*)\)$/;
const EQUALITY_PATTERN = /^([^\s!=<>(),]+)\s*(==|=|!=|>|<)\s*([^\s=!<>(),]*)$/;
const EXISTS_PATTERN = /^(!?)\s*([^\s!=<>(),]+)$/;

function parseRequirement(text: string): Requirement {
  const set = SET_PATTERN.exec(text);
  if (set) {
    const values = (set[3] ?? '').split(',').map((value) => value.trim());
    return { operator: set[2] === 'in' ? 'in' : 'notIn', key: set[1] ?? '', values };
  }
  const equality = EQUALITY_PATTERN.exec(text);
  if (equality) {
    const [, key = '', operator, value = ''] = equality;
    if (operator === '>' || operator === '<') {
      const number = Number(value);
      if (!Number.isInteger(number)) {
        throw new SelectorSyntaxError(
          `unable to parse requirement: for 'gt', 'lt' operators, the value must be an integer: ${text}`,
        );
      }
      return { operator: operator === '>' ? 'gt' : 'lt', key, value: number };
    }
    return { operator: operator === '!=' ? 'notIn' : 'in', key, values: [value] };
  }
  const exists = EXISTS_PATTERN.exec(text);
  if (exists) return { operator: exists[1] === '!' ? 'notExists' : 'exists', key: exists[2] ?? '' };
  throw new SelectorSyntaxError(
    `unable to parse requirement: found '${text}', expected: label selector syntax`,
  );
}

export function parseLabelSelector(text: string | null | undefined): LabelSelector {
  return text ? splitRequirements(text).map(parseRequirement) : [];
}

export function matchesLabels(
  selector: LabelSelector,
  labels: Readonly<Record<string, string>> | undefined,
): boolean {
  return selector.every((requirement) => {
    const value = labels?.[requirement.key];
    switch (requirement.operator) {
      case 'exists':
        return value !== undefined;
      case 'notExists':
        return value === undefined;
      case 'in':
        return value !== undefined && requirement.values.includes(value);
      case 'notIn':
        return value === undefined || !requirement.values.includes(value);
      case 'gt':
        return value !== undefined && Number(value) > requirement.value;
      case 'lt':
        return value !== undefined && Number(value) < requirement.value;
    }
  });
}

/** Matches a Service's `spec.selector` map (equality on every entry; an empty map matches nothing). */
export function matchesSelectorMap(
  selector: Readonly<Record<string, unknown>>,
  labels: Readonly<Record<string, string>> | undefined,
): boolean {
  const entries = Object.entries(selector);
  return entries.length > 0 && entries.every(([key, value]) => labels?.[key] === value);
}
