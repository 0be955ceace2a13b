// Sequence sets against a mailbox view: `*` is the largest number in use (RFC 3501 6.4.8), ranges
// may be written backwards (`5:2` is `2:5`), and numbers beyond the mailbox simply match nothing.
import type { SequenceSet } from './syntax.ts';

/** A range's ends, low first, with `*` meaning `max`. */
export function bounds(range: SequenceSet[number], max: number): [number, number] {
  const from = range.from === '*' ? max : range.from;
  const to = range.to === '*' ? max : range.to;
  return from <= to ? [from, to] : [to, from];
}

/** Whether `n` is in the set, with `*` meaning `max`. */
export function inSequenceSet(set: SequenceSet, n: number, max: number): boolean {
  for (const range of set) {
    const [low, high] = bounds(range, max);
    if (n >= low && n <= high) return true;
  }
  return false;
}

/** Writes ascending numbers back as a compact set, e.g. [1, 2, 3, 7] -> "1:3,7" (for COPYUID and friends). */
export function formatSequenceSet(numbers: readonly number[]): string {
  const parts: string[] = [];
  for (let i = 0; i < numbers.length; ) {
    let j = i;
    while (j + 1 < numbers.length && numbers[j + 1] === numbers[j] + 1) j++;
    parts.push(i === j ? String(numbers[i]) : `${numbers[i]}:${numbers[j]}`);
    i = j + 1;
  }
  return parts.join(',');
}
