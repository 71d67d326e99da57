/**
 * Quick fixes of the Gateway API and ambient diagnostics on an authored document:
 * - MESH407 "Add label istio.io/global": the Service is global in some clusters and not in this copy;
 * - MESH402 "Create ReferenceGrant in <namespace>": a route's backend in another namespace that no
 *   ReferenceGrant lets it reach; the grant goes in a new document of `<namespace>-reference-grants.yaml`
 *   next to the route's file (created when missing, appended to otherwise), since it belongs to the
 *   backend's namespace, not the route's;
 * - MESH404 "Use waypoint <name>": one per waypoint of that namespace that exists in every cluster
 *   concerned and takes the object's traffic (the analyzer lists them in `data.candidates`).
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { stringify } from 'yaml';
import { type CodeAction, CodeActionKind, type Diagnostic, type WorkspaceEdit } from 'vscode-languageserver';
import { DIAGNOSTIC_SOURCE } from './diagnostic-conversion';
import { addLabelEdit, labelValueRange } from './label-edits';
import { type MeshDiagnosticData } from '../../../protocol/requests';

const GLOBAL_LABEL = 'istio.io/global';
const USE_WAYPOINT_LABEL = 'istio.io/use-waypoint';
const GATEWAY_API_GROUP = 'gateway.networking.k8s.io';

interface MissingReferenceGrant {
  readonly namespace: string;
  readonly from: { readonly group: string; readonly kind: string; readonly namespace: string };
  readonly to: { readonly group: string; readonly kind: string; readonly name: string };
}

/** Reads a file's text when the ReferenceGrant's file already exists; injectable for tests. */
export type ReadExisting = (fileUri: string) => string | undefined;

export function gatewayApiQuickFixes(
  uri: string,
  text: string,
  diagnostics: readonly Diagnostic[],
  readExisting: ReadExisting = readFileIfPresent,
): CodeAction[] {
  const actions: CodeAction[] = [];
  for (const diagnostic of diagnostics) {
    if (diagnostic.source !== DIAGNOSTIC_SOURCE) continue;
    const details = (diagnostic.data as MeshDiagnosticData | undefined)?.details;
    const line = diagnostic.range.start.line;
    switch (String(diagnostic.code ?? '')) {
      case 'MESH407': {
        const edit = addLabelEdit(text, line, GLOBAL_LABEL, 'true');
        if (edit)
          actions.push(fix(`Add label ${GLOBAL_LABEL}: "true"`, diagnostic, { changes: { [uri]: [edit] } }));
        break;
      }
      case 'MESH404': {
        const range = labelValueRange(text, line, USE_WAYPOINT_LABEL);
        if (!range) break;
        for (const name of candidatesOf(details)) {
          const edit = { range, newText: name };
          actions.push(fix(`Use waypoint ${name}`, diagnostic, { changes: { [uri]: [edit] } }));
        }
        break;
      }
      case 'MESH402': {
        const grant = missingGrantOf(details);
        const edit = grant ? referenceGrantEdit(uri, grant, readExisting) : undefined;
        if (grant && edit)
          actions.push(fix(`Create ReferenceGrant in namespace ${grant.namespace}`, diagnostic, edit));
        break;
      }
    }
  }
  return actions;
}

/** The ReferenceGrant, named after what it grants so two fixes for different routes do not collide. */
export function referenceGrantYaml(grant: MissingReferenceGrant): string {
  const name = `allow-${grant.from.kind.toLowerCase()}s-from-${grant.from.namespace}`;
  return stringify({
    apiVersion: `${GATEWAY_API_GROUP}/v1beta1`,
    kind: 'ReferenceGrant',
    metadata: { name, namespace: grant.namespace },
    spec: {
      from: [grant.from],
      to: [{ group: grant.to.group, kind: grant.to.kind, name: grant.to.name }],
    },
  });
}

function referenceGrantEdit(
  routeUri: string,
  grant: MissingReferenceGrant,
  readExisting: ReadExisting,
): WorkspaceEdit | undefined {
  if (!routeUri.startsWith('file:')) return undefined;
  const directory = path.dirname(fileURLToPath(routeUri));
  const target = pathToFileURL(path.join(directory, `${grant.namespace}-reference-grants.yaml`)).toString();
  const document = referenceGrantYaml(grant);
  const existing = readExisting(target);
  if (existing === undefined) {
    const start = { line: 0, character: 0 };
    return {
      documentChanges: [
        { kind: 'create', uri: target, options: { ignoreIfExists: true } },
        {
          textDocument: { uri: target, version: null },
          edits: [{ range: { start, end: start }, newText: document }],
        },
      ],
    };
  }
  const lines = existing.split('\n');
  const end = { line: lines.length - 1, character: lines.at(-1)!.length };
  const separator = existing.length === 0 ? '' : existing.endsWith('\n') ? '---\n' : '\n---\n';
  return { changes: { [target]: [{ range: { start: end, end }, newText: `${separator}${document}` }] } };
}

function candidatesOf(details: unknown): string[] {
  const candidates = (details as { candidates?: unknown } | undefined)?.candidates;
  return Array.isArray(candidates)
    ? candidates.filter((name): name is string => typeof name === 'string')
    : [];
}

function missingGrantOf(details: unknown): MissingReferenceGrant | undefined {
  const grant = (details as { referenceGrant?: unknown } | undefined)?.referenceGrant as
    MissingReferenceGrant | undefined;
  const strings = (...values: unknown[]): boolean => values.every((value) => typeof value === 'string');
  if (
    !grant ||
    !strings(grant.namespace, grant.from?.group, grant.from?.kind, grant.from?.namespace) ||
    !strings(grant.to?.group, grant.to?.kind, grant.to?.name)
  )
    return undefined;
  return grant;
}

function fix(title: string, diagnostic: Diagnostic, edit: WorkspaceEdit): CodeAction {
  return { title, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], edit };
}

function readFileIfPresent(fileUri: string): string | undefined {
  try {
    return fs.readFileSync(fileURLToPath(fileUri), 'utf8');
  } catch {
    return undefined;
  }
}
