/**
 * The start-up indexing shown in the editor's status bar (window/workDoneProgress), for clients that
 * support server-initiated progress. A client that refuses the progress token just shows nothing.
 */
import { type Connection } from 'vscode-languageserver';

export interface IndexingProgress {
  report(message: string, percentage?: number): void;
  done(): void;
}

const TITLE = 'Meshwright: indexing YAML files';

export async function startIndexingProgress(connection: Connection): Promise<IndexingProgress | undefined> {
  try {
    const reporter = await connection.window.createWorkDoneProgress();
    reporter.begin(TITLE, 0, 'finding files', false);
    return {
      report: (message, percentage) =>
        percentage === undefined
          ? reporter.report(message)
          : reporter.report(Math.round(percentage), message),
      done: () => reporter.done(),
    };
  } catch {
    return undefined;
  }
}
