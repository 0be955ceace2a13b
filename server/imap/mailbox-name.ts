// Mailbox names on the wire are modified UTF-7 (RFC 3501 5.1.3); the store keeps them as Unicode.
// A session that enabled IMAP4rev2 sends and receives them as UTF-8 instead (RFC 9051 5.1, Appendix A).
import type { SessionData } from './context.ts';
import { no } from './errors.ts';

/** Wire name -> store name. A malformed `&...-` run is kept as written. */
export function decodeMailboxName(name: string): string {
  if (!name.includes('&')) return name;
  return name.replace(/&([A-Za-z0-9+,]*)-/g, (whole, encoded: string) => {
    if (!encoded) return '&';
    const bytes = Buffer.from(encoded.replace(/,/g, '/'), 'base64');
    if (bytes.length % 2) return whole;
    return bytes.swap16().toString('utf16le');
  });
}

/** Store name -> wire name. */
export function encodeMailboxName(name: string): string {
  return name.replace(/&|[^\x20-\x7e]+/g, (run) => {
    if (run === '&') return '&-';
    const utf16 = Buffer.from(run, 'utf16le').swap16();
    return '&' + utf16.toString('base64').replace(/=+$/, '').replace(/\//g, ',') + '-';
  });
}

/** Whether the session's mailbox names are UTF-8 on the wire rather than modified UTF-7. */
export function namesInUtf8(session: Pick<SessionData, 'imap4rev2'>): boolean {
  return session.imap4rev2;
}

/** Store name -> wire name, in the session's convention. */
export function wireMailboxName(name: string, session: Pick<SessionData, 'imap4rev2'>): string {
  return namesInUtf8(session) ? name : encodeMailboxName(name);
}

/**
 * RFC 9051 5.1: a server must not create a UTF-8 name that is not Net-Unicode (RFC 5198): valid
 * UTF-8 (bytes that are not decode to U+FFFD) in Normalization Form C. Taking other forms and
 * normalizing them would oblige every later reply to carry OLDNAME; refusing them keeps names exact.
 */
export function refuseNonUnicodeName(session: Pick<SessionData, 'imap4rev2'>, name: string): void {
  if (!namesInUtf8(session)) return;
  if (name.includes('\uFFFD') || name !== name.normalize('NFC')) throw no('a mailbox name must be valid UTF-8 in Unicode NFC (RFC 9051 5.1)', 'CANNOT');
}
