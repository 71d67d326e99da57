/**
 * CEL's `duration()` conversion, Kubernetes' URL library
 * (k8s.io/apiserver/pkg/cel/library/urls.go): `url()`, `isURL()` and the URL accessors, and `isIP()` of
 * its IP library (ip.go). Parsing follows Go (time.ParseDuration, net/url) so verdicts match the API
 * server's.
 */
import { type CelFunction, type CelFunctionTable } from './cel-function-table';
import {
  ArrayCelList,
  CelDuration,
  CelError,
  type CelResult,
  CelUrl,
  type CelValue,
  EntriesCelMap,
  noSuchOverload,
} from './cel-values';
import { isIP as nodeIsIp } from 'node:net';
import { parseGoDuration } from './go-duration';
import {
  type GoUrl,
  parseRequestUri,
  parseUrl,
  urlEscapedPath,
  urlHostname,
  urlPort,
  urlQuery,
} from './go-url';

const durationCache = new Map<string, CelDuration | CelError>();

function toDuration(value: CelValue): CelResult {
  if (value instanceof CelDuration) return value;
  if (typeof value !== 'string') return noSuchOverload('duration', value);
  let cached = durationCache.get(value);
  if (cached === undefined) {
    const parsed = parseGoDuration(value);
    cached = 'error' in parsed ? new CelError(parsed.error) : new CelDuration(parsed.nanos);
    // Durations in documents are short and repeat a lot ("5s", "1ms"); bound the cache anyway.
    if (durationCache.size >= 1024) durationCache.clear();
    durationCache.set(value, cached);
  }
  return cached;
}

function toUrl(value: CelValue): CelResult {
  if (typeof value !== 'string') return noSuchOverload('url', value);
  // Kubernetes validates with ParseRequestURI (absolute URLs and paths only), then keeps Parse's
  // result because ParseRequestURI folds a #fragment into the path or query.
  const checked = parseRequestUri(value);
  if ('error' in checked) return new CelError(`${JSON.stringify(value)} is not a URL: ${checked.error}`);
  const parsed = parseUrl(value);
  if ('error' in parsed) return new CelError(`${JSON.stringify(value)} is not a URL: ${parsed.error}`);
  return new CelUrl(parsed.url);
}

function isUrl(value: CelValue): CelResult {
  if (typeof value !== 'string') return noSuchOverload('isURL', value);
  return !('error' in parseRequestUri(value));
}

/**
 * Kubernetes' `isIP()`: an address netip.ParseAddr accepts (dotted IPv4 without leading zeros, or IPv6),
 * but not an IPv6 address with a zone nor an IPv4-mapped IPv6 address, which Kubernetes refuses.
 */
function isIpAddress(value: CelValue): CelResult {
  if (typeof value !== 'string') return noSuchOverload('isIP', value);
  const family = nodeIsIp(value);
  if (family === 4) return true;
  if (family !== 6 || value.includes('%')) return false;
  return !isIpv4MappedIpv6(value);
}

/** `::ffff:a.b.c.d` or `::ffff:xxxx:xxxx`, however written: 80 zero bits, then 16 one bits. */
function isIpv4MappedIpv6(address: string): boolean {
  let text = address.toLowerCase();
  const dotted = /(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(text);
  if (dotted) {
    const [a, b, c, d] = dotted.slice(1).map(Number) as [number, number, number, number];
    text = `${text.slice(0, dotted.index)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head = '', tail] = text.split('::');
  const headGroups = head === '' ? [] : head.split(':');
  const tailGroups = tail === undefined || tail === '' ? [] : tail.split(':');
  const missing = 8 - headGroups.length - tailGroups.length;
  const groups = [...headGroups, ...Array<string>(tail === undefined ? 0 : missing).fill('0'), ...tailGroups];
  const words = groups.map((group) => parseInt(group, 16));
  return words.length === 8 && words.slice(0, 5).every((word) => word === 0) && words[5] === 0xffff;
}

function urlAccessor(name: string, read: (url: GoUrl) => CelValue): CelFunction {
  return {
    member: (target, args) =>
      target instanceof CelUrl && args.length === 0
        ? read(target.url)
        : noSuchOverload(name, target, ...args),
  };
}

function queryAsMap(url: GoUrl): CelValue {
  const entries = [...urlQuery(url)].map(([key, values]) => [key, new ArrayCelList(values)] as const);
  const map = EntriesCelMap.of(entries);
  // Keys come from a Map, so they are distinct strings and `of` cannot fail.
  return map instanceof CelError ? null : map;
}

function single(name: string, body: (value: CelValue) => CelResult): CelFunction {
  return {
    global: (args) => (args.length === 1 ? body(args[0] as CelValue) : noSuchOverload(name, ...args)),
  };
}

export const KUBERNETES_FUNCTIONS: CelFunctionTable = new Map<string, CelFunction>([
  ['duration', single('duration', toDuration)],
  ['url', single('url', toUrl)],
  ['isURL', single('isURL', isUrl)],
  ['isIP', single('isIP', isIpAddress)],
  ['getScheme', urlAccessor('getScheme', (url) => url.scheme)],
  ['getHost', urlAccessor('getHost', (url) => url.host)],
  ['getHostname', urlAccessor('getHostname', urlHostname)],
  ['getPort', urlAccessor('getPort', urlPort)],
  ['getEscapedPath', urlAccessor('getEscapedPath', urlEscapedPath)],
  ['getQuery', urlAccessor('getQuery', queryAsMap)],
]);
