// SEARCH criteria (RFC 3501 6.4.4, RFC 7162 MODSEQ) against one message. Text criteria are
// case-insensitive substring matches on decoded text; dates compare calendar days, not instants.
import { parseAddressList } from '../mail/address-list.ts';
import { headerText, bodyText } from '../mail/text.ts';
import { decodeWords } from '../mail/headers.ts';
import { findHeaderEnd, type HeaderField } from '../mail/mime-tree.ts';
import { ANSWERED, DELETED, DRAFT, FLAGGED, SEEN } from '../store/flags.ts';
import type { StoredMessage } from '../store/message.ts';
import { inSequenceSet } from './sequence.ts';
import type { FlagSearch, SearchContext, SearchKey } from './syntax.ts';

const FLAG_OF_KEY: Record<FlagSearch, string> = { ANSWERED, DELETED, DRAFT, FLAGGED, SEEN };

/** One SEARCH key tree, ready to run against every message of a mailbox. */
export type SearchPredicate = (message: StoredMessage, ctx: SearchContext) => boolean;

/**
 * Turns a key tree into a predicate once per command: needles are lower-cased and dates reduced to
 * days up front, so the per-message work is only the comparison (SEARCH runs over whole mailboxes).
 */
export function compileSearch(key: SearchKey): SearchPredicate {
  switch (key.kind) {
    case 'all':
      return () => true;
    case 'recent':
      return (message, ctx) => ctx.isRecent(message.id);
    case 'old':
      return (message, ctx) => !ctx.isRecent(message.id);
    case 'new':
      return (message, ctx) => ctx.isRecent(message.id) && !message.flags.has(SEEN);
    case 'flag': {
      const flag = FLAG_OF_KEY[key.flag];
      return (message) => message.flags.has(flag) === key.set;
    }
    case 'keyword':
      return (message) => hasKeyword(message.flags, key.keyword) === key.set;
    case 'header':
      return headerPredicate(key.field.toLowerCase(), key.value.toLowerCase());
    case 'body': {
      const needle = key.value.toLowerCase();
      return (message) => contains(bodyText(message.content.raw), needle);
    }
    case 'text': {
      const needle = key.value.toLowerCase();
      return (message) => {
        const raw = message.content.raw;
        return contains(headerText(raw, 0, findHeaderEnd(raw, 0, raw.length)), needle) || contains(bodyText(message.content.raw), needle);
      };
    }
    case 'date': {
      const wanted = utcDay(key.date);
      const dayOf = key.which === 'internal' ? (m: StoredMessage) => utcDay(m.receivedAt) : (m: StoredMessage) => sentDay(m.content.meta.headers);
      const compare = key.op === 'before' ? (day: number) => day < wanted : key.op === 'on' ? (day: number) => day === wanted : (day: number) => day >= wanted;
      return (message) => {
        const day = dayOf(message);
        return day !== null && compare(day);
      };
    }
    case 'size':
      return key.op === 'larger' ? (message) => message.size > key.size : (message) => message.size < key.size;
    case 'age': {
      // One "now" for the whole command, so a message cannot match both OLDER n and YOUNGER n.
      const cutoff = Date.now() - key.seconds * 1000;
      return key.op === 'older' ? (message) => message.receivedAt.getTime() <= cutoff : (message) => message.receivedAt.getTime() > cutoff;
    }
    case 'seq':
    case 'uid': {
      const { set } = key;
      if ('saved' in set) return (message, ctx) => ctx.saved.has(message.uid);
      return key.kind === 'seq' ? (_message, ctx) => inSequenceSet(set, ctx.seq, ctx.maxSeq) : (message, ctx) => inSequenceSet(set, message.uid, ctx.maxUid);
    }
    case 'modseq':
      return (message) => message.modseq >= key.modseq;
    case 'not': {
      const inner = compileSearch(key.key);
      return (message, ctx) => !inner(message, ctx);
    }
    case 'or': {
      const left = compileSearch(key.left);
      const right = compileSearch(key.right);
      return (message, ctx) => left(message, ctx) || right(message, ctx);
    }
    case 'and': {
      const parts = key.keys.map(compileSearch);
      if (parts.length === 1) return parts[0];
      return (message, ctx) => {
        for (const part of parts) if (!part(message, ctx)) return false;
        return true;
      };
    }
  }
}

