/**
 * The last step before anything is written: a modal confirmation that lists, per cluster, what the apply
 * will do (from the dry run), then, for every cluster matching `meshwright.apply.protectedContexts`, an
 * input box where the user types that cluster's name. Any Escape cancels the whole apply.
 */
import * as vscode from 'vscode';
import { type ApplyPlanResult, type ClusterPlan } from '../../../protocol/requests';
import { type ApplyDecision } from './plan-preview';
import { protectedClusters } from './protected-contexts';

export const PROTECTED_CONTEXTS_SETTING = 'apply.protectedContexts';
export const APPLY_BUTTON = 'Apply';

export async function confirmApply(
  label: string,
  decision: ApplyDecision,
  plan: ApplyPlanResult | undefined,
): Promise<boolean> {
  const clusters = [...decision.apply, ...decision.force];
  const lines = clusters.map((cluster) => describeStep(cluster, decision, plan));
  const answer = await vscode.window.showWarningMessage(
    `Apply ${label} to ${clusters.join(', ')}?`,
    { modal: true, detail: `${lines.join('\n')}\n\nServer-side apply, field manager "meshwright".` },
    APPLY_BUTTON,
  );
  if (answer !== APPLY_BUTTON) return false;

  const patterns = vscode.workspace
    .getConfiguration('meshwright')
    .get<unknown[]>(PROTECTED_CONTEXTS_SETTING, []);
  for (const { cluster, pattern } of protectedClusters(clusters, Array.isArray(patterns) ? patterns : [])) {
    const typed = await vscode.window.showInputBox({
      title: `Meshwright: ${cluster} is a protected context`,
      prompt: `${cluster} matches "${pattern}" (meshwright.apply.protectedContexts). Type ${cluster} to apply ${label} there.`,
      placeHolder: cluster,
      ignoreFocusOut: true,
      validateInput: (value) =>
        value === cluster ? null : `Type ${cluster} exactly to confirm, or press Escape to cancel`,
    });
    if (typed !== cluster) return false;
  }
  return true;
}

function describeStep(cluster: string, decision: ApplyDecision, plan: ApplyPlanResult | undefined): string {
  const entry: ClusterPlan | undefined = plan?.clusters.find((candidate) => candidate.cluster === cluster);
  if (decision.force.includes(cluster)) {
    const fields =
      entry?.failure?.conflicts.map((conflict) => `${conflict.field} from ${conflict.manager}`) ?? [];
    return `${cluster}: force: takes over ${fields.join(', ') || 'the conflicting fields'}`;
  }
  if (entry?.outcome === 'create') return `${cluster}: create`;
  if (entry?.outcome === 'change') return `${cluster}: change ${entry.changedFields.join(', ')}`;
  return `${cluster}: apply`;
}
