// Mailbox names on the wire are modified UTF-7 (RFC 3501 5.1.3); the store keeps them as Unicode.

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
