/**
 * Runs analyzers as tasks and keeps their results: one task per (ResourceAnalyzer, subject) and per
 * (GroupAnalyzer, group key). Given what entered or left the view and which dependency keys changed, it
 * re-runs exactly the tasks concerned; a crashing analyzer is recorded, never propagated.
 */
import { type AnalysisContext, type Analyzer, type Report } from '../framework/analyzer';
import { type DependencyRecorder, MeshQueries } from '../framework/mesh-queries';
import { COMPLETE_COVERAGE, type ReadCoverage } from '../framework/read-coverage';
import { type MeshIndex } from '../model/mesh-index';
import { type MeshResource, identityOf } from '../model/resource';
import { StepTimer, type Steps, drain } from './stepped-work';
import { type Task, TaskGraph, groupTaskId, resourceTaskId } from './task-graph';

/** An analyzer that threw: reported to the host (log it) instead of crashing the session. */
export interface AnalyzerFailure {
  readonly analyzer: string;
  readonly subject: string;
  readonly error: string;
}

export interface ViewChange {
  /** Objects that joined the view (new, or no longer overridden by an authored copy). */
  readonly entering: ReadonlySet<MeshResource>;
  /** Objects that left it (removed, changed, or now overridden). */
  readonly leaving: ReadonlySet<MeshResource>;
  /** Every object added, effective or not: the subjects of `every-copy` analyzers. */
  readonly added: ReadonlySet<MeshResource>;
  /** Every object removed (or changed), effective or not. */
  readonly removed: ReadonlySet<MeshResource>;
  /** Dependency keys provided by every object that changed (dependency-keys.ts). */
  readonly keys: ReadonlySet<string>;
  /** Objects whose targets changed, not themselves: only `every-copy` analyses see the difference. */
  readonly retargeted: ReadonlySet<MeshResource>;
  /** Keys of the retargeted objects: they invalidate `every-copy` analyses only. */
  readonly retargetKeys: ReadonlySet<string>;
}

export interface AnalysisRunnerOptions {
  /**
   * Record the dependency keys of every task (the default), which update() needs to find what a change
   * affects. Without them only rebuild() is meaningful; a single analysis saves the bookkeeping.
   */
  readonly trackDependencies?: boolean;
}

/**
 * A task's dependency keys, each once. The set is made on the first key: nearly every analysis of a big
 * mesh's live objects records none (8,600 keys for 468,000 analyses at fifty clusters).
 */
class TaskKeys implements DependencyRecorder {
  private keys: Set<string> | null = null;

  add(key: string): void {
    (this.keys ??= new Set()).add(key);
  }

  list(): readonly string[] {
    return this.keys ? [...this.keys] : NO_KEYS;
  }
}

/** The dependency keys of every task when none are tracked: whatever is added is forgotten. */
const DISCARDED_KEYS: DependencyRecorder = { add: () => undefined };

interface Work {
  readonly analyzer: Analyzer;
  readonly subject: MeshResource | null;
  readonly groupKey: string | null;
}

export class AnalysisRunner {
  private readonly tasks = new TaskGraph();
  private readonly byName: ReadonlyMap<string, Analyzer>;
  /** Group analyzer name → group key → members. */
  private readonly groups = new Map<string, Map<string, Set<MeshResource>>>();
  /** Object → the groups (`analyzer@key`) it belongs to, so leaving is cheap. */
  private readonly memberships = new Map<MeshResource, string[]>();
  private failures: AnalyzerFailure[] = [];
  private tasksRun = 0;
  hasKubernetesState = false;
  /**
   * The kinds some cluster could not be read for: an analysis that relied on one keeps no report (its
   * finding might be an artefact of the gap). Changing it calls for a rebuild.
   */
  coverage: ReadCoverage = COMPLETE_COVERAGE;
  readonly tracksDependencies: boolean;
  /** analyzersOfKind() answers, valid for the Kubernetes state they were worked out in. */
  private readonly byKind = new Map<string, Analyzer[]>();
  private byKindState = false;

