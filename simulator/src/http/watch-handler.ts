/**
 * `?watch=1`: a chunked stream of `{"type": ADDED|MODIFIED|DELETED|BOOKMARK|ERROR, "object": ...}` lines.
 * Starts from a resourceVersion (events after it, from the store's history; too old = an ERROR event with
 * a 410 Expired Status, as the real server does), or with ADDED events for the current objects. Selector
 * semantics follow the watch cache: an object leaving the selector arrives as DELETED.
 */
import { type IncomingMessage, type ServerResponse } from 'node:http';
import http2, { type ServerHttp2Stream } from 'node:http2';
import { apiVersionOf, type KubeObject } from '../model/kube-object';
import { type ResourceType } from '../registry/resource-type';
import { type ClusterContext, type OpenWatch } from '../cluster/cluster-context';
import { type StoreEvent } from '../state/object-store';
import { badRequest, gone, invalidOptions } from './api-status';
import { type Representation } from './content-negotiation';
import { objectFilter, type ObjectFilter, validateListOptions } from './read-handlers';
import { type ResourceRequest } from './request-info';
import { tableDocument } from './representations';
import { partialMetadataBytes, serializedObject } from './serialized-objects';

const DEFAULT_TIMEOUT_SECONDS = 1800;
/** `{"type":"ADDED","object":` ... `}` and a newline around an object's JSON, as JSON.stringify writes it. */
const EVENT_STARTS: Record<WireEvent['type'], Buffer> = {
  ADDED: Buffer.from('{"type":"ADDED","object":'),
  MODIFIED: Buffer.from('{"type":"MODIFIED","object":'),
  DELETED: Buffer.from('{"type":"DELETED","object":'),
  BOOKMARK: Buffer.from('{"type":"BOOKMARK","object":'),
  ERROR: Buffer.from('{"type":"ERROR","object":'),
};
const EVENT_END = Buffer.from('}\n');

interface WireEvent {
  type: 'ADDED' | 'MODIFIED' | 'DELETED' | 'BOOKMARK' | 'ERROR';
  object: object;
}

function toWire(
  event: StoreEvent,
  filter: ObjectFilter,
): { type: WireEvent['type']; object: KubeObject } | undefined {
  const now = filter.matches(event.object);
  const before = event.previous !== null && filter.matches(event.previous);
  if (event.type === 'DELETED') return before ? { type: 'DELETED', object: event.object } : undefined;
  if (event.type === 'ADDED') return now ? { type: 'ADDED', object: event.object } : undefined;
  if (now) return { type: before ? 'MODIFIED' : 'ADDED', object: event.object };
  return before ? { type: 'DELETED', object: event.object } : undefined;
}

function startingPoint(context: ClusterContext, query: URLSearchParams): number | 'current' {
  const value = query.get('resourceVersion');
  if (value === null || value === '' || value === '0') return 'current';
  const number = Number(value);
  if (!Number.isInteger(number) || number < 0)
    throw badRequest(`resourceVersion: Invalid value: "${value}": must be a non-negative integer`);
  return number;
}

