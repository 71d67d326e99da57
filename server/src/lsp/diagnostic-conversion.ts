/**
 * MeshDiagnostic (the engine's model, shared with the CLI) to LSP Diagnostic: severity, the code with a
 * link to its documentation, source `meshwright`, related locations and the machine-readable data that
 * code actions and tree badges use (see MeshDiagnosticData in protocol.ts).
 */
import {
  type Diagnostic,
  DiagnosticSeverity,
  type DiagnosticRelatedInformation,
} from 'vscode-languageserver';
import { type MeshDiagnostic, type Severity, documentationUrl } from '../mesh/diagnostic';
import { type MeshDiagnosticData } from '../../../protocol/requests';

export const DIAGNOSTIC_SOURCE = 'meshwright';

const SEVERITIES: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
};

export function toLspDiagnostic(diagnostic: MeshDiagnostic): Diagnostic {
  const href = documentationUrl(diagnostic.code);
  const data: MeshDiagnosticData = {
    ...(diagnostic.resource ? { resource: diagnostic.resource } : {}),
    cluster: diagnostic.cluster,
    ...(diagnostic.data !== undefined ? { details: diagnostic.data } : {}),
  };
  const converted: Diagnostic = {
    range: diagnostic.range,
    severity: SEVERITIES[diagnostic.severity],
    code: diagnostic.code,
    source: DIAGNOSTIC_SOURCE,
    message: diagnostic.message,
    data,
  };
  if (href) converted.codeDescription = { href };
  if (diagnostic.related.length > 0)
    converted.relatedInformation = diagnostic.related.map(toRelatedInformation);
  return converted;
}

function toRelatedInformation(related: MeshDiagnostic['related'][number]): DiagnosticRelatedInformation {
  return {
    location: { uri: related.uri, range: related.range },
    // The editor shows only the message next to the location: name the cluster when it is another one's copy.
    message: related.cluster ? `${related.cluster}: ${related.message}` : related.message,
  };
}
