/**
 * The differential comparison of Meshwright with istioctl: runs both on the same cases, compares each
 * case's set of (code, kind, namespace, name) findings, matches the differences against the listed
 * departures, and renders the per-code table and the agreement figure.
 *
 * Both tools see one merged view of a case: every YAML file of it, cluster-state files included, as
 * plain input files (offline istioctl has no notion of several clusters). The mesh config goes to
 * istioctl's --meshConfigFile and Meshwright's --mesh-config.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'yaml';
import { type CliEnvironment } from '../../../server/src/cli/cli-environment';
import { runAnalyze } from '../../../server/src/cli/analyze-command';
import { ANALYZE_OPTION_SPECS, readAnalyzeOptions } from '../../../server/src/cli/analyze-options';
import { parseArguments } from '../../../server/src/cli/cli-arguments';
import { CODES } from '../../../server/src/mesh/codes';
import { type Departure } from '../departures';
import { type IstioctlFinding, inPool, runIstioctl } from './istioctl';

/**
 * The codes istioctl analyze (1.31-dev) can report, read from pkg/config/analysis/analyzers (the
 * msg.New* calls of the analyzers all.go registers) and the schema validation it runs on every input.
 * IST0136 is missing on purpose: its analyzer (annotations.AlphaAnalyzer) is not registered, so
 * istioctl analyze never reports it.
 */
export const ISTIOCTL_CODES: readonly string[] = [
  'IST0002', 'IST0101', 'IST0102', 'IST0103', 'IST0106', 'IST0107', 'IST0108', 'IST0109', 'IST0110',
  'IST0111', 'IST0112', 'IST0116', 'IST0118', 'IST0123', 'IST0125', 'IST0126', 'IST0127', 'IST0128',
  'IST0129', 'IST0130', 'IST0131', 'IST0132', 'IST0133', 'IST0134', 'IST0135', 'IST0137',
  'IST0138', 'IST0139', 'IST0140', 'IST0144', 'IST0145', 'IST0146', 'IST0147', 'IST0148', 'IST0149',
  'IST0150', 'IST0151', 'IST0152', 'IST0153', 'IST0154', 'IST0155', 'IST0157', 'IST0158', 'IST0159',
  'IST0160', 'IST0161', 'IST0162', 'IST0163', 'IST0164', 'IST0165', 'IST0166', 'IST0167', 'IST0170',
  'IST0171', 'IST0173', 'IST0174', 'IST0175', 'IST0176', 'IST0177',
]; // prettier-ignore

/**
 * Offline, istioctl reads no Service, Namespace, Node, Pod or Secret from files (its file source drops
 * the "runtime" kinds, pkg/config/analysis/legacy/util/kuberesource) and skips every analyzer that needs
 * one of them. `istioctl analyze -v` lists those; the test checks the list is still this one.
 */
export const ISTIOCTL_OFFLINE_SKIPPED: readonly string[] = [
  'annotations.K8sAnalyzer', 'auth.AuthorizationPoliciesAnalyzer', 'conditions.ConditionAnalyzer',
  'deployment.MultiServiceAnalyzer', 'applicationUID.Analyzer', 'destinationrule.SubsetSelectPodAnalyzer',
  'gateway.IngressGatewayPortAnalyzer', 'gateway.SecretAnalyzer', 'gateway.ConflictingGatewayAnalyzer',
  'injection.Analyzer', 'injection.ImageAnalyzer', 'injection.ImageAutoAnalyzer', 'k8sgateway.SelectorAnalyzer',
  'meshnetworks.MeshNetworksAnalyzer', 'services.MultiClusterServiceAnalyzer', 'service.PortNameAnalyzer',
  'sidecar.SelectorAnalyzer', 'virtualservice.DestinationHostAnalyzer', 'virtualservice.JWTClaimRouteAnalyzer',
  'webhook.Analyzer', 'telemetry.SelectorAnalyzer',
]; // prettier-ignore

/**
 * Codes every istioctl analyzer of which is skipped offline (above): istioctl cannot report them from
 * files, so Meshwright's findings of them are counted apart, not compared.
 */
