/**
 * `generateMesh`: a large multi-primary mesh for benchmarks (say 50 clusters x 500 services), in the same
 * shape as the demo mesh. Every cluster is a primary with istiod, an east-west gateway on its network,
 * remote secrets for every other cluster, nodes in its network's region, and the same services (namespace
 * sameness) with versioned pods; one DestinationRule per ten services. The application workloads are
 * realistic by default (realistic-workloads.ts: a pod is 7-8 KB, as on a real cluster), or small (the
 * members analysis reads and little else) for tests that want many objects cheaply. Deterministic: same
 * shape, same objects (the uids and timestamps of small objects aside).
 */
import { type KubeObject } from '../model/kube-object';
import { type ClusterSource } from '../simulator';
import {
  deployment,
  eastWestGateway,
  istiod,
  namespace,
  node,
  pod,
  remoteSecret,
  service,
} from './mesh-objects';
import { realisticDeployment, realisticPod, realisticService } from './realistic-workloads';

export interface MeshShape {
  clusters: number;
  networks: number;
  servicesPerCluster: number;
  podsPerService: number;
  /** Services per application namespace. Default 50. */
  servicesPerNamespace: number;
  /**
   * `realistic` (default): workloads carry what real ones do (managedFields, statuses, volumes, env,
   * probes, owner references); `small`: only what analysis reads.
   */
  objects: 'realistic' | 'small';
}

export interface GeneratedMesh {
  shape: MeshShape;
  clusters: ClusterSource[];
}

const DEFAULT_SHAPE: MeshShape = {
  clusters: 3,
  networks: 2,
  servicesPerCluster: 10,
  podsPerService: 2,
  servicesPerNamespace: 50,
  objects: 'realistic',
};
const ZONES = ['a', 'b', 'c'];

function pad(value: number, width: number): string {
  return String(value).padStart(width, '0');
}

function generatedCluster(index: number, shape: MeshShape, names: readonly string[]): KubeObject[] {
  const name = names[index] as string;
  const networkIndex = index % shape.networks;
  const network = `net${networkIndex + 1}`;
  const region = `region-${networkIndex + 1}`;
  const objects: KubeObject[] = [namespace('istio-system', { 'topology.istio.io/network': network })];
  const nodeIps = ZONES.map((_, position) => `192.168.${index % 256}.${position + 10}`);
  const nodes = ZONES.map((zone, position) => {
    const nodeName = `${name}-node-${zone}`;
    objects.push(node(nodeName, region, `${region}${zone}`, nodeIps[position] as string));
    return nodeName;
  });
  objects.push(...istiod(name, network, 'mesh1'));
  objects.push(...eastWestGateway(network, `203.0.${index % 256}.${Math.floor(index / 256) + 10}`));
  names.forEach((other, otherIndex) => {
    if (otherIndex !== index) objects.push(remoteSecret(other, `https://${other}.k8s.example.internal:6443`));
  });

  let podCount = 0;
  for (let serviceIndex = 0; serviceIndex < shape.servicesPerCluster; serviceIndex += 1) {
    const namespaceName = `app-${pad(Math.floor(serviceIndex / shape.servicesPerNamespace) + 1, 2)}`;
    if (serviceIndex % shape.servicesPerNamespace === 0)
      objects.push(namespace(namespaceName, { 'istio-injection': 'enabled' }));
    const serviceName = `svc-${pad(serviceIndex + 1, 4)}`;
    const version = `v${(index % 3) + 1}`;
    const labels = { app: serviceName, version };
    const clusterIp = `172.20.${Math.floor(serviceIndex / 250)}.${(serviceIndex % 250) + 2}`;
    const placements = Array.from({ length: shape.podsPerService }, () => {
      const ip = `10.${index % 256}.${Math.floor(podCount / 250)}.${(podCount % 250) + 2}`;
      const nodeIndex = podCount % nodes.length;
      podCount += 1;
      return { ip, nodeIndex };
    });
    if (shape.objects === 'realistic') {
      const workload = {
        namespace: namespaceName,
        name: `${serviceName}-${version}`,
        labels,
        image: 'registry.example/app:1.0',
        port: 8080,
        replicas: shape.podsPerService,
        cluster: name,
        network,
        meshId: 'mesh1',
      };
      objects.push(realisticService(namespaceName, serviceName, clusterIp, 8080));
      objects.push(realisticDeployment(workload));
      placements.forEach(({ ip, nodeIndex }, replica) =>
        objects.push(
          realisticPod(workload, replica, nodes[nodeIndex] as string, ip, nodeIps[nodeIndex] as string),
        ),
      );
    } else {
      objects.push(service(namespaceName, serviceName, clusterIp, 8080));
      objects.push(
        deployment(
          namespaceName,
          `${serviceName}-${version}`,
          labels,
          shape.podsPerService,
          'registry.example/app:1.0',
          8080,
        ),
      );
      placements.forEach(({ ip, nodeIndex }, replica) =>
        objects.push(
          pod(
            namespaceName,
            `${serviceName}-${version}-${pad(replica, 3)}`,
            labels,
            nodes[nodeIndex] as string,
            ip,
            'registry.example/app:1.0',
            8080,
            name,
            network,
          ),
        ),
      );
    }
    if (serviceIndex % 10 === 0) {
      objects.push({
        apiVersion: 'networking.istio.io/v1',
        kind: 'DestinationRule',
        metadata: { name: serviceName, namespace: namespaceName },
        spec: {
          host: `${serviceName}.${namespaceName}.svc.cluster.local`,
          trafficPolicy: { tls: { mode: 'ISTIO_MUTUAL' } },
          subsets: ['v1', 'v2', 'v3'].map((subset) => ({ name: subset, labels: { version: subset } })),
        },
      });
    }
  }
  return objects;
}

export function generateMesh(shape: Partial<MeshShape> = {}): GeneratedMesh {
  const full: MeshShape = { ...DEFAULT_SHAPE, ...shape };
  if (full.clusters < 1 || full.networks < 1 || full.servicesPerNamespace < 1) {
    throw new RangeError('generateMesh: clusters, networks and servicesPerNamespace must be at least 1');
  }
  const names = Array.from({ length: full.clusters }, (_, index) => `cluster-${pad(index + 1, 3)}`);
  return {
    shape: full,
    // Handed over: the simulator seeds them without copying the members the objects share.
    clusters: names.map((name, index) => ({
      name,
      objects: generatedCluster(index, full, names),
      handedOver: true,
    })),
  };
}
