/**
 * The real etcd, kube-apiserver and istioctl that `npm run build:real-clusters` builds from the Go modules
 * pinned in tools/real-clusters/<name>/go.mod, found at .real-clusters/bin/<name>-<version>. The versions
 * are read from the same go.mod files as the build script reads, so a test never runs a binary of another
 * pin. A missing binary is an error that says how to build it: these tests never skip.
 */
import fs from 'node:fs';
import path from 'node:path';

const REPOSITORY = path.resolve(__dirname, '..', '..', '..');
const MODULES = path.join(REPOSITORY, 'tools', 'real-clusters');
export const BINARY_DIRECTORY = path.join(REPOSITORY, '.real-clusters', 'bin');

export interface RealBinaries {
  readonly etcd: string;
  readonly kubeApiserver: string;
  readonly istioctl: string;
}

/** The version a module of ours requires `dependency` at, e.g. `v1.37.2`. */
export function pinnedVersion(moduleFolder: string, dependency: string): string {
  const goMod = fs.readFileSync(path.join(MODULES, moduleFolder, 'go.mod'), 'utf8');
  const escaped = dependency.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  const match = new RegExp(`^\\s*(?:require\\s+)?${escaped}\\s+(v\\S+)`, 'm').exec(goMod);
  if (!match?.[1])
    throw new Error(`tools/real-clusters/${moduleFolder}/go.mod does not require ${dependency}`);
  return match[1];
}

function builtBinary(name: string, version: string): string {
  const file = path.join(BINARY_DIRECTORY, `${name}-${version}`);
  if (!fs.existsSync(file)) {
    throw new Error(
      `${path.relative(REPOSITORY, file)} is missing: the real-cluster tests need it. ` +
        'Build it with `npm run build:real-clusters` (needs Go >= 1.26; see docs/real-clusters.md).',
    );
  }
  return file;
}

export const KUBERNETES_VERSION = pinnedVersion('kube-apiserver', 'k8s.io/kubernetes');

let found: RealBinaries | undefined;

export function realBinaries(): RealBinaries {
  found ??= {
    etcd: builtBinary('etcd', pinnedVersion('etcd', 'go.etcd.io/etcd/server/v3')),
    kubeApiserver: builtBinary('kube-apiserver', KUBERNETES_VERSION),
    istioctl: builtBinary('istioctl', pinnedVersion('istioctl', 'istio.io/istio')),
  };
  return found;
}
