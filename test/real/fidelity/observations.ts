/**
 * What the fidelity script compares of an answer when not the whole normalised answer: resourceVersion
 * order, watch events, list names, Table columns and cells; and the values steps keep for later ones.
 */
import { type KubeAnswer } from '../support/kube-rest';
import { normaliseJson, observe, watchEvents } from './normalise';
import { type FidelityStep, type ScriptMemory } from './script-step';

export interface Metadata {
  metadata?: { resourceVersion?: string; continue?: string };
}

export function resourceVersionOf(answer: KubeAnswer): string {
  const version = (JSON.parse(answer.body) as Metadata).metadata?.resourceVersion;
  if (!version) throw new Error(`no resourceVersion in ${answer.status} ${answer.body.slice(0, 300)}`);
  return version;
}

export function keepResourceVersion(key: string): FidelityStep['remember'] {
  return (answer, memory) => memory.set(key, resourceVersionOf(answer));
}

/** How a resourceVersion relates to one kept before: they are opaque, but a real server's increase. */
function order(answer: KubeAnswer, memory: ScriptMemory, key: string): string {
  const now = Number(resourceVersionOf(answer));
  const before = Number(memory.get(key));
  return now > before ? `newer than ${key}` : now === before ? `same as ${key}` : `older than ${key}`;
}

export function withOrder(key: string): FidelityStep['observe'] {
  return (answer, memory) => ({ ...observe(answer), resourceVersion: order(answer, memory, key) });
}

/** A watch's events, normalised; watches end by `timeoutSeconds`. */
export function events(answer: KubeAnswer): unknown {
  return observe(answer, normaliseJson(watchEvents(answer)));
}

export function withoutManagedFields(list: { items?: { metadata?: Record<string, unknown> }[] }): unknown {
  return {
    ...list,
    items: list.items?.map((item) => {
      const { managedFields: _managedFields, ...metadata } = item.metadata ?? {};
      return { ...item, metadata };
    }),
  };
}

export function listSummary(answer: KubeAnswer): unknown {
  const list = JSON.parse(answer.body) as { kind: string; items: { metadata: { name: string } }[] };
  const { body: _body, ...rest } = observe(answer);
  return { ...rest, kind: list.kind, names: list.items.map((item) => item.metadata.name) };
}

/**
 * Cells a server allocates as it likes (a Service's cluster IP when the state gives none, node ports) are
 * replaced by what they are.
 */
function withoutAllocations(columns: readonly { name: string }[], cells: readonly unknown[]): unknown[] {
  return cells.map((cell, index) => {
    const column = columns[index]?.name;
    if (typeof cell !== 'string') return cell;
    if (column === 'Cluster-IP' && /^[0-9.]+$/.test(cell)) return '<cluster IP>';
    if (column === 'Port(s)') return cell.replace(/:[0-9]+\//g, ':<node port>/');
    return cell;
  });
}

export function tableView(columnsOnly: boolean): (answer: KubeAnswer) => unknown {
  return (answer) => {
    const table = normaliseJson(JSON.parse(answer.body)) as {
      columnDefinitions: { name: string }[];
      rows: { cells: unknown[] }[];
    };
    const { body: _body, ...rest } = observe(answer);
    return {
      ...rest,
      columnDefinitions: table.columnDefinitions,
      ...(columnsOnly
        ? {}
        : { cells: table.rows.map((row) => withoutAllocations(table.columnDefinitions, row.cells)) }),
    };
  };
}
