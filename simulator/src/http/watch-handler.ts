/**
 * `?watch=1`: a chunked stream of `{"type": ADDED|MODIFIED|DELETED|BOOKMARK|ERROR, "object": ...}` lines.
 * Starts from a resourceVersion (events after it, from the store's history; too old = an ERROR event with
 * a 410 Expired Status, as the real server does), or with ADDED events for the current objects. Selector
 * semantics follow the watch cache: an object leaving the selector arrives as DELETED.
 */
import { type IncomingMessage, type ServerResponse } from 'node:http';
import { apiVersionOf, type KubeObject } from '../model/kube-object';
import { type ResourceType } from '../registry/resource-type';
import { type ClusterContext, type OpenWatch } from '../cluster/cluster-context';
import { type StoreEvent } from '../state/object-store';
import { badRequest, gone } from './api-status';
import { type Representation } from './content-negotiation';
import { objectFilter, type ObjectFilter } from './read-handlers';
import { type ResourceRequest } from './request-info';
import { inVersion, partialMetadataDocument, tableDocument } from './representations';

const DEFAULT_TIMEOUT_SECONDS = 1800;

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
  if (sendInitialEvents && (query.get('resourceVersionMatch') !== 'NotOlderThan' || !bookmarks)) {
    throw badRequest(
      'sendInitialEvents requires resourceVersionMatch=NotOlderThan and allowWatchBookmarks=true',
    );
  }
  const start = startingPoint(context, query);
  const timeoutSeconds = Number(query.get('timeoutSeconds') ?? DEFAULT_TIMEOUT_SECONDS);

  const serialize = (object: KubeObject): object => {
    if (representation.as === 'Table') {
      return tableDocument(resource, info.version, [object], {
        resourceVersion: object.metadata.resourceVersion ?? '',
        includeObject: 'Metadata',
        now: new Date(),
      });
    }
    if (representation.as === 'PartialObjectMetadata' || representation.as === 'PartialObjectMetadataList')
      return partialMetadataDocument(object);
    return inVersion(object, resource, info.version);
  };
  const bookmark = (annotations?: Record<string, string>): WireEvent => ({
    type: 'BOOKMARK',
    object: {
      kind: representation.as === 'object' ? resource.kind : 'PartialObjectMetadata',
      apiVersion:
        representation.as === 'object' ? apiVersionOf(resource.group, info.version) : 'meta.k8s.io/v1',
      metadata: {
        resourceVersion: String(context.store.currentResourceVersion),
        creationTimestamp: null,
        ...(annotations ? { annotations } : {}),
      },
    },
  });
  const write = (event: WireEvent): void => {
    response.write(`${JSON.stringify(event)}\n`);
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
      write({ type: 'ADDED', object: serialize(object) });
    if (sendInitialEvents) write(bookmark({ 'k8s.io/initial-events-end': 'true' }));
  }
  for (const event of backlog) {
    const wire = toWire(event, filter);
    if (wire) write({ type: wire.type, object: serialize(wire.object) });
  }

  const unsubscribe = context.store.subscribe((event) => {
    if (event.resource !== resource) return;
    const wire = toWire(event, filter);
    if (wire) write({ type: wire.type, object: serialize(wire.object) });
  });
  const bookmarkTimer = bookmarks
    ? setInterval(() => write(bookmark()), context.bookmarkIntervalMs)
    : undefined;
  const timeout = setTimeout(() => watch.close(false), Math.max(0, timeoutSeconds) * 1000);
  const watch: OpenWatch = {
    close: (abrupt) => {
      cleanup();
      if (abrupt) request.socket.destroy();
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
}
