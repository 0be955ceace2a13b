// SORT criteria (RFC 5256 3): the keys a message sorts by, compared the way the RFC says (strings
// with i;ascii-casemap, dates as instants), ties broken by sequence number.
import type { StoredMessage } from '../store/message.ts';
import { sortSubject } from './base-subject.ts';

export type SortKey = 'ARRIVAL' | 'CC' | 'DATE' | 'FROM' | 'SIZE' | 'SUBJECT' | 'TO';

export const SORT_KEYS: readonly SortKey[] = ['ARRIVAL', 'CC', 'DATE', 'FROM', 'SIZE', 'SUBJECT', 'TO'];

export interface SortCriterion {
  key: SortKey;
  reverse: boolean;
}

/** The sent date (RFC 5256 2.2): the Date header, or INTERNALDATE when it is missing or unreadable. */
export function sentTime(message: StoredMessage): number {
  const date = message.content.meta.date;
  return date && !Number.isNaN(date.getTime()) ? date.getTime() : message.receivedAt.getTime();
}

/** The local part ("addr-mailbox") of the first address, upper-cased for i;ascii-casemap. */
function firstMailbox(addresses: ReadonlyArray<{ address: string }>): string {
  const address = addresses[0]?.address ?? '';
  const at = address.lastIndexOf('@');
  return (at === -1 ? address : address.slice(0, at)).toUpperCase();
}

export type SortKeys = Array<string | number>;

/** What a message sorts by under the criteria (computed as the search finds it). */
export function sortKeysOf(message: StoredMessage, criteria: readonly SortCriterion[]): SortKeys {
  return criteria.map((criterion) => keyOf(message, criterion.key));
}

function keyOf(message: StoredMessage, key: SortKey): string | number {
  const meta = message.content.meta;
  switch (key) {
    // In whole seconds, the precision of INTERNALDATE and of a Date header: mail that arrived within
    // one second ties, and ties go by sequence number (as in Dovecot).
    case 'ARRIVAL':
      return Math.floor(message.receivedAt.getTime() / 1000);
    case 'DATE':
      return Math.floor(sentTime(message) / 1000);
    case 'SIZE':
      return message.size;
    case 'SUBJECT':
      return sortSubject(meta);
    case 'FROM':
      return firstMailbox(meta.from ? [meta.from] : []);
    case 'TO':
      return firstMailbox(meta.to);
    case 'CC':
      return firstMailbox(meta.cc);
  }
}

export interface SortEntry {
  seq: number;
  message: StoredMessage;
  keys: SortKeys;
}

/** Orders the entries (in place) by the criteria their keys were computed for, then by sequence number. */
export function sortEntries(keyed: SortEntry[], criteria: readonly SortCriterion[]): SortEntry[] {
  return keyed.sort((a, b) => {
    for (let i = 0; i < criteria.length; i++) {
      const [x, y] = [a.keys[i], b.keys[i]];
      if (x === y) continue;
      const order = x < y ? -1 : 1;
      return criteria[i].reverse ? -order : order;
    }
    return a.seq - b.seq;
  });
}
