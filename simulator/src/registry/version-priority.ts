/**
 * Kubernetes' version priority (GA > beta > alpha, then higher numbers first), which decides a group's
 * preferred version: `kubectl get destinationrules` uses networking.istio.io/v1, not v1alpha3.
 */
const VERSION_PATTERN = /^v(\d+)(?:(alpha|beta)(\d+))?$/;

function rank(version: string): [number, number, number] {
  const match = VERSION_PATTERN.exec(version);
  if (!match) return [0, 0, 0];
  const stability = match[2] === undefined ? 3 : match[2] === 'beta' ? 2 : 1;
  return [stability, Number(match[1]), Number(match[3] ?? 0)];
}

/** Sort comparator: the most preferred version first. */
export function compareKubeVersions(a: string, b: string): number {
  const [stabilityA, majorA, minorA] = rank(a);
  const [stabilityB, majorB, minorB] = rank(b);
  return stabilityB - stabilityA || majorB - majorA || minorB - minorA || a.localeCompare(b);
}
