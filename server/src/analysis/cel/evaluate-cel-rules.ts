/**
 * Applies the CRDs' CEL rules to one object, as the API server would on create: apply the CRD's field
 * defaults, then walk the object along
 * each rule's schema path (`[]` over array items, `{}` over map values), run the rule with `self`
 * bound to every node that exists, and report the nodes where it is false or cannot be evaluated (an
 * evaluation error fails validation in Kubernetes too). The walk follows the rule tree of the object's
 * kind, so its cost is proportional to the rules that exist and the nodes that are present.
 */
import { applyDefaults } from './cel-defaults';
import { runCelProgram } from './cel-program';
import type { CelRuleIndex, CelRulePathNode, IndexedCelRule } from './cel-rule-index';
import { celValueFromJson, isError, isPlainObject } from './cel-values';

export interface CelViolation {
  /** Where the rule failed, with real array indices and map keys: `["spec", "http", 0, "timeout"]`. */
  readonly path: readonly (string | number)[];
  /** What to show: the rule's message, plus `: <reason>` when the rule could not be evaluated. */
  readonly message: string;
  /** The rule's own message from the CRD. */
  readonly ruleMessage: string;
  /** Why evaluation failed (`"5x" is not a duration ...`); absent when the rule evaluated to false. */
  readonly reason?: string;
  /** The CEL rule text. */
  readonly rule: string;
}

/**
 * The CEL violations of `object` (a parsed Kubernetes object) for its apiVersion and kind; empty when
 * the kind has no rules. Never throws on odd input: a node of an unexpected type is simply not walked
 * into, and a rule that fails on it is reported with the reason.
 */
export function evaluateCelRules(
  apiVersion: string,
  kind: string,
  object: unknown,
  rules: CelRuleIndex,
): CelViolation[] {
  const root = rules.rulesFor(apiVersion, kind);
  const violations: CelViolation[] = [];
  if (root === undefined) return violations;
  // The API server defaults the object before it validates it.
  const defaults = rules.defaultsFor(apiVersion, kind);
  walk(root, defaults ? applyDefaults(object, defaults) : object, [], violations);
  return violations;
}

function walk(node: CelRulePathNode, value: unknown, path: (string | number)[], out: CelViolation[]): void {
  // Absent and null nodes are not validated: the API server prunes nulls and rules apply to what exists.
  if (value === undefined || value === null) return;
  if (node.rules.length > 0) checkNode(node.rules, value, path, out);
  for (const [segment, child] of node.children) {
    if (segment === '[]') {
      if (!Array.isArray(value)) continue;
      value.forEach((item, index) => {
        path.push(index);
        walk(child, item, path, out);
        path.pop();
      });
    } else if (segment === '{}') {
      if (!isPlainObject(value)) continue;
      for (const key of Object.keys(value)) {
        path.push(key);
        walk(child, value[key], path, out);
        path.pop();
      }
    } else if (isPlainObject(value) && Object.hasOwn(value, segment)) {
      path.push(segment);
      walk(child, value[segment], path, out);
      path.pop();
    }
  }
}

function checkNode(
  rules: readonly IndexedCelRule[],
  value: unknown,
  path: (string | number)[],
  out: CelViolation[],
) {
  // One conversion per node, shared by every rule attached to it.
  const self = celValueFromJson(value);
  for (const { record, program } of rules) {
    const result = runCelProgram(program, self);
    if (result === true) continue;
    const base = { path: [...path], ruleMessage: record.message, rule: record.rule };
    if (result === false) {
      out.push({ ...base, message: record.message });
    } else {
      const reason = isError(result) ? result.message : 'the rule did not evaluate to true or false';
      out.push({ ...base, message: `${record.message}: ${reason}`, reason });
    }
  }
}
