/**
 * istiod's Deployments as resources, for the trust checks that point at a control plane: the ones in a
 * cluster's istio-system named `istiod` or `istiod-<revision>`, as cluster facts recognise them.
 */
import { KINDS } from '../../../../protocol/kinds';
import { CONTROL_PLANE_NAMESPACE } from '../../mesh/derive-cluster-facts';
import { type MeshQueries } from '../framework/mesh-queries';
import { type MeshResource } from './resource';

const ISTIOD_NAME = /^istiod(-.+)?$/;

export function isIstiodDeployment(resource: MeshResource): boolean {
  return (
    resource.groupKind === KINDS.Deployment &&
    resource.cluster !== null &&
    resource.namespace === CONTROL_PLANE_NAMESPACE &&
    ISTIOD_NAME.test(resource.name)
  );
}

/** The istiod Deployments of one cluster, by name. */
export function istiodDeploymentsIn(mesh: MeshQueries, cluster: string): MeshResource[] {
  return mesh
    .copiesOfKind(KINDS.Deployment)
    .filter((resource) => resource.cluster === cluster && isIstiodDeployment(resource))
    .sort((a, b) => a.name.localeCompare(b.name));
}

/** The field path of a Deployment's container image (`discovery`, else the first container). */
export function imagePath(resource: MeshResource): (string | number)[] {
  const spec = resource.object.spec as { template?: { spec?: { containers?: unknown } } } | undefined;
  const containers = spec?.template?.spec?.containers;
  const list = Array.isArray(containers) ? (containers as { name?: unknown }[]) : [];
  const index = Math.max(
    0,
    list.findIndex((container) => container?.name === 'discovery'),
  );
  return ['spec', 'template', 'spec', 'containers', index, 'image'];
}
