/**
 * Where an object lives on an API server, from the server's own discovery (as kubectl finds it): the
 * plural of its kind and whether it is namespaced, per group version, fetched once.
 */
import { type KubeRest } from './kube-rest';

export interface ObjectIdentity {
  readonly apiVersion: string;
  readonly kind: string;
  readonly metadata: { readonly name: string; readonly namespace?: string };
}

interface DiscoveredResource {
  readonly name: string;
  readonly kind: string;
  readonly namespaced: boolean;
}

export class ResourcePaths {
  private readonly groups = new Map<string, Promise<readonly DiscoveredResource[]>>();

  constructor(private readonly rest: KubeRest) {}

  /** `/apis/networking.istio.io/v1/namespaces/bookinfo/virtualservices` (the collection). */
  async collection(apiVersion: string, kind: string, namespace?: string): Promise<string> {
    const resource = await this.resource(apiVersion, kind);
    const base = apiVersion.includes('/') ? `/apis/${apiVersion}` : `/api/${apiVersion}`;
    const scope = resource.namespaced ? `/namespaces/${namespace ?? 'default'}` : '';
    return `${base}${scope}/${resource.name}`;
  }

  /** The object's own path, e.g. `.../virtualservices/reviews`. */
  async object(object: ObjectIdentity): Promise<string> {
    const collection = await this.collection(object.apiVersion, object.kind, object.metadata.namespace);
    return `${collection}/${encodeURIComponent(object.metadata.name)}`;
  }

  /**
   * Every object of the kind, all namespaces (`/apis/networking.istio.io/v1/virtualservices`), or
   * undefined when the server does not serve the kind.
   */
  async everywhere(apiVersion: string, kind: string): Promise<string | undefined> {
    let resource: DiscoveredResource;
    try {
      resource = await this.resource(apiVersion, kind);
    } catch (error) {
      // Not served (an unknown group version answers 404; a known one may lack the kind): nothing to list.
      if (/ 404 |has no kind/.test(String(error))) return undefined;
      throw error;
    }
    const base = apiVersion.includes('/') ? `/apis/${apiVersion}` : `/api/${apiVersion}`;
    return `${base}/${resource.name}`;
  }

  /** Forgets what was discovered (after CRDs were installed). */
  forget(): void {
    this.groups.clear();
  }

  private async resource(apiVersion: string, kind: string): Promise<DiscoveredResource> {
    let listing = this.groups.get(apiVersion);
    if (!listing) {
      const path = apiVersion.includes('/') ? `/apis/${apiVersion}` : `/api/${apiVersion}`;
      listing = this.rest
        .json<{ resources: DiscoveredResource[] }>(path)
        .then((answer) => answer.resources.filter((resource) => !resource.name.includes('/')));
      this.groups.set(apiVersion, listing);
      listing.catch(() => this.groups.delete(apiVersion));
    }
    const found = (await listing).find((resource) => resource.kind === kind);
    if (!found) throw new Error(`${apiVersion} has no kind ${kind} on ${this.rest.server}`);
    return found;
  }
}