export const ISTIOCTL_OFFLINE_BLIND: ReadonlySet<string> = new Set([
  'IST0102', 'IST0103', 'IST0107', 'IST0108', 'IST0110', 'IST0111', 'IST0112', 'IST0116', 'IST0118',
  'IST0123', 'IST0125', 'IST0126', 'IST0127', 'IST0135', 'IST0137', 'IST0139', 'IST0140', 'IST0144',
  'IST0145', 'IST0146', 'IST0147', 'IST0148', 'IST0149', 'IST0150', 'IST0158', 'IST0159', 'IST0161',
  'IST0162', 'IST0166', 'IST0167', 'IST0170', 'IST0171', 'IST0173', 'IST0174',
]); // prettier-ignore

/**
 * IST0101 comes from several istioctl analyzers; offline only virtualservice.GatewayAnalyzer (a
 * VirtualService's gateways) and virtualservice.DestinationRuleAnalyzer (its subsets) run. Meshwright's
 * messages for those two conditions say so.
 */
const OFFLINE_REFERENCE = / binds to Gateway | routes to subset /;

/** Whether offline istioctl could report this finding at all. */
export function visibleToOfflineIstioctl(finding: { code: string; message: string }): boolean {
  if (ISTIOCTL_OFFLINE_BLIND.has(finding.code)) return false;
  return finding.code !== 'IST0101' || OFFLINE_REFERENCE.test(finding.message);
}

/** Codes both tools implement: only these are compared. */
export const SHARED_CODES: ReadonlySet<string> = new Set(ISTIOCTL_CODES.filter((code) => CODES.has(code)));

/** One case: the files both tools read, the mesh config, and where it comes from. */
export interface DiffCase {
  /** e.g. `IST0101/virtualservice-gateways/fires-missing-gateway` or `corpus/routing-017`. */
  readonly id: string;
  /** The `it` it is checked in: a fixture analyzer folder or a corpus family. */
  readonly group: string;
  readonly files: readonly string[];
  readonly meshConfig?: string;
}

export type Side = 'only-istioctl' | 'only-meshwright';

export interface Finding {
  readonly code: string;
  readonly kind: string;
  readonly namespace: string;
  readonly name: string;
}

export interface Difference extends Finding {
  readonly caseId: string;
  readonly group: string;
  readonly side: Side;
  /** The tool's message, to tell a reader why it reported it. */
  readonly message: string;
}

export interface CaseResult {
  readonly case: DiffCase;
  readonly agreed: readonly Finding[];
  readonly differences: readonly Difference[];
  /** Findings of codes only one tool implements: shown, never compared. */
  readonly unshared: readonly (Finding & { side: Side })[];
  /** Meshwright's findings that offline istioctl cannot see (see ISTIOCTL_OFFLINE_BLIND): shown, never compared. */
  readonly blind: readonly Finding[];
}

export function resourceOf(finding: Finding): string {
  return `${finding.kind} ${finding.namespace ? `${finding.namespace}/` : ''}${finding.name}`;
}

const keyOf = (finding: Finding): string => `${finding.code} ${resourceOf(finding)}`;

/** istioctl's --meshConfigFile takes the MeshConfig itself; the fixtures may give the istio ConfigMap. */
function istioctlMeshConfig(file: string, scratch: string): string {
  const document = parse(fs.readFileSync(file, 'utf8')) as {
    kind?: string;
    data?: { mesh?: string };
  } | null;
  if (document?.kind !== 'ConfigMap') return file;
  const target = path.join(scratch, `${path.basename(path.dirname(file))}-mesh.yaml`);
  fs.writeFileSync(target, document.data?.mesh ?? '');
  return target;
}

interface MeshwrightDiagnostic {
  code: string;
  message: string;
  resource: { kind: string; namespace: string; name: string } | null;
}

/**
 * `meshwright analyze --offline --format json` in this process: the analyze command's own code path
 * (option parsing, file reading, schema validation, analyzers, JSON report) without a Node start per
 * case, which would cost more than the analysis.
 */
