/**
 * Turns an analyzer's Report (object + field path) into a MeshDiagnostic (uri + exact range), at the
 * moment diagnostics are asked for: since ranges are computed from the object's current place in its
 * file, diagnostics follow the text when lines are inserted above, without re-analysis.
 */
import { type MeshDiagnostic, type MeshFinding, type RelatedLocation } from '../../mesh/diagnostic';
import { codeInfo } from '../../mesh/codes';
import { type MeshResource } from '../model/resource';
import { type Report } from './analyzer';

const NAME_PATH = ['metadata', 'name'] as const;

export function reportToDiagnostic(report: Report): MeshDiagnostic {
  const info = codeInfo(report.code);
  const resource = report.resource;
  const related: RelatedLocation[] = (report.related ?? [])
    .filter((entry) => entry.resource.origin !== 'builtin')
    .map((entry) => ({
      uri: entry.resource.source.uri,
      range: entry.resource.source.locate(entry.path ?? NAME_PATH),
      message: entry.message,
      cluster: entry.resource.cluster,
    }));
  return {
    code: info.code,
    severity: report.severity ?? info.severity,
    message: report.message,
    uri: resource.source.uri,
    range:
      report.location?.() ??
      resource.source.locate(report.path ?? NAME_PATH, { target: report.target ?? 'value' }),
    resource: resourceRef(resource),
    cluster: resource.cluster,
    related,
    ...(report.data === undefined ? {} : { data: report.data }),
  };
}

/** The report as a finding: the diagnostic's code, severity and message, without locating anything. */
export function reportToFinding(report: Report): MeshFinding {
  const info = codeInfo(report.code);
  return {
    code: info.code,
    severity: report.severity ?? info.severity,
    message: report.message,
    uri: report.resource.source.uri,
    resource: resourceRef(report.resource),
  };
}

export function resourceRef(resource: MeshResource): MeshDiagnostic['resource'] {
  return {
    apiVersion: resource.apiVersion,
    kind: resource.kind,
    namespace: resource.namespace,
    name: resource.name,
  };
}
