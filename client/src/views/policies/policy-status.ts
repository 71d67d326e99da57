/** How a drift status looks in the Policies view: icon, colour and words. */
import * as vscode from 'vscode';
import { type PolicyObject } from '../../../../protocol/requests';

export type DriftStatus = PolicyObject['status'];

export function statusIcon(status: DriftStatus): vscode.ThemeIcon {
  switch (status) {
    case 'identical':
      return new vscode.ThemeIcon('pass', new vscode.ThemeColor('testing.iconPassed'));
    case 'differs':
      return new vscode.ThemeIcon('git-compare', new vscode.ThemeColor('list.warningForeground'));
    case 'missing':
      return new vscode.ThemeIcon('circle-slash', new vscode.ThemeColor('list.errorForeground'));
  }
}

/** "differs in west", "missing in west", "identical in east, west". */
export function objectStatusText(object: PolicyObject): string {
  const clustersIn = (state: string): string[] =>
    object.copies.filter((copy) => copy.state === state).map((copy) => copy.cluster);
  const parts: string[] = [];
  const missing = clustersIn('missing');
  const differs = clustersIn('differs');
  if (missing.length === object.copies.length) parts.push('in no primary');
  else if (missing.length > 0) parts.push(`missing in ${missing.join(', ')}`);
  if (differs.length > 0) parts.push(`differs in ${differs.join(', ')}`);
  if (parts.length === 0) parts.push(`identical in ${object.copies.map((copy) => copy.cluster).join(', ')}`);
  if (object.remoteCopies.length > 0) parts.push(`in remote ${object.remoteCopies.join(', ')} (ignored)`);
  return parts.join(' · ');
}
