/**
 * "Did you mean …?" for unknown tag and mechanism names: the known names nearest by
 * edit distance (a case-only difference counts as nearest of all).
 */

export function editDistance(a: string, b: string): number {
  const prev = new Array<number>(b.length + 1);
  for (let j = 0; j <= b.length; j++) prev[j] = j;
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0]!;
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const up = prev[j]!;
      prev[j] = Math.min(up + 1, prev[j - 1]! + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = up;
    }
  }
  return prev[b.length]!;
}

/**
 * The known names closest to `name`: a case-insensitive match alone if there is one,
 * otherwise every name within distance 1 (names of up to 3 characters) or 2 (longer),
 * at the smallest distance found. Empty when nothing is close.
 */
export function nearestNames(name: string, known: readonly string[]): string[] {
  const lower = name.toLowerCase();
  const exact = known.filter((k) => k.toLowerCase() === lower);
  if (exact.length > 0) return exact;
  const limit = name.length <= 3 ? 1 : 2;
  let best = Infinity;
  let out: string[] = [];
  for (const k of known) {
    const d = editDistance(lower, k.toLowerCase());
    if (d > limit || d > best) continue;
    if (d < best) { best = d; out = []; }
    out.push(k);
  }
  return out;
}

/** " Did you mean "p="?" / " Did you mean "rua=" or "ruf="?" / " Known tags: v=, p=." */
export function didYouMean(name: string, known: readonly string[], suffix = '='): string {
  const near = nearestNames(name, known);
  if (near.length > 0 && near.length <= 3) return ` Did you mean ${near.map((n) => `"${n}${suffix}"`).join(' or ')}?`;
  return ` Known: ${known.map((n) => `${n}${suffix}`).join(', ')}.`;
}
