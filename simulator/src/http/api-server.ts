/**
 * One simulated cluster's HTTP front: bearer-token authentication, the per-request fault knobs, routing to
 * discovery, OpenAPI and resource handlers, and errors as `kind: Status` bodies. Transport (TLS, ports,
 * stop/start) belongs to SimulatedCluster.
 */
import { timingSafeEqual } from 'node:crypto';
import { type IncomingMessage, type ServerResponse } from 'node:http';
import { setTimeout as delay } from 'node:timers/promises';
import { qualifiedResource, type ResourceType } from '../registry/resource-type';
import { type ClusterContext } from '../cluster/cluster-context';
import {
  ApiError,
  badRequest,
  PageNotFound,
  forbidden,
  internalError,
  notAcceptable,
  pathNotFound,
  unauthorized,
  methodNotAllowed,
} from './api-status';
import { negotiate, type Representation } from './content-negotiation';
import {
  aggregatedDiscoveryDocument,
  groupDocument,
  groupListDocument,
  legacyRootDocument,
  resourceListDocument,
  versionDocument,
} from './discovery-documents';
import { openApiDocument, openApiRoot } from './openapi-documents';
import { patchObject } from './patch-handler';
import { getObject, listObjects } from './read-handlers';
import { decodeObjectBody, mediaType, readBody } from './request-body';
import { parseRequestInfo, type RequestInfo, type ResourceRequest } from './request-info';
import { compressesBody, gzipBody } from './response-compression';
import { JsonBytes } from './serialized-objects';
import { serveWatch } from './watch-handler';
import {
  createObject,
  deleteCollection,
  deleteObject,
  updateObject,
  type WriteResult,
} from './write-handlers';

export interface ApiServerOptions {
  context: ClusterContext;
  /** The bearer token this cluster accepts (read per request: it may be rotated). */
  token: () => string;
  /** `host:port` reported in discovery. */
  serverAddress: () => string;
  /** Unexpected handler failures (bugs) are reported here; never with request credentials. */
  onError: (error: unknown) => void;
}

const PUBLIC_PATHS = new Set(['version', 'health']);
/** Parts of a serialised body written one by one; more are copied into one buffer (fewer writes). */
const MAX_WRITES = 8;

function sendJson(
  response: ServerResponse,
  code: number,
  body: unknown,
  contentType = 'application/json',
  warnings: readonly string[] = [],
  acceptEncoding?: string | string[],
): Promise<void> | void {
  // Objects and lists come serialised already (serialized-objects.ts), in parts that are written as they
  // are (a page of a big list is one slice of a cached buffer) unless there are many; other documents
  // are small.
  const parts =
    body instanceof JsonBytes
      ? body.parts.length <= MAX_WRITES
        ? body.parts
        : [Buffer.concat(body.parts as Buffer[], body.length)]
      : [Buffer.from(JSON.stringify(body))];
  const length = body instanceof JsonBytes ? body.length : (parts[0] as Buffer).length;
  if (warnings.length > 0)
    response.setHeader(
      'Warning',
      warnings.map((warning) => `299 - ${JSON.stringify(warning)}`),
    );
  const headers = { 'Content-Type': contentType, 'Cache-Control': 'no-cache, private' };
  if (compressesBody(length, acceptEncoding)) {
    return gzipBody(parts as Buffer[], length).then((compressed) => {
      response.writeHead(code, {
        ...headers,
        'Content-Encoding': 'gzip',
        Vary: 'Accept-Encoding',
        'Content-Length': compressed.length,
      });
      response.end(compressed);
    });
  }
  response.writeHead(code, { ...headers, 'Content-Length': length });
  for (const part of parts.slice(0, -1)) response.write(part);
  response.end(parts[parts.length - 1]);
}

function authenticated(request: IncomingMessage, expected: string): boolean | 'anonymous' {
  const header = request.headers.authorization;
  if (header === undefined) return 'anonymous';
  const given = Buffer.from(header);
  const wanted = Buffer.from(`Bearer ${expected}`);
  return given.length === wanted.length && timingSafeEqual(given, wanted);
}

function rbacDenial(user: string, verb: string, resource: ResourceType, info: ResourceRequest): ApiError {
  const target =
    info.name !== undefined ? `${qualifiedResource(resource)} "${info.name}"` : qualifiedResource(resource);
  const scope =
    info.namespace !== undefined ? `in the namespace "${info.namespace}"` : 'at the cluster scope';
  return forbidden(
    `${target} is forbidden: User "${user}" cannot ${verb} resource "${resource.plural}" in API group "${resource.group}" ${scope}`,
    {
      ...(info.name !== undefined ? { name: info.name } : {}),
      ...(resource.group ? { group: resource.group } : {}),
      kind: resource.plural,
    },
  );
}

