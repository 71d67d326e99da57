/**
 * The endpoints controller of a real cluster, in miniature: every Service with a selector gets an
 * Endpoints object listing the IPs of the pods it selects (ready ones under `addresses`, others under
 * `notReadyAddresses`), kept up to date as pods and services change. Services without a selector keep
 * whatever Endpoints the state or a client wrote.
 */
import { deepEqual, isRecord, kubeTimestamp, type KubeObject } from '../model/kube-object';
import { type ResourceRegistry } from '../registry/resource-registry';
import { type ResourceType } from '../registry/resource-type';
import { creatorEntry, managedFieldsAfterUpdate } from '../apply/managed-fields';
import { matchesSelectorMap } from '../selectors/label-selector';
import { prepareForCreate, prepareForUpdate } from './object-lifecycle';
import { type ObjectStore, type StoreEvent } from './object-store';

const MANAGER = 'kube-controller-manager';

function records(value: unknown): Record<string, unknown>[] {
  return Array.isArray(value) ? value.filter(isRecord) : [];
}

function selectorOf(service: KubeObject): Record<string, unknown> | undefined {
  const selector = isRecord(service.spec) ? service.spec.selector : undefined;
  return isRecord(selector) && Object.keys(selector).length > 0 ? selector : undefined;
}

function podReady(pod: KubeObject): boolean {
  if (!isRecord(pod.status) || pod.status.phase !== 'Running' || pod.metadata.deletionTimestamp) return false;
  const ready = records(pod.status.conditions).find((condition) => condition.type === 'Ready');
  return ready === undefined || ready.status === 'True';
}

/** A service port's target on one pod: a number, or a named container port looked up in the pod. */
function targetPort(servicePort: Record<string, unknown>, pod: KubeObject): number | undefined {
  const target = servicePort.targetPort ?? servicePort.port;
  if (typeof target === 'number') return target;
  if (typeof target === 'string' && /^\d+$/.test(target)) return Number(target);
  const containers = isRecord(pod.spec) ? records(pod.spec.containers) : [];
  const named = containers
    .flatMap((container) => records(container.ports))
    .find((port) => port.name === target);
  return typeof named?.containerPort === 'number' ? named.containerPort : undefined;
}

function subsetsFor(service: KubeObject, pods: readonly KubeObject[]): unknown[] {
  const servicePorts = isRecord(service.spec) ? records(service.spec.ports) : [];
  const subsets = new Map<string, { addresses: unknown[]; notReadyAddresses: unknown[]; ports: unknown[] }>();
  for (const pod of pods) {
    const ip = isRecord(pod.status) ? pod.status.podIP : undefined;
    if (typeof ip !== 'string' || ip === '') continue;
    const ports = servicePorts
      .map((port) => ({
        ...(port.name ? { name: port.name } : {}),
        port: targetPort(port, pod),
        protocol: port.protocol ?? 'TCP',
      }))
      .filter((port) => port.port !== undefined);
    const signature = JSON.stringify(ports);
    const subset = subsets.get(signature) ?? { addresses: [], notReadyAddresses: [], ports };
    const address = {
      ip,
      ...(isRecord(pod.spec) && typeof pod.spec.nodeName === 'string' ? { nodeName: pod.spec.nodeName } : {}),
      targetRef: {
        kind: 'Pod',
        namespace: pod.metadata.namespace,
        name: pod.metadata.name,
        uid: pod.metadata.uid,
      },
    };
    (podReady(pod) ? subset.addresses : subset.notReadyAddresses).push(address);
    subsets.set(signature, subset);
  }
  return [...subsets.values()].map((subset) => ({
    ...(subset.addresses.length ? { addresses: subset.addresses } : {}),
    ...(subset.notReadyAddresses.length ? { notReadyAddresses: subset.notReadyAddresses } : {}),
    ports: subset.ports,
  }));
}

export class EndpointsController {
  private readonly pods: ResourceType;
  private readonly services: ResourceType;
  private readonly endpoints: ResourceType;

  constructor(
    private readonly store: ObjectStore,
    registry: ResourceRegistry,
  ) {
    const find = (plural: string): ResourceType => {
      const resource = registry.forPath('', 'v1', plural);
      if (!resource) throw new Error(`the registry has no core/v1 ${plural}`);
      return resource;
    };
    this.pods = find('pods');
    this.services = find('services');
    this.endpoints = find('endpoints');
  }

  /** Computes the Endpoints of the seeded state (as seed objects, without events), then follows changes. */
  start(): () => void {
    const podsByNamespace = new Map<string, KubeObject[]>();
    for (const pod of this.store.list(this.pods)) {
      const namespace = pod.metadata.namespace ?? '';
      podsByNamespace.set(namespace, [...(podsByNamespace.get(namespace) ?? []), pod]);
    }
    for (const service of this.store.list(this.services)) {
      const selector = selectorOf(service);
      if (!selector) continue;
      const pods = (podsByNamespace.get(service.metadata.namespace ?? '') ?? []).filter((pod) =>
        matchesSelectorMap(selector, pod.metadata.labels),
      );
      const endpoints = this.endpointsObject(service, pods, null);
      if (endpoints) this.store.seed(this.endpoints, endpoints);
    }
    return this.store.subscribe((event) => this.onEvent(event));
  }

  private onEvent(event: StoreEvent): void {
    if (event.resource === this.services) {
      if (event.type === 'DELETED')
        this.store.remove(this.endpoints, event.object.metadata.namespace, event.object.metadata.name);
      else this.sync(event.object);
    } else if (event.resource === this.pods) {
      const namespace = event.object.metadata.namespace;
      for (const service of this.store.list(this.services, namespace)) {
        const selector = selectorOf(service);
        if (!selector) continue;
        const touched = [event.object, event.previous].some(
          (pod) => pod && matchesSelectorMap(selector, pod.metadata.labels),
        );
        if (touched) this.sync(service);
      }
    }
  }

  private sync(service: KubeObject): void {
    const selector = selectorOf(service);
    if (!selector) return;
    const pods = this.store
      .list(this.pods, service.metadata.namespace)
      .filter((pod) => matchesSelectorMap(selector, pod.metadata.labels));
    const live = this.store.get(this.endpoints, service.metadata.namespace, service.metadata.name) ?? null;
    const endpoints = this.endpointsObject(service, pods, live);
    if (!endpoints) return;
    if (live) this.store.replace(this.endpoints, endpoints);
    else this.store.create(this.endpoints, endpoints);
  }

  /** The Endpoints to store, or undefined when the live one is already right. */
  private endpointsObject(
    service: KubeObject,
    pods: readonly KubeObject[],
    live: KubeObject | null,
  ): KubeObject | undefined {
    const subsets = subsetsFor(service, pods);
    if (live && deepEqual(live.subsets ?? [], subsets)) return undefined;
    const desired: KubeObject = {
      apiVersion: 'v1',
      kind: 'Endpoints',
      metadata: {
        name: service.metadata.name,
        namespace: service.metadata.namespace,
        ...(service.metadata.labels ? { labels: service.metadata.labels } : {}),
      },
      ...(subsets.length ? { subsets } : {}),
    };
    const now = new Date();
    const prepared = live
      ? prepareForUpdate(this.endpoints, live, desired)
      : prepareForCreate(this.endpoints, desired, now);
    const write = {
      updated: prepared,
      resource: this.endpoints,
      manager: MANAGER,
      apiVersion: 'v1',
      time: kubeTimestamp(now),
    };
    prepared.metadata.managedFields = live
      ? managedFieldsAfterUpdate({ ...write, live })
      : [creatorEntry(write)];
    return prepared;
  }
}
