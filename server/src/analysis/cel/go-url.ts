/**
 * The parts of Go's net/url that Kubernetes' CEL URL library is built on: `isURL(s)` is
 * `url.ParseRequestURI(s) == nil`, `url(s)` additionally keeps the `url.Parse(s)` result, and
 * `getScheme()`, `getHost()`, ... return its fields. Reproducing Go's rules (not WHATWG URL parsing,
 * which accepts and normalises very different inputs) keeps our verdicts identical to the API server's.
 */

export interface GoUrl {
  readonly scheme: string;
  readonly opaque: string;
  readonly hasUser: boolean;
  readonly host: string;
  readonly path: string;
  readonly rawPath: string;
  readonly rawQuery: string;
  readonly fragment: string;
}

export type UrlParse = { readonly url: GoUrl } | { readonly error: string };

/** Go's `url.ParseRequestURI`: an absolute URI or an absolute path; no fragment handling. */
export function parseRequestUri(raw: string): UrlParse {
  return parse(raw, true);
}

/** Go's `url.Parse`: a URL or a relative reference, with a `#fragment`. */
export function parseUrl(raw: string): UrlParse {
  const hash = raw.indexOf('#');
  const withoutFragment = hash < 0 ? raw : raw.slice(0, hash);
  const parsed = parse(withoutFragment, false);
  if ('error' in parsed || hash < 0) return parsed;
  const fragment = unescape(raw.slice(hash + 1), 'fragment');
  if (typeof fragment !== 'string') return fragment;
  return { url: { ...parsed.url, fragment } };
}

function parse(raw: string, viaRequest: boolean): UrlParse {
  if (containsControlByte(raw)) return { error: 'invalid control character in URL' };
  if (raw === '' && viaRequest) return { error: 'empty url' };
  const url = {
    scheme: '',
    opaque: '',
    hasUser: false,
    host: '',
    path: '',
    rawPath: '',
    rawQuery: '',
    fragment: '',
  };
  if (raw === '*') return { url: { ...url, path: '*' } };

  const scheme = splitScheme(raw);
  if ('error' in scheme) return scheme;
  url.scheme = scheme.scheme.toLowerCase();
  let rest = scheme.rest;

  if (rest.endsWith('?') && rest.indexOf('?') === rest.length - 1) {
    rest = rest.slice(0, -1);
  } else {
    const question = rest.indexOf('?');
    if (question >= 0) {
      url.rawQuery = rest.slice(question + 1);
      rest = rest.slice(0, question);
    }
  }

  if (!rest.startsWith('/')) {
    if (url.scheme !== '') return { url: { ...url, opaque: rest } };
    if (viaRequest) return { error: 'invalid URI for request' };
    const firstSegment = rest.split('/', 1)[0] ?? '';
    if (firstSegment.includes(':')) return { error: 'first path segment in URL cannot contain colon' };
  }

  if ((url.scheme !== '' || (!viaRequest && !rest.startsWith('///'))) && rest.startsWith('//')) {
    let authority = rest.slice(2);
    rest = '';
    const slash = authority.indexOf('/');
    if (slash >= 0) {
      rest = authority.slice(slash);
      authority = authority.slice(0, slash);
    }
    const parsedAuthority = parseAuthority(authority);
    if ('error' in parsedAuthority) return parsedAuthority;
    url.host = parsedAuthority.host;
    url.hasUser = parsedAuthority.hasUser;
  }

  const path = unescape(rest, 'path');
  if (typeof path !== 'string') return path;
  url.path = path;
  url.rawPath = escape(path) === rest ? '' : rest;
  return { url };
}

function containsControlByte(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x20 || c === 0x7f) return true;
  }
  return false;
}