  constructor(
    private readonly index: MeshIndex,
    private readonly analyzers: readonly Analyzer[],
    options: AnalysisRunnerOptions = {},
  ) {
    this.byName = new Map(analyzers.map((analyzer) => [analyzer.name, analyzer]));
    this.tracksDependencies = options.trackDependencies ?? true;
  }

  /**
   * Re-runs what a change affects. `changedUris` collects the files whose diagnostics may differ.
   * `effective`-scope analyses follow objects entering and leaving the merged view; `every-copy` ones
   * follow objects added and removed, whatever their precedence.
   */
  update(change: ViewChange, changedUris: Set<string>): void {
    drain(this.updateSteps(change, changedUris));
  }

  /** update() in steps of bounded time (stepped-work.ts). */
  *updateSteps(
    change: ViewChange,
    changedUris: Set<string>,
    timer: StepTimer = new StepTimer(),
  ): Steps<void> {
    const dirtyGroups = new Set<string>();
    for (const resource of change.removed) {
      for (const task of this.tasks.ofSubject(resource)) this.dropTask(task, changedUris);
      this.leaveGroups(resource, dirtyGroups, () => true);
    }
    for (const resource of change.leaving) {
      if (change.removed.has(resource)) continue;
      for (const task of this.tasks.ofSubject(resource)) {
        if (!isEveryCopy(task.analyzer)) this.dropTask(task, changedUris);
      }
      this.leaveGroups(resource, dirtyGroups, (analyzer) => !isEveryCopy(analyzer));
    }
    const starting = new Map<MeshResource, Analyzer[]>();
    for (const resource of change.added) {
      starting.set(resource, this.analyzersFor(resource, this.index.isEffective(resource)));
    }
    for (const resource of change.entering) {
      if (change.added.has(resource)) continue;
      starting.set(
        resource,
        this.analyzersFor(resource, true).filter((analyzer) => !isEveryCopy(analyzer)),
      );
    }
    for (const resource of change.retargeted) {
      for (const task of this.tasks.ofSubject(resource)) {
        if (isEveryCopy(task.analyzer)) this.dropTask(task, changedUris);
      }
      this.leaveGroups(resource, dirtyGroups, isEveryCopy);
      const everyCopy = this.analyzersFor(resource, this.index.isEffective(resource)).filter(isEveryCopy);
      starting.set(resource, [...(starting.get(resource) ?? []), ...everyCopy]);
    }
    for (const [resource, analyzers] of starting) this.joinGroups(resource, analyzers, dirtyGroups);

    const dirty = new Map<string, Work>();
    for (const task of this.tasks.dependingOn(change.keys)) {
      if (task.subject && change.removed.has(task.subject)) continue;
      if (task.subject && change.leaving.has(task.subject) && !isEveryCopy(task.analyzer)) continue;
      dirty.set(task.id, { analyzer: task.analyzer, subject: task.subject, groupKey: task.groupKey });
    }
    for (const task of this.tasks.dependingOn(change.retargetKeys)) {
      if (!isEveryCopy(task.analyzer) || (task.subject && change.removed.has(task.subject))) continue;
      dirty.set(task.id, { analyzer: task.analyzer, subject: task.subject, groupKey: task.groupKey });
    }
    for (const [resource, analyzers] of starting) {
      for (const analyzer of analyzers) {
        if (analyzer.type === 'resource') {
          dirty.set(resourceTaskId(analyzer, resource), { analyzer, subject: resource, groupKey: null });
        }
      }
    }
    this.addGroupWork(dirtyGroups, dirty);
    yield* this.runAll(
      [...dirty].sort(([a], [b]) => a.localeCompare(b)),
      changedUris,
      timer,
    );
  }

  /** Forgets every result and analyses `subjects` (every object, effective or not) from scratch. */
  rebuild(subjects: readonly MeshResource[], changedUris: Set<string>): void {
    drain(this.rebuildSteps(subjects, changedUris));
  }

