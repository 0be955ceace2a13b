// Sequence sets against a mailbox view: `*` is the largest number in use (RFC 3501 6.4.8), ranges
// may be written backwards (`5:2` is `2:5`), and numbers beyond the mailbox match nothing (SEARCH; FETCH, STORE and COPY refuse them, see selection.ts).
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

/**
 * Writes ascending numbers, or ranges, back as a compact set: [1, 2, 3, 7] and [[1, 3], 7] are both
 * "1:3,7" (for COPYUID, MODIFIED, VANISHED).
 */
export function formatSequenceSet(items: ReadonlyArray<number | readonly [number, number]>): string {
  const parts: string[] = [];
  let low = 0;
  let high = -1;
  const flush = () => {
    if (high >= low) parts.push(low === high ? String(low) : `${low}:${high}`);
  };
  for (const item of items) {
    const [from, to] = typeof item === 'number' ? [item, item] : item;
    if (high >= low && from === high + 1) {
      high = to;
      continue;
    }
    flush();
    low = from;
    high = to;
  }
  flush();
  return parts.join(',');
}
