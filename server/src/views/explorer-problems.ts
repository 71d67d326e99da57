/**
 * The problems of live cluster objects, indexed for the sidebar: per object (its `meshwright:/` URI), per
 * namespace of a cluster and per cluster, as counts by severity plus the few most severe messages. The
 * language server feeds it the analysis' diagnostics of live objects as they change; the explorer
 * requests read from it. Pure bookkeeping: no I/O, no LSP.
 */
import { type MeshFinding, type Severity } from '../mesh/diagnostic';
import { parseLiveObjectUri } from '../yaml/live-object-document';
import { type ProblemCounts, type ProblemLine, type ProblemSummary } from '../../../protocol/requests';
import { sameJson } from '../text/same-json';

/** Messages kept per summary: enough for a tooltip, small enough for a 50-cluster answer. */
export const PROBLEM_LINES_KEPT = 3;
/** Tooltip lines are cut here; the full message is one click away in the live copy or Problems. */
const MESSAGE_LENGTH_KEPT = 240;

export const NO_PROBLEMS: ProblemSummary = { errors: 0, warnings: 0, infos: 0, top: [] };

interface ObjectProblems {
  readonly cluster: string;
  readonly namespace: string;
  readonly summary: ProblemSummary;
}

export class LiveProblemIndex {
  private readonly objects = new Map<string, ObjectProblems>();
  /** Aggregates are rebuilt lazily after a change. */
  private aggregates: Aggregates | undefined;
  private revision = 0;

  /** Increases whenever some object's problems change. */
  get version(): number {
    return this.revision;
  }

  /**
   * Records the current diagnostics of one live object's document (an empty list clears it). Returns
   * whether anything changed. URIs that are not `meshwright:/` documents are ignored.
   */
  set(uri: string, diagnostics: readonly MeshFinding[]): boolean {
    const target = parseLiveObjectUri(uri);
    if (!target) return false;
    const previous = this.objects.get(uri);
    if (diagnostics.length === 0) {
      if (!previous) return false;
      this.objects.delete(uri);
    } else {
      const summary = summarize(diagnostics);
      if (previous && sameJson(previous.summary, summary)) return false;
      this.objects.set(uri, { cluster: target.cluster, namespace: namespaceOf(target), summary });
    }
    this.aggregates = undefined;
    this.revision++;
    return true;
  }

  /** Forgets objects whose URI `keep` rejects (clusters or objects gone). Returns whether any went. */
  retain(keep: (uri: string) => boolean): boolean {
    let changed = false;
    for (const uri of [...this.objects.keys()]) {
      if (keep(uri)) continue;
      this.objects.delete(uri);
      changed = true;
    }
    if (changed) {
      this.aggregates = undefined;
      this.revision++;
    }
    return changed;
  }

  uris(): string[] {
    return [...this.objects.keys()];
  }

  ofObject(uri: string): ProblemSummary {
    return this.objects.get(uri)?.summary ?? NO_PROBLEMS;
  }

  /** Everything in one namespace of one cluster, the Namespace object included. */
  ofNamespace(cluster: string, namespace: string): ProblemSummary {
    return this.aggregated().namespaces.get(namespaceKey(cluster, namespace)) ?? NO_PROBLEMS;
  }

  ofCluster(cluster: string): ProblemSummary {
    return this.aggregated().clusters.get(cluster) ?? NO_PROBLEMS;
  }

  clusters(): { cluster: string; problems: ProblemSummary }[] {
    return [...this.aggregated().clusters].map(([cluster, problems]) => ({ cluster, problems }));
  }

  total(): ProblemCounts {
    const { errors, warnings, infos } = this.aggregated().total;
    return { errors, warnings, infos };
  }

  private aggregated(): Aggregates {
    if (this.aggregates) return this.aggregates;
    const clusters = new Map<string, ProblemSummary[]>();
    const namespaces = new Map<string, ProblemSummary[]>();
    const all: ProblemSummary[] = [];
    for (const entry of this.objects.values()) {
      push(clusters, entry.cluster, entry.summary);
      push(namespaces, namespaceKey(entry.cluster, entry.namespace), entry.summary);
      all.push(entry.summary);
    }
    this.aggregates = {
      clusters: mapValues(clusters, combine),
      namespaces: mapValues(namespaces, combine),
      total: combine(all),
    };
    return this.aggregates;
  }
}

interface Aggregates {
  readonly clusters: Map<string, ProblemSummary>;
  readonly namespaces: Map<string, ProblemSummary>;
  readonly total: ProblemSummary;
}

const SEVERITY_ORDER: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

export function summarize(diagnostics: readonly MeshFinding[]): ProblemSummary {
  const counts = { errors: 0, warnings: 0, infos: 0 };
  for (const diagnostic of diagnostics) counts[countKey(diagnostic.severity)]++;
  const top = [...diagnostics]
    .sort((a, b) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] || a.code.localeCompare(b.code))
    .slice(0, PROBLEM_LINES_KEPT)
    .map((diagnostic): ProblemLine => ({
      code: diagnostic.code,
      severity: diagnostic.severity,
      message: shorten(diagnostic.message),
      uri: diagnostic.uri,
    }));
  return { ...counts, top };
}

/** Sums summaries; keeps the most severe lines over all of them. */
export function combine(summaries: readonly ProblemSummary[]): ProblemSummary {
  const counts = { errors: 0, warnings: 0, infos: 0 };
  const lines: ProblemLine[] = [];
  for (const summary of summaries) {
    counts.errors += summary.errors;
    counts.warnings += summary.warnings;
    counts.infos += summary.infos;
    lines.push(...summary.top);
  }
  const top = lines
    .sort((a, b) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] || a.code.localeCompare(b.code))
    .slice(0, PROBLEM_LINES_KEPT);
  return { ...counts, top };
}

function countKey(severity: Severity): keyof ProblemCounts {
  return severity === 'error' ? 'errors' : severity === 'warning' ? 'warnings' : 'infos';
}

/** A Namespace object's problems count for the namespace it is. */
function namespaceOf(target: { kind: string; namespace: string; name: string }): string {
  return target.kind === 'Namespace' ? target.name : target.namespace;
}

function namespaceKey(cluster: string, namespace: string): string {
  return `${cluster}\u0000${namespace}`;
}

function shorten(message: string): string {
  return message.length > MESSAGE_LENGTH_KEPT ? `${message.slice(0, MESSAGE_LENGTH_KEPT - 1)}…` : message;
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

function mapValues<K, V, W>(map: Map<K, V>, f: (value: V) => W): Map<K, W> {
  return new Map([...map].map(([key, value]) => [key, f(value)]));
}