export function serveWatch(
  context: ClusterContext,
  resource: ResourceType,
  info: ResourceRequest,
  query: URLSearchParams,
  representation: Representation,
  request: IncomingMessage,
  response: ServerResponse,
): void {
  const filter = objectFilter(resource, info, query);
  const bookmarks = query.get('allowWatchBookmarks') === 'true' && representation.as !== 'Table';
  const sendInitialEvents = query.get('sendInitialEvents') === 'true';
  validateListOptions(query);
  if (sendInitialEvents && query.get('resourceVersionMatch') !== 'NotOlderThan') {
    throw invalidOptions('ListOptions', [
      {
        reason: 'FieldValueForbidden',
        message: 'Forbidden: sendInitialEvents requires setting resourceVersionMatch to NotOlderThan',
        field: 'resourceVersionMatch',
      },
    ]);
  }
  const start = startingPoint(context, query);
  const timeoutSeconds = Number(query.get('timeoutSeconds') ?? DEFAULT_TIMEOUT_SECONDS);

  // Objects are sent from their cached JSON (serialized-objects.ts): one serialisation per change, however
  // many watchers see it.
  const serialize = (object: KubeObject): Buffer => {
    if (representation.as === 'Table') {
      return Buffer.from(
        JSON.stringify(
          tableDocument(resource, info.version, [object], {
            page: { resourceVersion: object.metadata.resourceVersion ?? '' },
            includeObject: 'Metadata',
            now: new Date(),
          }),
        ),
      );
    }
    if (representation.as === 'PartialObjectMetadata' || representation.as === 'PartialObjectMetadataList')
      return partialMetadataBytes(object, resource);
    return serializedObject(object, resource, info.version, 'object');
  };
  const bookmark = (annotations?: Record<string, string>): WireEvent => ({
    type: 'BOOKMARK',
    object: {
      kind: representation.as === 'object' ? resource.kind : 'PartialObjectMetadata',
      apiVersion:
        representation.as === 'object' ? apiVersionOf(resource.group, info.version) : 'meta.k8s.io/v1',
      metadata: {
        resourceVersion: String(context.store.currentResourceVersion),
        ...(annotations ? { annotations } : {}),
      },
    },
  });
  const write = (event: WireEvent): void => {
    response.write(`${JSON.stringify(event)}\n`);
  };
  const writeObject = (type: WireEvent['type'], object: KubeObject): void => {
    response.write(Buffer.concat([EVENT_STARTS[type], serialize(object), EVENT_END]));
  };

  response.writeHead(200, { 'Content-Type': 'application/json', 'Cache-Control': 'no-cache, private' });
  // Clients (client-node's fetch) wait for the headers before they consider the watch open.
  response.flushHeaders();
  const backlog = start === 'current' ? [] : context.store.eventsAfter(resource, start);
  if (backlog === 'expired') {
    const status = gone(
      `too old resource version: ${start} (${context.store.oldestWatchableResourceVersion})`,
    ).status;
    write({ type: 'ERROR', object: status });
    response.end();
    return;
  }
  if (start === 'current') {
    for (const object of context.store.list(resource, filter.namespace).filter(filter.matches))
      writeObject('ADDED', object);
    if (sendInitialEvents && bookmarks) write(bookmark({ 'k8s.io/initial-events-end': 'true' }));
  }
  for (const event of backlog) {
    const wire = toWire(event, filter);
    if (wire) writeObject(wire.type, wire.object);
  }

  const unsubscribe = context.store.subscribe((event) => {
    if (event.resource !== resource) return;
    const wire = toWire(event, filter);
    if (wire) writeObject(wire.type, wire.object);
  });
  // Unreferenced: the listening server keeps the process alive, a watch's timers must not outlive it
  // (a watch opened while the cluster stops may never see its response close).
  const bookmarkTimer = bookmarks
    ? setInterval(() => write(bookmark()), context.bookmarkIntervalMs).unref()
    : undefined;
  const timeout = setTimeout(() => watch.close(false), Math.max(0, timeoutSeconds) * 1000).unref();
  const watch: OpenWatch = {
    close: (abrupt) => {
      cleanup();
      if (abrupt) resetStream(request, response);
      else response.end();
    },
  };
  const cleanup = (): void => {
    unsubscribe();
    clearInterval(bookmarkTimer);
    clearTimeout(timeout);
    context.watches.delete(watch);
  };
  context.watches.add(watch);
  response.on('close', cleanup);
  if (response.destroyed) cleanup();
}

/**
 * Ends a watch abruptly: over HTTP/1.1 by resetting its connection, over HTTP/2 by resetting its stream
 * (the connection carries the client's other requests; its socket cannot be touched from a stream).
 */
function resetStream(request: IncomingMessage, response: ServerResponse): void {
  const stream = (response as unknown as { stream?: ServerHttp2Stream }).stream;
  if (stream) stream.close(http2.constants.NGHTTP2_INTERNAL_ERROR);
  else request.socket.destroy();
}
