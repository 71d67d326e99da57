/**
 * MESH108: an authored Istio document lands in a namespace that does not exist in a primary it targets.
 * Applying it there fails ("namespaces not found"), so that primary's callers never get the config; in a
 * multi-primary mesh every primary needs the namespaces of all the config it reads.
 *
 * A namespace exists in a cluster when the cluster has the Namespace or any object in it (cluster files
 * often omit Namespace objects; a live API server has none outside an existing namespace). Silent for
 * clusters nothing is known of, for the namespaces every cluster has, and when the workspace itself
 * defines the Namespace (it is applied along).
 */
import { joinNames } from '../../text/join-names';
import { type ResourceAnalyzer } from '../framework/analyzer';
import { ISTIO_CONFIG_KINDS, KINDS } from '../../../../protocol/kinds';
import { describePrimaries, describeCallers } from '../model/primary-views';
import { describe } from '../model/resource';
import { withActions } from '../targets/action-data';

/** Namespaces every Kubernetes cluster has (the mesh's root namespace is added at run time). */
const EVERYWHERE = new Set(['default', 'kube-system', 'kube-public', 'kube-node-lease']);

export const namespaceMissingInPrimary: ResourceAnalyzer = {
  type: 'resource',
  name: 'namespace-missing-in-primary',
  codes: ['MESH108'],
  kinds: ISTIO_CONFIG_KINDS,
  scope: 'every-copy',
  analyze(resource, ctx) {
    if (resource.origin !== 'authored' || !resource.namespace) return;
    const namespace = resource.namespace;
    if (EVERYWHERE.has(namespace) || namespace === ctx.mesh.meshConfig.rootNamespace) return;
    const targets = ctx.mesh.targetsOf(resource);
    const missing = targets.primaries.filter((p) => ctx.mesh.namespaceInCluster(p, namespace) === false);
    if (missing.length === 0) return;
    if (ctx.mesh.copies(KINDS.Namespace, '', namespace).some((copy) => copy.cluster === null)) return;
    const written = typeof resource.object.metadata.namespace === 'string';
    const contexts = missing.map((p) => `kubectl --context ${p} create namespace ${namespace}`).join('; ');
    ctx.report({
      code: 'MESH108',
      resource,
      path: written ? ['metadata', 'namespace'] : ['metadata', 'name'],
      message: `Namespace ${namespace} does not exist in ${describePrimaries(missing)}, which ${describe(resource)} targets: applying it there fails (namespaces "${namespace}" not found), so ${describeCallers(ctx.mesh, missing)} never get it. Create the namespace in ${joinNames(missing)} (${contexts}), or narrow this document's targets.`,
      data: withActions(
        { namespace, missing },
        { narrowTo: targets.clusters.filter((name) => !missing.includes(name)) },
      ),
    });
  },
};
