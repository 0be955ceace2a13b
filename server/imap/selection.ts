// Sequence sets (by number or by UID) -> the sequence numbers they name in a session's view.
// Each range costs a binary search, never a walk over the whole mailbox.
import type { MailboxView } from '../store/view.ts';
import type { SequenceSet } from './syntax.ts';

/** Ascending, distinct sequence numbers; numbers or UIDs that do not exist are left out (RFC 3501 6.4.8 / 9). */
export function resolveSet(view: MailboxView, set: SequenceSet, uid: boolean): number[] {
  const ranges: Array<[number, number]> = [];
  const max = uid ? view.lastId : view.count;
  for (const range of set) {
    let from = range.from === '*' ? max : range.from;
    let to = range.to === '*' ? max : range.to;
    if (from > to) [from, to] = [to, from];
    const [low, high] = uid ? view.seqsInIdRange(from, to) : [Math.max(1, from), Math.min(view.count, to)];
    if (low <= high) ranges.push([low, high]);
  }
  if (ranges.length > 1) ranges.sort((a, b) => a[0] - b[0]);
  const seqs: number[] = [];
  let next = 1;
  for (const [low, high] of ranges) {
    for (let seq = Math.max(low, next); seq <= high; seq++) seqs.push(seq);
    next = Math.max(next, high + 1);
  }
  return seqs;
}
