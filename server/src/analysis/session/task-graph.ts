/**
 * The analyses that have run, what they reported and what they depended on. A task is one analyzer
 * applied to one subject (ResourceAnalyzer) or one group (GroupAnalyzer). Reverse maps answer the two
 * questions of incremental analysis: which tasks depend on a key, and which tasks reported on an object.
 */
import { type Analyzer, type Report } from '../framework/analyzer';
import { type MeshResource } from '../model/resource';

export interface Task {
  readonly id: string;
  readonly analyzer: Analyzer;
  readonly subject: MeshResource | null;
  readonly groupKey: string | null;
  /** The dependency keys its queries recorded, each once. */
  readonly deps: readonly string[];
  readonly reports: readonly Report[];
}

export function resourceTaskId(analyzer: Analyzer, subject: MeshResource): string {
  return `${analyzer.name}#${subject.id}`;
}

export function groupTaskId(analyzer: Analyzer, key: string): string {
  return `${analyzer.name}@${key}`;
}

export class TaskGraph {
  private readonly tasks = new Map<string, Task>();
  private readonly byDependency = new Map<string, Set<Task>>();
  private readonly bySubject = new Map<number, Set<Task>>();
  private readonly byReportedResource = new Map<number, Set<Task>>();

  get(id: string): Task | undefined {
    return this.tasks.get(id);
  }

  all(): IterableIterator<Task> {
    return this.tasks.values();
  }

  get size(): number {
    return this.tasks.size;
  }

  /** Adds or replaces the task of its id. */
  put(task: Task): void {
    this.delete(task.id);
    this.add(task);
  }

  /** Adds a task whose id is not in the graph (a rebuild after clear()). */
  add(task: Task): void {
    this.tasks.set(task.id, task);
    for (const key of task.deps) addTo(this.byDependency, key, task);
    if (task.subject) addTo(this.bySubject, task.subject.id, task);
    for (const report of task.reports) addTo(this.byReportedResource, report.resource.id, task);
  }

  delete(id: string): Task | undefined {
    const task = this.tasks.get(id);
    if (!task) return undefined;
    this.tasks.delete(id);
    for (const key of task.deps) removeFrom(this.byDependency, key, task);
    if (task.subject) removeFrom(this.bySubject, task.subject.id, task);
    for (const report of task.reports) removeFrom(this.byReportedResource, report.resource.id, task);
    return task;
  }

  dependingOn(keys: Iterable<string>): Set<Task> {
    const found = new Set<Task>();
    for (const key of keys) for (const task of this.byDependency.get(key) ?? []) found.add(task);
    return found;
  }

  ofSubject(resource: MeshResource): readonly Task[] {
    return [...(this.bySubject.get(resource.id) ?? [])];
  }

  /** Reports about one object, from whichever task made them. */
  reportsAbout(resource: MeshResource): Report[] {
    const reports: Report[] = [];
    for (const task of this.byReportedResource.get(resource.id) ?? []) {
      for (const report of task.reports) if (report.resource === resource) reports.push(report);
    }
    return reports;
  }

  clear(): void {
    this.tasks.clear();
    this.byDependency.clear();
    this.bySubject.clear();
    this.byReportedResource.clear();
  }
}

function addTo<K, V>(map: Map<K, Set<V>>, key: K, value: V): void {
  const set = map.get(key);
  if (set) set.add(value);
  else map.set(key, new Set([value]));
}

function removeFrom<K, V>(map: Map<K, Set<V>>, key: K, value: V): void {
  const set = map.get(key);
  if (!set) return;
  set.delete(value);
  if (set.size === 0) map.delete(key);
}
