/**
 * `meshwright.apply.protectedContexts`: glob patterns of context (cluster) names, like `prod-*` or
 * `*-live`, whose apply needs the user to type the cluster's name before anything is written. Pure (no
 * VS Code import) so the matching rules are unit-tested: `*` matches any run of characters, `?` one
 * character, everything else itself; the whole name must match; case matters, as in kubeconfig names.
 */

/** The first pattern that matches the cluster's name, or undefined when the cluster is not protected. */
export function protectingPattern(cluster: string, patterns: readonly unknown[]): string | undefined {
  return patterns.find(
    (pattern): pattern is string =>
      typeof pattern === 'string' && pattern.trim() !== '' && globToRegExp(pattern.trim()).test(cluster),
  );
}

/** The protected clusters among `clusters`, each with the pattern that protects it, in the given order. */
export function protectedClusters(
  clusters: readonly string[],
  patterns: readonly unknown[],
): { readonly cluster: string; readonly pattern: string }[] {
  return clusters.flatMap((cluster) => {
    const pattern = protectingPattern(cluster, patterns);
    return pattern === undefined ? [] : [{ cluster, pattern }];
  });
}

function globToRegExp(pattern: string): RegExp {
  let source = '';
  for (const character of pattern) {
    if (character === '*') source += '.*';
    else if (character === '?') source += '.';
    else source += character.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${source}$`);
}
