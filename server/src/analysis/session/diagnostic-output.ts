/**
 * The diagnostics a session hands out for one file: file-level notes (Helm template, documents over a
 * parsing bound, syntax errors of files the schema service never sees) and the stored reports about its objects, converted to ranges at
 * this moment and filtered by suppressions.
 */
import {
  HELM_TEMPLATE_FILE,
  type MeshDiagnostic,
  type MeshFinding,
  YAML_SYNTAX_ERROR,
} from '../../mesh/diagnostic';
import { type Report } from '../framework/analyzer';
import { reportToDiagnostic, reportToFinding } from '../framework/report-conversion';
import { type SuppressionRule, suppressedByAnnotation, suppressedByRules } from '../../mesh/suppression';
import { type MeshResource, annotationsOf } from '../model/resource';
import { type StoredFile } from './document-store';

export function fileLevelDiagnostics(file: StoredFile): MeshDiagnostic[] {
  if (file.helmTemplate) {
    return [
      {
        code: HELM_TEMPLATE_FILE,
        severity: 'info',
        message:
          'This file is a Helm template ({{ ... }}): Meshwright does not analyse templates. Render it (helm template) and analyse the output.',
        uri: file.uri,
        range: file.helmTemplate,
        cluster: file.cluster,
        related: [],
      },
    ];
  }
  // A document over a bound reaches no other checker (the schema service skips it too): reported here for all files.
  const overBounds = file.exceededBounds.map((problem) => ({
    code: YAML_SYNTAX_ERROR,
    severity: 'error' as const,
    message: problem.message,
    uri: file.uri,
    range: problem.range,
    cluster: file.cluster,
    related: [],
  }));
  // Authored documents get their syntax errors from the schema service; cluster files are seen by nothing else.
  if (file.cluster === null) return overBounds;
  return [
    ...overBounds,
    ...file.problems.map((problem) => ({
      code: YAML_SYNTAX_ERROR,
      severity: 'error' as const,
      message: `YAML syntax error in cluster ${file.cluster}'s file: ${problem.message}. The objects of this document may be incomplete; fix the file.`,
      uri: file.uri,
      range: problem.range,
      cluster: file.cluster,
      related: [],
    })),
  ];
}

export function resourceDiagnostics(
  resource: MeshResource,
  reports: readonly Report[],
  rules: readonly SuppressionRule[],
): MeshDiagnostic[] {
  return shownReports(resource, reports, rules).map(reportToDiagnostic);
}

/** The same, as findings: what is said about the resource, without locating it (see MeshFinding). */
export function resourceFindings(
  resource: MeshResource,
  reports: readonly Report[],
  rules: readonly SuppressionRule[],
): MeshFinding[] {
  return shownReports(resource, reports, rules).map(reportToFinding);
}

/** The reports that are shown: about a reportable object, suppressed neither by annotation nor by rule. */
function shownReports(
  resource: MeshResource,
  reports: readonly Report[],
  rules: readonly SuppressionRule[],
): Report[] {
  // Objects of a document with syntax errors are analysed (others may refer to them) but not reported on.
  if (!resource.reportable) return [];
  const annotations = annotationsOf(resource);
  return reports.filter(
    (report) =>
      !suppressedByAnnotation(report.code, annotations) &&
      !(rules.length > 0 && suppressedByRules(reportToFinding(report), rules)),
  );
}
