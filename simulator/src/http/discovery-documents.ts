/**
 * Discovery documents: the legacy ones (`/api`, `/apis`, `/apis/<group>/<version>` resource lists) and
 * aggregated discovery (`apidiscovery.k8s.io/v2`), which kubectl 1.30+ asks for first. Both describe the
 * same registry, so `kubectl get dr` and `kubectl api-resources` work either way.
 */
import { apiVersionOf } from '../model/kube-object';
import { type ResourceRegistry } from '../registry/resource-registry';
import { type ResourceType } from '../registry/resource-type';

const VERBS = ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'];
const STATUS_VERBS = ['get', 'patch', 'update'];

function groupVersion(group: string, version: string): { groupVersion: string; version: string } {
  return { groupVersion: apiVersionOf(group, version), version };
}

export function legacyRootDocument(serverAddress: string): object {
  return {
    kind: 'APIVersions',
    versions: ['v1'],
    serverAddressByClientCIDRs: [{ clientCIDR: '0.0.0.0/0', serverAddress }],
  };
}

function apiGroupDocument(name: string, versions: string[]): object {
  return {
    name,
    versions: versions.map((version) => groupVersion(name, version)),
    preferredVersion: groupVersion(name, versions[0] ?? 'v1'),
  };
}

export function groupListDocument(registry: ResourceRegistry): object {
  return {
    kind: 'APIGroupList',
    apiVersion: 'v1',
    groups: registry.groups().map((group) => apiGroupDocument(group.name, group.versions)),
  };
}

export function groupDocument(registry: ResourceRegistry, name: string): object | undefined {
  const group = registry.group(name);
  return group && { kind: 'APIGroup', apiVersion: 'v1', ...apiGroupDocument(group.name, group.versions) };
}

export function resourceListDocument(
  registry: ResourceRegistry,
  group: string,
  version: string,
): object | undefined {
  const resources = registry.inGroupVersion(group, version);
  if (resources.length === 0) return undefined;
  return {
    kind: 'APIResourceList',
    apiVersion: 'v1',
    groupVersion: apiVersionOf(group, version),
    resources: resources.flatMap((resource) => [
      {
        name: resource.plural,
        singularName: resource.singular,
        namespaced: resource.namespaced,
        kind: resource.kind,
        verbs: VERBS,
        ...(resource.shortNames.length ? { shortNames: resource.shortNames } : {}),
        ...(resource.categories.length ? { categories: resource.categories } : {}),
      },
      ...(resource.statusSubresource
        ? [
            {
              name: `${resource.plural}/status`,
              singularName: '',
              namespaced: resource.namespaced,
              kind: resource.kind,
              verbs: STATUS_VERBS,
            },
          ]
        : []),
    ]),
  };
}

function discoveryResource(resource: ResourceType, version: string): object {
  const responseKind = { group: resource.group, version, kind: resource.kind };
  return {
    resource: resource.plural,
    responseKind,
    scope: resource.namespaced ? 'Namespaced' : 'Cluster',
    singularResource: resource.singular,
    verbs: VERBS,
    ...(resource.shortNames.length ? { shortNames: resource.shortNames } : {}),
    ...(resource.categories.length ? { categories: resource.categories } : {}),
    ...(resource.statusSubresource
      ? { subresources: [{ subresource: 'status', responseKind, verbs: STATUS_VERBS }] }
      : {}),
  };
}

/** `APIGroupDiscoveryList` for `/api` (core) or `/apis` (every other group). */
export function aggregatedDiscoveryDocument(
  registry: ResourceRegistry,
  core: boolean,
  apiVersion: 'v2' | 'v2beta1',
): object {
  const groups = core ? [{ name: '', versions: ['v1'] }] : registry.groups();
  return {
    kind: 'APIGroupDiscoveryList',
    apiVersion: `apidiscovery.k8s.io/${apiVersion}`,
    metadata: {},
    items: groups.map((group) => ({
      metadata: { ...(group.name ? { name: group.name } : {}), creationTimestamp: null },
      versions: group.versions.map((version) => ({
        version,
        resources: registry
          .inGroupVersion(group.name, version)
          .map((resource) => discoveryResource(resource, version)),
        freshness: 'Current',
      })),
    })),
  };
}

export function versionDocument(gitVersion: string): object {
  const match = /^v(\d+)\.(\d+)/.exec(gitVersion);
  return {
    major: match?.[1] ?? '1',
    minor: match?.[2] ?? '32',
    gitVersion,
    gitCommit: '0000000000000000000000000000000000000000',
    gitTreeState: 'clean',
    buildDate: '2025-01-01T00:00:00Z',
    goVersion: 'go1.23.6',
    compiler: 'gc',
    platform: 'linux/amd64',
  };
}
