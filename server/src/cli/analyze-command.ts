/**
 * `meshwright analyze [PATHS...]`: read the files, analyze them, print the report in the chosen format
 * and turn it into an exit code. Every input is read before anything is printed, so an unreadable path
 * ends the run with exit 2 and no partial report.
 */
import { type MeshDiagnostic } from '../analysis/diagnostic';
import { AnalysisReport } from './analysis-report';
import { type SourceDocument, analyzeSources } from './analysis-pipeline';
import { type AnalyzeOptions } from './analyze-options';
import { type CliEnvironment, colourEnabled } from './cli-environment';
import { exitCodeForFindings } from './exit-codes';
import { formatJson } from './format-json';
import { formatSarif } from './format-sarif';
import { formatSummary, formatText } from './format-text';
import { ANALYZED_EXTENSIONS, collectInputFiles, readInputFile } from './input-files';
import { readPackageInfo } from './package-info';
import { decodeSource } from './source-decoding';

export async function runAnalyze(options: AnalyzeOptions, environment: CliEnvironment): Promise<number> {
  const files = await collectInputFiles(options.paths, environment.cwd);
  if (files.length === 0) {
    environment.stderr.write(
      `meshwright: no ${ANALYZED_EXTENSIONS.join(', ')} files found in ${options.paths.join(' ')}\n`,
    );
  }

  const sources: SourceDocument[] = [];
  const undecodable: MeshDiagnostic[] = [];
  for (const file of files) {
    const decoded = decodeSource(await readInputFile(file, environment), file.uri);
    if ('text' in decoded) sources.push({ uri: file.uri, text: decoded.text });
    else undecodable.push(decoded.problem);
  }

  const analyzed = await analyzeSources(sources, { defaultNamespace: options.defaultNamespace });
  const report = new AnalysisReport(files, [...undecodable, ...analyzed]);
  printReport(report, options, environment);
  return exitCodeForFindings(report.diagnostics, options.failOn);
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
      environment.stdout.write(formatJson(report));
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
