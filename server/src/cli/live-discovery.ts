/**
 * The live-cluster discovery the CLI needs for `--kubeconfig` / `--context` and `meshwright topology`, in
 * one place so that the build can make it a bundle of its own (dist/server/live-discovery.js, see
 * tools/build.mjs): @kubernetes/client-node and its dependencies are half of the CLI's code, and an offline
 * `meshwright analyze` never loads them.
 */
export { discoverTopology, type DiscoveryResult } from '../topology/discover-topology';
export { KubeconfigError } from '../topology/kube-api/kubeconfig-loader';
export { readRemoteSecrets } from '../topology/remote-secret-reader';
