/**
 * Server-side Table columns for the built-in kinds, matching what a real API server sends so that
 * `kubectl get pods` looks like it does against a cluster (READY, STATUS, PORT(S), ...).
 */
import { isRecord, type KubeObject } from '../model/kube-object';
import { ageOf } from '../model/human-duration';
import { AGE_COLUMN, BUILTIN_COLUMNS } from './builtin-column-definitions';
import { type TableSpec } from './resource-type';

function field(object: unknown, path: string): unknown {
  let current = object;
  for (const part of path.split('.')) {
    if (!isRecord(current)) return undefined;
    current = current[part];
  }
  return current;
}

function records(value: unknown): Record<string, unknown>[] {
  return Array.isArray(value) ? value.filter(isRecord) : [];
}

function orNone(value: string): string {
  return value === '' ? '<none>' : value;
}

function selectorText(selector: unknown): string {
  if (!isRecord(selector)) return '<none>';
  return orNone(
    Object.entries(selector)
      .map(([key, value]) => `${key}=${String(value)}`)
      .join(','),
  );
}

function podStatus(pod: KubeObject): string {
  if (pod.metadata.deletionTimestamp) return 'Terminating';
  const reason = field(pod, 'status.reason');
  if (typeof reason === 'string' && reason) return reason;
  for (const status of records(field(pod, 'status.containerStatuses'))) {
    const waiting = field(status, 'state.waiting.reason');
    if (typeof waiting === 'string' && waiting) return waiting;
  }
  const phase = field(pod, 'status.phase');
  return typeof phase === 'string' ? phase : 'Pending';
}

function servicePorts(service: KubeObject): string {
  const ports = records(field(service, 'spec.ports')).map((port) => {
    const nodePort = port.nodePort ? `:${String(port.nodePort)}` : '';
    return `${String(port.port)}${nodePort}/${String(port.protocol ?? 'TCP')}`;
  });
  return orNone(ports.join(','));
}

function serviceExternalIp(service: KubeObject): string {
  const ingress = records(field(service, 'status.loadBalancer.ingress')).map((entry) =>
    String(entry.ip ?? entry.hostname ?? ''),
  );
  const external = Array.isArray(field(service, 'spec.externalIPs'))
    ? (field(service, 'spec.externalIPs') as unknown[]).map(String)
    : [];
  const addresses = [...ingress, ...external].filter(Boolean);
  if (addresses.length > 0) return addresses.join(',');
  return field(service, 'spec.type') === 'LoadBalancer' ? '<pending>' : '<none>';
}

function endpointsText(endpoints: KubeObject): string {
  const pairs: string[] = [];
  for (const subset of records(endpoints.subsets)) {
    for (const address of records(subset.addresses)) {
      const ports = records(subset.ports);
      if (ports.length === 0) pairs.push(String(address.ip));
      for (const port of ports) pairs.push(`${String(address.ip)}:${String(port.port)}`);
    }
  }
  if (pairs.length === 0) return '<none>';
  return pairs.length > 3 ? `${pairs.slice(0, 3).join(',')} + ${pairs.length - 3} more...` : pairs.join(',');
}

function nodeReady(node: KubeObject): string {
  const ready = records(field(node, 'status.conditions')).find((condition) => condition.type === 'Ready');
  const state = ready?.status === 'True' ? 'Ready' : ready?.status === 'False' ? 'NotReady' : 'Unknown';
  return node.spec && field(node, 'spec.unschedulable') === true ? `${state},SchedulingDisabled` : state;
}

function nodeRoles(node: KubeObject): string {
  const roles = Object.keys(node.metadata.labels ?? {})
    .filter((label) => label.startsWith('node-role.kubernetes.io/'))
    .map((label) => label.slice('node-role.kubernetes.io/'.length));
  return orNone(roles.join(','));
}

function nodeAddress(node: KubeObject, type: string): string {
  const address = records(field(node, 'status.addresses')).find((entry) => entry.type === type);
  return address ? String(address.address) : '<none>';
}

/** `2/3`: how many of the pod's readiness gates have a True condition; `<none>` without gates. */
function readinessGates(pod: KubeObject): string {
  const gates = records(field(pod, 'spec.readinessGates'));
  if (gates.length === 0) return '<none>';
  const conditions = records(field(pod, 'status.conditions'));
  const met = gates.filter((gate) =>
    conditions.some((condition) => condition.type === gate.conditionType && condition.status === 'True'),
  ).length;
  return `${met}/${gates.length}`;
}

function count(value: unknown): number {
  if (Array.isArray(value)) return value.length;
  return isRecord(value) ? Object.keys(value).length : 0;
}

function numberOr(value: unknown, fallback: number): number {
  return typeof value === 'number' ? value : fallback;
}

