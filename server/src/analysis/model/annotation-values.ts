/**
 * The value formats of Istio annotations and their validation (IST0125). The rules follow what the
 * injector accepts (istio/istio pkg/kube/inject/validate.go: bools as Go's strconv.ParseBool, port lists,
 * CIDR lists as netip.ParsePrefix, the interception modes), plus the formats the injector or istiod
 * parse without a validator of their own (resource quantities, JSON maps, exportTo lists). A validator
 * returns why the value is wrong, or null.
 */
import { parseBoundedYamlValue } from '../../text/bounded-yaml-value';
import { asRecord } from '../../mesh/object-fields';

export type AnnotationValue =
  /** Go's strconv.ParseBool: 1, t, T, TRUE, true, True, 0, f, F, FALSE, false, False. */
  | { readonly type: 'bool' }
  /** The injector's reading of `sidecar.istio.io/inject`: y/yes/true/on inject, anything else does not. */
  | { readonly type: 'inject' }
  | { readonly type: 'enum'; readonly values: readonly string[] }
  | { readonly type: 'uint32' }
  /** A port number, 0 allowed (it disables the feature, e.g. the status port). */
  | { readonly type: 'port' }
  /** Comma-separated ports; `*` too when `wildcard`. */
  | { readonly type: 'ports'; readonly wildcard?: boolean }
  /** Comma-separated CIDRs (`10.0.0.0/8,fd00::/8`); `*` too when `wildcard`. */
  | { readonly type: 'cidrs'; readonly wildcard?: boolean }
  /** A Kubernetes resource quantity (`100m`, `128Mi`). */
  | { readonly type: 'quantity' }
  /** A JSON object (userVolume, statsHistogramBuckets, nodeSelector). */
  | { readonly type: 'json-object' }
  /** A ProxyConfig as YAML or JSON. */
  | { readonly type: 'proxy-config' }
  /** Comma-separated exportTo entries: `*`, `.`, `~` or namespace names. */
  | { readonly type: 'export-to' };

const GO_BOOLS = new Set(['1', 't', 'T', 'TRUE', 'true', 'True', '0', 'f', 'F', 'FALSE', 'false', 'False']);
const INJECT_VALUES = new Set(['y', 'yes', 'true', 'on', 'n', 'no', 'false', 'off']);
const QUANTITY = /^[+-]?(\d+(\.\d*)?|\.\d+)(Ki|Mi|Gi|Ti|Pi|Ei|n|u|m|k|M|G|T|P|E|[eE][+-]?\d+)?$/;
const DNS_LABEL = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;

/** Why `value` is not a valid value of the format, or null when it is. */
export function invalidAnnotationValue(value: string, format: AnnotationValue): string | null {
  switch (format.type) {
    case 'bool':
      return GO_BOOLS.has(value) ? null : `"${value}" is not a boolean; use "true" or "false"`;
    case 'inject':
      return INJECT_VALUES.has(value.toLowerCase())
        ? null
        : `"${value}" is neither true nor false for the injector, which then does not inject; use "true" or "false"`;
    case 'enum':
      return format.values.includes(value) ? null : `"${value}" is not one of ${format.values.join(', ')}`;
    case 'uint32':
      return isUnsigned(value, 0xffffffff) ? null : `"${value}" is not a non-negative integer`;
    case 'port':
      return isUnsigned(value, 65535) ? null : `"${value}" is not a port number (0-65535)`;
    case 'ports':
      return invalidList(value, format.wildcard, (entry) =>
        isUnsigned(entry, 65535) ? null : `"${entry}" is not a port number`,
      );
    case 'cidrs':
      return invalidList(value, format.wildcard, (entry) =>
        isCidr(entry) ? null : `"${entry}" is not a CIDR range like 10.0.0.0/8`,
      );
    case 'quantity':
      return QUANTITY.test(value) ? null : `"${value}" is not a Kubernetes quantity like 100m or 128Mi`;
    case 'json-object':
      return isJsonObject(value) ? null : 'the value is not a JSON object';
    case 'proxy-config':
      return invalidProxyConfig(value);
    case 'export-to':
      return invalidList(value, false, (entry) =>
        entry === '*' || entry === '.' || entry === '~' || DNS_LABEL.test(entry)
          ? null
          : `"${entry}" is neither *, ., ~ nor a namespace name`,
      );
  }
}

function isUnsigned(value: string, max: number): boolean {
  return /^\d+$/.test(value) && Number(value) <= max;
}

/** A comma-separated list, checked entry by entry (the injector trims spaces and skips empty entries). */
function invalidList(
  value: string,
  wildcard: boolean | undefined,
  check: (entry: string) => string | null,
): string | null {
  if (wildcard && value.trim() === '*') return null;
  for (const entry of value.split(',')) {
    const trimmed = entry.trim();
    if (!trimmed) continue;
    const problem = check(trimmed);
    if (problem) return problem;
  }
  return null;
}

function isCidr(value: string): boolean {
  const slash = value.indexOf('/');
  if (slash === -1) return false;
  const address = value.slice(0, slash);
  const bits = value.slice(slash + 1);
  if (!/^\d{1,3}$/.test(bits)) return false;
  if (isIPv4(address)) return Number(bits) <= 32;
  if (isIPv6(address)) return Number(bits) <= 128;
  return false;
}

function isIPv4(address: string): boolean {
  const octets = address.split('.');
  return (
    octets.length === 4 && octets.every((octet) => /^(0|[1-9]\d{0,2})$/.test(octet) && Number(octet) <= 255)
  );
}

function isIPv6(address: string): boolean {
  const halves = address.split('::');
  if (halves.length > 2) return false;
  const groups = halves.map((half) => (half === '' ? [] : half.split(':')));
  const all = groups.flat();
  // An embedded IPv4 address (::ffff:10.0.0.1) takes the place of two groups.
  const last = all[all.length - 1];
  const embedsIPv4 = last !== undefined && last.includes('.');
  if (embedsIPv4 && !isIPv4(last)) return false;
  const hexGroups = embedsIPv4 ? all.slice(0, -1) : all;
  if (!hexGroups.every((group) => /^[0-9a-fA-F]{1,4}$/.test(group))) return false;
  const width = hexGroups.length + (embedsIPv4 ? 2 : 0);
  return halves.length === 2 ? width < 8 : width === 8;
}

function isJsonObject(value: string): boolean {
  try {
    return asRecord(JSON.parse(value)) !== undefined;
  } catch {
    return false;
  }
}

function invalidProxyConfig(value: string): string | null {
  try {
    const parsed: unknown = parseBoundedYamlValue(value);
    return asRecord(parsed) || parsed === null ? null : 'the value is not a ProxyConfig mapping';
  } catch (error) {
    const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
    return `the value is not valid YAML or JSON (${reason})`;
  }
}
