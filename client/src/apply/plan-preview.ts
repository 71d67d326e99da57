/**
 * The dry run's preview: a Quick Pick listing each cluster with what the apply would do there (create,
 * change which fields, unchanged, conflict with the owner of the fields, refused and why), a "Show diff"
 * button (and Enter) on every cluster with something to compare, and the actions at the bottom: apply to
 * the clusters that would change, and, after a 409, apply while forcing the conflicting clusters. The
 * picker stays open while diffs are opened (ignoreFocusOut), so the user can look at each one first.
 */
import * as vscode from 'vscode';
import { type ApplyPlanResult, type ClusterPlan } from '../../../protocol/requests';
import { type ApplyDiffDocuments } from './apply-diff-documents';

/** What the user chose: the clusters to apply to normally, and those to apply to with force. */
export interface ApplyDecision {
  readonly apply: readonly string[];
  readonly force: readonly string[];
}

interface PreviewItem extends vscode.QuickPickItem {
  readonly plan?: ClusterPlan;
  readonly decision?: ApplyDecision;
}

const DIFF_BUTTON: vscode.QuickInputButton = { iconPath: new vscode.ThemeIcon('diff'), tooltip: 'Show diff' };

/** The clusters whose dry run says the apply would write something. */
export function actionableClusters(plan: ApplyPlanResult): { apply: string[]; conflicts: string[] } {
  return {
    apply: plan.clusters
      .filter((cluster) => cluster.outcome === 'create' || cluster.outcome === 'change')
      .map((cluster) => cluster.cluster),
    conflicts: plan.clusters
      .filter((cluster) => cluster.failure?.kind === 'conflict')
      .map((cluster) => cluster.cluster),
  };
}

export function showPlanPreview(
  plan: ApplyPlanResult,
  label: string,
  objectName: string,
  diffs: ApplyDiffDocuments,
): Promise<ApplyDecision | undefined> {
  const { apply, conflicts } = actionableClusters(plan);
  const items: PreviewItem[] = [
    ...plan.clusters.map(clusterItem),
    { label: 'Actions', kind: vscode.QuickPickItemKind.Separator },
  ];
  if (apply.length > 0) {
    items.push({
      label: `$(cloud-upload) Apply to ${apply.join(', ')}`,
      detail: conflicts.length > 0 ? `Leaves ${conflicts.join(', ')} as they are (conflict).` : undefined,
      decision: { apply, force: [] },
    });
  }
  if (conflicts.length > 0) {
    items.push({
      label: `$(warning) ${apply.length > 0 ? `Apply to ${apply.join(', ')} and force ${conflicts.join(', ')}` : `Force apply to ${conflicts.join(', ')}`}`,
      detail: 'Takes the conflicting fields over from their current owner (who may set them back).',
      decision: { apply, force: conflicts },
    });
  }

  const picker = vscode.window.createQuickPick<PreviewItem>();
  picker.title = `Meshwright: apply ${label}: dry run`;
  picker.placeholder = 'Enter on a cluster shows its diff; pick an action to continue, Escape to cancel';
  picker.items = items;
  picker.ignoreFocusOut = true;
  picker.matchOnDescription = true;
  const firstAction = items.find((item) => item.decision !== undefined);
  if (firstAction) picker.activeItems = [firstAction];

  return new Promise((resolve) => {
    let decided: ApplyDecision | undefined;
    const openDiff = (item: PreviewItem | undefined): void => {
      if (item?.plan?.wouldBeYaml != null || item?.plan?.liveYaml != null) {
        void diffs.showPlanDiff(objectName, item.plan as ClusterPlan);
      }
    };
    picker.onDidTriggerItemButton((event) => openDiff(event.item));
    picker.onDidAccept(() => {
      const [item] = picker.selectedItems;
      if (item?.decision) {
        decided = item.decision;
        picker.hide();
      } else openDiff(item);
    });
    picker.onDidHide(() => {
      picker.dispose();
      resolve(decided);
    });
    picker.show();
  });
}

function clusterItem(plan: ClusterPlan): PreviewItem {
  const hasDiff = plan.wouldBeYaml !== null || plan.liveYaml !== null;
  const base = { plan, buttons: hasDiff ? [DIFF_BUTTON] : [] };
  switch (plan.outcome) {
    case 'create':
      return { ...base, label: `$(add) ${plan.cluster}`, description: 'create' };
    case 'change':
      return {
        ...base,
        label: `$(edit) ${plan.cluster}`,
        description: `change ${plan.changedFields.join(', ')}`,
      };
    case 'unchanged':
      return { ...base, label: `$(check) ${plan.cluster}`, description: 'unchanged' };
    case 'failed': {
      const failure = plan.failure;
      if (failure?.kind === 'conflict') {
        return {
          ...base,
          label: `$(warning) ${plan.cluster}`,
          description: 'conflict',
          detail: failure.conflicts.map((conflict) => conflict.explanation).join('; ') || failure.message,
        };
      }
      return {
        ...base,
        label: `$(error) ${plan.cluster}`,
        description: REFUSAL_WORDS[failure?.kind ?? ''] ?? 'cannot apply',
        detail: failure?.message,
      };
    }
  }
}

/** How the preview words a refusal the server makes before any request. */
const REFUSAL_WORDS: Readonly<Record<string, string>> = {
  'remote-cluster': 'refused (remote cluster)',
  'role-unknown': 'refused (role not known yet)',
};
