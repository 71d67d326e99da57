/**
 * The cross-control-plane checks on the 50-cluster topology of the fleet benches (simulator's
 * generateMesh: 50 primaries x 500 services, 2 realistic pods each; no network, the state is handed to
 * the session as a live snapshot, each object as discovery keeps it) with 200 authored documents (100 DestinationRules over the clusters' own rules, 100
 * VirtualServices routing to their subsets, in 10 files):
 *   1. the initial analysis (every analyzer, every copy);
 *   2. a one-document edit through the session (setDocument + refresh + diagnostics of the file): p50/p95,
 *      goal p95 <= 30 ms, with the analyses re-run per edit;
 *   3. a modeline edit retargeting the 20 documents of a file (every primary -> 5 primaries and back);
 *   4. the initial analysis in steps, as the language server runs it: the longest step is the longest a
 *      request waits while it runs;
 * with, per edit, the time spent in the cross-control-plane analyzers (MESH107-109, MESH2xx) and the
 * analyzers that cost the most.
 * BENCH_MESH_SHAPE overrides the mesh, e.g. `clusters=10,services=100`.
 */
import { allAnalyzers } from '../server/src/analysis/analyzers';
import { loadCelRuleIndex } from '../server/src/analysis/cel';
import { type Analyzer } from '../server/src/analysis/framework/analyzer';
import { AnalysisSession } from '../server/src/analysis/session/analysis-session';
import { deriveClusterFacts } from '../server/src/mesh/derive-cluster-facts';
import { type KubeObject, type TopologySnapshot } from '../server/src/mesh/snapshot';
import { watchedResources } from '../server/src/topology/watched-resources';
import { generateMesh } from '../simulator/src/index';
import { formatMs, measure, percentile, printTimings, runsFromEnvironment } from './benchmark';

export const name = 'mesh-checks';
export const description =
  'cross-control-plane checks: 50 primaries x 500 services + 200 authored documents; initial analysis, one-document edit p50/p95, modeline retarget';

const FILES = 10;
const DOCUMENTS_PER_FILE = 20;

