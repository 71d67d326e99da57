/**
 * Equality of plain JSON-like data by its JSON text: the one way the server compares settings, summaries,
 * facts and cached values to tell "changed" from "the same again".
 *
 * Good for plain data (objects, arrays, strings, numbers, booleans, null) built the same way on both sides:
 * key order matters (`{a, b}` and `{b, a}` differ), `undefined` properties vanish, and objects with a
 * `toJSON` (URL, Date) compare by what it returns. Not for Maps, Sets, class instances or cycles.
 */
export function sameJson(a: unknown, b: unknown): boolean {
  return a === b || JSON.stringify(a) === JSON.stringify(b);
}
