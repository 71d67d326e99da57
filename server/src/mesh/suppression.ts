/**
 * Suppressions, compatible with istioctl analyze:
 * - the annotation `galley.istio.io/analyze-suppress: "IST0102,IST0107"` on a resource (`*` for all codes);
 * - CLI / settings patterns `CODE=Kind name.namespace` (`--suppress "IST0102=Namespace frod"`,
 *   `"IST0107=Pod *.baz"`), `*` matching any run of characters in every part; a cluster-scoped object
 *   is matched by its name alone.
 * Applied centrally when reports become diagnostics, so no analyzer has to care.
 */
import { type MeshFinding } from './diagnostic';

export const SUPPRESS_ANNOTATION = 'galley.istio.io/analyze-suppress';

export interface SuppressionRule {
  readonly text: string;
  readonly code: RegExp;
  readonly kind: RegExp;
  readonly resource: RegExp;
}

export interface ParsedSuppressions {
  readonly rules: readonly SuppressionRule[];
  /** One message per pattern that could not be read, saying the expected shape. */
  readonly errors: readonly string[];
}

export function parseSuppressions(patterns: readonly string[]): ParsedSuppressions {
  const rules: SuppressionRule[] = [];
  const errors: string[] = [];
  for (const text of patterns) {
    const match = /^\s*([^=\s]+)\s*=\s*(\S+)\s+(\S+)\s*$/.exec(text);
    if (!match) {
      errors.push(
        `suppression "${text}" is not of the form CODE=Kind name.namespace (e.g. "IST0102=Namespace default" or "IST0101=VirtualService *.bookinfo")`,
      );
      continue;
    }
    const [, code = '', kind = '', resource = ''] = match;
    rules.push({ text, code: glob(code), kind: glob(kind), resource: glob(resource) });
  }
  return { rules, errors };
}

export function suppressedByRules(diagnostic: MeshFinding, rules: readonly SuppressionRule[]): boolean {
  const resource = diagnostic.resource;
  if (!resource || rules.length === 0) return false;
  const name = resource.namespace ? `${resource.name}.${resource.namespace}` : resource.name;
  return rules.some(
    (rule) => rule.code.test(diagnostic.code) && rule.kind.test(resource.kind) && rule.resource.test(name),
  );
}

export function suppressedByAnnotation(
  code: string,
  annotations: Readonly<Record<string, string>> | undefined,
): boolean {
  const value = annotations?.[SUPPRESS_ANNOTATION];
  if (!value) return false;
  return value.split(',').some((entry) => {
    const trimmed = entry.trim();
    return trimmed === '*' || trimmed === code;
  });
}

function glob(pattern: string): RegExp {
  const escaped = pattern.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*');
  return new RegExp(`^${escaped}$`);
}
