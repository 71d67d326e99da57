/**
 * MESH407: in an ambient multicluster mesh, Services are local unless labelled `istio.io/global: "true"`
 * (the ambient profile's `serviceScopeConfigs` selects that label). So traffic silently stays in the
 * caller's cluster when
 * - a Service is labelled global in some clusters that serve it and not in others: each primary's istiod
 *   reads its own copy, so the unlabelled clusters keep it local (reported on each unlabelled copy, with
 *   the labelled ones related);
 * - a primary's mesh config has no `serviceScopeConfigs` entry of scope GLOBAL selecting the label, while
 *   the mesh runs ambient workloads in more than one cluster (reported on that primary's ConfigMap).
 */
import { type AnalysisContext, type ResourceAnalyzer } from '../framework/analyzer';
import { KINDS } from '../../../../protocol/kinds';
import {
  GLOBAL_LABEL,
  clustersOfCopy,
  copiesPerCluster,
  isGlobal,
  meshConfigSelectsGlobal,
} from '../model/ambient-multicluster';
import { asRecord } from '../../mesh/object-fields';
import { isMeshConfigMap, settingsFromConfigMap } from '../model/mesh-config';
import { type MeshResource, describe } from '../model/resource';
import { clusterList } from '../model/service-presence';

export const ambientGlobalServices: ResourceAnalyzer = {
  type: 'resource',
  name: 'ambient-global-services',
  codes: ['MESH407'],
  kinds: [KINDS.Service, KINDS.ConfigMap],
  requires: ['kubernetes'],
  analyze(resource, ctx) {
    if (resource.groupKind === KINDS.ConfigMap) analyzeMeshConfig(resource, ctx);
    else analyzeService(resource, ctx);
  },
};

function analyzeService(service: MeshResource, ctx: AnalysisContext): void {
  if (isGlobal(service) || ctx.mesh.clusters().length < 2) return;
  const own = clustersOfCopy(ctx.mesh, service);
  if (own.length === 0) return;
  const copies = copiesPerCluster(ctx.mesh, KINDS.Service, service.namespace, service.name);
  const global = [...copies].filter(([cluster, copy]) => !own.includes(cluster) && isGlobal(copy));
  if (global.length === 0) return;
  const labelled = clusterList(global.map(([cluster]) => cluster));
  ctx.report({
    code: 'MESH407',
    resource: service,
    path: service.object.metadata.labels ? ['metadata', 'labels'] : ['metadata', 'name'],
    message: `${describe(service)} is not labelled ${GLOBAL_LABEL}: "true", but its copies in ${labelled} are: ambient keeps it local in ${clusterList(own)}, so callers there never reach the endpoints of the other clusters (and their callers may not reach these). Label it ${GLOBAL_LABEL}: "true" in every cluster that serves it, or in none.`,
    related: global.map(([, copy]) => ({
      resource: copy,
      path: ['metadata', 'labels', GLOBAL_LABEL],
      message: `${describe(copy)} is global`,
    })),
    data: { service: `${service.namespace}/${service.name}`, global: global.map(([cluster]) => cluster) },
  });
}

function analyzeMeshConfig(configMap: MeshResource, ctx: AnalysisContext): void {
  // `istio-<revision>` also matches other ConfigMaps of istio-system (istio-ca-root-cert): only one
  // holding a mesh config counts.
  if (!isMeshConfigMap(configMap.object) || typeof asRecord(configMap.object.data)?.mesh !== 'string') return;
  const clusters = ctx.mesh.clusters();
  const ambient = clusters.filter((cluster) => cluster.facts.ambientNamespaces.length > 0);
  if (clusters.length < 2 || ambient.length === 0) return;
  const primaries = clustersOfCopy(ctx.mesh, configMap).filter(
    (name) => clusters.find((cluster) => cluster.name === name)?.facts.role === 'primary',
  );
  if (primaries.length === 0) return;
  const parsed = settingsFromConfigMap(configMap.object);
  if (!parsed.ok || meshConfigSelectsGlobal(parsed.mesh ?? {})) return;
  ctx.report({
    code: 'MESH407',
    resource: configMap,
    // On the name: the mesh config is a block of text, where a field has no position of its own.
    path: ['metadata', 'name'],
    message: `${describe(configMap)}: the mesh config of primary ${primaries.join(', ')} has no serviceScopeConfigs entry of scope GLOBAL selecting ${GLOBAL_LABEL}=true, while ${clusterList(ambient.map((c) => c.name))} run ambient workloads: no Service is global, so ambient traffic never leaves its cluster. Add serviceScopeConfigs: [{servicesSelector: {matchExpressions: [{key: ${GLOBAL_LABEL}, operator: In, values: ["true"]}]}, scope: GLOBAL}] (the ambient profile's default).`,
    data: { primaries },
  });
}
