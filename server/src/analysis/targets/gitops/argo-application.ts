/**
 * Argo CD `Application` (argoproj.io): `spec.source.path` (or each `spec.sources[].path`) goes to
 * `spec.destination.name` (a cluster registered in Argo CD) or `spec.destination.server` (its API
 * server URL). Sources without a path (Helm charts from a chart repository) deploy nothing of this
 * repository. ApplicationSets reuse this reader on their template, after substitution.
 */
import { type Range } from '../../../mesh/diagnostic';
import { type FieldPath } from '../../../yaml/node-locator';
import { type MeshResource } from '../../model/resource';
import {
  type ClusterReference,
  type GitOpsDeployment,
  type GitOpsOrigin,
  type ReadGitOps,
  describeOrigin,
  normalizeRepositoryPath,
  originOf,
  record,
  text,
} from './gitops-deployments';

/** Locates a field of the Application spec being read (`spec` or an ApplicationSet's `spec.template.spec`). */
export type SpecLocator = (path: FieldPath) => Range;

export function readApplication(resource: MeshResource): ReadGitOps {
  const locate: SpecLocator = (path) => resource.source.locate(['spec', ...path]);
  return readApplicationSpec(record(resource.object.spec), locate, originOf(resource));
}

export function readApplicationSpec(
  spec: Record<string, unknown>,
  locate: SpecLocator,
  origin: GitOpsOrigin,
): ReadGitOps {
  const destination = record(spec.destination);
  const cluster = destinationOf(destination);
  if (!cluster) {
    return {
      deployments: [],
      notes: [
        {
          uri: origin.uri,
          range: locate(['destination']),
          message: `${describeOrigin(origin)}: spec.destination names no cluster (neither name nor server), so Meshwright cannot tell where its path goes. Set destination.name or destination.server.`,
        },
      ],
    };
  }
  const clusterRange = locate(['destination', cluster.by]);
  const sources: { source: Record<string, unknown>; at: FieldPath }[] = [];
  if (Array.isArray(spec.sources)) {
    spec.sources.forEach((source, index) => sources.push({ source: record(source), at: ['sources', index] }));
  } else if (spec.source !== undefined) {
    sources.push({ source: record(spec.source), at: ['source'] });
  }
  const deployments: GitOpsDeployment[] = [];
  for (const { source, at } of sources) {
    const path = typeof source.path === 'string' ? source.path : undefined;
    if (path === undefined) continue;
    deployments.push({
      origin,
      path: normalizeRepositoryPath(path),
      recursive: record(source.directory).recurse === true,
      cluster,
      pathRange: locate([...at, 'path']),
      clusterRange,
    });
  }
  return { deployments, notes: [] };
}

function destinationOf(destination: Record<string, unknown>): ClusterReference | undefined {
  const name = text(destination.name);
  if (name !== undefined) return { by: 'name', value: name };
  const server = text(destination.server);
  if (server !== undefined) return { by: 'server', value: server };
  return undefined;
}
