/**
 * The extra confirmation for a kind outside Istio and the Gateway API (a ConfigMap, a Secret, a webhook
 * configuration): the language server writes such a kind only when the apply request names it, and this
 * modal dialog, naming the kind, is the only place the client puts it there. A Secret gets its own words:
 * its values are credentials, and the document (often a file in a repository) holds them in clear.
 */
import * as vscode from 'vscode';

/** The kinds the apply may name in `allowedKinds`, or undefined when the user declined. */
export async function confirmKind(
  kindToConfirm: string | null,
  label: string,
  clusters: readonly string[],
): Promise<readonly string[] | undefined> {
  if (kindToConfirm === null) return [];
  const button = `Apply ${kindToConfirm}`;
  const secret = kindToConfirm === 'Secret';
  const detail = [
    `${kindToConfirm} is not an Istio or Gateway API kind: Meshwright applies those only, unless you confirm this kind here.`,
    secret
      ? 'A Secret holds credentials: applying it from an editor document means its values are in clear text in that document. Prefer your secret manager.'
      : 'It changes the cluster beyond the mesh policy (a webhook or a ConfigMap can affect every workload).',
  ].join('\n\n');
  const answer = await vscode.window.showWarningMessage(
    `Apply ${label}, a ${kindToConfirm}, to ${clusters.join(', ')}?`,
    { modal: true, detail },
    button,
  );
  return answer === button ? [kindToConfirm] : undefined;
}
