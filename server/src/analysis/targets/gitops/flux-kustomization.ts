/**
 * Flux `Kustomization` (kustomize.toolkit.fluxcd.io): `spec.path` (relative to the source's root; the
 * root when absent) goes to one cluster. Which one, by the rule docs/topology.md states:
 * - with `spec.kubeConfig.secretRef.name` (or `configMapRef.name`): the cluster named like it, without the `-kubeconfig`
 *   suffix Cluster API and most repositories give it (`east-kubeconfig` → `east`);
 * - without: the cluster Flux itself runs in, which the repository says by where the Kustomization
 *   sits: the `clusters/<name>/` folder `flux bootstrap --path` creates (resolved in gitops-targets.ts).
 * Flux always builds the path with kustomize, which takes every manifest below it: recursive.
 */
import { type MeshResource } from '../../model/resource';
import {
  type ClusterReference,
  type ReadGitOps,
  normalizeRepositoryPath,
  originOf,
  record,
  text,
} from './gitops-deployments';

const KUBECONFIG_SUFFIX = /-kubeconfig$/;

export function readFluxKustomization(resource: MeshResource): ReadGitOps {
  const spec = record(resource.object.spec);
  const kubeConfig = record(spec.kubeConfig);
  // Flux 2.3+ may name a ConfigMap (workload identity) instead of a Secret: the same naming rule.
  const secret = text(record(kubeConfig.secretRef).name) ?? text(record(kubeConfig.configMapRef).name);
  const cluster: ClusterReference = secret
    ? { by: 'name', value: secret.replace(KUBECONFIG_SUFFIX, '') }
    : { by: 'home', value: null };
  const path = typeof spec.path === 'string' ? spec.path : '';
  const locate = (field: readonly (string | number)[]) => resource.source.locate(['spec', ...field]);
  return {
    deployments: [
      {
        origin: originOf(resource),
        path: normalizeRepositoryPath(path),
        recursive: true,
        cluster,
        pathRange: locate(spec.path === undefined ? [] : ['path']),
        clusterRange: secret ? locate(['kubeConfig']) : originOf(resource).range,
      },
    ],
    notes: [],
  };
}
