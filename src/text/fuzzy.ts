/** Edit distance and nearest-candidate lookup, for checking OCR text against known values. */

export function editDistance(a: string, b: string): number {
  if (a === b) return 0;
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length]!;
}

/**
 * The candidate closest to `text` within `maxDistance` edits (and at most `maxShare` of its
 * length, but always one edit for words of `oneEditFrom` letters or more), or null when there is
 * none or two candidates tie: a tie is a guess, not a correction.
 */
export function nearest(text: string, candidates: Iterable<string>, maxDistance: number, maxShare: number, oneEditFrom = Infinity): string | null {
  let best: string | null = null;
  let bestDistance = Infinity;
  let tied = false;
  for (const candidate of candidates) {
    // The distance is at least the difference in length: skip the quadratic count when that is too far already.
    if (Math.abs(text.length - candidate.length) > maxDistance) continue;
    const distance = editDistance(text, candidate);
    const length = Math.max(text.length, candidate.length);
    if (distance > maxDistance || distance > Math.max(maxShare * length, length >= oneEditFrom ? 1 : 0)) continue;
    if (distance < bestDistance) { best = candidate; bestDistance = distance; tied = false; }
    else if (distance === bestDistance && candidate !== best) tied = true;
  }
  return tied ? null : best;
}
