/**
 * Typed reads of untyped YAML values. Documents being authored can hold anything (a string where a list
 * belongs, a number for a name): these readers return undefined / empty instead of throwing, so an
 * analyzer never crashes on a malformed field; the schema check reports the malformation itself.
 */

export type Fields = Readonly<Record<string, unknown>>;

export function asRecord(value: unknown): Fields | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Fields) : undefined;
}

export function asArray(value: unknown): readonly unknown[] {
  return Array.isArray(value) ? value : [];
}

export function asString(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

export function asNumber(value: unknown): number | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (typeof value === 'string' && /^\d+$/.test(value)) return Number(value);
  return undefined;
}

/** A list of strings, skipping items that are not strings. */
export function asStringArray(value: unknown): readonly string[] {
  return asArray(value).filter((item): item is string => typeof item === 'string');
}

/** A map of string values (labels, selectors); non-string values are dropped. */
export function asStringMap(value: unknown): Readonly<Record<string, string>> {
  const record = asRecord(value);
  if (!record) return {};
  const result: Record<string, string> = {};
  for (const [key, item] of Object.entries(record)) {
    if (typeof item === 'string') result[key] = item;
    else if (typeof item === 'number' || typeof item === 'boolean') result[key] = String(item);
  }
  return result;
}
