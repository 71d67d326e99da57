/**
 * MESH030: what Meshwright could not read from an Argo CD or Flux object (a path without files, an
 * unknown cluster, an unsupported generator). Informational: the object is not wrong for Argo CD or
 * Flux, but the files it names get their targets elsewhere (setting, modeline, default).
 */
import { type MeshDiagnostic } from '../../../mesh/diagnostic';
import { type GitOpsNote } from './gitops-deployments';
import { GITOPS_TARGET_NOTE } from './gitops-targets';

export function gitOpsNoteDiagnostics(notes: readonly GitOpsNote[]): MeshDiagnostic[] {
  return notes.map((note) => ({
    code: GITOPS_TARGET_NOTE,
    severity: 'info',
    message: note.message,
    uri: note.uri,
    range: note.range,
    cluster: null,
    related: [],
  }));
}
