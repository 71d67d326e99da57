/**
 * A list of names as a sentence says it: "east", "east and west", "east, west and north". Shared by the
 * analyzers' messages and the topology's stale reasons (which the sidebar shows too, so this module stays
 * free of anything but text).
 */
export function joinNames(names: readonly string[]): string {
  if (names.length <= 1) return names[0] ?? '';
  return `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}
