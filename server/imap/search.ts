// SEARCH criteria (RFC 3501 6.4.4, RFC 7162 MODSEQ) against one message. Text criteria are
// case-insensitive substring matches on decoded text; dates compare calendar days, not instants.
// We keep no \Recent (IMAP4rev2 dropped it): RECENT and NEW match nothing, OLD matches everything.
import { headerText, bodyText } from '../mail/text.ts';
import { decodeWords, type HeaderLine } from '../mail/headers.ts';
import { findHeaderEnd } from '../mail/mime-tree.ts';
import type { StoredMessage } from '../store/message.ts';
import { inSequenceSet } from './sequence.ts';
import type { FlagSearch, SearchContext, SearchKey } from './syntax.ts';

export function searchMatches(key: SearchKey, message: StoredMessage, ctx: SearchContext): boolean {
  switch (key.kind) {
    case 'all':
    case 'old':
      return true;
    case 'new':
    case 'recent':
      return false;
    case 'flag':
      return message.flags.has(FLAGS[key.flag]) === key.set;
    case 'keyword':
      return hasKeyword(message.flags, key.keyword) === key.set;
    case 'header':
      return headerMatches(message, key.field.toLowerCase(), key.value);
    case 'body':
      return contains(bodyText(message.content), key.value);
    case 'text': {
      const raw = message.content.raw;
      return contains(headerText(raw, 0, findHeaderEnd(raw, 0, raw.length)), key.value) || contains(bodyText(message.content), key.value);
    }
    case 'date': {
      const day = key.which === 'internal' ? utcDay(message.receivedAt) : sentDay(message.content.meta.headers);
      if (day === null) return false;
      const wanted = utcDay(key.date);
      return key.op === 'before' ? day < wanted : key.op === 'on' ? day === wanted : day >= wanted;
    }
    case 'size':
      return key.op === 'larger' ? message.size > key.size : message.size < key.size;
    case 'seq':
      return inSequenceSet(key.set, ctx.seq, ctx.maxSeq);
    case 'uid':
      return inSequenceSet(key.set, message.id, ctx.maxUid);
    case 'modseq':
      return message.modseq >= key.modseq;
    case 'not':
      return !searchMatches(key.key, message, ctx);
    case 'or':
      return searchMatches(key.left, message, ctx) || searchMatches(key.right, message, ctx);
    case 'and':
      return key.keys.every((k) => searchMatches(k, message, ctx));
  }
}

const FLAGS: Record<FlagSearch, string> = {
  ANSWERED: '\\Answered',
  DELETED: '\\Deleted',
  DRAFT: '\\Draft',
  FLAGGED: '\\Flagged',
  SEEN: '\\Seen',
};

function hasKeyword(flags: ReadonlySet<string>, keyword: string): boolean {
  if (flags.has(keyword)) return true;
  const lower = keyword.toLowerCase();
  for (const flag of flags) if (flag.toLowerCase() === lower) return true;
  return false;
}

function contains(haystack: string, needle: string): boolean {
  return needle === '' || haystack.toLowerCase().includes(needle.toLowerCase());
}

/** Any field of that name whose decoded value contains `value`; an empty value asks only that the field exists. */
function headerMatches(message: StoredMessage, field: string, value: string): boolean {
  const meta = message.content.meta;
  if (field === 'subject' && value !== '') return contains(meta.subject, value);
  for (const [name, fieldValue] of meta.headers) {
    if (name.length !== field.length || name.toLowerCase() !== field) continue;
    if (value === '') return true;
    if (contains(fieldValue.includes('=?') ? decodeWords(fieldValue) : fieldValue, value)) return true;
  }
  return false;
}

/** Days since the epoch of a date's UTC calendar day. */
function utcDay(date: Date): number {
  return Math.floor(date.getTime() / 86_400_000);
}

const MONTH_INDEX: Record<string, number> = {
  jan: 0, feb: 1, mar: 2, apr: 3, may: 4, jun: 5, jul: 6, aug: 7, sep: 8, oct: 9, nov: 10, dec: 11,
};

/** The calendar day the Date header names, in its own time zone (RFC 3501: time and zone are disregarded). */
function sentDay(headers: HeaderLine[]): number | null {
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