export async function run(): Promise<void> {
  const shape = readShape(process.env.BENCH_MESH_SHAPE ?? 'clusters=50,services=500');
  const generated = generateMesh({
    clusters: shape.clusters,
    servicesPerCluster: shape.services,
    networks: 5,
  });
  const snapshot: TopologySnapshot = {
    version: 1,
    clusters: generated.clusters.map((cluster) => {
      const objects = keptByDiscovery(cluster.objects as unknown as KubeObject[]);
      return { ...deriveClusterFacts(cluster.name, objects), reachable: true, stale: null, objects };
    }),
  };
  const objects = snapshot.clusters.reduce((sum, cluster) => sum + cluster.objects.length, 0);
  const clock = new AnalyzerClock();
  const session = new AnalysisSession({
    kubernetesState: 'auto',
    defaultIngressGateway: false,
    analyzers: allAnalyzers(loadCelRuleIndex()).map((analyzer) => clock.wrap(analyzer)),
  });
  const files = Array.from({ length: FILES }, (_, index) => ({
    uri: `file:///bench/policies/part-${index}.yaml`,
    text: policyFile(index, shape.services),
  }));
  const loadStarted = performance.now();
  session.setSnapshot(snapshot);
  for (const file of files) session.setDocument(file.uri, file.text);
  session.refresh();
  const loadMs = performance.now() - loadStarted;
  const diagnostics = session.allDiagnostics();
  const cross = diagnostics.filter((d) => /^MESH(10[789]|2\d\d)$/.test(d.code)).length;
  console.log(
    `\nmesh: ${snapshot.clusters.length} primaries, ${objects} objects; ${FILES * DOCUMENTS_PER_FILE} authored documents in ${FILES} files`,
  );
  console.log(
    `(1) initial analysis ${formatMs(loadMs)}: ${session.stats().tasks} analyses, ${diagnostics.length} diagnostics (${cross} MESH107-109/MESH2xx)`,
  );
  console.log(
    `  in the MESH107-109/MESH2xx analyzers: ${formatMs(clock.crossMs)}; costliest: ${clock.costliest(4, 1)}`,
  );

  const runs = runsFromEnvironment(40);
  const edited = files[0]!;
  // Alternates a route to an existing subset and to one no primary defines, and a rule's load balancer.
  const variant = (run: number): string =>
    edited.text
      .replace('subset: v2 # edited', `subset: ${run % 2 === 0 ? 'v9' : 'v2'} # edited`)
      .replace(
        'simple: LEAST_REQUEST # edited',
        `simple: ${run % 3 === 0 ? 'ROUND_ROBIN' : 'LEAST_REQUEST'} # edited`,
      );
  const before = session.stats().tasksRun;
  const crossPerEdit: number[] = [];
  clock.reset();
  const edit = await measure('one-document edit: setDocument + refresh + diagnostics', runs, (run) => {
    const inCrossChecks = clock.crossMs;
    session.setDocument(edited.uri, variant(run));
    session.refresh();
    if (run >= 0) crossPerEdit.push(clock.crossMs - inCrossChecks);
    return Promise.resolve(session.diagnosticsFor(edited.uri));
  });
  const perEdit = (session.stats().tasksRun - before) / (runs + 1);
  const costliest = clock.costliest(4, runs + 1);

  const narrowed = `# meshwright: clusters=${snapshot.clusters
    .slice(0, 5)
    .map((cluster) => cluster.name)
    .join(',')}\n${edited.text}`;
  const beforeRetarget = session.stats().tasksRun;
  const retarget = await measure('modeline edit: 20 documents retargeted', runs, (run) => {
    session.setDocument(edited.uri, run % 2 === 0 ? narrowed : edited.text);
    session.refresh();
    return Promise.resolve(session.diagnosticsFor(edited.uri));
  });
  const perRetarget = (session.stats().tasksRun - beforeRetarget) / (runs + 1);
  printTimings('(2), (3) edits in a 20-document file', [edit, retarget]);
  console.log(
    `  analyses re-run per edit: ${perEdit.toFixed(1)}; per retarget: ${perRetarget.toFixed(1)} (of ${session.stats().tasks})`,
  );
  console.log(`  goal: p95 <= 30 ms per edit; measured p95 ${formatMs(edit.p95)}`);
  console.log(
    `  of which in the MESH107-109/MESH2xx analyzers: p50 ${formatMs(percentile(crossPerEdit, 50))}, p95 ${formatMs(percentile(crossPerEdit, 95))}`,
  );
  console.log(`  costliest analyzers per edit: ${costliest}`);
  console.log(`  peak RSS of this process: ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MiB`);

  // (4) The initial analysis as the language server runs it: in steps, yielding to its event loop between
  // them, so the longest step is the longest a request can wait.
  const stepped = new AnalysisSession({ kubernetesState: 'auto', defaultIngressGateway: false });
  stepped.setSnapshot(snapshot);
  for (const file of files) stepped.setDocument(file.uri, file.text);
  const steps = stepped.refreshInSteps();
  const stepTimes: number[] = [];
  const steppedStarted = performance.now();
  for (;;) {
    const stepStarted = performance.now();
    const step = steps.next();
    stepTimes.push(performance.now() - stepStarted);
    if (step.done) break;
  }
  console.log(
    `(4) initial analysis in steps (the language server's way): ${formatMs(performance.now() - steppedStarted)} in ${stepTimes.length} steps; longest step ${formatMs(Math.max(...stepTimes))}, p95 ${formatMs(percentile(stepTimes, 95))}`,
  );
}

/**
 * File `index`: 10 DestinationRules (with a load balancer the clusters' rules do not have: a pending change
 * where a service has one) and 10 VirtualServices routing to their subsets, for 10 distinct services.
 */
