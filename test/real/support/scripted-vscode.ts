/**
 * Just enough of the `vscode` API for the extension's apply flow (client/src/apply/) to run outside VS Code,
 * with a script in place of the user: the preview picks its first action, modal confirmations press their
 * first button, input boxes answer what the test queued, and every prompt is recorded. Installed as the
 * module `vscode` (and `vscode-languageclient/node` as the protocol package it re-exports, which needs no
 * editor) for the rest of the mocha process; modules that import them must be loaded afterwards.
 */
import Module from 'node:module';

export const script = {
  /** `meshwright.apply.protectedContexts`. */
  protectedContexts: [] as string[],
  /** What the user types into each input box, in order; undefined = Escape. */
  inputBoxAnswers: [] as (string | undefined)[],
  /** Every message, modal question and input box prompt shown, in order. */
  shown: [] as string[],
};

interface PickItem {
  readonly label: string;
  readonly decision?: unknown;
}

class ScriptedQuickPick {
  items: PickItem[] = [];
  selectedItems: PickItem[] = [];
  activeItems: PickItem[] = [];
  title = '';
  placeholder = '';
  ignoreFocusOut = false;
  matchOnDescription = false;
  private readonly accepted: (() => void)[] = [];
  private readonly hidden: (() => void)[] = [];
  onDidAccept(listener: () => void): void {
    this.accepted.push(listener);
  }
  onDidHide(listener: () => void): void {
    this.hidden.push(listener);
  }
  onDidTriggerItemButton(): void {}
  /** The user reads the preview and picks its first action. */
  show(): void {
    script.shown.push(`preview: ${this.items.map((item) => item.label).join(' | ')}`);
    const action = this.items.find((item) => item.decision !== undefined);
    setImmediate(() => {
      if (action) {
        this.selectedItems = [action];
        for (const listener of this.accepted) listener();
      } else this.hide();
    });
  }
  hide(): void {
    for (const listener of this.hidden) listener();
  }
  dispose(): void {}
}

const neverCancelled = { isCancellationRequested: false, onCancellationRequested: () => ({ dispose() {} }) };

export const window = {
  createQuickPick: (): ScriptedQuickPick => new ScriptedQuickPick(),
  showWarningMessage: (message: string, ...rest: unknown[]): Promise<string | undefined> => {
    const modal = typeof rest[0] === 'object' && (rest[0] as { modal?: boolean } | null)?.modal === true;
    script.shown.push(`${modal ? 'modal' : 'warning'}: ${message}`);
    return Promise.resolve(modal ? (rest[1] as string | undefined) : undefined);
  },
  showInformationMessage: (message: string): Promise<undefined> => {
    script.shown.push(`information: ${message}`);
    return Promise.resolve(undefined);
  },
  showErrorMessage: (message: string): Promise<undefined> => {
    script.shown.push(`error: ${message}`);
    return Promise.resolve(undefined);
  },
  showInputBox: (options: { prompt?: string }): Promise<string | undefined> => {
    script.shown.push(`input: ${options.prompt ?? ''}`);
    return Promise.resolve(script.inputBoxAnswers.shift());
  },
  withProgress: <T>(
    _options: unknown,
    task: (progress: { report(value: unknown): void }, token: typeof neverCancelled) => Promise<T>,
  ): Promise<T> => task({ report() {} }, neverCancelled),
};

export const workspace = {
  getConfiguration: () => ({
    get: <T>(key: string, fallback: T): T =>
      key === 'apply.protectedContexts' ? (script.protectedContexts as T) : fallback,
  }),
};

export class ThemeIcon {
  constructor(readonly id: string) {}
}
export const QuickPickItemKind = { Separator: -1, Default: 0 };
export const ProgressLocation = { SourceControl: 1, Window: 10, Notification: 15 };

/** A log channel that keeps its lines. */
export function scriptedLog(): {
  lines: string[];
  info(line: string): void;
  warn(line: string): void;
  show(): void;
} {
  const lines: string[] = [];
  return { lines, info: (line) => lines.push(line), warn: (line) => lines.push(line), show() {} };
}

const STAND_INS: Readonly<Record<string, string>> = {
  vscode: __filename,
  'vscode-languageclient/node': require.resolve('vscode-languageserver-protocol'),
};

let installed = false;

/** Makes `require('vscode')` give this module from now on. */
export function installScriptedVscode(): void {
  if (installed) return;
  installed = true;
  const loader = Module as unknown as { _resolveFilename: (request: string, ...rest: unknown[]) => string };
  const resolve = loader._resolveFilename.bind(Module);
  loader._resolveFilename = (request: string, ...rest: unknown[]): string =>
    STAND_INS[request] ?? resolve(request, ...rest);
}