  /** rebuild() in steps of bounded time (stepped-work.ts). */
  *rebuildSteps(
    subjects: readonly MeshResource[],
    changedUris: Set<string>,
    timer: StepTimer = new StepTimer(),
  ): Steps<void> {
    for (const task of this.tasks.all()) {
      for (const report of task.reports) changedUris.add(report.resource.source.uri);
    }
    this.tasks.clear();
    this.groups.clear();
    this.memberships.clear();
    const dirtyGroups = new Set<string>();
    const work = new Map<string, Work>();
    for (const resource of subjects) {
      const analyzers = this.analyzersFor(resource, this.index.isEffective(resource));
      this.joinGroups(resource, analyzers, dirtyGroups);
      for (const analyzer of analyzers) {
        if (analyzer.type === 'resource') {
          work.set(resourceTaskId(analyzer, resource), { analyzer, subject: resource, groupKey: null });
        }
      }
      if (timer.due()) yield* timer.nextStep();
    }
    this.addGroupWork(dirtyGroups, work);
    yield* this.runAll(work, changedUris, timer, true);
  }

  /** `fresh`: no task has run since the graph was cleared, so none is replaced (no lookups). */
  private *runAll(
    work: Iterable<readonly [string, Work]>,
    changedUris: Set<string>,
    timer: StepTimer,
    fresh = false,
  ): Steps<void> {
    for (const [id, item] of work) {
      this.run(id, item, changedUris, fresh);
      if (timer.due()) yield* timer.nextStep();
    }
  }

  reportsAbout(resource: MeshResource): Report[] {
    return this.tasks.reportsAbout(resource);
  }

  takeFailures(): AnalyzerFailure[] {
    const failures = this.failures;
    this.failures = [];
    return failures;
  }

  recordFailure(failure: AnalyzerFailure): void {
    this.failures.push(failure);
  }

  stats(): { readonly tasks: number; readonly tasksRun: number } {
    return { tasks: this.tasks.size, tasksRun: this.tasksRun };
  }

  /** The analyzers for an object: `every-copy` ones always, the others only for effective objects. */
  private analyzersFor(resource: MeshResource, effective: boolean): Analyzer[] {
    if (resource.origin === 'builtin') return [];
    const forKind = this.analyzersOfKind(resource.groupKind);
    return effective ? forKind : forKind.filter(isEveryCopy);
  }

  /** The analyzers that apply to a kind in the current Kubernetes state, worked out once per kind. */
  private analyzersOfKind(groupKind: string): Analyzer[] {
    if (this.byKindState !== this.hasKubernetesState) {
      this.byKind.clear();
      this.byKindState = this.hasKubernetesState;
    }
    let found = this.byKind.get(groupKind);
    if (!found) {
      found = this.analyzers.filter(
        (analyzer) =>
          analyzer.kinds.includes(groupKind) &&
          (!analyzer.requires?.includes('kubernetes') || this.hasKubernetesState),
      );
      this.byKind.set(groupKind, found);
    }
    return found;
  }

  private addGroupWork(dirtyGroups: ReadonlySet<string>, work: Map<string, Work>): void {
    for (const id of dirtyGroups) {
      const [name, key] = splitGroupId(id);
      const analyzer = this.byName.get(name);
      if (analyzer) work.set(groupTaskId(analyzer, key), { analyzer, subject: null, groupKey: key });
    }
  }

  private joinGroups(resource: MeshResource, analyzers: readonly Analyzer[], dirtyGroups: Set<string>): void {
    for (const analyzer of analyzers) {
      if (analyzer.type !== 'group') continue;
      const groups = this.groupsOf(analyzer.name);
      for (const key of analyzer.groupKeys(resource)) {
        let members = groups.get(key);
        if (!members) groups.set(key, (members = new Set()));
        members.add(resource);
        const id = `${analyzer.name}@${key}`;
        dirtyGroups.add(id);
        const joined = this.memberships.get(resource);
        if (joined) joined.push(id);
        else this.memberships.set(resource, [id]);
      }
    }
  }