export function runMeshwright(
  files: readonly string[],
  meshConfig: string | undefined,
): Promise<(Finding & { message: string })[]> {
  return runMeshwrightAnalyze([...(meshConfig ? ['--mesh-config', meshConfig] : []), '--offline'], files);
}

/**
 * `meshwright analyze --kubeconfig K [--context C]... --format json PATHS` in this process: the live
 * clusters are read once, as the command does. The command loads its Kubernetes client with a dynamic
 * `import()`, which the test's CommonJS loader (tsx/cjs) does not serve; tsx's ESM loader is registered
 * for it, once (imported, not required: its CommonJS entry misplaces the loader's own file).
 */
export async function runMeshwrightLive(
  kubeconfig: string,
  contexts: readonly string[],
  paths: readonly string[],
): Promise<(Finding & { message: string })[]> {
  esmLoader ??= (import(TSX_ESM_API) as Promise<{ register: () => unknown }>).then(
    (api) => void api.register(),
  );
  await esmLoader;
  return runMeshwrightAnalyze(
    // A cluster read only in part would silently drop findings: on a busy machine the default 15 s per
    // cluster is not always enough, and a partial read must fail the case, not pass it.
    [
      '--kubeconfig',
      kubeconfig,
      ...contexts.flatMap((context) => ['--context', context]),
      '--timeout',
      '120',
      '--require-complete',
    ],
    paths,
  );
}

let esmLoader: Promise<void> | undefined;
/** A name, not a literal: the package's types are ESM-only (.d.mts), which the tests' module resolution does not read. */
const TSX_ESM_API = 'tsx/esm/api';

async function runMeshwrightAnalyze(
  options: readonly string[],
  paths: readonly string[],
): Promise<(Finding & { message: string })[]> {
  const stdout: string[] = [];
  const stderr: string[] = [];
  const environment: CliEnvironment = {
    cwd: os.tmpdir(),
    env: {},
    stdout: { write: (text) => void stdout.push(text), isTTY: false },
    stderr: { write: (text) => void stderr.push(text), isTTY: false },
    readStdin: () => Promise.resolve(Buffer.alloc(0)),
  };
  const args = [...options, '--format', 'json', '--fail-on', 'none'];
  // The analyze command's own parsing and run; `meshwright`'s dispatch would load it with a dynamic
  // import, which the test's TypeScript loader does not resolve.
  const parsed = readAnalyzeOptions(
    parseArguments([...args, '--', ...paths], ANALYZE_OPTION_SPECS, 'meshwright analyze'),
  );
  const exitCode = await runAnalyze(parsed, environment);
  if (exitCode !== 0) {
    throw new Error(`meshwright analyze ${args.join(' ')} exited ${exitCode}:\n${stderr.join('')}`);
  }
  const report = JSON.parse(stdout.join('')) as { diagnostics: MeshwrightDiagnostic[] };
  return report.diagnostics
    .filter((d) => d.code.startsWith('IST'))
    .map((d) => ({
      code: d.code,
      kind: d.resource?.kind ?? '',
      namespace: d.resource?.namespace ?? '',
      name: d.resource?.name ?? '',
      message: d.message,
    }));
}

/** Kinds without a namespace, as both tools name them. */
const CLUSTER_SCOPED = new Set([
  'Namespace', 'Node', 'MutatingWebhookConfiguration', 'ValidatingWebhookConfiguration',
  'CustomResourceDefinition', 'GatewayClass', 'ClusterRole', 'ClusterRoleBinding',
]); // prettier-ignore

/**
 * istioctl -A gives an object without metadata.namespace no namespace at all ("VirtualService httpbin");
 * it would land in `default`, as Meshwright says.
 */
function withDefaultNamespace<T extends Finding>(finding: T): T {
  return finding.namespace === '' && !CLUSTER_SCOPED.has(finding.kind)
    ? { ...finding, namespace: 'default' }
    : finding;
}

