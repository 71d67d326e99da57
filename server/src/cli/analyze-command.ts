/**
 * `meshwright analyze [PATHS...]`: read the inputs (and the live clusters with --kubeconfig/--context),
 * analyze them, print the report in the chosen format and turn it into an exit code. Every input is read
 * before anything is printed, so an unreadable path ends the run with exit 2 and no partial report. An
 * analyzer that crashes does not hide the others' findings: they are printed, the failure goes to stderr
 * and the exit code says the analysis is incomplete.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { type AnalyzerFailure } from '../analysis/session/analysis-session';
import { AnalysisReport } from './analysis-report';
import { readAnalysisInputs } from './analysis-inputs';
import { analyzeSources } from './analysis-pipeline';
import { type AnalyzeOptions, STDIN_PATH } from './analyze-options';
import { analyzeOverlays } from './overlay-analysis';
import { renderOverlays } from './overlay-rendering';
import { type CliEnvironment, colourEnabled } from './cli-environment';
import { CliError } from './cli-errors';
import { fileClusterReport, liveClusterReport } from './cluster-report';
import { EXIT_FINDINGS, EXIT_INCOMPLETE, exitCodeForFindings } from './exit-codes';
import { formatJson } from './format-json';
import { formatSarif } from './format-sarif';
import { formatSummary, formatText } from './format-text';
import { ANALYZED_EXTENSIONS } from './input-files';
import { readPackageInfo } from './package-info';
import { schemaWorkersFromEnvironment } from './schema-validation';

export async function runAnalyze(options: AnalyzeOptions, environment: CliEnvironment): Promise<number> {
  const read = await readAnalysisInputs(options, environment);
  const rendering = options.render
    ? await renderOverlays(
        {
          documents: read.input.documents,
          directories: await givenDirectories(options.paths, environment.cwd),
          reported: read.files,
          enableHelm: options.renderHelm,
        },
        environment,
      )
    : undefined;
  const documents = rendering?.documents ?? read.input.documents;
  if (read.documentCount === 0 && read.stateFilesGivenAsDocuments > 0) {
    environment.stderr.write(
      `meshwright: ${options.paths.join(' ')}: analysed as cluster state only (a --cluster path holds ` +
        `${read.stateFilesGivenAsDocuments === 1 ? 'this file' : 'these files'}); to check a document ` +
        `against the clusters, keep it outside their --cluster paths\n`,
    );
  } else if (read.documentCount === 0) {
    environment.stderr.write(
      `meshwright: no ${ANALYZED_EXTENSIONS.join(', ')} files found in ${options.paths.join(' ')}\n`,
    );
  }
  // Loaded only for live analysis: the Kubernetes client is a large part of the CLI's code.
  const live = options.live
    ? await (await import('./live-clusters')).readLiveClusters(options.live, environment)
    : undefined;
  const snapshot = live?.snapshot;

  const analysisInput = { ...read.input, documents, ...(snapshot ? { snapshot } : {}) };
  const analysisOptions = {
    defaultNamespace: options.defaultNamespace,
    suppressions: options.suppressions,
    schemaWorkers: schemaWorkersFromEnvironment(environment.env),
    ...(options.targets ? { targets: options.targets } : {}),
    ...(live ? { clusterEndpoints: live.endpoints } : {}),
    // Every file walked, rendered away or not: an Argo CD path holding only a kustomization has files.
    repositoryFiles: read.files.map((file) => file.uri),
  };
  const outcome = await analyzeSources(analysisInput, analysisOptions);
  const overlayFindings = await analyzeOverlays(rendering?.overlays ?? [], analysisInput, analysisOptions);
  const failures = [...outcome.failures, ...overlayFindings.failures];
  if (environment.env.MESHWRIGHT_DEBUG) {
    const { documents, certainlyValid, workers, byWorkers } = outcome.schemaStats;
    environment.stderr.write(
      `meshwright: debug: schema checks of ${documents} documents, ${byWorkers} of them on ${workers} worker thread(s), ${certainlyValid} found valid by the compiled check\n`,
    );
  }
  if (outcome.inputErrors.length > 0) {
    // readAnalyzeOptions checks the patterns with the same parser, so this is a safety net.
    throw new CliError(outcome.inputErrors.join('; '), 'fix the --suppress patterns');
  }
  const clusters = [
    ...(read.input.clusters ?? []).map((cluster) => fileClusterReport(cluster.name)),
    ...(live?.health ?? []).map(liveClusterReport),
  ];
  const report = new AnalysisReport(
    [...read.files, ...(rendering?.extraFiles ?? [])],
    [
      ...read.undecodable,
      ...outcome.diagnostics,
      ...(rendering?.problems ?? []),
      ...overlayFindings.diagnostics,
    ],
    clusters,
    outcome.documentTargets,
  );
  printReport(report, options, environment);
  if (failures.length > 0) {
    reportFailures(failures, environment);
    return EXIT_INCOMPLETE;
  }
  if (options.requireComplete && report.incompleteClusters().length > 0) return EXIT_FINDINGS;
  return exitCodeForFindings(report.diagnostics, options.failOn);
}

/** The PATHS that are directories: a kustomization there is rendered even with no YAML file beside it. */
async function givenDirectories(paths: readonly string[], cwd: string): Promise<string[]> {
  const directories: string[] = [];
  for (const given of paths) {
    if (given === STDIN_PATH) continue;
    const stats = await fs.stat(path.resolve(cwd, given)).catch(() => undefined);
    if (stats?.isDirectory()) directories.push(given);
  }
  return directories;
}

function printReport(report: AnalysisReport, options: AnalyzeOptions, environment: CliEnvironment): void {
  switch (options.format) {
    case 'text':
      environment.stdout.write(
        formatText(report, { colour: colourEnabled(environment.stdout, environment.env) }),
      );
      // The summary is for the person at the terminal; stdout stays one finding per line for tools.
      environment.stderr.write(
        formatSummary(report, { colour: colourEnabled(environment.stderr, environment.env) }),
      );
      return;
    case 'json':
      environment.stdout.write(
        formatJson(report, { name: 'meshwright', version: readPackageInfo().version }),
      );
      return;
    case 'sarif': {
      const { version, homepage } = readPackageInfo();
      environment.stdout.write(
        formatSarif(report, {
          cwd: environment.cwd,
          toolVersion: version,
          ...(homepage ? { informationUri: homepage } : {}),
        }),
      );
      return;
    }
  }
}

function reportFailures(failures: readonly AnalyzerFailure[], environment: CliEnvironment): void {
  for (const failure of failures) {
    const subject = failure.subject ? ` on ${failure.subject}` : '';
    const detail = environment.env.MESHWRIGHT_DEBUG ? failure.error : failure.error.split('\n')[0];
    environment.stderr.write(
      `meshwright: internal error: analyzer ${failure.analyzer} failed${subject}: ${detail}\n`,
    );
  }
  environment.stderr.write(
    `meshwright: the analysis is incomplete: the checks of ${failures.length === 1 ? 'that analyzer' : 'those analyzers'} are missing from the report above (exit code ${EXIT_INCOMPLETE}). ` +
      'This is a bug in Meshwright; please report it with the command you ran.\n',
  );
}
