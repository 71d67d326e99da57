/**
 * IST0130 / IST0131: VirtualService rules are tried in order and the first match wins, so a rule whose
 * matches all come after equal or broader ones is never used (IST0130), and a single match that an earlier
 * match already takes is ineffective (IST0131).
 *
 * As istioctl (validation's analyzeUnreachable*Rules): a rule after a rule without matches is unreachable,
 * and a match equal to an earlier one is ineffective, the rule unreachable when all its matches are.
 * For HTTP rules an earlier match also counts when it matches everything the later one does
 * (`uri: {prefix: /}`, a shorter prefix, fewer conditions: see model/http-match-coverage.ts); after a
 * rule that takes every request only IST0130 is reported, once per rule, not once per match.
 */
import { type Report, type ResourceAnalyzer } from '../framework/analyzer';
import { type FieldPath } from '../../yaml/node-locator';
import { matchCovers, matchIdentity, matchesEverything } from '../model/http-match-coverage';
import { KINDS } from '../../../../protocol/kinds';
import { type Fields, asArray, asRecord, asString } from '../../mesh/object-fields';
import { type MeshResource, describe, specOf } from '../model/resource';

type Section = 'http' | 'tcp' | 'tls';

interface SeenMatch {
  readonly rule: number;
  readonly index: number;
  readonly match: Fields;
}

interface CatchAll {
  readonly rule: number;
  readonly why: string;
}

export const virtualServiceUnreachableRules: ResourceAnalyzer = {
  type: 'resource',
  name: 'virtualservice-unreachable-rules',
  codes: ['IST0130', 'IST0131'],
  kinds: [KINDS.VirtualService],
  analyze(resource, ctx) {
    for (const section of ['http', 'tcp', 'tls'] as const) {
      for (const report of unreachable(resource, section)) ctx.report(report);
    }
  },
};

function unreachable(resource: MeshResource, section: Section): Report[] {
  const rules = asArray(specOf(resource)[section]);
  const reports: Report[] = [];
  const seen: SeenMatch[] = [];
  let catchAll: CatchAll | undefined;
  rules.forEach((item, i) => {
    const rule = asRecord(item);
    if (!rule) return;
    const matches = asArray(rule.match).flatMap((match, index) => {
      const record = asRecord(match);
      return record ? [{ rule: i, index, match: record }] : [];
    });
    // A malformed `match` (not a list of maps) is the schema check's business; it is no catch-all.
    if (rule.match != null && (!Array.isArray(rule.match) || matches.length < rule.match.length)) return;
    const label = `${describe(resource)} ${section.toUpperCase()} rule ${ruleName(rule, i)}`;
    if (catchAll) {
      const earlier = ruleName(asRecord(rules[catchAll.rule]) ?? {}, catchAll.rule);
      const lastRule = matches.length === 0 ? ' (only the last rule can have no matches)' : '';
      reports.push({
        code: 'IST0130',
        resource,
        path: rulePath(section, i, rule),
        target: rule.name === undefined ? 'key' : 'value',
        message: `${label} is never used${lastRule}: rule ${earlier} before it ${catchAll.why} and takes every request first. Move this rule above rule ${earlier}, or delete it.`,
        related: [
          {
            resource,
            path: rulePath(section, catchAll.rule, asRecord(rules[catchAll.rule]) ?? {}),
            message: `rule ${earlier}`,
          },
        ],
        data: { section, rule: i, shadowedBy: catchAll.rule },
      });
      return;
    }
    if (matches.length === 0) {
      catchAll = { rule: i, why: 'has no match' };
      return;
    }
    const coveringRules = new Set<number>();
    let coveredMatches = 0;
    for (const current of matches) {
      const earlierRules = seen.filter((entry) => entry.rule < i);
      const sameRule = seen.filter((entry) => entry.rule === i);
      const fromEarlierRule = findEarlier(earlierRules, current, section, resource.namespace);
      const earlier = fromEarlierRule ?? findEarlier(sameRule, current, section, resource.namespace);
      seen.push(current);
      if (!earlier) continue;
      if (fromEarlierRule) {
        coveredMatches++;
        coveringRules.add(fromEarlierRule.found.rule);
      }
      reports.push(ineffectiveMatch(resource, section, rules, label, current, earlier));
    }
    if (coveredMatches === matches.length) {
      const names = [...coveringRules]
        .sort((a, b) => a - b)
        .map((n) => ruleName(asRecord(rules[n]) ?? {}, n));
      reports.push({
        code: 'IST0130',
        resource,
        path: rulePath(section, i, rule),
        target: rule.name === undefined ? 'key' : 'value',
        message: `${label} is never used (all matches used by prior rules): each of its matches is already taken by rule ${names.join(', ')}. Delete it, or move it above the broader rule if it should win.`,
        data: { section, rule: i, shadowedBy: [...coveringRules] },
      });
    }
    const takesAll = matches.find((current) => section === 'http' && matchesEverything(current.match));
    if (takesAll) {
      const why =
        takesAll.match.uri === undefined
          ? 'has a match without conditions'
          : 'matches every path (uri prefix /)';
      catchAll = { rule: i, why };
    }
  });
  return reports;
}

function ineffectiveMatch(
  resource: MeshResource,
  section: Section,
  rules: readonly unknown[],
  label: string,
  current: SeenMatch,
  earlier: { found: SeenMatch; duplicate: boolean },
): Report {
  const { found } = earlier;
  const matchPath: FieldPath = ['spec', section, current.rule, 'match', current.index];
  const other = `match ${matchName(found.match, found.index)} of rule ${ruleName(asRecord(rules[found.rule]) ?? {}, found.rule)}`;
  const how = earlier.duplicate ? `it duplicates ${other}` : `${other} matches every request it matches`;
  return {
    code: 'IST0131',
    resource,
    path: current.match.name === undefined ? matchPath : [...matchPath, 'name'],
    message: `${label} match ${matchName(current.match, current.index)} is never used (duplicate/overlapping match): ${how}, and the first match wins. Delete this match, or put the more specific match first.`,
    related: [{ resource, path: ['spec', section, found.rule, 'match', found.index], message: other }],
    data: {
      section,
      rule: current.rule,
      match: current.index,
      coveredBy: { rule: found.rule, match: found.index },
    },
  };
}

/** The earliest match that takes everything `current` matches: an equal one, else (HTTP) a broader one. */
function findEarlier(
  seen: readonly SeenMatch[],
  current: SeenMatch,
  section: Section,
  namespace: string,
): { found: SeenMatch; duplicate: boolean } | undefined {
  const identity = matchIdentity(current.match, namespace);
  const equal = seen.find((entry) => matchIdentity(entry.match, namespace) === identity);
  if (equal) return { found: equal, duplicate: true };
  if (section !== 'http') return undefined;
  const broader = seen.find((entry) => matchCovers(entry.match, current.match, namespace));
  return broader ? { found: broader, duplicate: false } : undefined;
}

/** The rule's name when it has one, else its `match` key, else the first line of the rule. */
function rulePath(section: Section, index: number, rule: Fields): FieldPath {
  if (rule.name !== undefined) return ['spec', section, index, 'name'];
  if (rule.match !== undefined) return ['spec', section, index, 'match'];
  return ['spec', section, index];
}

/** istioctl's naming: `"name"` when the rule has one, else `#index`. */
function ruleName(rule: Fields, index: number): string {
  const name = asString(rule.name);
  return name ? `"${name}"` : `#${index}`;
}

function matchName(match: Fields, index: number): string {
  const name = asString(match.name);
  return name ? `"${name}"` : `#${index}`;
}
