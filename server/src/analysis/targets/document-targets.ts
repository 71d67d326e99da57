/**
 * The targets of each Istio document of an authored file, resolved against the clusters the analysis
 * knows: what `meshwright/documentTargets`, the modeline hover and the "narrow targets" code action show.
 */
import { type Range, type ResourceRef } from '../../mesh/diagnostic';
import { resourceRef } from '../framework/report-conversion';
import { isIstioGroup } from '../../../../protocol/kinds';
import { type ClusterInfo } from '../model/mesh-index';
import { type Modeline } from './modelines';
import { type ResolvedTargets, type TargetSource, resolveTargets } from './resolved-targets';
import { type TargetDeclarations } from './target-declarations';
import { type GitOpsOrigin } from './gitops/gitops-deployments';

export interface DocumentTargetInfo {
  /** The authored file holding the document. */
  readonly uri: string;
  /** The YAML document's lines (without its `---` marker). */
  readonly range: Range;
  readonly resource: ResourceRef;
  /** Cluster names the document is meant for: the known ones; the declared ones when no cluster is known. */
  readonly targets: readonly string[];
  /** Targets that are remotes (MESH107). */
  readonly remoteTargets: readonly string[];
  readonly source: TargetSource;
  /** For targets from the repository: the Argo CD / Flux objects deploying the document. */
  readonly origins: readonly GitOpsOrigin[];
  readonly resolved: ResolvedTargets;
  /** The modeline that decides, if one does. */
  readonly modeline: Modeline | undefined;
}

export function documentTargetInfos(
  declarations: TargetDeclarations,
  uri: string,
  clusters: readonly ClusterInfo[],
): DocumentTargetInfo[] {
  const infos: DocumentTargetInfo[] = [];
  for (const resource of declarations.resourcesOf(uri)) {
    if (!isIstioGroup(resource.group)) continue;
    const placement = declarations.placementOf(resource);
    if (!placement) continue;
    const declared = declarations.declaredOf(resource);
    const resolved = resolveTargets(declared, clusters);
    infos.push({
      uri,
      range: placement.range,
      resource: resourceRef(resource)!,
      targets: clusters.length === 0 ? (declared.clusters ?? []) : resolved.clusters,
      remoteTargets: resolved.remotes.map((remote) => remote.cluster),
      source: declared.source,
      origins: declared.origins ?? [],
      resolved,
      modeline: placement.modeline,
    });
  }
  return infos;
}