function policyFile(index: number, services: number): string {
  const documents: string[] = [];
  for (let i = 0; i < DOCUMENTS_PER_FILE / 2; i++) {
    // 100 distinct services spread over the mesh's: half of them have a rule in every cluster already.
    const serviceIndex = Math.floor(((index * (DOCUMENTS_PER_FILE / 2) + i) * services) / 100);
    const service = `svc-${String(serviceIndex + 1).padStart(4, '0')}`;
    const namespace = `app-${String(Math.floor(serviceIndex / 50) + 1).padStart(2, '0')}`;
    const host = `${service}.${namespace}.svc.cluster.local`;
    const marker = i === 0 ? ' # edited' : '';
    documents.push(`apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata:
  name: ${service}
  namespace: ${namespace}
spec:
  host: ${host}
  trafficPolicy:
    tls:
      mode: ISTIO_MUTUAL
    loadBalancer:
      simple: LEAST_REQUEST${marker}
  subsets:
    - name: v1
      labels:
        version: v1
    - name: v2
      labels:
        version: v2
    - name: v3
      labels:
        version: v3`);
    documents.push(`apiVersion: networking.istio.io/v1
kind: VirtualService
metadata:
  name: ${service}
  namespace: ${namespace}
spec:
  hosts:
    - ${host}
  http:
    - route:
        - destination:
            host: ${host}
            subset: v1
          weight: 90
        - destination:
            host: ${host}
            subset: v2${marker}
          weight: 10`);
  }
  return `${documents.join('\n---\n')}\n`;
}

/** Wall time spent in each analyzer (the runner calls them synchronously). */
class AnalyzerClock {
  crossMs = 0;
  private readonly byName = new Map<string, number>();

  wrap(analyzer: Analyzer): Analyzer {
    const cross = analyzer.codes.some((code) => /^MESH(10[789]|2\d\d)$/.test(code));
    const timed = <T>(body: () => T): T => {
      const started = performance.now();
      try {
        return body();
      } finally {
        const spent = performance.now() - started;
        this.byName.set(analyzer.name, (this.byName.get(analyzer.name) ?? 0) + spent);
        if (cross) this.crossMs += spent;
      }
    };
    return analyzer.type === 'resource'
      ? { ...analyzer, analyze: (resource, ctx) => timed(() => analyzer.analyze(resource, ctx)) }
      : {
          ...analyzer,
          analyzeGroup: (key, members, ctx) => timed(() => analyzer.analyzeGroup(key, members, ctx)),
        };
  }

  reset(): void {
    this.byName.clear();
    this.crossMs = 0;
  }

  costliest(count: number, edits: number): string {
    return [...this.byName]
      .sort((a, b) => b[1] - a[1])
      .slice(0, count)
      .map(([analyzer, ms]) => `${analyzer} ${formatMs(ms / edits)}`)
      .join(', ');
  }
}

function readShape(text: string): { clusters: number; services: number } {
  const values = Object.fromEntries(
    text.split(',').map((pair) => {
      const [key = '', value = ''] = pair.split('=');
      return [key.trim(), Number(value)];
    }),
  );
  return { clusters: values.clusters || 50, services: values.services || 500 };
}

/**
 * The objects as live discovery keeps them (watched-resources.ts: slimmed, or dropped): the generated
 * workloads are realistic, and the session never sees what discovery drops. The first watched resource of
 * the object's group and kind (and namespace, when it reads one only) decides.
 */
function keptByDiscovery(objects: readonly KubeObject[]): KubeObject[] {
  const resources = watchedResources();
  const kept: KubeObject[] = [];
  for (const object of objects) {
    const slash = object.apiVersion.indexOf('/');
    const group = slash >= 0 ? object.apiVersion.slice(0, slash) : '';
    const resource = resources.find(
      (candidate) =>
        candidate.group === group &&
        candidate.kind === object.kind &&
        (!candidate.namespace || candidate.namespace === object.metadata.namespace),
    );
    const slim = resource ? resource.keep(object) : null;
    if (slim) kept.push(slim);
  }
  return kept;
}
