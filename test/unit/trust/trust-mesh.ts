/**
 * A small mesh for the trust diagnostics, analysed the two ways Meshwright reads clusters: offline
 * (`--cluster NAME=DIR`, objects as files with their data) and live (a snapshot of what discovery keeps:
 * remote secrets summarised and emptied, the kubeconfig's server URL per cluster).
 */
import { stringify } from 'yaml';
import { analyze } from '../../../server/src/analysis/engine';
import { deriveClusterFacts } from '../../../server/src/mesh/derive-cluster-facts';
import { type MeshDiagnostic } from '../../../server/src/mesh/diagnostic';
import { type KubeObject, type TopologySnapshot } from '../../../server/src/mesh/snapshot';
import { summarizedRemoteSecret } from '../../../server/src/topology/object-slimming';
import { istiodDeployment, rootConfigMap, secretMetadata } from './trust-support';

export interface TrustCluster {
  readonly name: string;
  readonly role?: 'primary' | 'remote';
  /** The primary serving a remote. */
  readonly controlPlane?: string;
  readonly roots?: readonly string[];
  readonly ca?: 'cacerts' | 'istio-ca-secret' | 'none';
  /** `cacerts` with this public `ca-cert.pem` (files only). */
  readonly caCertificatePem?: string;
  readonly istiodImage?: string;
  readonly trustDomain?: string;
  readonly trustDomainAliases?: readonly string[];
  readonly remoteSecrets?: readonly KubeObject[];
  /** What the kubeconfig gives as this cluster's API server (live only). */
  readonly apiServer?: string;
  readonly extra?: readonly KubeObject[];
}

export function objectsOf(cluster: TrustCluster): KubeObject[] {
  const role = cluster.role ?? 'primary';
  const mesh = [
    `trustDomain: ${cluster.trustDomain ?? 'cluster.local'}`,
    ...(cluster.trustDomainAliases ? [`trustDomainAliases: [${cluster.trustDomainAliases.join(', ')}]`] : []),
    'defaultConfig:',
    '  meshId: mesh1',
    '',
  ].join('\n');
  const objects: KubeObject[] = [
    {
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: {
        name: 'istio-system',
        ...(cluster.controlPlane
          ? { annotations: { 'topology.istio.io/controlPlaneClusters': cluster.controlPlane } }
          : {}),
      },
    },
    {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'istio', namespace: 'istio-system' },
      data: { mesh },
    },
  ];
  if (role === 'primary') {
    objects.push(istiodDeployment(cluster.istiodImage ?? 'docker.io/istio/pilot:1.24.2', cluster.name));
  } else {
    objects.push({
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'istiod', namespace: 'istio-system' },
      spec: { ports: [{ name: 'grpc-xds', port: 15012 }] },
    });
  }
  if (cluster.roots) objects.push(rootConfigMap(cluster.roots));
  const ca = cluster.ca ?? 'cacerts';
  if (ca === 'cacerts') {
    objects.push({
      ...secretMetadata('cacerts'),
      ...(cluster.caCertificatePem
        ? { data: { 'ca-cert.pem': Buffer.from(cluster.caCertificatePem).toString('base64') } }
        : {}),
    });
  }
  if (ca === 'istio-ca-secret') objects.push(secretMetadata('istio-ca-secret'));
  objects.push(...(cluster.remoteSecrets ?? []), ...(cluster.extra ?? []));
  return objects;
}

/** The trust diagnostics (MESH3xx) of the mesh read from files. */
export function offlineDiagnostics(clusters: readonly TrustCluster[]): MeshDiagnostic[] {
  const result = analyze({
    documents: [],
    clusters: clusters.map((cluster) => ({
      name: cluster.name,
      files: [
        {
          uri: `/clusters/${cluster.name}/objects.yaml`,
          text: objectsOf(cluster)
            .map((object) => stringify(object))
            .join('---\n'),
        },
      ],
    })),
    celRules: null,
  });
  return trustOnly(result.diagnostics);
}

/** The trust diagnostics of the mesh as live discovery would see it. */
export function liveDiagnostics(clusters: readonly TrustCluster[]): MeshDiagnostic[] {
  const snapshot = liveSnapshot(clusters);
  const result = analyze({ documents: [], snapshot, offline: false, celRules: null });
  return trustOnly(result.diagnostics);
}

/** The mesh as live discovery keeps it: remote secrets summarised, other Secrets without data. */
export function liveSnapshot(clusters: readonly TrustCluster[]): TopologySnapshot {
  return {
    version: 1,
    clusters: clusters.map((cluster) => {
      const objects = objectsOf(cluster).map((object) =>
        object.kind === 'Secret' && object.metadata.labels?.['istio/multiCluster'] === 'true'
          ? summarizedRemoteSecret(object)
          : object.kind === 'Secret'
            ? { apiVersion: 'v1', kind: 'Secret', metadata: object.metadata }
            : object,
      );
      return {
        ...deriveClusterFacts(cluster.name, objects),
        ...(cluster.apiServer ? { apiServer: cluster.apiServer } : {}),
        reachable: true,
        stale: null,
        objects,
      };
    }),
  };
}

function trustOnly(diagnostics: readonly MeshDiagnostic[]): MeshDiagnostic[] {
  return diagnostics.filter((d) => d.code.startsWith('MESH3'));
}

/** `MESH301 error east` per diagnostic, sorted: what a case expects at a glance. */
export function summary(diagnostics: readonly MeshDiagnostic[]): string[] {
  return diagnostics.map((d) => `${d.code} ${d.severity} ${d.cluster ?? '-'}`).sort();
}
