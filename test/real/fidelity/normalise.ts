/**
 * Turns an API answer into what the fidelity test compares: the status code, the headers a client acts
 * on, and the body with what legitimately differs between two servers (uids, timestamps, resourceVersion
 * numbers, continue tokens, user names, ages) replaced by placeholders. Ordering of resourceVersions is
 * checked by the script itself, never by their numbers.
 */
import { type KubeAnswer } from '../support/kube-rest';

export interface Observation {
  readonly status: number;
  readonly contentType?: string;
  readonly contentEncoding?: string;
  readonly body: unknown;
}

const TIME_KEYS = new Set(['creationTimestamp', 'deletionTimestamp', 'time', 'lastTransitionTime']);
/** The users each server's "nobody" and "admin" are: messages name them. */
const USER_NAMES = /"(?:meshwright-nobody|meshwright-admin|[a-z0-9-]+-admin)"/g;
const TOO_OLD = /too old resource version: \d+ \(\d+\)/g;

export function normaliseText(text: string): string {
  return text.replace(USER_NAMES, '"<user>"').replace(TOO_OLD, 'too old resource version: <rv> (<rv>)');
}

export function normaliseJson(value: unknown, key?: string): unknown {
  if (Array.isArray(value)) return value.map((item) => normaliseJson(item));
  if (typeof value === 'string') {
    if (key === 'uid') return '<uid>';
    if (key !== undefined && TIME_KEYS.has(key)) return '<time>';
    if (key === 'resourceVersion' && value !== '') return '<rv>';
    if (key === 'continue' && value !== '') return '<continue>';
    return normaliseText(value);
  }
  if (value === null || typeof value !== 'object') return value;
  const record = value as Record<string, unknown>;
  const normalised = Object.fromEntries(
    Object.entries(record).map(([name, field]) => [name, normaliseJson(field, name)]),
  );
  return record.kind === 'Table' ? withoutAges(normalised) : normalised;
}

/** A Table's Age cells say how long ago the object was created: not comparable. */
function withoutAges(table: Record<string, unknown>): Record<string, unknown> {
  const columns = (table.columnDefinitions as { name: string }[] | undefined) ?? [];
  const age = columns.findIndex((column) => column.name === 'Age');
  if (age < 0) return table;
  const rows = (table.rows as { cells: unknown[] }[] | undefined) ?? [];
  return {
    ...table,
    rows: rows.map((row) => ({
      ...row,
      cells: row.cells.map((cell, index) => (index === age ? '<age>' : cell)),
    })),
  };
}

function parseBody(text: string): unknown {
  if (text === '') return '';
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

/** A watch answer: one event per line. */
export function watchEvents(answer: KubeAnswer): { type: string; object: Record<string, unknown> }[] {
  return answer.body
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as { type: string; object: Record<string, unknown> });
}

function header(answer: KubeAnswer, name: string): string | undefined {
  const value = answer.headers[name];
  return Array.isArray(value) ? value.join(', ') : value;
}

export function observe(
  answer: KubeAnswer,
  body: unknown = normaliseJson(parseBody(answer.body)),
): Observation {
  const contentEncoding = header(answer, 'content-encoding');
  return {
    status: answer.status,
    contentType: header(answer, 'content-type'),
    ...(contentEncoding ? { contentEncoding } : {}),
    body,
  };
}
