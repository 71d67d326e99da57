import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { lineOf, openFixture, workspaceFileUri } from './support/fixture-documents';
import {
  codeOf,
  describeDiagnostics,
  meshwrightDiagnostics,
  waitForMeshwrightDiagnostics,
} from './support/meshwright-diagnostics';

describe('diagnostics', () => {
  it('reports exactly one Meshwright IST0106 on the line of "weight: fifty"', async () => {
    const document = await openFixture('virtual-service-weight.yaml');
    const weightLine = lineOf(document, 'weight: fifty');
    const diagnostics = await waitForMeshwrightDiagnostics(
      document.uri,
      (all) => all.length > 0,
      'Meshwright diagnostics',
    );
    const onWeightLine = diagnostics.filter((d) => d.range.start.line === weightLine);
    assert.equal(
      onWeightLine.length,
      1,
      `expected one diagnostic on line ${weightLine + 1}: ${describeDiagnostics(diagnostics)}`,
    );
    const [diagnostic] = onWeightLine;
    assert.ok(diagnostic);
    assert.equal(codeOf(diagnostic), 'IST0106');
    assert.equal(diagnostic.severity, vscode.DiagnosticSeverity.Error);
    assert.match(document.getText(diagnostic.range), /fifty/, 'the range should cover the offending value');
    assert.deepEqual(
      diagnostics.filter((d) => d !== diagnostic).map(codeOf),
      [],
      `nothing else is wrong in this file: ${describeDiagnostics(diagnostics)}`,
    );
  });

  it('analyzes the whole workspace on command and stays silent on non-Istio YAML', async () => {
    const yamlFiles = await vscode.workspace.findFiles('**/*.{yaml,yml}');
    const result = await vscode.commands.executeCommand<{ files: number; diagnostics: number } | undefined>(
      'meshwright.analyzeWorkspace',
    );
    assert.ok(result, 'Analyze Workspace returned nothing (see the Meshwright output)');
    assert.equal(result.files, yamlFiles.length, 'every YAML file of the workspace is analyzed');
    // A file that was never opened gets its problems from the workspace analysis.
    const unopened = workspaceFileUri('syntax-and-schema-errors.yaml');
    const unopenedCodes = meshwrightDiagnostics(unopened).map(codeOf);
    assert.ok(
      unopenedCodes.includes('IST0106'),
      `unopened file: ${describeDiagnostics(meshwrightDiagnostics(unopened))}`,
    );
    assert.ok(result.diagnostics >= 2, `the workspace has at least two problems, got ${result.diagnostics}`);
    const plain = workspaceFileUri('not-istio.yaml');
    assert.deepEqual(meshwrightDiagnostics(plain).map(codeOf), [], 'a ConfigMap is not Meshwright business');
  });
});
