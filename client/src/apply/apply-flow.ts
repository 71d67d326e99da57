/**
 * One document's apply, start to end: the dry run on every target (cancellable progress), the preview
 * (per cluster create / change / unchanged / conflict / refused, diffs on demand), the modal confirmation
 * (typing the name of protected contexts, and naming a kind outside Istio and the Gateway API), the apply
 * (cancellable progress), and the per-cluster report. After a 409 the report offers to force one
 * cluster: that goes through the confirmation again and applies to that cluster only. Every apply sends
 * back the dry run's token, so the server writes only what the user saw. The server does the Kubernetes
 * work; this module only drives the UI.
 */
import * as vscode from 'vscode';
import { type LanguageClient } from 'vscode-languageclient/node';
import { type ApplyPlanResult, type ApplyResult, type ApplySource } from '../../../protocol/requests';
import { confirmApply } from './apply-confirmation';
import { type ApplyDiffDocuments } from './apply-diff-documents';
import { reportLines, showApplyReport } from './apply-report';
import { confirmKind } from './kind-confirmation';
import { requestApply, requestPlan } from './apply-requests';
import { type ApplyDecision, actionableClusters, showPlanPreview } from './plan-preview';

export interface ApplyFlowContext {
  readonly client: LanguageClient;
  readonly diffs: ApplyDiffDocuments;
  readonly log: vscode.LogOutputChannel;
}

/** What happened, for commands that return it (tests, other extensions). */
export interface ApplyFlowOutcome {
  readonly plan: ApplyPlanResult;
  /** Undefined when the user stopped before applying. */
  readonly results?: ApplyResult['clusters'];
}

export async function runApplyFlow(
  context: ApplyFlowContext,
  source: ApplySource,
  clusters: readonly string[],
  /** How the progress names the document before the server has parsed it, e.g. "VirtualService bookinfo/details". */
  labelHint: string,
): Promise<ApplyFlowOutcome | undefined> {
  context.log.info(`Dry run of ${labelHint} on ${clusters.join(', ')}`);
  const plan = await requestPlan(context.client, source, clusters, labelHint);
  if (plan.problem !== null || plan.resource === null) {
    void vscode.window.showErrorMessage(
      `Meshwright: cannot apply this document: ${plan.problem ?? 'it declares no object'}.`,
    );
    return { plan };
  }
  const label = `${plan.resource.kind} ${plan.resource.namespace ? `${plan.resource.namespace}/` : ''}${plan.resource.name}`;
  const { apply, conflicts } = actionableClusters(plan);
  if (apply.length === 0 && conflicts.length === 0) {
    await showApplyReport(label, reportLines([], plan), context.log);
    return { plan };
  }
  const decision = await showPlanPreview(plan, label, plan.resource.name, context.diffs);
  if (!decision) return { plan };
  const results = await confirmAndApply(context, source, label, decision, plan);
  return { plan, results };
}

/** Confirmation, apply, report; and again for a cluster the user then chooses to force. */
async function confirmAndApply(
  context: ApplyFlowContext,
  source: ApplySource,
  label: string,
  decision: ApplyDecision,
  plan: ApplyPlanResult,
): Promise<ApplyResult['clusters'] | undefined> {
  if (!(await confirmApply(label, decision, plan))) return undefined;
  const allowedKinds = await confirmKind(plan.kindToConfirm, label, [...decision.apply, ...decision.force]);
  if (!allowedKinds || plan.planToken === null) return undefined;
  const consent = { planToken: plan.planToken, allowedKinds };
  const results: ApplyResult['clusters'][number][] = [];
  if (decision.apply.length > 0) {
    const report = await requestApply(context.client, source, decision.apply, label, {
      ...consent,
      force: false,
    });
    results.push(...report.clusters);
  }
  if (decision.force.length > 0) {
    const report = await requestApply(context.client, source, decision.force, label, {
      ...consent,
      force: true,
    });
    results.push(...report.clusters);
  }
  const forceCluster = await showApplyReport(label, reportLines(results, plan), context.log);
  if (forceCluster === undefined) return results;
  const forced = await confirmAndApply(context, source, label, { apply: [], force: [forceCluster] }, plan);
  return forced ? [...results.filter((result) => result.cluster !== forceCluster), ...forced] : results;
}
