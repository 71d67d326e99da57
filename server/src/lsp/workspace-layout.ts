/**
 * What each YAML file of the workspace is to the analysis, from the settings: a document being authored
 * (the default), a file of a cluster's offline state (`meshwright.clusters`: cluster name → files or
 * directories), or the mesh config (`meshwright.meshConfig`). Relative paths are resolved against every
 * workspace folder, absolute ones taken as they are. Pure: no file-system access.
 */
import path from 'node:path';
import { sameJson } from '../text/same-json';

export type FileRole =
  | { readonly kind: 'authored' }
  | { readonly kind: 'cluster'; readonly cluster: string }
  | { readonly kind: 'mesh-config' }
  /** Read by a Kustomize overlay (a base, a patch, a kustomization): analysed as the overlay renders it. */
  | { readonly kind: 'rendering-input' };

export interface ClusterRoot {
  readonly cluster: string;
  /** A file or a directory holding the cluster's objects. */
  readonly path: string;
}

const AUTHORED: FileRole = { kind: 'authored' };

export class WorkspaceLayout {
  readonly clusterRoots: readonly ClusterRoot[];
  /** Where the mesh config file may be, in preference order (one per workspace folder for a relative path). */
  readonly meshConfigCandidates: readonly string[];

  constructor(
    readonly folders: readonly string[],
    clusters: Readonly<Record<string, readonly string[]>>,
    meshConfig: string,
  ) {
    this.clusterRoots = Object.entries(clusters).flatMap(([cluster, paths]) =>
      paths.flatMap((given) => this.resolve(given).map((resolved) => ({ cluster, path: resolved }))),
    );
    this.meshConfigCandidates = meshConfig ? this.resolve(meshConfig) : [];
  }

  roleOf(file: string): FileRole {
    if (this.meshConfigCandidates.includes(file)) return { kind: 'mesh-config' };
    for (const root of this.clusterRoots) {
      if (file === root.path || file.startsWith(root.path + path.sep)) {
        return { kind: 'cluster', cluster: root.cluster };
      }
    }
    return AUTHORED;
  }

  /** True when the file is inside a workspace folder or is a cluster's or the mesh config's file. */
  contains(file: string): boolean {
    return (
      this.roleOf(file).kind !== 'authored' ||
      this.folders.some((folder) => file === folder || file.startsWith(folder + path.sep))
    );
  }

  /** The same layout: a settings change that keeps it needs no re-indexing. */
  sameAs(other: WorkspaceLayout): boolean {
    return sameJson(
      [this.folders, this.clusterRoots, this.meshConfigCandidates],
      [other.folders, other.clusterRoots, other.meshConfigCandidates],
    );
  }

  private resolve(given: string): string[] {
    if (path.isAbsolute(given)) return [path.normalize(given)];
    return this.folders.map((folder) => path.resolve(folder, given));
  }
}
