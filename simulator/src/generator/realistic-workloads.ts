/**
 * Application workloads of a generated mesh as a real cluster serves them: a Deployment applied with
 * kubectl, its pods created by the ReplicaSet controller and injected by istiod (istio-init, the
 * istio-proxy container with its environment, probes and volumes), their status written by the kubelet,
 * and a Service. Each carries what real objects carry and analysis never reads (managedFields, statuses,
 * volumes, env, probes, owner references, the last-applied annotation), so that a generated mesh is sized
 * like a real one: a pod is 7-8 KB of JSON, as on clusters running Istio 1.24.
 */
import { type KubeObject, type ManagedFieldsEntry } from '../model/kube-object';
import { managedFieldsEntry } from './managed-fields-of';

const PROXY_IMAGE = 'docker.io/istio/proxyv2:1.24.2';
const CREATED = '2026-11-02T09:14:27Z';
const STARTED = '2026-11-02T09:14:31Z';

export interface Workload {
  namespace: string;
  /** The Deployment's name: `svc-0001-v1`. */
  name: string;
  /** `app` and `version`. */
  labels: Record<string, string>;
  image: string;
  port: number;
  replicas: number;
  cluster: string;
  network: string;
  meshId: string;
}

/** A deterministic uid (a UUID's shape) for `seed`: owner references must name their owner's uid. */
export function uidFor(seed: string): string {
  let hash = 0x811c9dc5;
  const words: string[] = [];
  for (let round = 0; round < 4; round += 1) {
    for (let index = 0; index < seed.length; index += 1) {
      hash ^= seed.charCodeAt(index) + round;
      hash = Math.imul(hash, 0x01000193) >>> 0;
    }
    words.push(hash.toString(16).padStart(8, '0'));
  }
  const hex = words.join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** The ten-character hash a Deployment's ReplicaSet and pods are named with. */
function templateHash(workload: Workload): string {
  const alphabet = 'bcdfghjklmnpqrstvwxz2456789';
  let hash = Number.parseInt(
    uidFor(`${workload.cluster}/${workload.namespace}/${workload.name}`).slice(0, 8),
    16,
  );
  let text = '';
  for (let index = 0; index < 10; index += 1) {
    text += alphabet[hash % alphabet.length];
    hash = Math.floor(hash / alphabet.length) + index * 7919;
  }
  return text;
}

const APP_ENV = [
  { name: 'LOG_LEVEL', value: 'info' },
  { name: 'POD_NAME', valueFrom: { fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.name' } } },
];
const APP_RESOURCES = {
  limits: { cpu: '500m', memory: '512Mi' },
  requests: { cpu: '100m', memory: '128Mi' },
};
const APP_SECURITY_CONTEXT = { allowPrivilegeEscalation: false, runAsNonRoot: true, runAsUser: 10001 };
const APP_VOLUME_MOUNTS = [
  { name: 'kube-api-access', mountPath: '/var/run/secrets/kubernetes.io/serviceaccount', readOnly: true },
];

function appContainer(workload: Workload): Record<string, unknown> {
  const app = workload.labels.app ?? workload.name;
  return {
    name: app,
    image: workload.image,
    imagePullPolicy: 'IfNotPresent',
    ports: [{ name: 'http', containerPort: workload.port, protocol: 'TCP' }],
    env: APP_ENV,
    resources: APP_RESOURCES,
    readinessProbe: {
      httpGet: { path: '/readyz', port: workload.port, scheme: 'HTTP' },
      periodSeconds: 5,
      timeoutSeconds: 1,
      successThreshold: 1,
      failureThreshold: 3,
    },
    securityContext: APP_SECURITY_CONTEXT,
    terminationMessagePath: '/dev/termination-log',
    terminationMessagePolicy: 'File',
    volumeMounts: APP_VOLUME_MOUNTS,
  };
}

const fieldRef = (fieldPath: string): Record<string, unknown> => ({
  valueFrom: { fieldRef: { apiVersion: 'v1', fieldPath } },
});

/** The sidecar's members every workload has alike (its environment apart). */
const PROXY_CONTAINER = {
  name: 'istio-proxy',
  image: PROXY_IMAGE,
  args: [
    'proxy',
    'sidecar',
    '--domain',
    '$(POD_NAMESPACE).svc.cluster.local',
    '--proxyLogLevel=warning',
    '--proxyComponentLogLevel=misc:error',
    '--log_output_level=default:info',
  ],
  imagePullPolicy: 'IfNotPresent',
  ports: [{ name: 'http-envoy-prom', containerPort: 15090, protocol: 'TCP' }],
  readinessProbe: {
    httpGet: { path: '/healthz/ready', port: 15021, scheme: 'HTTP' },
    periodSeconds: 15,
    timeoutSeconds: 3,
    successThreshold: 1,
    failureThreshold: 4,
  },
  resources: { limits: { cpu: '2', memory: '1Gi' }, requests: { cpu: '100m', memory: '128Mi' } },
  securityContext: {
    allowPrivilegeEscalation: false,
    capabilities: { drop: ['ALL'] },
    privileged: false,
    readOnlyRootFilesystem: true,
    runAsGroup: 1337,
    runAsNonRoot: true,
    runAsUser: 1337,
  },
  terminationMessagePath: '/dev/termination-log',
  terminationMessagePolicy: 'File',
  volumeMounts: [
    { name: 'istiod-ca-cert', mountPath: '/var/run/secrets/istio' },
    { name: 'istio-data', mountPath: '/var/lib/istio/data' },
    { name: 'istio-envoy', mountPath: '/etc/istio/proxy' },
    { name: 'istio-token', mountPath: '/var/run/secrets/tokens' },
    { name: 'istio-podinfo', mountPath: '/etc/istio/pod' },
    { name: 'kube-api-access', mountPath: '/var/run/secrets/kubernetes.io/serviceaccount', readOnly: true },
  ],
};
const PROXY_ENV_FIRST = [
  { name: 'PILOT_CERT_PROVIDER', value: 'istiod' },
  { name: 'CA_ADDR', value: 'istiod.istio-system.svc:15012' },
  { name: 'POD_NAME', ...fieldRef('metadata.name') },
  { name: 'POD_NAMESPACE', ...fieldRef('metadata.namespace') },
  { name: 'INSTANCE_IP', ...fieldRef('status.podIP') },
  { name: 'SERVICE_ACCOUNT', ...fieldRef('spec.serviceAccountName') },
];
const NODE_NAME_ENV = { name: 'ISTIO_META_NODE_NAME', ...fieldRef('spec.nodeName') };
const TRUST_DOMAIN_ENV = { name: 'TRUST_DOMAIN', value: 'cluster.local' };

/** The sidecar istiod injects: its environment alone is a kilobyte. */
function proxyContainer(workload: Workload, podPorts: string): Record<string, unknown> {
  const { name, image, args, ...rest } = PROXY_CONTAINER;
  return {
    name,
    image,
    args,
    env: [
      ...PROXY_ENV_FIRST,
      { name: 'ISTIO_META_POD_PORTS', value: podPorts },
      { name: 'ISTIO_META_CLUSTER_ID', value: workload.cluster },
      NODE_NAME_ENV,
      { name: 'ISTIO_META_WORKLOAD_NAME', value: workload.name },
      {
        name: 'ISTIO_META_OWNER',
        value: `kubernetes://apis/apps/v1/namespaces/${workload.namespace}/deployments/${workload.name}`,
      },
      { name: 'ISTIO_META_MESH_ID', value: workload.meshId },
      TRUST_DOMAIN_ENV,
      { name: 'ISTIO_META_NETWORK', value: workload.network },
    ],
    ...rest,
  };
}

function initContainerOf(): Record<string, unknown> {
  return {
    name: 'istio-init',
    image: PROXY_IMAGE,
    args: [
      'istio-iptables',
      '-p',
      '15001',
      '-z',
      '15006',
      '-u',
      '1337',
      '-m',
      'REDIRECT',
      '-i',
      '*',
      '-x',
      '',
      '-b',
      '*',
      '-d',
      '15090,15021,15020',
      '--log_output_level=default:info',
    ],
    imagePullPolicy: 'IfNotPresent',
    resources: { limits: { cpu: '2', memory: '1Gi' }, requests: { cpu: '100m', memory: '128Mi' } },
    securityContext: {
      allowPrivilegeEscalation: false,
      capabilities: { add: ['NET_ADMIN', 'NET_RAW'], drop: ['ALL'] },
      privileged: false,
      readOnlyRootFilesystem: false,
      runAsGroup: 0,
      runAsNonRoot: false,
      runAsUser: 0,
    },
    terminationMessagePath: '/dev/termination-log',
    terminationMessagePolicy: 'File',
  };
}

function volumesOf(): Record<string, unknown>[] {
  return [
    { name: 'istio-envoy', emptyDir: { medium: 'Memory' } },
    { name: 'istio-data', emptyDir: {} },
    {
      name: 'istio-podinfo',
      downwardAPI: {
        defaultMode: 420,
        items: [
          { path: 'labels', fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.labels' } },
          { path: 'annotations', fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.annotations' } },
        ],
      },
    },
    {
      name: 'istio-token',
      projected: {
        defaultMode: 420,
        sources: [
          { serviceAccountToken: { audience: 'istio-ca', expirationSeconds: 43200, path: 'istio-token' } },
        ],
      },
    },
    { name: 'istiod-ca-cert', configMap: { defaultMode: 420, name: 'istio-ca-root-cert' } },
    {
      name: 'kube-api-access',
      projected: {
        defaultMode: 420,
        sources: [
          { serviceAccountToken: { expirationSeconds: 3607, path: 'token' } },
          { configMap: { name: 'kube-root-ca.crt', items: [{ key: 'ca.crt', path: 'ca.crt' }] } },
          {
            downwardAPI: {
              items: [{ path: 'namespace', fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.namespace' } }],
            },
          },
        ],
      },
    },
  ];
}

function sidecarStatusOf(): string {
  return JSON.stringify({
    initContainers: ['istio-init'],
    containers: ['istio-proxy'],
    volumes: ['istio-envoy', 'istio-data', 'istio-podinfo', 'istio-token', 'istiod-ca-cert'],
    imagePullSecrets: null,
    revision: 'default',
  });
}

/*
 * What every pod holds alike is built once and shared by all of them (and their managedFields, see
 * managed-fields-of.ts): a mesh of 50,000 pods built member by member did not fit in the simulator's heap.
 * Stored objects are never modified in place (a write stores a new object), so sharing is safe.
 */
const INIT_CONTAINER = initContainerOf();
const VOLUMES = volumesOf();
const SIDECAR_STATUS = sidecarStatusOf();
const TOLERATIONS = [
  { effect: 'NoExecute', key: 'node.kubernetes.io/not-ready', operator: 'Exists', tolerationSeconds: 300 },
  { effect: 'NoExecute', key: 'node.kubernetes.io/unreachable', operator: 'Exists', tolerationSeconds: 300 },
];
const POD_CONDITIONS = [
  'PodReadyToStartContainers',
  'Initialized',
  'Ready',
  'ContainersReady',
  'PodScheduled',
].map((type) => ({ type, status: 'True', lastProbeTime: null, lastTransitionTime: STARTED }));

/** The pod template after injection, as the ReplicaSet holds it (defaults filled in by the API server). */
function podTemplateSpec(workload: Workload): Record<string, unknown> {
  const podPorts = JSON.stringify([{ name: 'http', containerPort: workload.port, protocol: 'TCP' }]);
  return {
    initContainers: [INIT_CONTAINER],
    containers: [appContainer(workload), proxyContainer(workload, podPorts)],
    dnsPolicy: 'ClusterFirst',
    enableServiceLinks: true,
    preemptionPolicy: 'PreemptLowerPriority',
    priority: 0,
    restartPolicy: 'Always',
    schedulerName: 'default-scheduler',
    securityContext: { fsGroup: 1337 },
    serviceAccount: workload.labels.app ?? workload.name,
    serviceAccountName: workload.labels.app ?? workload.name,
    terminationGracePeriodSeconds: 30,
    tolerations: TOLERATIONS,
    volumes: VOLUMES,
  };
}

/** The Deployment as `kubectl apply` left it, with the controller's status. */
export function realisticDeployment(workload: Workload): KubeObject {
  const app = workload.labels.app ?? workload.name;
  const metadata = { name: workload.name, namespace: workload.namespace, labels: workload.labels };
  const spec = {
    replicas: workload.replicas,
    selector: { matchLabels: workload.labels },
    template: {
      metadata: {
        labels: { ...workload.labels, 'sidecar.istio.io/inject': 'true' },
        annotations: { 'kubectl.kubernetes.io/default-container': app, 'prometheus.io/scrape': 'true' },
      },
      spec: {
        containers: [appContainer(workload)],
        serviceAccountName: app,
        securityContext: { fsGroup: 1337 },
      },
    },
  };
  const applied = { apiVersion: 'apps/v1', kind: 'Deployment', metadata, spec };
  const status = {
    availableReplicas: workload.replicas,
    conditions: [
      {
        type: 'Available',
        status: 'True',
        lastTransitionTime: STARTED,
        lastUpdateTime: STARTED,
        message: 'Deployment has minimum availability.',
        reason: 'MinimumReplicasAvailable',
      },
      {
        type: 'Progressing',
        status: 'True',
        lastTransitionTime: CREATED,
        lastUpdateTime: STARTED,
        message: `ReplicaSet "${workload.name}-${templateHash(workload)}" has successfully progressed.`,
        reason: 'NewReplicaSetAvailable',
      },
    ],
    observedGeneration: 1,
    readyReplicas: workload.replicas,
    replicas: workload.replicas,
    updatedReplicas: workload.replicas,
  };
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: {
      ...metadata,
      annotations: {
        'deployment.kubernetes.io/revision': '1',
        'kubectl.kubernetes.io/last-applied-configuration': `${JSON.stringify(applied)}\n`,
      },
      managedFields: [
        managedFieldsEntry('kubectl-client-side-apply', 'apps/v1', CREATED, {
          metadata: {
            annotations: { 'kubectl.kubernetes.io/last-applied-configuration': '' },
            labels: workload.labels,
          },
          spec: { ...spec, progressDeadlineSeconds: 600, revisionHistoryLimit: 10, strategy: {} },
        }),
        managedFieldsEntry(
          'kube-controller-manager',
          'apps/v1',
          STARTED,
          { metadata: { annotations: { 'deployment.kubernetes.io/revision': '' } }, status },
          { subresource: 'status' },
        ),
      ],
    },
    spec: {
      ...spec,
      progressDeadlineSeconds: 600,
      revisionHistoryLimit: 10,
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%', maxUnavailable: '25%' } },
    },
    status,
  };
}

/** What the replicas of a workload share: the ReplicaSet's template, owner, labels and creator's fields. */
interface ReplicaSetParts {
  readonly replicaSet: string;
  readonly spec: Record<string, unknown>;
  readonly labels: Record<string, string>;
  readonly annotations: Record<string, string>;
  readonly ownerReferences: Record<string, unknown>[];
  readonly creatorFields: ManagedFieldsEntry;
}

const replicaSetParts = new WeakMap<Workload, ReplicaSetParts>();

function partsOf(workload: Workload): ReplicaSetParts {
  const known = replicaSetParts.get(workload);
  if (known) return known;
  const app = workload.labels.app ?? workload.name;
  const hash = templateHash(workload);
  const replicaSet = `${workload.name}-${hash}`;
  const labels = {
    ...workload.labels,
    'pod-template-hash': hash,
    'security.istio.io/tlsMode': 'istio',
    'service.istio.io/canonical-name': app,
    'service.istio.io/canonical-revision': workload.labels.version ?? 'latest',
    'sidecar.istio.io/inject': 'true',
    'topology.istio.io/network': workload.network,
  };
  const annotations = {
    'istio.io/rev': 'default',
    'kubectl.kubernetes.io/default-container': app,
    'kubectl.kubernetes.io/default-logs-container': app,
    'prometheus.io/path': '/stats/prometheus',
    'prometheus.io/port': '15020',
    'prometheus.io/scrape': 'true',
    'sidecar.istio.io/status': SIDECAR_STATUS,
  };
  const ownerReferences = [
    {
      apiVersion: 'apps/v1',
      kind: 'ReplicaSet',
      name: replicaSet,
      uid: uidFor(`${workload.cluster}/${workload.namespace}/${replicaSet}`),
      controller: true,
      blockOwnerDeletion: true,
    },
  ];
  const spec = podTemplateSpec(workload);
  const parts: ReplicaSetParts = {
    replicaSet,
    spec,
    labels,
    annotations,
    ownerReferences,
    creatorFields: managedFieldsEntry('kube-controller-manager', 'v1', CREATED, {
      metadata: { generateName: `${replicaSet}-`, labels, annotations, ownerReferences },
      spec,
    }),
  };
  replicaSetParts.set(workload, parts);
  return parts;
}

/** `containerd://` and 64 hex digits, distinct per pod and container. */
function containerId(seed: string): string {
  return `containerd://${uidFor(seed).replace(/-/g, '')}${uidFor(`${seed}#`).replace(/-/g, '')}`;
}

function imageId(image: string): string {
  return `${image.split(':')[0]}@sha256:${uidFor(image).replace(/-/g, '')}${uidFor(`${image}#`).replace(/-/g, '')}`;
}

/** A pod of the workload: created by its ReplicaSet, injected, scheduled on `nodeName` and running. */
export function realisticPod(
  workload: Workload,
  replica: number,
  nodeName: string,
  podIp: string,
  hostIp: string,
): KubeObject {
  const app = workload.labels.app ?? workload.name;
  const parts = partsOf(workload);
  const name = `${parts.replicaSet}-${uidFor(`${parts.replicaSet}/${replica}`).slice(0, 5)}`;
  const running = (container: string, image: string): Record<string, unknown> => ({
    name: container,
    image,
    imageID: imageId(image),
    containerID: containerId(`${workload.cluster}/${name}/${container}`),
    lastState: {},
    ready: true,
    restartCount: 0,
    started: true,
    state: { running: { startedAt: STARTED } },
  });
  const status = {
    phase: 'Running',
    conditions: POD_CONDITIONS,
    hostIP: hostIp,
    hostIPs: [{ ip: hostIp }],
    podIP: podIp,
    podIPs: [{ ip: podIp }],
    qosClass: 'Burstable',
    startTime: CREATED,
    initContainerStatuses: [
      {
        ...running('istio-init', PROXY_IMAGE),
        started: false,
        state: {
          terminated: {
            containerID: containerId(`${workload.cluster}/${name}/istio-init`),
            exitCode: 0,
            finishedAt: STARTED,
            reason: 'Completed',
            startedAt: STARTED,
          },
        },
      },
    ],
    containerStatuses: [running(app, workload.image), running('istio-proxy', PROXY_IMAGE)],
  };
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name,
      generateName: `${parts.replicaSet}-`,
      namespace: workload.namespace,
      labels: parts.labels,
      annotations: parts.annotations,
      ownerReferences: parts.ownerReferences,
      creationTimestamp: CREATED,
      uid: uidFor(`${workload.cluster}/${workload.namespace}/${name}`),
      managedFields: [
        parts.creatorFields,
        managedFieldsEntry('kubelet', 'v1', STARTED, { status }, { subresource: 'status' }),
      ],
    },
    spec: { ...parts.spec, nodeName },
    status,
  };
}

/** A ClusterIP Service as `kubectl apply` left it (defaults filled in by the API server). */
export function realisticService(
  namespaceName: string,
  name: string,
  clusterIp: string,
  port: number,
): KubeObject {
  const metadata = {
    name,
    namespace: namespaceName,
    labels: { app: name, service: name },
  };
  const spec = {
    ports: [{ name: 'http', port, targetPort: port, protocol: 'TCP' }],
    selector: { app: name },
  };
  const applied = { apiVersion: 'v1', kind: 'Service', metadata, spec };
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: {
      ...metadata,
      annotations: { 'kubectl.kubernetes.io/last-applied-configuration': `${JSON.stringify(applied)}\n` },
      managedFields: [
        managedFieldsEntry(
          'kubectl-client-side-apply',
          'v1',
          CREATED,
          {
            metadata: {
              annotations: { 'kubectl.kubernetes.io/last-applied-configuration': '' },
              labels: metadata.labels,
            },
            spec: { ...spec, internalTrafficPolicy: 'Cluster', sessionAffinity: 'None', type: 'ClusterIP' },
          },
          { servicePorts: true },
        ),
      ],
    },
    spec: {
      type: 'ClusterIP',
      clusterIP: clusterIp,
      clusterIPs: [clusterIp],
      internalTrafficPolicy: 'Cluster',
      ipFamilies: ['IPv4'],
      ipFamilyPolicy: 'SingleStack',
      sessionAffinity: 'None',
      ...spec,
    },
    status: { loadBalancer: {} },
  };
}