function hasKeyword(flags: ReadonlySet<string>, keyword: string): boolean {
  if (flags.has(keyword)) return true;
  const lower = keyword.toLowerCase();
  for (const flag of flags) if (flag.toLowerCase() === lower) return true;
  return false;
}

/** `needle` is already lower-case. */
function contains(haystack: string, needle: string): boolean {
  return needle === '' || haystack.toLowerCase().includes(needle);
}

/**
 * Any field of that name whose decoded value contains `needle` (lower-case); an empty needle asks
 * only that the field exists. SUBJECT, the common case, reads the decoded subject kept with the headers.
 */
function headerPredicate(field: string, needle: string): SearchPredicate {
  if (field === 'subject' && needle !== '') return (message) => message.content.meta.subjectLower.includes(needle);
  const matchesValue = ADDRESS_FIELDS.has(field) ? addressContains : (value: string) => contains(decoded(value), needle);
  return (message) => {
    for (const [name, fieldValue] of message.content.meta.headers) {
      if (name.length !== field.length || name.toLowerCase() !== field) continue;
      if (needle === '') return true;
      if (matchesValue(fieldValue, needle)) return true;
    }
    return false;
  };
}

const ADDRESS_FIELDS = new Set(['from', 'to', 'cc', 'bcc', 'sender', 'reply-to']);

function decoded(value: string): string {
  return value.includes('=?') ? decodeWords(value) : value;
}

/**
 * An address field matches as its addresses read out of it, the way Dovecot does: `Name <local@domain>`
 * for each mailbox (a trailing comment as the name), `group:` for a group, so folding, comments,
 * quoting (`"user-from"@domain.org`) and encoded names neither hide an address nor match by accident.
 * A field with no address in it matches as written.
 */
function addressContains(value: string, needle: string): boolean {
  const forms: string[] = [];
  for (const item of parseAddressList(value)) {
    if (item.kind === 'group') forms.push(`${decoded(item.name)}:`);
    else if (item.kind === 'mailbox') {
      const address = item.domain === null ? item.local : `${item.local}@${item.domain}`;
      forms.push(item.name ? `${decoded(item.name)} <${address}>` : address);
    }
  }
  return contains(forms.length ? forms.join(', ') : decoded(value), needle);
}

/** Days since the epoch of a date's UTC calendar day. */
function utcDay(date: Date): number {
  return Math.floor(date.getTime() / 86_400_000);
}

const MONTH_INDEX: Record<string, number> = {
  jan: 0, feb: 1, mar: 2, apr: 3, may: 4, jun: 5, jul: 6, aug: 7, sep: 8, oct: 9, nov: 10, dec: 11,
};

/** The calendar day the Date header names, in its own time zone (RFC 3501: time and zone are disregarded). */
function sentDay(headers: HeaderField[]): number | null {
  const value = headers.find(([name]) => name.toLowerCase() === 'date')?.[1];
  if (!value) return null;
  const match = /(\d{1,2})\s+([a-z]{3})[a-z]*\.?\s+(\d{2,4})/i.exec(value);
  const month = match ? MONTH_INDEX[match[2].toLowerCase()] : undefined;
  if (match && month !== undefined) {
    let year = Number(match[3]);
    if (match[3].length <= 2) year += year < 50 ? 2000 : 1900;
    else if (match[3].length === 3) year += 1900;
    return utcDay(new Date(Date.UTC(year, month, Number(match[1]))));
  }
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? null : utcDay(date);
}

/** Whether a MODSEQ criterion is in the tree: SEARCH and SORT then report the highest mod-sequence of their hits (RFC 7162 3.1.5). */
export function usesModseq(key: SearchKey): boolean {
  switch (key.kind) {
    case 'modseq':
      return true;
    case 'not':
      return usesModseq(key.key);
    case 'or':
      return usesModseq(key.left) || usesModseq(key.right);
    case 'and':
      return key.keys.some(usesModseq);
    default:
      return false;
  }
}
