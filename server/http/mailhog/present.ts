// Store messages -> MailHog's shapes. Bodies stay as sent (not decoded): MailHog clients decode
// quoted-printable and base64 themselves. Multipart bodies are split into their parts, nested.
import { fromLatin1 } from '../../mail/headers.ts';
import { mimeTreeOf, readHeaderFields, type MimePart } from '../../mail/mime-tree.ts';
import type { StoredMessage } from '../../store/index.ts';
import type { MailhogContent, MailhogMessage, MailhogMime, MailhogPath } from './shapes.ts';

export function toPath(address: string): MailhogPath | null {
  if (!address) return null;
  const at = address.lastIndexOf('@');
  return { Relays: null, Mailbox: at === -1 ? address : address.slice(0, at), Domain: at === -1 ? '' : address.slice(at + 1), Params: '' };
}

function headerMap(fields: Array<[string, string]>): Record<string, string[]> {
  const headers: Record<string, string[]> = {};
  for (const [name, value] of fields) (headers[name] ??= []).push(value);
  return headers;
}

function mimeOf(raw: Buffer, part: MimePart): MailhogMime | null {
  if (!part.children.length) return null;
  return { Parts: part.children.map((child) => partContent(raw, child)) };
}

function partContent(raw: Buffer, part: MimePart): MailhogContent {
  return {
    Headers: headerMap(readHeaderFields(raw, part.headerStart, part.bodyStart).map(([name, value]) => [name, fromLatin1(value)])),
    Body: raw.toString('utf8', part.bodyStart, part.end),
    Size: part.end - part.bodyStart,
    MIME: mimeOf(raw, part),
  };
}

export function toMailhogMessage(message: StoredMessage): MailhogMessage {
  const raw = message.content.raw;
  const { meta } = message.content;
  const text = raw.toString('utf8');
  return {
    ID: String(message.id),
    From: toPath(message.envelope.mailFrom),
    To: message.envelope.rcptTo.map(toPath).filter((p): p is MailhogPath => p !== null),
    Content: { Headers: headerMap(meta.headers), Body: raw.toString('utf8', meta.bodyOffset), Size: raw.length, MIME: null },
    Created: message.receivedAt.toISOString(),
    MIME: mimeOf(raw, mimeTreeOf(raw)),
    Raw: { From: message.envelope.mailFrom, To: [...message.envelope.rcptTo], Data: text, Helo: '' },
  };
}
