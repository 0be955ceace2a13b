// The cheap part of parsing, done once at ingest: split the header block off the raw bytes and read
// the few fields every list and search needs. Bodies are left for parse.ts, on first use.
import { isUtf8 } from 'node:buffer';
import addressparser from 'nodemailer/lib/addressparser';
import type { Address } from '../types.ts';
import { decodeWords as decodeEncodedWords } from './libmime.ts';
import { findHeaderEnd } from './mime-tree.ts';

export type HeaderLine = [name: string, value: string];

export interface HeaderMeta {
  headers: HeaderLine[];
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

/** Unfolds the header block into [name, value] pairs in their received order. */
export function splitHeaders(block: string): HeaderLine[] {
  const lines: HeaderLine[] = [];
  for (const line of block.split(/\r?\n(?![ \t])/)) {
    if (!line.trim()) continue;
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    lines.push([line.slice(0, colon).trim(), line.slice(colon + 1).replace(/\r?\n/g, '').trim()]);
  }
  return lines;
}

export function headerValue(headers: HeaderLine[], name: string): string | null {
  const lower = name.toLowerCase();
  for (const [key, value] of headers) if (key.toLowerCase() === lower) return value;
  return null;
}

export function decodeWords(value: string): string {
  try {
    return decodeEncodedWords(value);
  } catch {
    return value;
  }
}

export function parseAddresses(value: string | null): Address[] {
  if (!value) return [];
  const out: Address[] = [];
  const walk = (list: ReturnType<typeof addressparser>) => {
    for (const entry of list) {
      if (entry.group) walk(entry.group);
      else if (entry.address || entry.name) out.push({ name: decodeWords(entry.name ?? ''), address: entry.address ?? '' });
    }
  };
  try {
    walk(addressparser(value));
  } catch {
    // An unparseable address list yields no addresses; the raw header stays available.
  }
  return out;
}

function parseDate(value: string | null): Date | null {
  if (!value) return null;
  const date = new Date(value.replace(/\s*\([^)]*\)\s*$/, ''));
  return Number.isNaN(date.getTime()) ? null : date;
}

const ATTACHMENT_HINT = /\ncontent-disposition:[ \t]*attachment|\ncontent-disposition:[^\n]*\n?[ \t]*[^\n]*filename=/i;

export function readHeaderMeta(raw: Buffer): HeaderMeta {
  const bodyOffset = findHeaderEnd(raw, 0, raw.length);
  const headers = splitHeaders(decodeHeaderBytes(raw.subarray(0, bodyOffset)));
  const contentType = (headerValue(headers, 'content-type') ?? 'text/plain').split(';')[0].trim().toLowerCase();
  const from = parseAddresses(headerValue(headers, 'from'))[0] ?? null;
  const subject = decodeWords(headerValue(headers, 'subject') ?? '');
  const hasAttachments =
    contentType.startsWith('multipart/') && ATTACHMENT_HINT.test(raw.toString('latin1', bodyOffset));
  return {
    headers,
    bodyOffset,
    from,
    to: parseAddresses(headerValue(headers, 'to')),
    cc: parseAddresses(headerValue(headers, 'cc')),
    bcc: parseAddresses(headerValue(headers, 'bcc')),
    replyTo: parseAddresses(headerValue(headers, 'reply-to')),
    subject,
    subjectLower: subject.toLowerCase(),
    date: parseDate(headerValue(headers, 'date')),
    messageId: headerValue(headers, 'message-id'),
    contentType,
    hasAttachments,
  };
}
