/**
 * Builders for the objects of a generated mesh, shaped like the demo mesh's YAML (and like what
 * `kubectl get -o yaml` shows on a real Istio cluster): istio-system with its network label, istiod,
 * the east-west gateway and `cross-network-gateway`, remote secrets, nodes with locality, workloads.
 */
import { type KubeObject } from '../model/kube-object';

export function namespace(
  name: string,
  labels: Record<string, string> = {},
  annotations?: Record<string, string>,
): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Namespace',
    metadata: {
      name,
      labels: { 'kubernetes.io/metadata.name': name, ...labels },
      ...(annotations ? { annotations } : {}),
    },
  };
}

export function node(name: string, region: string, zone: string, internalIp: string): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: {
      name,
      labels: {
        'kubernetes.io/hostname': name,
        'kubernetes.io/os': 'linux',
        'topology.kubernetes.io/region': region,
        'topology.kubernetes.io/zone': zone,
      },
    },
    spec: { podCIDR: '10.0.0.0/24' },
    status: {
      addresses: [
        { type: 'InternalIP', address: internalIp },
        { type: 'Hostname', address: name },
      ],
      conditions: [
        { type: 'Ready', status: 'True', reason: 'KubeletReady', message: 'kubelet is posting ready status' },
      ],
      nodeInfo: {
        kubeletVersion: 'v1.32.4',
        osImage: 'Ubuntu 22.04.4 LTS',
        containerRuntimeVersion: 'containerd://1.7.22',
      },
    },
  };
}

function proxiedPodTemplate(
  labels: Record<string, string>,
  image: string,
  port: number,
): Record<string, unknown> {
  return {
    metadata: { labels, annotations: { 'sidecar.istio.io/status': '{"containers":["istio-proxy"]}' } },
    spec: {
      containers: [
        { name: labels.app, image, ports: [{ containerPort: port, protocol: 'TCP' }] },
        {
          name: 'istio-proxy',
          image: 'docker.io/istio/proxyv2:1.24.2',
          ports: [{ name: 'http-envoy-prom', containerPort: 15090, protocol: 'TCP' }],
        },
      ],
    },
  };
}

export function deployment(
  namespaceName: string,
  name: string,
  labels: Record<string, string>,
  replicas: number,
  image: string,
  port: number,
): KubeObject {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, namespace: namespaceName, labels },
    spec: { replicas, selector: { matchLabels: labels }, template: proxiedPodTemplate(labels, image, port) },
    status: { replicas, readyReplicas: replicas, updatedReplicas: replicas, availableReplicas: replicas },
  };
}

export function pod(
  namespaceName: string,
  name: string,
  labels: Record<string, string>,
  nodeName: string,
  podIp: string,
  image: string,
  port: number,
  cluster: string,
  network: string,
): KubeObject {
  const template = proxiedPodTemplate(
    { ...labels, 'topology.istio.io/network': network, 'topology.istio.io/cluster': cluster },
    image,
    port,
  );
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace: namespaceName, ...(template.metadata as object) },
    spec: { ...(template.spec as object), nodeName, serviceAccountName: labels.app },
    status: {
      phase: 'Running',
      podIP: podIp,
      podIPs: [{ ip: podIp }],
      conditions: [{ type: 'Ready', status: 'True' }],
      containerStatuses: [
        { name: labels.app, ready: true, state: { running: {} }, restartCount: 0, image },
        {
          name: 'istio-proxy',
          ready: true,
          state: { running: {} },
          restartCount: 0,
          image: 'docker.io/istio/proxyv2:1.24.2',
        },
      ],
    },
  };
}

export function service(
  namespaceName: string,
  name: string,
  clusterIp: string,
  port: number,
  labels: Record<string, string> = { app: name },
): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name, namespace: namespaceName, labels: { app: name, service: name, ...labels } },
    spec: {
      type: 'ClusterIP',
      clusterIP: clusterIp,
      clusterIPs: [clusterIp],
      selector: { app: name },
      ports: [{ name: 'http', port, targetPort: port, protocol: 'TCP' }],
    },
  };
}

