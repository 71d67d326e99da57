/**
 * Problem badges on tree items, drawn the way VS Code draws them on files: a count at the right edge and
 * a coloured label, through a FileDecorationProvider. A tree item opts in by taking `resourceUri` from
 * `badgeUri(id, problems)` (a `meshwright-tree:` URI naming the node); the provider answers with the
 * counts recorded for it. Also formats the problem lines of tooltips.
 */
import * as vscode from 'vscode';
import { type ProblemCounts, type ProblemSummary } from '../../../protocol/requests';
import { appendPlainText } from './markdown-text';

export const TREE_BADGE_SCHEME = 'meshwright-tree';

export class ProblemBadges implements vscode.FileDecorationProvider, vscode.Disposable {
  private readonly summaries = new Map<string, ProblemSummary>();
  private readonly changed = new vscode.EventEmitter<vscode.Uri[]>();
  readonly onDidChangeFileDecorations = this.changed.event;

  /** The resourceUri a tree item shows its node's problems with. */
  badgeUri(nodeId: string, problems: ProblemSummary): vscode.Uri {
    const uri = vscode.Uri.from({ scheme: TREE_BADGE_SCHEME, path: `/${encodeURIComponent(nodeId)}` });
    const key = uri.toString();
    const previous = this.summaries.get(key);
    if (!previous || !sameCounts(previous, problems)) {
      this.summaries.set(key, problems);
      if (previous) this.changed.fire([uri]);
    }
    return uri;
  }

  provideFileDecoration(uri: vscode.Uri): vscode.FileDecoration | undefined {
    if (uri.scheme !== TREE_BADGE_SCHEME) return undefined;
    const problems = this.summaries.get(uri.toString());
    if (!problems) return undefined;
    const shown = problems.errors + problems.warnings;
    if (shown === 0) return undefined;
    return {
      badge: shown > 99 ? '99+' : String(shown),
      tooltip: countsText(problems),
      color: new vscode.ThemeColor(problems.errors > 0 ? 'list.errorForeground' : 'list.warningForeground'),
      propagate: false,
    };
  }

  dispose(): void {
    this.changed.dispose();
  }
}

/** "2 errors, 1 warning" (infos only when nothing worse); "no problems" for none. */
export function countsText(counts: ProblemCounts): string {
  const parts: string[] = [];
  if (counts.errors > 0) parts.push(plural(counts.errors, 'error'));
  if (counts.warnings > 0) parts.push(plural(counts.warnings, 'warning'));
  if (counts.infos > 0) parts.push(plural(counts.infos, 'info'));
  return parts.length > 0 ? parts.join(', ') : 'no problems';
}

/** A tooltip section: the counts and the most severe messages with their codes. */
export function appendProblems(tooltip: vscode.MarkdownString, problems: ProblemSummary): void {
  if (problems.errors + problems.warnings + problems.infos === 0) return;
  tooltip.appendMarkdown(`\n\n**Problems:** ${countsText(problems)}`);
  for (const line of problems.top) {
    const icon =
      line.severity === 'error' ? '$(error)' : line.severity === 'warning' ? '$(warning)' : '$(info)';
    tooltip.appendMarkdown(`\n\n${icon} \`${line.code}\` `);
    appendPlainText(tooltip, line.message);
  }
}

export function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

function sameCounts(a: ProblemSummary, b: ProblemSummary): boolean {
  return a.errors === b.errors && a.warnings === b.warnings && a.infos === b.infos;
}
