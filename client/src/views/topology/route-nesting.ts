/**
 * Where the Topology tree shows a namespace's Gateway API routes: under each parent (a Gateway listed
 * with the namespace's config, or one of its Services for mesh routing) that the namespace holds, since
 * that is how one reads a route; a route whose parents are all elsewhere (another namespace, missing,
 * none at all) stays in the config list, so every object remains reachable. No `vscode` import: the
 * rule is unit-tested on its own.
 */
import { type ExplorerConfigObject } from '../../../../protocol/requests';

export interface NestedConfig {
  /** The config list's own entries, routes without a parent here included. */
  readonly topLevel: readonly ExplorerConfigObject[];
  /** Routes by the live URI of the parent they show under (a Gateway's or a Service's). */
  readonly routesByParent: ReadonlyMap<string, readonly ExplorerConfigObject[]>;
}

export function nestRoutes(
  configObjects: readonly ExplorerConfigObject[],
  serviceUris: readonly string[],
): NestedConfig {
  const parents = new Set([
    ...configObjects.filter((object) => object.kind === 'Gateway' && isGatewayApi(object)).map((o) => o.uri),
    ...serviceUris,
  ]);
  const topLevel: ExplorerConfigObject[] = [];
  const routesByParent = new Map<string, ExplorerConfigObject[]>();
  for (const object of configObjects) {
    const present = object.parentUris.filter((uri) => parents.has(uri));
    if (present.length === 0) {
      topLevel.push(object);
      continue;
    }
    for (const parent of present) {
      const routes = routesByParent.get(parent) ?? [];
      routes.push(object);
      routesByParent.set(parent, routes);
    }
  }
  return { topLevel, routesByParent };
}

function isGatewayApi(object: ExplorerConfigObject): boolean {
  return object.apiVersion.startsWith('gateway.networking.k8s.io/');
}