function splitScheme(raw: string): { scheme: string; rest: string } | { error: string } {
  for (let i = 0; i < raw.length; i++) {
    const c = raw[i] as string;
    if (/[a-zA-Z]/.test(c)) continue;
    if (/[0-9+\-.]/.test(c)) {
      if (i === 0) return { scheme: '', rest: raw };
      continue;
    }
    if (c === ':') {
      if (i === 0) return { error: 'missing protocol scheme' };
      return { scheme: raw.slice(0, i), rest: raw.slice(i + 1) };
    }
    return { scheme: '', rest: raw };
  }
  return { scheme: '', rest: raw };
}

function parseAuthority(authority: string): { host: string; hasUser: boolean } | { error: string } {
  const at = authority.lastIndexOf('@');
  const host = parseHost(at < 0 ? authority : authority.slice(at + 1));
  if (typeof host !== 'string') return host;
  if (at < 0) return { host, hasUser: false };
  const userinfo = authority.slice(0, at);
  if (!/^[A-Za-z0-9\-._:~!$&'()*+,;=%@]*$/.test(userinfo)) return { error: 'invalid userinfo' };
  const colon = userinfo.indexOf(':');
  const parts = colon < 0 ? [userinfo] : [userinfo.slice(0, colon), userinfo.slice(colon + 1)];
  for (const part of parts) {
    const unescaped = unescape(part, 'userinfo');
    if (typeof unescaped !== 'string') return unescaped;
  }
  return { host, hasUser: true };
}

function parseHost(host: string): string | { error: string } {
  if (host.startsWith('[')) {
    const close = host.lastIndexOf(']');
    if (close < 0) return { error: "missing ']' in host" };
    const colonPort = host.slice(close + 1);
    if (!isValidOptionalPort(colonPort))
      return { error: `invalid port ${JSON.stringify(colonPort)} after host` };
    const zone = host.slice(0, close).indexOf('%25');
    if (zone >= 0) {
      const beforeZone = unescape(host.slice(0, zone), 'host');
      if (typeof beforeZone !== 'string') return beforeZone;
      const inZone = unescape(host.slice(zone, close), 'zone');
      if (typeof inZone !== 'string') return inZone;
      const afterZone = unescape(host.slice(close), 'host');
      if (typeof afterZone !== 'string') return afterZone;
      return beforeZone + inZone + afterZone;
    }
  } else {
    const colon = host.lastIndexOf(':');
    if (colon >= 0 && !isValidOptionalPort(host.slice(colon))) {
      return { error: `invalid port ${JSON.stringify(host.slice(colon))} after host` };
    }
  }
  return unescape(host, 'host');
}

function isValidOptionalPort(port: string): boolean {
  return port === '' || /^:[0-9]*$/.test(port);
}

type EscapeMode = 'path' | 'host' | 'zone' | 'userinfo' | 'queryComponent' | 'fragment';

/** Go's `shouldEscape` for the modes we use: whether byte `c` must be percent-encoded. */
function shouldEscape(c: number, mode: EscapeMode): boolean {
  const char = String.fromCharCode(c);
  if (/[a-zA-Z0-9]/.test(char)) return false;
  if ((mode === 'host' || mode === 'zone') && `!$&'()*+,;=:[]<>"`.includes(char)) return false;
  if ('-_.~'.includes(char)) return false;
  if ('$&+,/:;=?@'.includes(char)) {
    switch (mode) {
      case 'path':
        return char === '?';
      case 'userinfo':
        return '@/?:'.includes(char);
      case 'queryComponent':
        return true;
      case 'fragment':
        return false;
    }
  }
  if (mode === 'fragment' && '!()*'.includes(char)) return false;
  return true;
}

const utf8Encoder = new TextEncoder();
const utf8Decoder = new TextDecoder();

/** Go's `unescape`: decodes %XX (and `+` in query components), rejecting what Go rejects. */
export function unescape(text: string, mode: EscapeMode): string | { error: string } {
  const bytes: number[] = [];
  for (let i = 0; i < text.length;) {
    const c = text.charCodeAt(i);
    if (c === 0x25 /* % */) {
      const hex = text.slice(i + 1, i + 3);
      if (!/^[0-9a-fA-F]{2}$/.test(hex)) {
        return { error: `invalid URL escape ${JSON.stringify(text.slice(i, i + 3))}` };
      }
      const value = parseInt(hex, 16);
      if (mode === 'host' && value < 0x80 && text.slice(i, i + 3) !== '%25') {
        return { error: `invalid URL escape ${JSON.stringify(text.slice(i, i + 3))}` };
      }
      // Zone identifiers may escape only bytes that could be written directly (and spaces, for Windows).
      if (
        mode === 'zone' &&
        text.slice(i, i + 3) !== '%25' &&
        value !== 0x20 &&
        shouldEscape(value, 'host')
      ) {
        return { error: `invalid URL escape ${JSON.stringify(text.slice(i, i + 3))}` };
      }
      bytes.push(value);
      i += 3;
      continue;
    }
    if (c === 0x2b /* + */ && mode === 'queryComponent') {
      bytes.push(0x20);
      i++;
      continue;
    }
    if ((mode === 'host' || mode === 'zone') && c < 0x80 && shouldEscape(c, mode)) {
      return { error: `invalid character ${JSON.stringify(text[i])} in host name` };
    }
    const codePoint = text.codePointAt(i) as number;
    const width = codePoint > 0xffff ? 2 : 1;
    bytes.push(...utf8Encoder.encode(text.slice(i, i + width)));
    i += width;
  }
  return utf8Decoder.decode(new Uint8Array(bytes));
}

/** Go's `escape(s, encodePath)`. */
function escape(text: string): string {
  let out = '';
  for (const byte of utf8Encoder.encode(text)) {
    out += shouldEscape(byte, 'path')
      ? `%${byte.toString(16).toUpperCase().padStart(2, '0')}`
      : String.fromCharCode(byte);
  }
  return out;
}

/** `URL.Hostname()`: the host without port and without IPv6 brackets. */
export function urlHostname(url: GoUrl): string {
  return splitHostPort(url.host).host;
}

/** `URL.Port()`: the port digits, or "" when there is none. */
export function urlPort(url: GoUrl): string {
  return splitHostPort(url.host).port;
}

function splitHostPort(hostPort: string): { host: string; port: string } {
  let host = hostPort;
  let port = '';
  const colon = host.lastIndexOf(':');
  if (colon >= 0 && isValidOptionalPort(host.slice(colon))) {
    port = host.slice(colon + 1);
    host = host.slice(0, colon);
  }
  if (host.startsWith('[') && host.endsWith(']')) host = host.slice(1, -1);
  return { host, port };
}

/** `URL.EscapedPath()`: the path as written when that is a valid encoding of it, else re-escaped. */
export function urlEscapedPath(url: GoUrl): string {
  if (url.rawPath !== '' && isValidEncodedPath(url.rawPath) && unescape(url.rawPath, 'path') === url.path) {
    return url.rawPath;
  }
  if (url.path === '*') return '*';
  return escape(url.path);
}

function isValidEncodedPath(text: string): boolean {
  for (const byte of utf8Encoder.encode(text)) {
    if (`!$&'()*+,;=:@[]%`.includes(String.fromCharCode(byte))) continue;
    if (shouldEscape(byte, 'path')) return false;
  }
  return true;
}

/** `URL.Query()`: `&`-separated pairs; pairs with `;` or bad escapes are dropped, as Go does. */
export function urlQuery(url: GoUrl): Map<string, string[]> {
  const values = new Map<string, string[]>();
  for (const pair of url.rawQuery.split('&')) {
    if (pair === '' || pair.includes(';')) continue;
    const equals = pair.indexOf('=');
    const key = unescape(equals < 0 ? pair : pair.slice(0, equals), 'queryComponent');
    const value = unescape(equals < 0 ? '' : pair.slice(equals + 1), 'queryComponent');
    if (typeof key !== 'string' || typeof value !== 'string') continue;
    const list = values.get(key) ?? [];
    list.push(value);
    values.set(key, list);
  }
  return values;
}
