/**
 * When one VirtualService match makes another useless: `matchCovers(a, b)` is true when every request that
 * `b` matches is also matched by `a`, so a route holding `b` after a route holding `a` never sees it.
 *
 * istioctl only compares matches for equality (validation's analyzeUnreachableHTTPRules); this adds the
 * cases users actually write: `uri: {prefix: /}` before anything, a prefix before a longer prefix or an
 * exact path under it, a match with fewer conditions before one with more. It must never claim coverage
 * that does not hold (a false IST0130 tells users to delete a working route), so anything it cannot
 * decide (regexes other than identical ones, unknown fields) counts as not covered.
 */
import { resolveGatewayReference } from '../framework/mesh-queries';
import {
  type Fields,
  asNumber,
  asRecord,
  asString,
  asStringArray,
  asStringMap,
} from '../../mesh/object-fields';

/** HTTPMatchRequest fields that only label a match and never change what it matches. */
const LABEL_FIELDS = new Set(['name', 'statPrefix']);

/** HTTPMatchRequest fields this module knows how to compare. */
const KNOWN_FIELDS = new Set([
  ...LABEL_FIELDS,
  'uri',
  'scheme',
  'method',
  'authority',
  'headers',
  'withoutHeaders',
  'queryParams',
  'port',
  'sourceLabels',
  'sourceNamespace',
  'gateways',
  'ignoreUriCase',
]);

/** A canonical text for a match (keys sorted, labels dropped): equal texts match the same requests. */
export function matchIdentity(match: Fields, namespace: string): string {
  const meaningful: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(match)) {
    if (LABEL_FIELDS.has(key)) continue;
    meaningful[key] = key === 'gateways' ? gatewaySet(value, namespace).sort() : value;
  }
  return canonicalJson(meaningful);
}

/** True when every request `narrow` matches is also matched by `broad` (both written in `namespace`). */
export function matchCovers(broad: Fields, narrow: Fields, namespace: string): boolean {
  if (matchIdentity(broad, namespace) === matchIdentity(narrow, namespace)) return true;
  for (const key of Object.keys(broad)) if (!KNOWN_FIELDS.has(key)) return false;
  const broadIgnoresCase = broad.ignoreUriCase === true;
  const narrowIgnoresCase = narrow.ignoreUriCase === true;
  return (
    uriCovers(broad.uri, narrow.uri, broadIgnoresCase, narrowIgnoresCase) &&
    optionalCovers(broad.scheme, narrow.scheme) &&
    optionalCovers(broad.method, narrow.method) &&
    optionalCovers(broad.authority, narrow.authority) &&
    stringMapCovers(broad.headers, narrow.headers, (name) => name.toLowerCase()) &&
    stringMapCovers(broad.queryParams, narrow.queryParams, (name) => name) &&
    absencesCovered(broad.withoutHeaders, narrow.withoutHeaders) &&
    portCovers(broad.port, narrow.port) &&
    labelsCovered(broad.sourceLabels, narrow.sourceLabels) &&
    (broad.sourceNamespace === undefined || broad.sourceNamespace === narrow.sourceNamespace) &&
    gatewaysCovered(broad.gateways, narrow.gateways, namespace)
  );
}

/** A match that every request satisfies: no condition at all, or only `uri: {prefix: /}`. */
export function matchesEverything(match: Fields): boolean {
  return Object.keys(match).every(
    (key) => LABEL_FIELDS.has(key) || key === 'ignoreUriCase' || (key === 'uri' && isRootPrefix(match.uri)),
  );
}

function uriCovers(
  broad: unknown,
  narrow: unknown,
  broadIgnoresCase: boolean,
  narrowIgnoresCase: boolean,
): boolean {
  if (broad === undefined || isRootPrefix(broad)) return true;
  if (narrow === undefined) return false;
  return stringMatchCovers(broad, narrow, broadIgnoresCase, narrowIgnoresCase);
}

/** Every request path starts with `/`, so this prefix matches all of them. */
function isRootPrefix(uri: unknown): boolean {
  const record = asRecord(uri);
  if (!record || Object.keys(record).length !== 1) return false;
  return record.prefix === '/' || record.prefix === '';
}

