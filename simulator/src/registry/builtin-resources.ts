/**
 * The built-in Kubernetes resources the simulator serves: the ones Istio's control plane and Meshwright's
 * discovery read (core v1, apps/v1 Deployments, admission webhooks, EndpointSlices). List keys follow the
 * Kubernetes API's `x-kubernetes-list-map-keys`, so server-side apply merges containers and ports the way
 * a real API server does.
 */
import { isRecord, type KubeObject } from '../model/kube-object';
import { BUILTIN_TABLES, DEFAULT_TABLE } from './builtin-tables';
import { type ResourceType } from './resource-type';

const POD_SPEC_LISTS: Readonly<Record<string, readonly string[]>> = {
  containers: ['name'],
  'containers[].ports': ['containerPort', 'protocol'],
  'containers[].env': ['name'],
  'containers[].volumeMounts': ['mountPath'],
  initContainers: ['name'],
  'initContainers[].ports': ['containerPort', 'protocol'],
  'initContainers[].env': ['name'],
  'initContainers[].volumeMounts': ['mountPath'],
  volumes: ['name'],
  imagePullSecrets: ['name'],
};

function under(
  prefix: string,
  lists: Readonly<Record<string, readonly string[]>>,
): Record<string, readonly string[]> {
  return Object.fromEntries(Object.entries(lists).map(([path, keys]) => [`${prefix}.${path}`, keys]));
}

function stringAt(object: KubeObject, path: string): string {
  let current: unknown = object;
  for (const part of path.split('.')) current = isRecord(current) ? current[part] : undefined;
  return current == null ? '' : String(current);
}

interface BuiltinDefinition {
  group: string;
  version: string;
  kind: string;
  plural: string;
  namespaced: boolean;
  shortNames?: string[];
  categories?: string[];
  statusSubresource?: boolean;
  associativeLists?: Record<string, readonly string[]>;
  fieldLabels?: string[];
}

const DEFINITIONS: readonly BuiltinDefinition[] = [
  {
    group: '',
    version: 'v1',
    kind: 'Namespace',
    plural: 'namespaces',
    namespaced: false,
    shortNames: ['ns'],
    statusSubresource: true,
    fieldLabels: ['status.phase'],
  },
  {
    group: '',
    version: 'v1',
    kind: 'Node',
    plural: 'nodes',
    namespaced: false,
    shortNames: ['no'],
    statusSubresource: true,
    fieldLabels: ['spec.unschedulable'],
  },
  {
    group: '',
    version: 'v1',
    kind: 'Service',
    plural: 'services',
    namespaced: true,
    shortNames: ['svc'],
    categories: ['all'],
    statusSubresource: true,
    associativeLists: { 'spec.ports': ['port', 'protocol'] },
    fieldLabels: ['spec.clusterIP', 'spec.type'],
  },
  { group: '', version: 'v1', kind: 'Endpoints', plural: 'endpoints', namespaced: true, shortNames: ['ep'] },
  {
    group: '',
    version: 'v1',
    kind: 'Pod',
    plural: 'pods',
    namespaced: true,
    shortNames: ['po'],
    categories: ['all'],
    statusSubresource: true,
    associativeLists: under('spec', POD_SPEC_LISTS),
    fieldLabels: [
      'spec.nodeName',
      'spec.restartPolicy',
      'spec.schedulerName',
      'spec.serviceAccountName',
      'status.phase',
      'status.podIP',
      'status.nominatedNodeName',
    ],
  },
  { group: '', version: 'v1', kind: 'Secret', plural: 'secrets', namespaced: true, fieldLabels: ['type'] },
  { group: '', version: 'v1', kind: 'ConfigMap', plural: 'configmaps', namespaced: true, shortNames: ['cm'] },
  {
    group: '',
    version: 'v1',
    kind: 'ServiceAccount',
    plural: 'serviceaccounts',
    namespaced: true,
    shortNames: ['sa'],
  },
  {
    group: 'apps',
    version: 'v1',
    kind: 'Deployment',
    plural: 'deployments',
    namespaced: true,
    shortNames: ['deploy'],
    categories: ['all'],
    statusSubresource: true,
    associativeLists: under('spec.template.spec', POD_SPEC_LISTS),
  },
  {
    group: 'admissionregistration.k8s.io',
    version: 'v1',
    kind: 'MutatingWebhookConfiguration',
    plural: 'mutatingwebhookconfigurations',
    namespaced: false,
    categories: ['api-extensions'],
    associativeLists: { webhooks: ['name'] },
  },
  {
    group: 'admissionregistration.k8s.io',
    version: 'v1',
    kind: 'ValidatingWebhookConfiguration',
    plural: 'validatingwebhookconfigurations',
    namespaced: false,
    categories: ['api-extensions'],
    associativeLists: { webhooks: ['name'] },
  },
  {
    group: 'discovery.k8s.io',
    version: 'v1',
    kind: 'EndpointSlice',
    plural: 'endpointslices',
    namespaced: true,
    fieldLabels: ['addressType'],
  },
];

export const BUILTIN_RESOURCES: readonly ResourceType[] = DEFINITIONS.map((definition) => ({
  group: definition.group,
  kind: definition.kind,
  listKind: `${definition.kind}List`,
  plural: definition.plural,
  singular: definition.kind.toLowerCase(),
  shortNames: definition.shortNames ?? [],
  categories: definition.categories ?? [],
  namespaced: definition.namespaced,
  versions: [definition.version],
  storageVersion: definition.version,
  statusSubresource: definition.statusSubresource ?? false,
  associativeLists: definition.associativeLists ?? {},
  setLists: [],
  fieldLabels: Object.fromEntries(
    (definition.fieldLabels ?? []).map((label) => [label, (object: KubeObject) => stringAt(object, label)]),
  ),
  table: BUILTIN_TABLES[definition.kind] ?? DEFAULT_TABLE,
  custom: false,
}));
