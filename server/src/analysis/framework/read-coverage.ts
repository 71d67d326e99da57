/**
 * What the analysis does not know: per cluster, the kinds of objects that could not be read there (RBAC
 * refusal, server error, cluster down). A missing object of such a kind is unknown, not absent, so an
 * analysis whose queries reached such a kind cannot tell a real finding from an artefact of the gap
 * ("missing in primary west" when west's DestinationRules were refused): the queries mark the analysis,
 * and the runner drops its reports (see mesh-queries.ts).
 *
 * Cluster files (`--cluster NAME=DIR`) and authored documents are complete by definition: what they do
 * not hold does not exist.
 */
import { type UnreadType } from '../../mesh/snapshot';

export interface ClusterCoverage {
  readonly cluster: string;
  /** The types not read there, as the snapshot says (empty when everything was read). */
  readonly unread: readonly UnreadType[];
}

export class ReadCoverage {
  /** Kind → the clusters where it was not read. */
  private readonly unreadIn = new Map<string, Set<string>>();
  /** Changes exactly when what is unread changes: lets the session skip work when nothing moved. */
  readonly key: string;

  constructor(readonly clusters: readonly ClusterCoverage[] = []) {
    for (const { cluster, unread } of clusters) {
      for (const type of unread) {
        let where = this.unreadIn.get(type.kind);
        if (!where) this.unreadIn.set(type.kind, (where = new Set()));
        where.add(cluster);
      }
    }
    this.key = clusters
      .filter((entry) => entry.unread.length > 0)
      .map((entry) => `${entry.cluster}:${entry.unread.map((type) => type.id).join(',')}`)
      .join(';');
  }

  /** True when every type was read in every cluster: the common case, checked first. */
  get complete(): boolean {
    return this.unreadIn.size === 0;
  }

  /** Objects of `kind` are unknown somewhere (in `cluster` only, when given). */
  isUnread(kind: string, cluster?: string): boolean {
    const where = this.unreadIn.get(kind);
    if (!where) return false;
    return cluster === undefined ? where.size > 0 : where.has(cluster);
  }
}

export const COMPLETE_COVERAGE = new ReadCoverage();