function optionalCovers(broad: unknown, narrow: unknown): boolean {
  if (broad === undefined) return true;
  return narrow !== undefined && stringMatchCovers(broad, narrow, false, false);
}

/**
 * StringMatch `broad` accepts every value `narrow` accepts. Exact and prefix values compare by text;
 * a regex is only known to cover an identical regex.
 */
function stringMatchCovers(
  broad: unknown,
  narrow: unknown,
  broadIgnoresCase: boolean,
  narrowIgnoresCase: boolean,
): boolean {
  const b = asRecord(broad);
  const n = asRecord(narrow);
  if (!b || !n || Object.keys(b).length !== 1 || Object.keys(n).length !== 1) return false;
  // A case-insensitive narrow match accepts variants a case-sensitive broad one refuses, unless the
  // broad value has no letters whose case could differ.
  const caseSafe = (value: string): boolean =>
    broadIgnoresCase || !narrowIgnoresCase || value.toLowerCase() === value.toUpperCase();
  const fold = (value: string): string => (broadIgnoresCase ? value.toLowerCase() : value);
  const narrowValue = asString(n.exact) ?? asString(n.prefix);
  if (typeof b.exact === 'string') {
    return typeof n.exact === 'string' && caseSafe(b.exact) && fold(b.exact) === fold(n.exact);
  }
  if (typeof b.prefix === 'string') {
    return narrowValue !== undefined && caseSafe(b.prefix) && fold(narrowValue).startsWith(fold(b.prefix));
  }
  if (typeof b.regex === 'string') {
    return n.regex === b.regex && broadIgnoresCase === narrowIgnoresCase;
  }
  return false;
}

/** Every condition of `broad` (header or query parameter name → StringMatch) is implied by one of `narrow`. */
function stringMapCovers(broad: unknown, narrow: unknown, key: (name: string) => string): boolean {
  const b = asRecord(broad);
  if (!b) return broad === undefined;
  const n = new Map(Object.entries(asRecord(narrow) ?? {}).map(([name, value]) => [key(name), value]));
  return Object.entries(b).every(([name, condition]) => {
    const other = n.get(key(name));
    if (other === undefined) return false;
    // An empty StringMatch only asks for the header to be present, which any condition on it implies.
    const record = asRecord(condition);
    if (record && Object.keys(record).length === 0) return true;
    return stringMatchCovers(condition, other, false, false);
  });
}

/** `withoutHeaders`: only the very same condition in the narrow match is known to imply it. */
function absencesCovered(broad: unknown, narrow: unknown): boolean {
  const b = asRecord(broad);
  if (!b) return broad === undefined;
  const n = asRecord(narrow) ?? {};
  return Object.entries(b).every(([name, condition]) => canonicalJson(n[name]) === canonicalJson(condition));
}

function portCovers(broad: unknown, narrow: unknown): boolean {
  if (broad === undefined) return true;
  const port = asNumber(broad);
  return port !== undefined && port === asNumber(narrow);
}

function labelsCovered(broad: unknown, narrow: unknown): boolean {
  const b = asStringMap(broad);
  const n = asStringMap(narrow);
  return Object.entries(b).every(([key, value]) => n[key] === value);
}

/** A match without `gateways` applies on all the VirtualService's gateways. */
function gatewaysCovered(broad: unknown, narrow: unknown, namespace: string): boolean {
  const b = gatewaySet(broad, namespace);
  if (b.length === 0) return true;
  const n = gatewaySet(narrow, namespace);
  return n.length > 0 && n.every((gateway) => b.includes(gateway));
}

function gatewaySet(value: unknown, namespace: string): string[] {
  return [
    ...new Set(
      asStringArray(value).map((reference) => {
        if (reference === 'mesh') return reference;
        const target = resolveGatewayReference(reference, namespace);
        return `${target.namespace}/${target.name}`;
      }),
    ),
  ];
}

function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const record = asRecord(value);
  if (record) {
    const keys = Object.keys(record).sort();
    return `{${keys.map((key) => `${JSON.stringify(key)}:${canonicalJson(record[key])}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}
