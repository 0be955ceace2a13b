// BODY and BODYSTRUCTURE (RFC 3501 7.4.2) from the MIME tree, with Dovecot's choices where the RFC
// leaves room: text parts always carry a charset (us-ascii by default), a multipart without parts
// gets one empty text/plain part, Content-Language is always a list.
import { mimeTreeOf, type MimeParam, type MimePart } from '../mail/mime-tree.ts';
import { envelopeOf, imapString } from './envelope.ts';
import { joined, type ImapValue } from './syntax.ts';

/** BODYSTRUCTURE when `extended`, else BODY (no extension data anywhere in the tree). */
export function bodyStructure(raw: Buffer, extended: boolean): ImapValue[] {
  return describe(raw, mimeTreeOf(raw), extended);
}

function describe(raw: Buffer, part: MimePart, extended: boolean): ImapValue[] {
  return part.mediaType.startsWith('multipart/') ? multipart(raw, part, extended) : single(raw, part, extended);
}

/** A part without Content-Transfer-Encoding, spelled as Dovecot spells it. */
const DEFAULT_ENCODING = '7bit';

function emptyPart(extended: boolean): ImapValue[] {
  const body: ImapValue[] = ['text', 'plain', ['charset', 'us-ascii'], null, null, DEFAULT_ENCODING, 0, 0];
  return extended ? [...body, null, null, null, null] : body;
}

function multipart(raw: Buffer, part: MimePart, extended: boolean): ImapValue[] {
  const children = part.children.length ? part.children.map((child) => describe(raw, child, extended)) : [emptyPart(extended)];
  const out: ImapValue[] = [joined(children), imapString(part.subtype)];
  if (extended) out.push(params(part.params), ...common(part));
  return out;
}

function single(raw: Buffer, part: MimePart, extended: boolean): ImapValue[] {
  const text = part.mediaType.startsWith('text/');
  const out: ImapValue[] = [
    imapString(part.type),
    imapString(part.subtype),
    params(part.params, text),
    nstring(part.id),
    nstring(part.description),
    part.encoding === null ? DEFAULT_ENCODING : imapString(part.encoding),
    part.bodySize,
  ];
  if (text) {
    out.push(part.lines);
  } else if (part.message) {
    out.push(envelopeOf(raw, part.message.headerStart, part.message.end), describe(raw, part.message, extended), part.lines);
  }
  if (extended) out.push(nstring(part.md5), ...common(part));
  return out;
}

/** Disposition, language and location: the extension data every part ends with. */
function common(part: MimePart): ImapValue[] {
  const disposition = part.disposition ? [imapString(part.disposition.value), params(part.disposition.params)] : null;
  const language = part.language ? part.language.map(imapString) : null;
  return [disposition, language, nstring(part.location)];
}

function params(list: MimeParam[], withCharset = false): ImapValue {
  const out: ImapValue[] = [];
  for (const { name, value } of list) out.push(imapString(name), imapString(value));
  if (withCharset && !list.some((p) => p.name.toLowerCase() === 'charset')) out.push('charset', 'us-ascii');
  return out.length ? out : null;
}

function nstring(value: string | null): ImapValue {
  return value === null ? null : imapString(value);
}
