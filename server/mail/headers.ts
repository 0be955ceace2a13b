// The cheap part of parsing, done once at ingest: split the header block off the raw bytes and read
// the few fields every list and search needs. Bodies are left for parse.ts, on first use. The header
// block is read by mime-tree.ts's reader and the addresses by address-list.ts, as IMAP reads them.
import { isUtf8 } from 'node:buffer';
import { decodeWords as decodeEncodedWords } from './libmime.ts';
import { parseAddressList, type Address } from './address-list.ts';
import { findHeaderEnd, headerField, readHeaderFields, type HeaderField } from './mime-tree.ts';

export interface HeaderMeta {
  /** Every field in order, unfolded; values decoded from UTF-8 (or latin1), encoded-words kept. */
  headers: HeaderField[];
  /** Offset of the first body byte (after the blank line), or raw.length when there is no body. */
  bodyOffset: number;
  from: Address | null;
  to: Address[];
  cc: Address[];
  bcc: Address[];
  replyTo: Address[];
  subject: string;
  /** The subject lower-cased once, for the searches that run over every message. */
  subjectLower: string;
  date: Date | null;
  messageId: string | null;
  contentType: string;
  hasAttachments: boolean;
}

export function decodeHeaderBytes(bytes: Buffer): string {
  return isUtf8(bytes) ? bytes.toString('utf8') : bytes.toString('latin1');
}

export function decodeWords(value: string): string {
  try {
    return decodeEncodedWords(value);
  } catch {
    return value;
  }
}

/** The mailboxes of an address field (group members included), display names decoded. */
export function parseAddresses(value: string | null): Address[] {
  if (!value) return [];
  const out: Address[] = [];
  for (const item of parseAddressList(value)) {
    if (item.kind !== 'mailbox') continue;
    out.push({ name: item.name ? decodeWords(item.name) : '', address: item.domain === null ? item.local : `${item.local}@${item.domain}` });
  }
  return out;
}

/** Header values come out of the reader as latin1; text that is valid UTF-8 is read as UTF-8. */
export function fromLatin1(value: string): string {
  return /[^\x00-\x7f]/.test(value) ? decodeHeaderBytes(Buffer.from(value, 'latin1')) : value;
}

function parseDate(value: string | null): Date | null {
  if (!value) return null;
  const date = new Date(value.replace(/\s*\([^)]*\)\s*$/, ''));
  return Number.isNaN(date.getTime()) ? null : date;
}

const ATTACHMENT_HINT = /\ncontent-disposition:[ \t]*attachment|\ncontent-disposition:[^\n]*\n?[ \t]*[^\n]*filename=/i;

export function readHeaderMeta(raw: Buffer): HeaderMeta {
  const bodyOffset = findHeaderEnd(raw, 0, raw.length);
  const headers: HeaderField[] = readHeaderFields(raw, 0, bodyOffset).map(([name, value]) => [name, fromLatin1(value)]);
  const contentType = (headerField(headers, 'content-type') ?? 'text/plain').split(';')[0].trim().toLowerCase();
  const from = parseAddresses(headerField(headers, 'from'))[0] ?? null;
  const subject = decodeWords(headerField(headers, 'subject') ?? '');
  const hasAttachments =
    contentType.startsWith('multipart/') && ATTACHMENT_HINT.test(raw.toString('latin1', bodyOffset));
  return {
    headers,
    bodyOffset,
    from,
    to: parseAddresses(headerField(headers, 'to')),
    cc: parseAddresses(headerField(headers, 'cc')),
    bcc: parseAddresses(headerField(headers, 'bcc')),
    replyTo: parseAddresses(headerField(headers, 'reply-to')),
    subject,
    subjectLower: subject.toLowerCase(),
    date: parseDate(headerField(headers, 'date')),
    messageId: headerField(headers, 'message-id'),
    contentType,
    hasAttachments,
  };
}