/**
 * Compares one case's findings. `istioctlCouldSee` says whether istioctl could report a finding of
 * Meshwright's at all (offline by default; live istioctl runs every analyzer): one it could not is
 * counted apart, not as a difference.
 */
export function compareCase(
  diffCase: DiffCase,
  istioctl: readonly (Finding & { message: string })[],
  meshwright: readonly (Finding & { message: string })[],
  istioctlCouldSee: (finding: Finding & { message: string }) => boolean = visibleToOfflineIstioctl,
): CaseResult {
  const theirs = new Map(istioctl.map(withDefaultNamespace).map((finding) => [keyOf(finding), finding]));
  const ours = new Map(meshwright.map((finding) => [keyOf(finding), finding]));
  const agreed: Finding[] = [];
  const differences: Difference[] = [];
  const unshared: (Finding & { side: Side })[] = [];
  const blind: Finding[] = [];
  const consider = (
    finding: Finding & { message: string },
    side: Side,
    other: Map<string, unknown>,
  ): void => {
    if (!SHARED_CODES.has(finding.code)) {
      unshared.push({ ...strip(finding), side });
    } else if (side === 'only-meshwright' && !istioctlCouldSee(finding) && !other.has(keyOf(finding))) {
      blind.push(strip(finding));
    } else if (!other.has(keyOf(finding))) {
      differences.push({
        ...strip(finding),
        message: finding.message,
        caseId: diffCase.id,
        group: diffCase.group,
        side,
      });
    } else if (side === 'only-istioctl') {
      agreed.push(strip(finding));
    }
  };
  for (const finding of theirs.values()) consider(finding, 'only-istioctl', ours);
  for (const finding of ours.values()) consider(finding, 'only-meshwright', theirs);
  return { case: diffCase, agreed, differences, unshared, blind };
}

const strip = (finding: Finding): Finding => ({
  code: finding.code,
  kind: finding.kind,
  namespace: finding.namespace,
  name: finding.name,
});

/** Runs both tools over every case: istioctl in a small pool of processes, Meshwright in this process. */
export async function runDifferential(
  binary: string,
  cases: readonly DiffCase[],
  options: { pool?: number } = {},
): Promise<CaseResult[]> {
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'meshwright-istioctl-'));
  try {
    const istioctlRuns = inPool(cases, options.pool ?? 2, (diffCase) =>
      runIstioctl(binary, diffCase.files, {
        meshConfigFile: diffCase.meshConfig && istioctlMeshConfig(diffCase.meshConfig, scratch),
      }).then(
        (findings) => findings,
        (error: unknown) => {
          throw new Error(
            `istioctl on case ${diffCase.id}: ${error instanceof Error ? error.message : String(error)}`,
          );
        },
      ),
    );
    // Meshwright may fail first; istioctl's failure is then reported when awaited, not as unhandled.
    istioctlRuns.catch(() => undefined);
    const ours: (Finding & { message: string })[][] = [];
    for (const diffCase of cases) {
      try {
        ours.push(await runMeshwright(diffCase.files, diffCase.meshConfig));
      } catch (error) {
        throw new Error(
          `meshwright on case ${diffCase.id}: ${error instanceof Error ? error.message : String(error)}`,
        );
      }
    }
    const theirs: IstioctlFinding[][] = await istioctlRuns;
    return cases.map((diffCase, index) => compareCase(diffCase, theirs[index]!, ours[index]!));
  } finally {
    fs.rmSync(scratch, { recursive: true, force: true });
  }
}

/** Whether a departure covers a difference. */
export function covers(departure: Departure, difference: Difference): boolean {
  return (
    departure.code === difference.code &&
    departure.side === difference.side &&
    departure.cases.test(difference.caseId) &&
    (departure.resource === undefined || departure.resource.test(resourceOf(difference)))
  );
}

export interface DepartureCheck {
  /** Differences no departure covers: each fails the suite. */
  readonly unexplained: readonly Difference[];
  /** Departures that covered nothing: the list would no longer be true. */
  readonly stale: readonly Departure[];
}

