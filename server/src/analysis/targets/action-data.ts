/**
 * What the quick fixes of a cross-control-plane diagnostic need, carried in its `data.actions`
 * (MeshDiagnostic.data, then LSP Diagnostic.data.details.actions): the language server's code actions
 * (server/src/lsp/code-actions.ts) turn each field into one action. Only diagnostics on an authored
 * document carry it: a live object has no document to apply, diff or narrow.
 */
import { type MeshResource } from '../model/resource';

export interface LiveCopyRef {
  readonly cluster: string;
  /** `meshwright:/<cluster>/<kind>/<namespace>/<name>.yaml`: the live document to diff against. */
  readonly uri: string;
}

export interface TargetActions {
  /** "Diff with <cluster>'s live copy": the live copies that differ from the document. */
  readonly diff?: readonly LiveCopyRef[];
  /** "Apply to <clusters> (dry run first)": the clusters that lack the document or differ from it. */
  readonly apply?: readonly string[];
  /** "Narrow targets to <clusters>": the targets that keep the document out of trouble. */
  readonly narrowTo?: readonly string[];
}

/** `{ ...details, actions }`, dropping empty actions; undefined actions when there is nothing to offer. */
export function withActions<T extends object>(
  details: T,
  actions: TargetActions,
): T & { actions?: TargetActions } {
  const kept: { -readonly [K in keyof TargetActions]: TargetActions[K] } = {};
  if (actions.diff && actions.diff.length > 0) kept.diff = actions.diff;
  if (actions.apply && actions.apply.length > 0) kept.apply = actions.apply;
  if (actions.narrowTo && actions.narrowTo.length > 0) kept.narrowTo = actions.narrowTo;
  return Object.keys(kept).length > 0 ? { ...details, actions: kept } : details;
}

/** The live copies (virtual documents) among `copies`, for diff actions; cluster files have no live copy. */
export function liveCopies(copies: Iterable<MeshResource>): LiveCopyRef[] {
  const found: LiveCopyRef[] = [];
  for (const copy of copies) {
    if (copy.origin === 'live' && copy.cluster !== null)
      found.push({ cluster: copy.cluster, uri: copy.source.uri });
  }
  return found;
}

/** Reads `data.actions` back (the code actions get the diagnostic's data as JSON). */
export function actionsOf(details: unknown): TargetActions | undefined {
  if (typeof details !== 'object' || details === null) return undefined;
  const actions = (details as { actions?: unknown }).actions;
  if (typeof actions !== 'object' || actions === null) return undefined;
  const record = actions as Record<string, unknown>;
  const strings = (value: unknown): string[] | undefined =>
    Array.isArray(value) && value.every((item) => typeof item === 'string') ? value : undefined;
  const diff = Array.isArray(record.diff)
    ? record.diff.filter(
        (entry): entry is LiveCopyRef =>
          typeof entry === 'object' &&
          entry !== null &&
          typeof (entry as LiveCopyRef).cluster === 'string' &&
          typeof (entry as LiveCopyRef).uri === 'string',
      )
    : undefined;
  return {
    ...(diff ? { diff } : {}),
    ...(strings(record.apply) ? { apply: strings(record.apply) } : {}),
    ...(strings(record.narrowTo) ? { narrowTo: strings(record.narrowTo) } : {}),
  };
}
