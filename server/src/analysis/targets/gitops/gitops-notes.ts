/**
 * MESH030: what Meshwright could not read from an Argo CD or Flux object (a path without files, an
 * unknown cluster, an unsupported generator). Informational: the object is not wrong for Argo CD or
 * Flux, but the files it names get their targets elsewhere (setting, modeline, default). About the
 * object, so `--suppress MESH030=Application name.namespace` and its suppress annotation apply.
 */
import { type MeshDiagnostic } from '../../../mesh/diagnostic';
import { type SuppressionRule, suppressedByAnnotation, suppressedByRules } from '../../../mesh/suppression';
import { type GitOpsNote } from './gitops-deployments';
import { GITOPS_TARGET_NOTE } from './gitops-targets';

export function gitOpsNoteDiagnostics(
  notes: readonly GitOpsNote[],
  rules: readonly SuppressionRule[],
): MeshDiagnostic[] {
  const shown: MeshDiagnostic[] = [];
  for (const note of notes) {
    const diagnostic: MeshDiagnostic = {
      code: GITOPS_TARGET_NOTE,
      severity: 'info',
      message: note.message,
      uri: note.uri,
      range: note.range,
      ...(note.resource ? { resource: note.resource } : {}),
      cluster: null,
      related: [],
    };
    if (suppressedByAnnotation(GITOPS_TARGET_NOTE, note.annotations)) continue;
    if (suppressedByRules(diagnostic, rules)) continue;
    shown.push(diagnostic);
  }
  return shown;
}
