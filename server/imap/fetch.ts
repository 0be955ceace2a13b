// FETCH data items (RFC 3501 6.4.5, 7.4.2; RFC 7162 MODSEQ; RFC 3516 BINARY) for one message, as
// the flat name/value list the encoder writes inside `* n FETCH (...)`. Message bytes are slices of
// the raw message, never copies, except for HEADER.FIELDS, which has to pick lines out, BINARY,
// which decodes (mail/binary.ts), and content holding NUL, which a literal may not carry.
import type { MailContent, StoredMessage } from '../store/message.ts';
import { binaryContent, binarySize, undecodableEncoding } from '../mail/binary.ts';
import { findHeaderEnd, findPart, headerFieldRanges, mimeTreeOf } from '../mail/mime-tree.ts';
import { no } from './errors.ts';
import { bodyStructure } from './body-structure.ts';
import { fetchEnvelope } from './envelope.ts';
import { atom, type FetchAttribute, type ImapValue, type Partial, type Section } from './syntax.ts';

/** `recent`: the message is \Recent in the session asking (a session flag, not the store's). */
export function fetchItems(message: StoredMessage, attributes: FetchAttribute[], recent = false): ImapValue[] {
  const out: ImapValue[] = [];
  for (const attribute of attributes) {
    if (attribute.kind === 'BODY[]') {
      const { section, partial } = attribute;
      out.push(atom(`BODY[${sectionName(section)}]${partial ? `<${partial.offset}>` : ''}`));
      out.push(withoutNul(clip(sectionBytes(message.content.raw, section), partial), message.content));
    } else if (attribute.kind === 'BINARY[]') {
      const { part, partial } = attribute;
      out.push(atom(`BINARY[${part.join('.')}]${partial ? `<${partial.offset}>` : ''}`));
      out.push(binaryValue(message, part, partial));
    } else if (attribute.kind === 'BINARY.SIZE') {
      const size = binarySize(message.content.raw, attribute.part);
      if (typeof size !== 'number') throw unknownCte(size.encoding, attribute.part, message);
      out.push(atom(`BINARY.SIZE[${attribute.part.join('.')}]`), size);
    } else {
      out.push(atom(attribute.kind), attribute.kind === 'FLAGS' ? flagList(message, recent) : simpleItem(message, attribute.kind));
    }
  }
  return out;
}

/** Whether fetching these sets \Seen: any BODY[...] or BINARY[...] without PEEK, RFC822 and RFC822.TEXT. */
export function marksSeen(attributes: FetchAttribute[]): boolean {
  return attributes.some((a) => (a.kind === 'BODY[]' || a.kind === 'BINARY[]' ? !a.peek : a.kind === 'RFC822' || a.kind === 'RFC822.TEXT'));
}

/**
 * Refuses, before anything is written, a BINARY fetch of a part whose Content-Transfer-Encoding
 * cannot be undone (RFC 3516 4.3: NO [UNKNOWN-CTE]).
 */
export function checkBinaryDecodable(messages: Iterable<StoredMessage>, attributes: FetchAttribute[]): void {
  const parts = attributes.flatMap((a) => (a.kind === 'BINARY[]' || a.kind === 'BINARY.SIZE' ? [a.part] : []));
  if (!parts.length) return;
  for (const message of messages) {
    for (const part of parts) {
      const encoding = undecodableEncoding(message.content.raw, part);
      if (encoding) throw unknownCte(encoding, part, message);
    }
  }
}

function unknownCte(encoding: string, part: number[], message: StoredMessage): Error {
  return no(`cannot decode Content-Transfer-Encoding ${encoding} in ${part.length ? `part ${part.join('.')}` : 'the message'} of message ${message.id}`, 'UNKNOWN-CTE');
}

/** Decoded bytes go as literal8 (`~{n}`), as Dovecot sends them; so do bytes holding NUL, which a literal may not carry. */
function binaryValue(message: StoredMessage, part: number[], partial: Partial | null): ImapValue {
  const content = binaryContent(message.content.raw, part);
  // checkBinaryDecodable refuses such a FETCH before it writes anything.
  if (content.kind !== 'bytes') throw unknownCte(content.encoding, part, message);
  const { bytes, decoded } = content;
  const clipped = partial ? bytes.subarray(Math.min(partial.offset, bytes.length), partial.offset + partial.length) : bytes;
  return decoded || bytes.includes(0) ? { literal8: clipped } : clipped;
}

const RECENT = atom('\\Recent');

function flagList(message: StoredMessage, recent: boolean): ImapValue[] {
  const flags: ImapValue[] = [];
  for (const flag of message.flags) flags.push(atom(flag));
  if (recent) flags.push(RECENT);
  return flags;
}