export function createApiRequestHandler(
  options: ApiServerOptions,
): (request: IncomingMessage, response: ServerResponse) => void {
  const { context } = options;
  return (request, response) => {
    handle(request, response).catch((error: unknown) => {
      if (error instanceof PageNotFound && !response.headersSent) {
        response.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' });
        response.end(PageNotFound.body);
        return;
      }
      const status =
        error instanceof ApiError
          ? error.status
          : internalError(error instanceof Error ? error.message : String(error)).status;
      if (!(error instanceof ApiError)) options.onError(error);
      if (response.headersSent) response.end();
      else void sendJson(response, status.code, status);
    });
  };

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', 'https://simulator');
    const info = parseRequestInfo(request.method ?? 'GET', url.pathname, url.searchParams);
    const auth = context.faults.settings.tokenExpired ? false : authenticated(request, options.token());
    if (auth === false) throw unauthorized();
    if (auth === 'anonymous' && !PUBLIC_PATHS.has(info.type)) {
      if (info.type === 'resource') {
        const resource = context.registry.forPath(info.group, info.version, info.resource);
        if (resource) throw rbacDenial('system:anonymous', info.verb, resource, info);
      }
      throw forbidden(
        `forbidden: User "system:anonymous" cannot ${(request.method ?? 'get').toLowerCase()} path "${url.pathname}"`,
        {},
      );
    }
    const { latencyMs } = context.faults.settings;
    if (latencyMs > 0) await delay(latencyMs);
    if (context.faults.nextRequestFails())
      throw internalError('meshwright-sim: injected failure (error rate fault)');

    const result = await route(info, url.searchParams, request, response);
    if (result)
      await sendJson(
        response,
        result.code,
        result.body,
        result.contentType,
        result.warnings,
        request.headers['accept-encoding'],
      );
  }

  async function route(
    info: RequestInfo,
    query: URLSearchParams,
    request: IncomingMessage,
    response: ServerResponse,
  ): Promise<{ code: number; body: unknown; contentType?: string; warnings?: string[] } | undefined> {
    const representation = negotiate(request.headers.accept);
    const ok = (body: unknown): { code: number; body: unknown } => ({ code: 200, body });
    switch (info.type) {
      case 'version':
        return ok(versionDocument(context.kubernetesVersion));
      case 'health':
        response.writeHead(200, { 'Content-Type': 'text/plain; charset=utf-8' });
        response.end('ok');
        return undefined;
      case 'legacyRoot':
      case 'groupsRoot': {
        const core = info.type === 'legacyRoot';
        if (representation?.as === 'APIGroupDiscoveryList') {
          const contentType = `application/json;g=apidiscovery.k8s.io;v=${representation.version};as=APIGroupDiscoveryList`;
          return {
            code: 200,
            body: aggregatedDiscoveryDocument(context.registry, core, representation.version),
            contentType,
          };
        }
        return ok(core ? legacyRootDocument(options.serverAddress()) : groupListDocument(context.registry));
      }
      case 'group':
        return ok(groupDocument(context.registry, info.group) ?? pageNotFound());
      case 'groupVersion':
        return ok(resourceListDocument(context.registry, info.group, info.version) ?? pageNotFound());
      case 'openapi':
        return openApi(info.path);
      case 'resource':
        return resourceRequest(info, query, representation, request, response);
      default:
        return pageNotFound();
    }
  }

  /** OpenAPI v3 only; a stale `?hash=` still gets the current document. */
  function openApi(path: string): { code: number; body: unknown } {
    if (path === 'v3') return { code: 200, body: openApiRoot(context.registry) };
    const document = path.startsWith('v3/') ? openApiDocument(context.registry, path.slice(3)) : undefined;
    if (document) return { code: 200, body: JSON.parse(document.body) as unknown };
    throw pathNotFound();
  }

  async function resourceRequest(
    info: ResourceRequest,
    query: URLSearchParams,
    representation: Representation | undefined,
    request: IncomingMessage,
    response: ServerResponse,
  ): Promise<WriteResult | undefined> {
    const resource = context.registry.forPath(info.group, info.version, info.resource);
    if (!resource && !resourceListDocument(context.registry, info.group, info.version)) return pageNotFound();
    if (!resource) throw pathNotFound();
    if (!resource.namespaced && info.namespace !== undefined) throw pathNotFound();
    if (
      resource.namespaced &&
      info.namespace === undefined &&
      !['list', 'watch', 'deletecollection'].includes(info.verb)
    )
      throw pathNotFound();
    if (
      info.subresource !== undefined &&
      (info.subresource !== 'status' ||
        !resource.statusSubresource ||
        !['get', 'update', 'patch'].includes(info.verb))
    ) {
      throw pathNotFound();
    }
    if (context.faults.forbids(info.verb, resource.group, resource.plural, info.namespace)) {
      throw rbacDenial(context.userName, info.verb, resource, info);
    }
    if (context.faults.settings.refuseDryRun && query.has('dryRun')) {
      throw badRequest(
        `admission webhook "validation.meshwright-sim.io" does not support dry run (meshwright-sim: refuseDryRun fault)`,
      );
    }
    if (!representation) throw notAcceptable();
    const readBodyAs = async (): Promise<{ text: string; type: string }> => ({
      text: await readBody(request),
      type: mediaType(request.headers['content-type']),
    });
    switch (info.verb) {
      case 'get':
        return { code: 200, body: getObject(context, resource, info, query, representation) };
      case 'list':
        return { code: 200, body: listObjects(context, resource, info, query, representation) };
      case 'watch':
        serveWatch(context, resource, info, query, representation, request, response);
        return undefined;
      case 'create': {
        const { text, type } = await readBodyAs();
        return createObject(context, resource, info, query, request, decodeObjectBody(text, type));
      }
      case 'update': {
        const { text, type } = await readBodyAs();
        return updateObject(context, resource, info, query, request, decodeObjectBody(text, type));
      }
      case 'patch': {
        const { text, type } = await readBodyAs();
        return patchObject(context, resource, info, query, request, text, type);
      }
      case 'delete': {
        const { text, type } = await readBodyAs();
        return deleteObject(
          context,
          resource,
          info,
          query,
          text.trim() ? decodeObjectBody(text, type) : undefined,
        );
      }
      case 'deletecollection': {
        const { text, type } = await readBodyAs();
        return deleteCollection(
          context,
          resource,
          info,
          query,
          text.trim() ? decodeObjectBody(text, type) : undefined,
        );
      }
      default:
        throw methodNotAllowed();
    }
  }
}

function pageNotFound(): never {
  throw new PageNotFound();
}
