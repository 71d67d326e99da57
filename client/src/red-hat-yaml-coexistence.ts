/**
 * Living beside Red Hat's YAML extension without double-reporting. Red Hat YAML already shows YAML
 * syntax errors; when it is active we drop our own syntax diagnostics (MESH001) and keep the Istio and
 * Meshwright semantic ones, which Red Hat YAML cannot produce. (The other half of the contract is that
 * Meshwright never registers its schemas into `yaml.schemas`, so Red Hat YAML does not validate Istio
 * documents a second time, and our diagnostics carry their own source, `meshwright`.)
 */
import * as vscode from 'vscode';
import { type Middleware } from 'vscode-languageclient/node';

export const RED_HAT_YAML_EXTENSION_ID = 'redhat.vscode-yaml';
/** Meshwright's code for "the YAML text does not parse" (docs/architecture.md, Contracts). */
export const YAML_SYNTAX_ERROR_CODE = 'MESH001';

export function isRedHatYamlActive(): boolean {
  return vscode.extensions.getExtension(RED_HAT_YAML_EXTENSION_ID)?.isActive === true;
}

/** The diagnostic's code as a string, whether the server sent it plain or with a documentation link. */
export function diagnosticCode(diagnostic: vscode.Diagnostic): string | undefined {
  const code = diagnostic.code;
  if (code === undefined) return undefined;
  return typeof code === 'object' ? String(code.value) : String(code);
}

export function withoutYamlSyntaxErrors(diagnostics: readonly vscode.Diagnostic[]): vscode.Diagnostic[] {
  return diagnostics.filter((diagnostic) => diagnosticCode(diagnostic) !== YAML_SYNTAX_ERROR_CODE);
}

/**
 * Client middleware for pushed and pulled diagnostics. Red Hat YAML is looked up on every batch (a map
 * lookup) because it can be installed, enabled or activated while Meshwright runs.
 */
export function createRedHatYamlCoexistenceMiddleware(log: vscode.LogOutputChannel): Middleware {
  let announced = false;
  const filter = (diagnostics: vscode.Diagnostic[]): vscode.Diagnostic[] => {
    if (!isRedHatYamlActive()) return diagnostics;
    if (!announced) {
      announced = true;
      log.info(
        `${RED_HAT_YAML_EXTENSION_ID} is active: leaving YAML syntax errors to it (hiding ${YAML_SYNTAX_ERROR_CODE})`,
      );
    }
    return withoutYamlSyntaxErrors(diagnostics);
  };
  return {
    handleDiagnostics: (uri, diagnostics, next) => next(uri, filter(diagnostics)),
    provideDiagnostics: async (document, previousResultId, token, next) => {
      const report = await next(document, previousResultId, token);
      if (report?.kind !== 'full') return report;
      return { ...report, items: filter(report.items) };
    },
  };
}