function simpleItem(message: StoredMessage, kind: Exclude<FetchAttribute['kind'], 'BODY[]' | 'BINARY[]' | 'BINARY.SIZE' | 'FLAGS'>): ImapValue {
  const raw = message.content.raw;
  switch (kind) {
    case 'INTERNALDATE':
      return internalDate(message.receivedAt);
    case 'RFC822.SIZE':
      return message.size;
    case 'ENVELOPE':
      return fetchEnvelope(raw);
    case 'BODYSTRUCTURE':
      return bodyStructure(raw, true);
    case 'BODY':
      return bodyStructure(raw, false);
    case 'UID':
      return message.uid;
    case 'MODSEQ':
      return [message.modseq];
    case 'RFC822':
      return withoutNul(raw, message.content);
    case 'RFC822.HEADER':
      return withoutNul(raw.subarray(0, findHeaderEnd(raw, 0, raw.length)), message.content);
    case 'RFC822.TEXT':
      return withoutNul(raw.subarray(findHeaderEnd(raw, 0, raw.length)), message.content);
    case 'PREVIEW':
      return message.content.snippet;
  }
}

/**
 * A literal may not carry NUL (RFC 3501 CHAR8), but a message APPENDed as literal8 or sent over
 * SMTP may hold some: BODY and RFC822 give each as 0x80, as Dovecot does. BINARY sends them as they are.
 */
function withoutNul<T extends Buffer | string>(bytes: T, content: MailContent): T {
  if (typeof bytes === 'string' || !content.holdsNul || bytes.indexOf(0) === -1) return bytes;
  const copy = Buffer.from(bytes);
  for (let i = copy.indexOf(0); i !== -1; i = copy.indexOf(0, i + 1)) copy[i] = 0x80;
  return copy as T;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** `17-Jul-1996 02:44:25 +0000`: in UTC, the zone SEARCH BEFORE/ON/SINCE compare in. */
export function internalDate(date: Date): string {
  const two = (n: number) => String(n).padStart(2, '0');
  return (
    `${two(date.getUTCDate())}-${MONTHS[date.getUTCMonth()]}-${date.getUTCFullYear()} ` +
    `${two(date.getUTCHours())}:${two(date.getUTCMinutes())}:${two(date.getUTCSeconds())} +0000`
  );
}

/** The section as the response names it: `1.2.HEADER.FIELDS (SUBJECT FROM)`. */
function sectionName(section: Section): string {
  const names = section.part.map(String);
  if (section.text) names.push(section.text);
  let name = names.join('.');
  if (section.text === 'HEADER.FIELDS' || section.text === 'HEADER.FIELDS.NOT') {
    name += ` (${section.fields.map(astring).join(' ')})`;
  }
  return name;
}

function astring(field: string): string {
  return /^[!#-'*-9;-Z^-~]+$/.test(field) ? field : `"${field.replace(/["\\]/g, '\\$&')}"`;
}

function clip(bytes: Buffer | string, partial: Partial | null): Buffer | string {
  if (!partial || typeof bytes === 'string') return bytes;
  if (partial.offset >= bytes.length) return '';
  return bytes.subarray(partial.offset, partial.offset + partial.length);
}

/** The bytes a section names, or '' when the message has no such part (as Dovecot answers). */
function sectionBytes(raw: Buffer, section: Section): Buffer | string {
  // The top message needs no MIME tree: BODY[], BODY[HEADER.FIELDS (...)] and BODY[TEXT] are what a
  // client asks of every message in a folder, and parsing every part of each would cost far more.
  if (!section.part.length) {
    if (section.text === null) return raw;
    if (section.text === 'MIME') return '';
    return headerOrText(raw, section.text, section.fields, 0, findHeaderEnd(raw, 0, raw.length), raw.length);
  }
  const part = findPart(mimeTreeOf(raw), section.part);
  if (!part) return '';
  if (section.text === null) return raw.subarray(part.bodyStart, part.end);
  if (section.text === 'MIME') return raw.subarray(part.headerStart, part.bodyStart);
  // HEADER and TEXT of a part name the message inside a message/rfc822 part.
  if (!part.message) return '';
  const { headerStart, bodyStart, end } = part.message;
  return headerOrText(raw, section.text, section.fields, headerStart, bodyStart, end);
}

type MessageSection = Exclude<Section['text'], 'MIME' | null>;

/** HEADER, TEXT or HEADER.FIELDS[.NOT] of the message whose header block starts at `headerStart`. */
function headerOrText(raw: Buffer, text: MessageSection, fields: string[], headerStart: number, bodyStart: number, end: number): Buffer {
  switch (text) {
    case 'HEADER':
      return raw.subarray(headerStart, bodyStart);
    case 'TEXT':
      return raw.subarray(bodyStart, end);
    case 'HEADER.FIELDS':
      return headerLines(raw, headerStart, bodyStart, fields, true);
    case 'HEADER.FIELDS.NOT':
      return headerLines(raw, headerStart, bodyStart, fields, false);
  }
}

/** The header fields named (or all but those), each with its folded lines as sent, then a blank line. */
function headerLines(raw: Buffer, start: number, end: number, fields: string[], wanted: boolean): Buffer {
  const names = new Set(fields.map((f) => f.toLowerCase()));
  const pieces: Buffer[] = [];
  for (const field of headerFieldRanges(raw, start, end)) {
    if (field.name !== null && names.has(field.name) === wanted) pieces.push(raw.subarray(field.start, field.end));
  }
  pieces.push(CRLF);
  return Buffer.concat(pieces);
}

const CRLF = Buffer.from('\r\n');
