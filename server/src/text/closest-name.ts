/**
 * "Did you mean": the known name a mistyped one most likely stands for. One measure for every
 * suggestion Meshwright makes (modeline clusters and keys, schema fields and enum values, Istio
 * annotations, CLI options), so the same typo gets the same help wherever it is made.
 */

/**
 * The candidate within `maxDistance` edits of `word` (case-insensitive; default: a third of its length,
 * at least one), the closest first, the earliest among equals.
 */
export function closestName(
  word: string,
  candidates: Iterable<string>,
  maxDistance: number = Math.max(1, Math.floor(word.length / 3)),
): string | undefined {
  const lower = word.toLowerCase();
  let best: string | undefined;
  let bestDistance = maxDistance + 1;
  for (const candidate of candidates) {
    // The distance is at least the difference in length: most candidates end here.
    if (Math.abs(candidate.length - word.length) >= bestDistance) continue;
    const distance = editDistance(lower, candidate.toLowerCase());
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best;
}

/**
 * Edit distance where swapping two neighbours counts as one edit (`esat` is one typo away from `east`).
 * Names are short (keys, options, annotation names), so the quadratic table is fine.
 */
export function editDistance(a: string, b: string): number {
  const rows: number[][] = [Array.from({ length: b.length + 1 }, (_, j) => j)];
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(rows[i - 1]![j]! + 1, row[j - 1]! + 1, rows[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        best = Math.min(best, rows[i - 2]![j - 2]! + 1);
      row.push(best);
    }
    rows.push(row);
  }
  return rows[a.length]![b.length]!;
}
