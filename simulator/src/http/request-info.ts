/**
 * Reads a request path the way the API server's RequestInfoFactory does:
 * `/apis/<group>/<version>/namespaces/<ns>/<resource>/<name>/<subresource>` and its variants, the
 * discovery documents, `/version`, health checks and OpenAPI.
 */

export type Verb = 'get' | 'list' | 'watch' | 'create' | 'update' | 'patch' | 'delete' | 'deletecollection';

export interface ResourceRequest {
  type: 'resource';
  group: string;
  version: string;
  namespace?: string;
  resource: string;
  name?: string;
  subresource?: string;
  verb: Verb;
}

export type RequestInfo =
  | ResourceRequest
  | { type: 'legacyRoot' }
  | { type: 'groupsRoot' }
  | { type: 'group'; group: string }
  | { type: 'groupVersion'; group: string; version: string }
  | { type: 'version' }
  | { type: 'health' }
  | { type: 'openapi'; path: string }
  | { type: 'unknown' };

/** Namespace subresources: `/api/v1/namespaces/x/status` is the namespace's status, not a resource. */
const NAMESPACE_SUBRESOURCES = new Set(['status', 'finalize']);

function verbFor(method: string, hasName: boolean, query: URLSearchParams): Verb | undefined {
  const watch = query.get('watch');
  switch (method) {
    case 'GET':
    case 'HEAD':
      if (watch === 'true' || watch === '1') return 'watch';
      return hasName ? 'get' : 'list';
    case 'POST':
      return hasName ? undefined : 'create';
    case 'PUT':
      return hasName ? 'update' : undefined;
    case 'PATCH':
      return hasName ? 'patch' : undefined;
    case 'DELETE':
      return hasName ? 'delete' : 'deletecollection';
    default:
      return undefined;
  }
}

export function parseRequestInfo(method: string, pathname: string, query: URLSearchParams): RequestInfo {
  const parts = pathname
    .split('/')
    .filter((part) => part !== '')
    .map(decodeURIComponent);
  const [root] = parts;
  if (root === 'version' && parts.length === 1) return { type: 'version' };
  if (['healthz', 'livez', 'readyz'].includes(root ?? '')) return { type: 'health' };
  if (root === 'openapi') return { type: 'openapi', path: parts.slice(1).join('/') };
  let group: string;
  let rest: string[];
  if (root === 'api') {
    if (parts.length === 1) return { type: 'legacyRoot' };
    group = '';
    rest = parts.slice(1);
  } else if (root === 'apis') {
    if (parts.length === 1) return { type: 'groupsRoot' };
    if (parts.length === 2) return { type: 'group', group: parts[1] ?? '' };
    group = parts[1] ?? '';
    rest = parts.slice(2);
  } else {
    return { type: 'unknown' };
  }
  const [version, ...path] = rest;
  if (version === undefined) return { type: 'unknown' };
  if (path.length === 0) return { type: 'groupVersion', group, version };

  let namespace: string | undefined;
  let resourceParts = path;
  if (path[0] === 'namespaces' && path.length > 1) {
    namespace = path[1];
    if (path.length > 2 && !NAMESPACE_SUBRESOURCES.has(path[2] ?? '')) resourceParts = path.slice(2);
  }
  const isNamespaceItself = resourceParts === path && path[0] === 'namespaces';
  const [resource, name, subresource, ...extra] = isNamespaceItself
    ? ['namespaces', path[1], path[2]]
    : resourceParts;
  if (resource === undefined || extra.length > 0) return { type: 'unknown' };
  const verb = verbFor(method, name !== undefined, query);
  if (!verb) return { type: 'unknown' };
  return {
    type: 'resource',
    group,
    version,
    ...(namespace !== undefined && !isNamespaceItself ? { namespace } : {}),
    resource,
    ...(name !== undefined ? { name } : {}),
    ...(subresource !== undefined ? { subresource } : {}),
    verb,
  };
}