export function istiod(clusterId: string, network: string, meshId: string): KubeObject[] {
  const labels = { app: 'istiod', istio: 'pilot', 'istio.io/rev': 'default' };
  const control = deployment('istio-system', 'istiod', labels, 1, 'docker.io/istio/pilot:1.24.2', 15010);
  const podSpec = (control.spec as { template: { spec: { containers: Record<string, unknown>[] } } }).template
    .spec;
  podSpec.containers = [
    {
      name: 'discovery',
      image: 'docker.io/istio/pilot:1.24.2',
      ports: [
        { containerPort: 15010, protocol: 'TCP' },
        { containerPort: 15017, protocol: 'TCP' },
      ],
      env: [
        { name: 'CLUSTER_ID', value: clusterId },
        { name: 'REVISION', value: 'default' },
        { name: 'PILOT_ENABLE_CROSS_CLUSTER_WORKLOAD_ENTRY', value: 'true' },
      ],
    },
  ];
  return [
    control,
    {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: {
        name: 'istiod',
        namespace: 'istio-system',
        labels: { app: 'istiod', istio: 'pilot', 'istio.io/rev': 'default' },
      },
      spec: {
        type: 'ClusterIP',
        selector: { app: 'istiod', istio: 'pilot' },
        ports: [
          { name: 'grpc-xds', port: 15010, protocol: 'TCP', targetPort: 15010 },
          { name: 'https-dns', port: 15012, protocol: 'TCP', targetPort: 15012 },
          { name: 'https-webhook', port: 443, protocol: 'TCP', targetPort: 15017 },
        ],
      },
    },
    {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: {
        name: 'istio',
        namespace: 'istio-system',
        labels: { 'istio.io/rev': 'default', release: 'istio' },
      },
      data: {
        mesh: `defaultConfig:\n  discoveryAddress: istiod.istio-system.svc:15012\n  meshId: ${meshId}\n  proxyMetadata: {}\nenablePrometheusMerge: true\nrootNamespace: istio-system\ntrustDomain: cluster.local\n`,
        meshNetworks: 'networks: {}',
      },
    },
  ];
}

export function eastWestGateway(network: string, address: string): KubeObject[] {
  const labels = {
    app: 'istio-eastwestgateway',
    istio: 'eastwestgateway',
    'topology.istio.io/network': network,
  };
  return [
    deployment('istio-system', 'istio-eastwestgateway', labels, 1, 'docker.io/istio/proxyv2:1.24.2', 15443),
    {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'istio-eastwestgateway', namespace: 'istio-system', labels },
      spec: {
        type: 'LoadBalancer',
        selector: { app: 'istio-eastwestgateway', istio: 'eastwestgateway' },
        ports: [
          { name: 'status-port', port: 15021, protocol: 'TCP', targetPort: 15021 },
          { name: 'tls', port: 15443, protocol: 'TCP', targetPort: 15443 },
          { name: 'tls-istiod', port: 15012, protocol: 'TCP', targetPort: 15012 },
          { name: 'tls-webhook', port: 15017, protocol: 'TCP', targetPort: 15017 },
        ],
      },
      status: { loadBalancer: { ingress: [{ ip: address }] } },
    },
    {
      apiVersion: 'networking.istio.io/v1',
      kind: 'Gateway',
      metadata: { name: 'cross-network-gateway', namespace: 'istio-system' },
      spec: {
        selector: { istio: 'eastwestgateway' },
        servers: [
          {
            port: { number: 15443, name: 'tls', protocol: 'TLS' },
            tls: { mode: 'AUTO_PASSTHROUGH' },
            hosts: ['*.local'],
          },
        ],
      },
    },
  ];
}

/** A remote secret as `istioctl create-remote-secret` makes it; the token inside is fake. */
export function remoteSecret(remoteCluster: string, server: string): KubeObject {
  const kubeconfig = [
    'apiVersion: v1',
    'kind: Config',
    'clusters:',
    `- name: ${remoteCluster}`,
    '  cluster:',
    `    server: ${server}`,
    'contexts:',
    `- name: ${remoteCluster}`,
    '  context:',
    `    cluster: ${remoteCluster}`,
    `    user: ${remoteCluster}`,
    `current-context: ${remoteCluster}`,
    'users:',
    `- name: ${remoteCluster}`,
    '  user:',
    '    token: fake-token-for-the-demo',
    '',
  ].join('\n');
  return {
    apiVersion: 'v1',
    kind: 'Secret',
    type: 'Opaque',
    metadata: {
      name: `istio-remote-secret-${remoteCluster}`,
      namespace: 'istio-system',
      labels: { 'istio/multiCluster': 'true' },
      annotations: { 'networking.istio.io/cluster': remoteCluster },
    },
    data: { [remoteCluster]: Buffer.from(kubeconfig).toString('base64') },
  };
}
