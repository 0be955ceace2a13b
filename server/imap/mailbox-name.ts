// Mailbox names on the wire are modified UTF-7 (RFC 3501 5.1.3), or UTF-8 once the client enabled
// UTF8=ACCEPT (RFC 6855 3); the store keeps them as Unicode.
import { encodeValue } from './encoder.ts';

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

/** A store name as a response writes it: an astring of modified UTF-7, or of UTF-8 after ENABLE UTF8=ACCEPT. */
export function mailboxOnWire(name: string, utf8: boolean): string {
  return encodeValue(utf8 ? name : encodeMailboxName(name), utf8).toString('utf8');
}