export const BUILTIN_TABLES: Readonly<Record<string, TableSpec>> = {
  Namespace: {
    columns: BUILTIN_COLUMNS.Namespace,
    cells: (ns, now) => [
      String(field(ns, 'status.phase') ?? 'Active'),
      ageOf(ns.metadata.creationTimestamp, now),
    ],
  },
  Node: {
    columns: BUILTIN_COLUMNS.Node,
    cells: (node, now) => [
      nodeReady(node),
      nodeRoles(node),
      ageOf(node.metadata.creationTimestamp, now),
      String(field(node, 'status.nodeInfo.kubeletVersion') ?? ''),
      nodeAddress(node, 'InternalIP'),
      nodeAddress(node, 'ExternalIP'),
      String(field(node, 'status.nodeInfo.osImage') ?? '<unknown>'),
      String(field(node, 'status.nodeInfo.kernelVersion') ?? '<unknown>'),
      String(field(node, 'status.nodeInfo.containerRuntimeVersion') ?? '<unknown>'),
    ],
  },
  Service: {
    columns: BUILTIN_COLUMNS.Service,
    cells: (service, now) => [
      String(field(service, 'spec.type') ?? 'ClusterIP'),
      String(field(service, 'spec.clusterIP') ?? '<none>'),
      serviceExternalIp(service),
      servicePorts(service),
      ageOf(service.metadata.creationTimestamp, now),
      selectorText(field(service, 'spec.selector')),
    ],
  },
  Endpoints: {
    columns: BUILTIN_COLUMNS.Endpoints,
    cells: (endpoints, now) => [endpointsText(endpoints), ageOf(endpoints.metadata.creationTimestamp, now)],
  },
  Pod: {
    columns: BUILTIN_COLUMNS.Pod,
    cells: (pod, now) => {
      const statuses = records(field(pod, 'status.containerStatuses'));
      // Like kubectl's printer: a container counts as ready only while it runs.
      const ready = statuses.filter(
        (status) => status.ready === true && isRecord(field(status, 'state.running')),
      ).length;
      const restarts = statuses.reduce((total, status) => total + numberOr(status.restartCount, 0), 0);
      return [
        `${ready}/${count(field(pod, 'spec.containers'))}`,
        podStatus(pod),
        String(restarts),
        ageOf(pod.metadata.creationTimestamp, now),
        String(field(pod, 'status.podIP') ?? '<none>'),
        String(field(pod, 'spec.nodeName') ?? '<none>'),
        String(field(pod, 'status.nominatedNodeName') ?? '<none>'),
        readinessGates(pod),
      ];
    },
  },
  Secret: {
    columns: BUILTIN_COLUMNS.Secret,
    cells: (secret, now) => [
      String(secret.type ?? 'Opaque'),
      count(secret.data) + count(secret.stringData),
      ageOf(secret.metadata.creationTimestamp, now),
    ],
  },
  ConfigMap: {
    columns: BUILTIN_COLUMNS.ConfigMap,
    cells: (map, now) => [
      count(map.data) + count(map.binaryData),
      ageOf(map.metadata.creationTimestamp, now),
    ],
  },
  ServiceAccount: {
    columns: BUILTIN_COLUMNS.ServiceAccount,
    cells: (account, now) => [ageOf(account.metadata.creationTimestamp, now)],
  },
  Deployment: {
    columns: BUILTIN_COLUMNS.Deployment,
    cells: (deployment, now) => {
      const containers = records(field(deployment, 'spec.template.spec.containers'));
      return [
        `${numberOr(field(deployment, 'status.readyReplicas'), 0)}/${numberOr(field(deployment, 'spec.replicas'), 1)}`,
        numberOr(field(deployment, 'status.updatedReplicas'), 0),
        numberOr(field(deployment, 'status.availableReplicas'), 0),
        ageOf(deployment.metadata.creationTimestamp, now),
        containers.map((container) => String(container.name)).join(','),
        containers.map((container) => String(container.image)).join(','),
        selectorText(field(deployment, 'spec.selector.matchLabels')),
      ];
    },
  },
  MutatingWebhookConfiguration: {
    columns: BUILTIN_COLUMNS.MutatingWebhookConfiguration,
    cells: (config, now) => [count(config.webhooks), ageOf(config.metadata.creationTimestamp, now)],
  },
  ValidatingWebhookConfiguration: {
    columns: BUILTIN_COLUMNS.ValidatingWebhookConfiguration,
    cells: (config, now) => [count(config.webhooks), ageOf(config.metadata.creationTimestamp, now)],
  },
  EndpointSlice: {
    columns: BUILTIN_COLUMNS.EndpointSlice,
    cells: (slice, now) => {
      const addresses = records(slice.endpoints).flatMap((endpoint) =>
        Array.isArray(endpoint.addresses) ? endpoint.addresses.map(String) : [],
      );
      const shown =
        addresses.length > 3
          ? `${addresses.slice(0, 3).join(',')} + ${addresses.length - 3} more...`
          : addresses.join(',');
      return [
        String(slice.addressType ?? ''),
        orNone(
          records(slice.ports)
            .map((port) => String(port.port))
            .join(','),
        ),
        orNone(shown),
        ageOf(slice.metadata.creationTimestamp, now),
      ];
    },
  },
};

/** Kinds without a dedicated printer get Name and Age, like the server's default table convertor. */
export const DEFAULT_TABLE: TableSpec = {
  columns: [AGE_COLUMN],
  cells: (object, now) => [ageOf(object.metadata.creationTimestamp, now)],
};
