/**
 * The CLI's exit codes, a contract for CI pipelines: 0 nothing at or above the `--fail-on` threshold,
 * 1 findings at or above it, 2 bad usage or unreadable input (never mixed with findings), 3 the report
 * is incomplete because an analyzer failed (a bug; the other findings are printed).
 */
import { type MeshDiagnostic, type Severity, severityAtLeast } from '../mesh/diagnostic';

export const EXIT_OK = 0;
export const EXIT_FINDINGS = 1;
export const EXIT_USAGE_OR_INPUT = 2;
export const EXIT_INCOMPLETE = 3;

/** `none` never fails on findings; a severity fails on findings of that severity or worse. */
export type FailOnThreshold = Severity | 'none';

export function exitCodeForFindings(diagnostics: readonly MeshDiagnostic[], failOn: FailOnThreshold): number {
  if (failOn === 'none') return EXIT_OK;
  return diagnostics.some((diagnostic) => severityAtLeast(diagnostic.severity, failOn))
    ? EXIT_FINDINGS
    : EXIT_OK;
}