export function checkDepartures(
  differences: readonly Difference[],
  departures: readonly Departure[],
): DepartureCheck {
  const used = new Set<Departure>();
  const unexplained: Difference[] = [];
  for (const difference of differences) {
    const departure = departures.find((candidate) => covers(candidate, difference));
    if (departure) used.add(departure);
    else unexplained.push(difference);
  }
  return {
    unexplained,
    stale: departures.filter((departure) => !used.has(departure) && departure.notEveryRun === undefined),
  };
}

export function describeDifference(difference: Difference): string {
  return `${difference.caseId}: ${difference.side} ${difference.code} ${resourceOf(difference)} (${difference.message.split('\n')[0]})`;
}

export interface CodeRow {
  readonly code: string;
  readonly cases: number;
  readonly agree: number;
  readonly onlyIstioctl: number;
  readonly onlyMeshwright: number;
}

export function codeTable(results: readonly CaseResult[]): CodeRow[] {
  const rows = new Map<
    string,
    { cases: Set<string>; agree: number; onlyIstioctl: number; onlyMeshwright: number }
  >();
  const row = (code: string) => {
    let entry = rows.get(code);
    if (!entry) rows.set(code, (entry = { cases: new Set(), agree: 0, onlyIstioctl: 0, onlyMeshwright: 0 }));
    return entry;
  };
  for (const result of results) {
    for (const finding of result.agreed) {
      const entry = row(finding.code);
      entry.cases.add(result.case.id);
      entry.agree++;
    }
    for (const difference of result.differences) {
      const entry = row(difference.code);
      entry.cases.add(result.case.id);
      if (difference.side === 'only-istioctl') entry.onlyIstioctl++;
      else entry.onlyMeshwright++;
    }
  }
  return [...rows.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([code, entry]) => ({
      code,
      cases: entry.cases.size,
      agree: entry.agree,
      onlyIstioctl: entry.onlyIstioctl,
      onlyMeshwright: entry.onlyMeshwright,
    }));
}

/**
 * The table, then the codes only one tool implements, then the agreement line last (naming `label`,
 * when given, so that only the figure over every suite reads `istioctl agreement: A/B`).
 */
export function renderReport(results: readonly CaseResult[], label?: string): string {
  const rows = codeTable(results);
  const lines = [
    '| code | cases | agree | only-istioctl | only-meshwright |',
    '| --- | --- | --- | --- | --- |',
  ];
  for (const row of rows) {
    lines.push(`| ${row.code} | ${row.cases} | ${row.agree} | ${row.onlyIstioctl} | ${row.onlyMeshwright} |`);
  }
  const unshared = new Map<string, number>();
  for (const result of results) {
    for (const finding of result.unshared) {
      const label = `${finding.code} (${finding.side === 'only-istioctl' ? 'istioctl' : 'meshwright'} only)`;
      unshared.set(label, (unshared.get(label) ?? 0) + 1);
    }
  }
  if (unshared.size > 0) {
    lines.push(
      `not compared (code implemented by one tool): ${[...unshared.entries()]
        .sort()
        .map(([label, count]) => `${label}: ${count}`)
        .join(', ')}`,
    );
  }
  const blind = new Map<string, number>();
  for (const result of results) {
    for (const finding of result.blind) blind.set(finding.code, (blind.get(finding.code) ?? 0) + 1);
  }
  if (blind.size > 0) {
    lines.push(
      `not compared (istioctl skips these analyzers offline), Meshwright findings: ${[...blind.entries()]
        .sort()
        .map(([code, count]) => `${code}: ${count}`)
        .join(', ')}`,
    );
  }
  const agree = rows.reduce((sum, row) => sum + row.agree, 0);
  const union = rows.reduce((sum, row) => sum + row.agree + row.onlyIstioctl + row.onlyMeshwright, 0);
  lines.push(`cases: ${results.length}`);
  lines.push(
    `istioctl agreement${label ? ` (${label})` : ''}: ${agree}/${union} (${(union === 0 ? 1 : agree / union).toFixed(3)})`,
  );
  return lines.join('\n');
}
