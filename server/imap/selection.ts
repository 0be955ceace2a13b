// Sequence sets (by number or by UID) and `$` -> the sequence numbers they name in a session's view.
// Each range or saved id costs a binary search, never a walk over the whole mailbox.
import type { MailboxView } from '../store/view.ts';
import type { Selected } from './context.ts';
import { bad } from './errors.ts';
import { bounds } from './sequence.ts';
import type { MessageSet, SequenceSet } from './syntax.ts';

/**
 * Ascending, distinct sequence numbers. UIDs that do not exist are left out (RFC 3501 6.4.8), and so
 * are messages of `$` that were expunged since it was saved (RFC 5182 2.1); but a sequence number
 * beyond the count the session knows (`*` of an empty mailbox too) is a client error, and the
 * whole command is BAD, as in Dovecot.
 */
export function resolveSet(selected: Pick<Selected, 'view' | 'savedResult'>, set: MessageSet, uid: boolean): number[] {
  const { view } = selected;
  if ('saved' in set) return savedSeqs(view, selected.savedResult);
  const ranges: Array<[number, number]> = [];
  const max = uid ? view.lastUid : view.count;
  for (const range of set) {
    const [from, to] = bounds(range, max);
    if (!uid && (from < 1 || to > view.count)) throw bad(`no message ${to > view.count ? to : from}: the mailbox has ${view.count}`);
    const [low, high] = uid ? view.seqsInUidRange(from, to) : [Math.max(1, from), Math.min(view.count, to)];
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

function savedSeqs(view: MailboxView, saved: ReadonlySet<number>): number[] {
  const seqs: number[] = [];
  for (const uid of saved) {
    const seq = view.seqOfUid(uid);
    if (seq) seqs.push(seq);
  }
  return seqs.sort((a, b) => a - b);
}

/** A set of UIDs as ranges: `$` as its UIDs (the expunged ones too, for VANISHED), any other set as it is. */
export function uidRanges(set: MessageSet, saved: ReadonlySet<number>): SequenceSet {
  return 'saved' in set ? [...saved].map((uid) => ({ from: uid, to: uid })) : set;
}

/**
 * The UIDs in `set` that no message in the view has, as ascending ranges, up to `maxAssigned`
 * (the highest UID the folder ever gave out). The store keeps no record of expunged UIDs, so this
 * is every gap: UIDs that were expunged, and those of other logins' mail in the folder (QRESYNC
 * lets a server report more than what was expunged).
 */
export function missingUids(view: MailboxView, set: SequenceSet, maxAssigned: number): Array<[number, number]> {
  const ranges: Array<[number, number]> = [];
  for (const range of set) {
    const [from, upper] = bounds(range, maxAssigned);
    const to = Math.min(upper, maxAssigned);
    if (from > to) continue;
    const [low, high] = view.seqsInUidRange(from, to);
    let next = from;
    for (let seq = low; seq <= high; seq++) {
      const uid = view.numbered[seq - 1].uid;
      if (uid > next) ranges.push([next, uid - 1]);
      next = uid + 1;
    }
    if (next <= to) ranges.push([next, to]);
  }
  return mergeRanges(ranges);
}

function mergeRanges(ranges: Array<[number, number]>): Array<[number, number]> {
  ranges.sort((a, b) => a[0] - b[0]);
  const merged: Array<[number, number]> = [];
  for (const [low, high] of ranges) {
    const last = merged[merged.length - 1];
    if (last && low <= last[1] + 1) last[1] = Math.max(last[1], high);
    else merged.push([low, high]);
  }
  return merged;
}
