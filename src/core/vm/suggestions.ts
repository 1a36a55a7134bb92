/**
 * "Did you mean" suggestions for NameError and AttributeError, as CPython 3.11 prints
 * them: a Levenshtein distance with cheap case flips, at most a third of the characters.
 * @cpython Python/suggestions.c
 */
const MAX_CANDIDATE_ITEMS = 750;
const MAX_STRING_SIZE = 40;
const MOVE_COST = 2;
const CASE_COST = 1;

function substitutionCost(a: number, b: number): number {
  if ((a & 31) !== (b & 31)) return MOVE_COST;
  if (a === b) return 0;
  if (a >= 65 && a <= 90) a += 32;
  if (b >= 65 && b <= 90) b += 32;
  return a === b ? CASE_COST : MOVE_COST;
}

function utf8(s: string): Uint8Array {
  const out: number[] = [];
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (c < 0x80) out.push(c);
    else if (c < 0x800) out.push(0xc0 | (c >> 6), 0x80 | (c & 63));
    else if (c < 0x10000) out.push(0xe0 | (c >> 12), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
    else out.push(0xf0 | (c >> 18), 0x80 | ((c >> 12) & 63), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
  }
  return Uint8Array.from(out);
}

/** @cpython Python/suggestions.c levenshtein_distance */
function levenshtein(aStr: string, bStr: string, maxCost: number): number {
  if (aStr === bStr) return 0;
  let a = utf8(aStr);
  let b = utf8(bStr);
  let aStart = 0;
  let bStart = 0;
  let aSize = a.length;
  let bSize = b.length;
  while (aSize && bSize && a[aStart] === b[bStart]) {
    aStart++;
    bStart++;
    aSize--;
    bSize--;
  }
  while (aSize && bSize && a[aStart + aSize - 1] === b[bStart + bSize - 1]) {
    aSize--;
    bSize--;
  }
  if (aSize === 0 || bSize === 0) return (aSize + bSize) * MOVE_COST;
  if (aSize > MAX_STRING_SIZE || bSize > MAX_STRING_SIZE) return maxCost + 1;
  a = a.subarray(aStart, aStart + aSize);
  b = b.subarray(bStart, bStart + bSize);
  if (bSize < aSize) {
    [a, b] = [b, a];
    [aSize, bSize] = [bSize, aSize];
  }
  if ((bSize - aSize) * MOVE_COST > maxCost) return maxCost + 1;
  const buffer: number[] = [];
  let tmp = MOVE_COST;
  for (let i = 0; i < aSize; i++) {
    buffer[i] = tmp;
    tmp += MOVE_COST;
  }
  let result = 0;
  for (let bi = 0; bi < bSize; bi++) {
    const code = b[bi];
    let distance = (result = bi * MOVE_COST);
    let minimum = Infinity;
    for (let index = 0; index < aSize; index++) {
      const substitute = distance + substitutionCost(code, a[index]);
      distance = buffer[index];
      const insertDelete = Math.min(result, distance) + MOVE_COST;
      result = Math.min(insertDelete, substitute);
      buffer[index] = result;
      if (result < minimum) minimum = result;
    }
    if (minimum > maxCost) return maxCost + 1;
  }
  return result;
}

/** calculate_suggestions: the closest candidate within the allowed distance, or null. */
export function suggestName(candidates: string[], name: string): string | null {
  if (candidates.length >= MAX_CANDIDATE_ITEMS) return null;
  let best: string | null = null;
  let bestDistance = Number.MAX_SAFE_INTEGER;
  const nameSize = utf8(name).length;
  for (const item of candidates) {
    if (item === name) continue;
    const itemSize = utf8(item).length;
    let maxDistance = Math.floor(((nameSize + itemSize + 3) * MOVE_COST) / 6);
    maxDistance = Math.min(maxDistance, bestDistance - 1);
    const d = levenshtein(name, item, maxDistance);
    if (d > maxDistance) continue;
    if (best === null || d < bestDistance) {
      best = item;
      bestDistance = d;
    }
  }
  return best;
}
