/**
 * Builders for the trust tests: roots and remote secrets made at test time (never static files, whose
 * dates would run out), and the objects discovery reads from istio-system.
 */
import 'reflect-metadata'; // @peculiar/x509 needs a Reflect metadata polyfill before it loads
import * as x509 from '@peculiar/x509';
import { randomBytes, webcrypto } from 'node:crypto';
import { type KubeObject } from '../../../server/src/mesh/snapshot';

x509.cryptoProvider.set(webcrypto as unknown as Parameters<typeof x509.cryptoProvider.set>[0]);

const ALGORITHM = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' };
const DAY_MS = 24 * 3600 * 1000;

/** A self-signed CA certificate valid from `fromDays` to `toDays` days from now (negative: past). */
export async function rootCertificatePem(name: string, toDays: number, fromDays = -30): Promise<string> {
  const keys = (await webcrypto.subtle.generateKey(ALGORITHM, true, [
    'sign',
    'verify',
  ])) as webcrypto.CryptoKeyPair;
  const certificate = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: randomBytes(8).toString('hex').replace(/^./, '1'),
    name: `CN=${name}, O=meshwright-test`,
    notBefore: new Date(Date.now() + fromDays * DAY_MS),
    notAfter: new Date(Date.now() + toDays * DAY_MS),
    keys,
    signingAlgorithm: ALGORITHM,
    extensions: [new x509.BasicConstraintsExtension(true, undefined, true)],
  });
  return certificate.toString('pem');
}

/** An unsigned-looking JWT with these claims (the signature is random bytes: only the claims are read). */
export function jwt(claims: Record<string, unknown>): string {
  const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  return `${part({ alg: 'RS256', kid: 'test' })}.${part(claims)}.${randomBytes(64).toString('base64url')}`;
}

/** Seconds since the epoch, `days` from now. */
export function secondsFromNow(days: number): number {
  return Math.floor((Date.now() + days * DAY_MS) / 1000);
}

export function rootConfigMap(pems: readonly string[]): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name: 'istio-ca-root-cert', namespace: 'istio-system' },
    data: { 'root-cert.pem': pems.join('') },
  };
}

/** A remote secret as the API returns it: its data key the cluster ID, its value a kubeconfig. */
export function remoteSecret(
  cluster: string,
  access: { server: string; token: string; caPem?: string },
): KubeObject {
  const kubeconfig = [
    'apiVersion: v1',
    'kind: Config',
    'clusters:',
    `- name: ${cluster}`,
    '  cluster:',
    `    server: ${access.server}`,
    ...(access.caPem
      ? [`    certificate-authority-data: ${Buffer.from(access.caPem).toString('base64')}`]
      : []),
    'users:',
    `- name: ${cluster}`,
    '  user:',
    `    token: ${access.token}`,
    'contexts:',
    `- name: ${cluster}`,
    '  context:',
    `    cluster: ${cluster}`,
    `    user: ${cluster}`,
    `current-context: ${cluster}`,
    '',
  ].join('\n');
  return {
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: {
      name: `istio-remote-secret-${cluster}`,
      namespace: 'istio-system',
      labels: { 'istio/multiCluster': 'true' },
      annotations: { 'networking.istio.io/cluster': cluster },
    },
    type: 'Opaque',
    data: { [cluster]: Buffer.from(kubeconfig).toString('base64') },
  };
}

export function istiodDeployment(image: string, clusterId: string, revision?: string): KubeObject {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: {
      name: revision ? `istiod-${revision}` : 'istiod',
      namespace: 'istio-system',
      labels: { app: 'istiod', ...(revision ? { 'istio.io/rev': revision } : {}) },
    },
    spec: {
      template: {
        spec: { containers: [{ name: 'discovery', image, env: [{ name: 'CLUSTER_ID', value: clusterId }] }] },
      },
    },
  };
}

export function secretMetadata(name: string): KubeObject {
  return { apiVersion: 'v1', kind: 'Secret', metadata: { name, namespace: 'istio-system' } };
}
