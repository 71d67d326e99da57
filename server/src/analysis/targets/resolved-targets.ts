/**
 * A document's targets: the clusters it is meant to be applied to. Declared by a modeline, the
 * `meshwright.targets` setting, or the repository's Argo CD / Flux objects (in that order), else the default: every cluster whose control plane reads its own Istio
 * config (a primary; the config cluster of an external control plane). In primary-remote that is the
 * primary alone; remotes are never a default target, since no control plane reads their Istio config.
 *
 * Resolution against the clusters the analysis knows splits the declared names into primaries (whose
 * views the document joins), remotes (MESH107), clusters without a control plane, and unknown names.
 */
import { type ClusterInfo } from '../model/mesh-index';
import { type GitOpsOrigin } from './gitops/gitops-deployments';

export type TargetSource = 'default' | 'modeline' | 'setting' | 'gitops';

export interface DeclaredTargets {
  readonly source: TargetSource;
  /** Names as declared (modeline, setting, `--targets`); null for the default (every primary). */
  readonly clusters: readonly string[] | null;
  /** For `gitops`: the Argo CD / Flux objects that send the file to those clusters. */
  readonly origins?: readonly GitOpsOrigin[];
}

export const DEFAULT_TARGETS: DeclaredTargets = { source: 'default', clusters: null };

export interface RemoteTarget {
  readonly cluster: string;
  /** The cluster whose control plane serves it (from its `controlPlaneClusters` annotation), if known. */
  readonly controlPlane: string | null;
}

export interface ResolvedTargets {
  readonly source: TargetSource;
  /** The known clusters meant, in declared order (the default: in the mesh's cluster order). */
  readonly clusters: readonly string[];
  /** Those whose control plane reads their Istio config: the views the document takes part in. */
  readonly primaries: readonly string[];
  /** Those that are remotes: nothing reads Istio config there (MESH107). */
  readonly remotes: readonly RemoteTarget[];
  /** Those where no control plane was found at all (no istiod, no remote profile). */
  readonly withoutControlPlane: readonly string[];
  /** Declared names that are no cluster of the analysis. */
  readonly unknown: readonly string[];
}

/** A cluster whose control plane reads Istio config from its own API server. */
export function isConfigSource(cluster: ClusterInfo): boolean {
  return cluster.facts.role === 'primary' || cluster.facts.role === 'config';
}

/** The primaries (and config clusters) of the mesh, in the analysis' cluster order. */
export function configSources(clusters: readonly ClusterInfo[]): ClusterInfo[] {
  return clusters.filter(isConfigSource);
}

export function resolveTargets(declared: DeclaredTargets, clusters: readonly ClusterInfo[]): ResolvedTargets {
  const byName = new Map(clusters.map((cluster) => [cluster.name, cluster]));
  const names = declared.clusters ?? configSources(clusters).map((cluster) => cluster.name);
  const known: ClusterInfo[] = [];
  const unknown: string[] = [];
  for (const name of names) {
    const cluster = byName.get(name);
    if (cluster) known.push(cluster);
    else unknown.push(name);
  }
  return {
    source: declared.source,
    clusters: known.map((cluster) => cluster.name),
    primaries: known.filter(isConfigSource).map((cluster) => cluster.name),
    remotes: known
      .filter((cluster) => cluster.facts.role === 'remote')
      .map((cluster) => ({ cluster: cluster.name, controlPlane: cluster.facts.controlPlane })),
    withoutControlPlane: known
      .filter((cluster) => cluster.facts.role === 'unknown')
      .map((cluster) => cluster.name),
    unknown,
  };
}

/** "the primaries of the mesh" / "a modeline" / "the meshwright.targets setting". */
export function describeTargetSource(source: TargetSource): string {
  switch (source) {
    case 'default':
      return 'the primaries of the mesh (default)';
    case 'modeline':
      return 'the modeline';
    case 'setting':
      return 'the meshwright.targets setting';
    case 'gitops':
      return 'the Argo CD / Flux objects of the repository';
  }
}
