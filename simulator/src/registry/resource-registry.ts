/**
 * The resources one simulated API server serves, looked up the ways requests and YAML state need:
 * by URL (group, version, plural), by object (apiVersion, kind), and grouped for discovery.
 */
import { splitApiVersion } from '../model/kube-object';
import { BUILTIN_RESOURCES } from './builtin-resources';
import { GATEWAY_API_RESOURCES } from './gateway-api-resources';
import { ISTIO_RESOURCES } from './istio-resources';
import { type ResourceType } from './resource-type';
import { compareKubeVersions } from './version-priority';

export interface ApiGroupInfo {
  name: string;
  /** Served versions, preferred first. */
  versions: string[];
}

export class ResourceRegistry {
  readonly resources: readonly ResourceType[];
  private readonly byPlural = new Map<string, ResourceType>();
  private readonly byKind = new Map<string, ResourceType>();

  constructor(
    resources: readonly ResourceType[] = [...BUILTIN_RESOURCES, ...ISTIO_RESOURCES, ...GATEWAY_API_RESOURCES],
  ) {
    this.resources = resources;
    for (const resource of resources) {
      this.byPlural.set(`${resource.group}/${resource.plural}`, resource);
      this.byKind.set(`${resource.group}/${resource.kind}`, resource);
    }
  }

  /** The resource served at `/apis/<group>/<version>/<plural>`, if that version is served. */
  forPath(group: string, version: string, plural: string): ResourceType | undefined {
    const resource = this.byPlural.get(`${group}/${plural}`);
    return resource?.versions.includes(version) ? resource : undefined;
  }

  /** The resource of an object with this apiVersion and kind, if that version is served. */
  forObject(apiVersion: string, kind: string): ResourceType | undefined {
    const { group, version } = splitApiVersion(apiVersion);
    const resource = this.byKind.get(`${group}/${kind}`);
    return resource?.versions.includes(version) ? resource : undefined;
  }

  /** Known kind in a group, whatever the version (for "version not served" messages). */
  forGroupKind(group: string, kind: string): ResourceType | undefined {
    return this.byKind.get(`${group}/${kind}`);
  }

  /** Resources served in one group version (a discovery resource list). */
  inGroupVersion(group: string, version: string): ResourceType[] {
    return this.resources.filter(
      (resource) => resource.group === group && resource.versions.includes(version),
    );
  }

  /** API groups other than core, with their versions in preference order. */
  groups(): ApiGroupInfo[] {
    const versionsByGroup = new Map<string, Set<string>>();
    const customGroups = new Set<string>();
    for (const resource of this.resources) {
      if (resource.group === '') continue;
      const versions = versionsByGroup.get(resource.group) ?? new Set<string>();
      resource.versions.forEach((version) => versions.add(version));
      versionsByGroup.set(resource.group, versions);
      if (resource.custom) customGroups.add(resource.group);
    }
    // CRD groups come after the built-in ones, as on a real server (their APIServices rank lowest).
    const order = (group: string): number => (customGroups.has(group) ? 1 : 0);
    return [...versionsByGroup]
      .map(([name, versions]) => ({ name, versions: [...versions].sort(compareKubeVersions) }))
      .sort((a, b) => order(a.name) - order(b.name) || a.name.localeCompare(b.name));
  }

  group(name: string): ApiGroupInfo | undefined {
    return this.groups().find((group) => group.name === name);
  }
}
