// THREAD=ORDEREDSUBJECT (RFC 5256 4): messages grouped by base subject; each thread is its first
// message (by sent date) with the others as its children, threads ordered by their first message's
// sent date, ties by sequence number.
import type { StoredMessage } from '../store/message.ts';
import { sortSubject } from './base-subject.ts';
import { sentTime } from './sort.ts';

/** A thread: a message (its number as the reply gives it; null for a parent that is not there) and the replies under it. */
export interface ThreadNode {
  number: number | null;
  children: ThreadNode[];
}

export function orderedSubjectThreads(entries: Array<[number, StoredMessage]>, numberOf: (seq: number, message: StoredMessage) => number): ThreadNode[] {
  const bySent = entries
    .map(([seq, message]) => ({ seq, message, sent: sentTime(message) }))
    .sort((a, b) => a.sent - b.sent || a.seq - b.seq);
  const threads = new Map<string, ThreadNode>();
  for (const { seq, message } of bySent) {
    const subject = sortSubject(message.content.meta);
    const node: ThreadNode = { number: numberOf(seq, message), children: [] };
    const thread = threads.get(subject);
    if (thread) thread.children.push(node);
    else threads.set(subject, node);
  }
  return [...threads.values()];
}

/** `(1 2)(3 (4)(5))((6)(7))`: a single child follows its parent in the same list, several go in lists of their own; a missing parent leaves only their lists. */
export function formatThreads(threads: readonly ThreadNode[]): string {
  return threads.map((thread) => `(${formatBranch(thread)})`).join('');
}

function formatBranch(node: ThreadNode): string {
  if (node.number === null) return node.children.map((child) => `(${formatBranch(child)})`).join('');
  if (!node.children.length) return String(node.number);
  if (node.children.length === 1) return `${node.number} ${formatBranch(node.children[0])}`;
  return `${node.number} ${node.children.map((child) => `(${formatBranch(child)})`).join('')}`;
}
