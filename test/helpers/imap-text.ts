// ImapValue as wire text, the way the encoder writes it (list items joined by single spaces, `joined` runs by none), for
// comparing fetch data with expectations written out as IMAP. Buffers show as {n} literals, literal8 as ~{n}.
import type { ImapValue } from '../../server/imap/syntax.ts';

export function imapText(value: ImapValue): string {
  if (value === null) return 'NIL';
  if (typeof value === 'number' || typeof value === 'bigint') return String(value);
  if (typeof value === 'string') return `"${value.replace(/["\\]/g, '\\$&')}"`;
  if (Buffer.isBuffer(value)) return `{${value.length}}\r\n${value.toString('latin1')}`;
  if (Array.isArray(value)) return `(${value.map(imapText).join(' ')})`;
  if ('joined' in value) return value.joined.map(imapText).join('');
  if ('literal8' in value) return `~{${value.literal8.length}}\r\n${value.literal8.toString('latin1')}`;
  return value.atom;
}

/** A message written with LF line ends, as stored after SMTP (CRLF). */
export function crlf(text: string): Buffer {
  return Buffer.from(text.replace(/\r?\n/g, '\r\n'), 'utf8');
}
