/**
 * The dry-run and apply requests, each under a cancellable progress notification that shows the server's
 * per-cluster progress ("dry run on west (2 of 3)"). Cancelling tells the server, which stops before the
 * next cluster and still answers with what it did: the caller always gets a plan or a report (or an Error
 * saying why the server could not be asked).
 */
import * as vscode from 'vscode';
import {
  type LanguageClient,
  WorkDoneProgress,
  type WorkDoneProgressReport,
} from 'vscode-languageclient/node';
import {
  APPLY_PLAN_REQUEST,
  APPLY_REQUEST,
  type ApplyParams,
  type ApplyPlanParams,
  type ApplyPlanResult,
  type ApplyResult,
  type ApplySource,
} from '../../../protocol/requests';

let nextToken = 1;

export function requestPlan(
  client: LanguageClient,
  document: ApplySource,
  clusters: readonly string[],
  label: string,
): Promise<ApplyPlanResult> {
  return withServerProgress(client, `Meshwright: dry run of ${label}`, (workDoneToken, token) => {
    const params: ApplyPlanParams = { document, clusters, workDoneToken };
    return client.sendRequest<ApplyPlanResult>(APPLY_PLAN_REQUEST, params, token);
  });
}

/** What the user confirmed: the dry run's token, whether to force, and the non-Istio kinds allowed. */
export interface ApplyConsent {
  readonly planToken: string;
  readonly force: boolean;
  readonly allowedKinds: readonly string[];
}

export function requestApply(
  client: LanguageClient,
  document: ApplySource,
  clusters: readonly string[],
  label: string,
  consent: ApplyConsent,
): Promise<ApplyResult> {
  const { force, planToken, allowedKinds } = consent;
  const title = `Meshwright: ${force ? 'force-applying' : 'applying'} ${label}`;
  return withServerProgress(client, title, (workDoneToken, token) => {
    const params: ApplyParams = { document, clusters, force, planToken, allowedKinds, workDoneToken };
    return client.sendRequest<ApplyResult>(APPLY_REQUEST, params, token);
  });
}

async function withServerProgress<T>(
  client: LanguageClient,
  title: string,
  send: (workDoneToken: string, token: vscode.CancellationToken) => Promise<T>,
): Promise<T> {
  const workDoneToken = `meshwright-apply-${nextToken++}`;
  return vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title, cancellable: true },
    async (progress, token) => {
      const listener = client.onProgress(WorkDoneProgress.type, workDoneToken, (value) => {
        if (value.kind === 'report' && (value as WorkDoneProgressReport).message) {
          progress.report({ message: (value as WorkDoneProgressReport).message });
        }
      });
      try {
        return await send(workDoneToken, token);
      } finally {
        listener.dispose();
      }
    },
  );
}
