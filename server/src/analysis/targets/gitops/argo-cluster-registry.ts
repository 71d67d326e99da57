/**
 * The clusters an Argo CD instance knows, as the repository declares them: Secrets labelled
 * `argocd.argoproj.io/secret-type: cluster` with `name` and `server` (in `stringData`, or base64 in
 * `data`) and the labels a `clusters` generator selects on. When the repository holds none, the clusters
 * of the analysis (kubeconfig contexts, `--cluster` names) stand in, without labels.
 */
import { type MeshResource } from '../../model/resource';
import { record, text } from './gitops-deployments';

export interface ArgoCluster {
  readonly name: string;
  /** The API server URL; '' when unknown. */
  readonly server: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly annotations: Readonly<Record<string, string>>;
}

export const ARGO_SECRET_TYPE_LABEL = 'argocd.argoproj.io/secret-type';

export function isArgoClusterSecret(resource: MeshResource): boolean {
  return (
    resource.group === '' &&
    resource.kind === 'Secret' &&
    resource.object.metadata.labels?.[ARGO_SECRET_TYPE_LABEL] === 'cluster'
  );
}

export function argoClusterOf(resource: MeshResource): ArgoCluster | undefined {
  const body = resource.object as unknown as Record<string, unknown>;
  const field = (key: string): string | undefined =>
    text(record(body.stringData)[key]) ?? decodeBase64(record(body.data)[key]);
  const name = field('name');
  const server = field('server');
  if (name === undefined && server === undefined) return undefined;
  return {
    name: name ?? server!,
    server: server ?? '',
    labels: resource.object.metadata.labels ?? {},
    annotations: resource.object.metadata.annotations ?? {},
  };
}

function decodeBase64(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  try {
    return text(atob(value));
  } catch {
    return undefined;
  }
}
