/**
 * Ages as the API server prints them in Table cells (Go `duration.HumanDuration`): `45s`, `5m12s`,
 * `3h10m`, `4d`. kubectl shows these strings as they come.
 */
export function humanDuration(milliseconds: number): string {
  const seconds = Math.floor(milliseconds / 1000);
  if (seconds < -1) return '<invalid>';
  if (seconds < 0) return '0s';
  if (seconds < 120) return `${seconds}s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 10) return seconds % 60 === 0 ? `${minutes}m` : `${minutes}m${seconds % 60}s`;
  if (minutes < 180) return `${minutes}m`;
  const hours = Math.floor(minutes / 60);
  if (hours < 8) return minutes % 60 === 0 ? `${hours}h` : `${hours}h${minutes % 60}m`;
  if (hours < 48) return `${hours}h`;
  if (hours < 24 * 8) return hours % 24 === 0 ? `${hours / 24}d` : `${Math.floor(hours / 24)}d${hours % 24}h`;
  if (hours < 24 * 365 * 2) return `${Math.floor(hours / 24)}d`;
  const days = Math.floor(hours / 24);
  if (hours < 24 * 365 * 8) {
    return days % 365 === 0 ? `${days / 365}y` : `${Math.floor(days / 365)}y${days % 365}d`;
  }
  return `${Math.floor(days / 365)}y`;
}

/** The age of an object from its `creationTimestamp`, or `<unknown>` like kubectl. */
export function ageOf(creationTimestamp: unknown, now: Date): string {
  if (typeof creationTimestamp !== 'string') return '<unknown>';
  const created = Date.parse(creationTimestamp);
  return Number.isNaN(created) ? '<invalid>' : humanDuration(now.getTime() - created);
}
