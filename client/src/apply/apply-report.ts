/**
 * The per-cluster report after an apply: one notification that says what changed where and, when
 * something did not apply, where and why (never "done" while a cluster failed), plus one line per cluster
 * in the Meshwright output. A 409 offers "Force apply to <cluster>"; the flow re-runs the confirmation and
 * applies to that cluster only, with force.
 */
import * as vscode from 'vscode';
import { type ApplyPlanResult, type ClusterApplyResult, type ClusterPlan } from '../../../protocol/requests';

export interface ReportLine {
  readonly cluster: string;
  /** Did the cluster's copy change (created or changed)? */
  readonly changed: boolean;
  /** Did it fail or was it left out (conflict not forced, refused, cancelled)? */
  readonly notApplied: boolean;
  readonly text: string;
  readonly conflict: boolean;
}

const SHOW_DETAILS = 'Show Details';
const FORCE_PREFIX = 'Force apply to ';

/** Report lines from the apply results, plus the planned clusters the apply left out. */
export function reportLines(
  results: readonly ClusterApplyResult[],
  plan: ApplyPlanResult | undefined,
): ReportLine[] {
  const applied = new Set(results.map((result) => result.cluster));
  const left = (plan?.clusters ?? []).filter((entry) => !applied.has(entry.cluster));
  return [...results.map(resultLine), ...left.map(plannedLine)];
}

/** Shows the notification and logs the details; resolves with the cluster the user chose to force, if any. */
export async function showApplyReport(
  label: string,
  lines: readonly ReportLine[],
  log: vscode.LogOutputChannel,
): Promise<string | undefined> {
  log.info(`Apply of ${label}:`);
  for (const line of lines) {
    if (line.notApplied) log.warn(`  ${line.text}`);
    else log.info(`  ${line.text}`);
  }

  const changed = lines.filter((line) => line.changed).map((line) => line.text);
  const untouched = lines.filter((line) => !line.changed && !line.notApplied).map((line) => line.text);
  const failed = lines.filter((line) => line.notApplied);
  const parts = [
    changed.length > 0 ? `applied: ${changed.join(', ')}` : 'nothing was changed',
    ...(untouched.length > 0 ? [untouched.join(', ')] : []),
    ...(failed.length > 0 ? [`NOT applied: ${failed.map((line) => line.text).join('; ')}`] : []),
  ];
  const message = `Meshwright: ${label}: ${parts.join('; ')}.`;
  const forceable = failed.filter((line) => line.conflict).map((line) => `${FORCE_PREFIX}${line.cluster}`);
  const buttons = [...forceable.slice(0, 2), SHOW_DETAILS];
  const choice =
    failed.length === 0
      ? await vscode.window.showInformationMessage(message, ...buttons)
      : changed.length > 0
        ? await vscode.window.showWarningMessage(message, ...buttons)
        : await vscode.window.showErrorMessage(message, ...buttons);
  if (choice === SHOW_DETAILS) log.show(true);
  return choice?.startsWith(FORCE_PREFIX) ? choice.slice(FORCE_PREFIX.length) : undefined;
}

function resultLine(result: ClusterApplyResult): ReportLine {
  const base = { cluster: result.cluster, conflict: result.failure?.kind === 'conflict' };
  switch (result.outcome) {
    case 'created':
      return { ...base, changed: true, notApplied: false, text: `${result.cluster} created` };
    case 'changed':
      return {
        ...base,
        changed: true,
        notApplied: false,
        text: `${result.cluster} changed (${result.changedFields.join(', ') || 'ownership only'})`,
      };
    case 'unchanged':
      return { ...base, changed: false, notApplied: false, text: `${result.cluster} unchanged` };
    case 'failed':
    case 'not-attempted':
      return {
        ...base,
        changed: false,
        notApplied: true,
        text: `${result.cluster}: ${result.failure?.message ?? 'failed'}`,
      };
  }
}

function plannedLine(entry: ClusterPlan): ReportLine {
  const base = { cluster: entry.cluster, changed: false, conflict: entry.failure?.kind === 'conflict' };
  if (entry.outcome === 'failed') {
    return {
      ...base,
      notApplied: true,
      text: `${entry.cluster}: ${entry.failure?.message ?? 'dry run failed'}`,
    };
  }
  if (entry.outcome === 'unchanged')
    return { ...base, notApplied: false, text: `${entry.cluster} unchanged` };
  // Planned to change but the user did not apply there (a later force-only run).
  return { ...base, notApplied: false, text: `${entry.cluster} not applied this time` };
}
