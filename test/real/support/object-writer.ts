/**
 * Creates, changes and deletes objects of a real cluster as its admin, for tests that watch discovery
 * follow them: server-side apply (seed.ts) and DELETE, with the paths found by discovery of the API.
 */
import { type KubeRest } from './kube-rest';
import { type KubeManifest } from './rbac';
import { ResourcePaths } from './resource-paths';
import { applyObject } from './seed';

export class ObjectWriter {
  private readonly paths: ResourcePaths;

  constructor(private readonly rest: KubeRest) {
    this.paths = new ResourcePaths(rest);
  }

  /** Creates or updates the object (server-side apply; `status` through the status subresource). */
  apply(object: KubeManifest): Promise<void> {
    return applyObject(this.rest, this.paths, object);
  }

  /** Deletes the object at once (no grace period); an object already gone is fine. */
  async remove(object: KubeManifest): Promise<void> {
    const target = await this.paths.object(object);
    const answer = await this.rest.request(`${target}?gracePeriodSeconds=0`, { method: 'DELETE' });
    if (answer.status !== 200 && answer.status !== 202 && answer.status !== 404)
      throw new Error(`DELETE ${target}: ${answer.status} ${answer.body.slice(0, 300)}`);
  }
}