  private leaveGroups(
    resource: MeshResource,
    dirtyGroups: Set<string>,
    leaves: (analyzer: Analyzer) => boolean,
  ): void {
    const kept: string[] = [];
    for (const id of this.memberships.get(resource) ?? []) {
      const [name, key] = splitGroupId(id);
      const analyzer = this.byName.get(name);
      if (analyzer && !leaves(analyzer)) {
        kept.push(id);
        continue;
      }
      if (this.groups.get(name)?.get(key)?.delete(resource)) dirtyGroups.add(id);
    }
    if (kept.length > 0) this.memberships.set(resource, kept);
    else this.memberships.delete(resource);
  }

  private groupsOf(name: string): Map<string, Set<MeshResource>> {
    let groups = this.groups.get(name);
    if (!groups) this.groups.set(name, (groups = new Map()));
    return groups;
  }

  private run(
    id: string,
    { analyzer, subject, groupKey }: Work,
    changedUris: Set<string>,
    fresh: boolean,
  ): void {
    const previous = fresh ? undefined : this.tasks.get(id);
    if (previous) this.dropTask(previous, changedUris);
    const members = groupKey === null ? [] : [...(this.groupsOf(analyzer.name).get(groupKey) ?? [])];
    if (groupKey !== null && members.length === 0) {
      this.groupsOf(analyzer.name).delete(groupKey);
      return;
    }
    this.tasksRun++;
    const deps = this.tracksDependencies ? new TaskKeys() : null;
    // Most analyses report nothing: they keep the shared empty list, not an array of their own.
    let reports: Report[] | null = null;
    const mesh = new MeshQueries(this.index, deps ?? DISCARDED_KEYS, this.hasKubernetesState, this.coverage);
    const ctx: AnalysisContext = { mesh, report: (report) => (reports ??= []).push(report) };
    try {
      if (analyzer.type === 'resource' && subject) analyzer.analyze(subject, ctx);
      else if (analyzer.type === 'group' && groupKey !== null) {
        // A group gathers its members from every cluster: a kind unread in one of them leaves it short.
        mesh.relyOn([...new Set(members.map((member) => member.groupKind))]);
        analyzer.analyzeGroup(groupKey, members.sort(byOrigin), ctx);
      }
    } catch (error) {
      this.failures.push({
        analyzer: analyzer.name,
        subject: subject ? identityOf(subject) : (groupKey ?? ''),
        error: error instanceof Error ? (error.stack ?? error.message) : String(error),
      });
      reports = null;
    }
    // Its dependencies are kept: the analysis runs again, and may speak, when what it read changes.
    if (mesh.reliesOnUnreadObjects) reports = null;
    // Kept as an array, smaller than a Set for the few keys an analysis records: with a Set and a report
    // list per task, the analysis of a 50-cluster mesh held 80 MiB more.
    const task: Task = {
      id,
      analyzer,
      subject,
      groupKey,
      deps: deps?.list() ?? NO_KEYS,
      reports: reports ?? NO_REPORTS,
    };
    if (fresh) this.tasks.add(task);
    else this.tasks.put(task);
    for (const report of task.reports) changedUris.add(report.resource.source.uri);
  }

  private dropTask(task: Task, changedUris: Set<string>): void {
    this.tasks.delete(task.id);
    for (const report of task.reports) changedUris.add(report.resource.source.uri);
  }
}

const NO_REPORTS: readonly Report[] = [];
const NO_KEYS: readonly string[] = [];

function isEveryCopy(analyzer: Analyzer): boolean {
  return analyzer.scope === 'every-copy';
}

function splitGroupId(id: string): [string, string] {
  const at = id.indexOf('@');
  return [id.slice(0, at), id.slice(at + 1)];
}

/** Authored documents first, then clusters by name: group members in a stable order. */
function byOrigin(a: MeshResource, b: MeshResource): number {
  return (a.cluster ?? '').localeCompare(b.cluster ?? '') || a.id - b.id;
}
