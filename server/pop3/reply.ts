// POP3 replies as wire bytes (pure): status lines, multi-line listings and messages. A reply is a
// list of chunks, written to the socket in one go.
import { appendDotStuffed } from './transfer.ts';

export type Reply = Buffer[];

/** The RFC 2449 / RFC 3206 response codes mailsandbox sends; it takes no locks, so IN-USE and LOGIN-DELAY come only from fault rules. */
export type ResponseCode = 'AUTH' | 'SYS/TEMP' | 'SYS/PERM' | 'IN-USE' | 'LOGIN-DELAY';

export function ok(text = ''): Reply {
  return [Buffer.from(text ? `+OK ${printable(text)}\r\n` : '+OK\r\n')];
}

export function err(text: string, code?: ResponseCode): Reply {
  return [Buffer.from(code ? `-ERR [${code}] ${printable(text)}\r\n` : `-ERR ${printable(text)}\r\n`)];
}

/** Status lines often quote what the client sent; a CR or NUL in it must not reach the wire. */
function printable(text: string): string {
  return text.replace(/[\x00-\x1f\x7f]/g, '?');
}

/** RFC 5034 4: a server challenge; PLAIN has none, so the line is "+ ". */
export function continuation(): Reply {
  return [Buffer.from('+ \r\n')];
}

/** A multi-line reply of short text lines (CAPA, LIST, UIDL). */
export function listing(status: string, lines: readonly string[]): Reply {
  const body = lines.map((line) => (line.startsWith('.') ? '.' : '') + line + '\r\n').join('');
  return [Buffer.from(`+OK ${status}\r\n${body}.\r\n`)];
}

/** A multi-line reply of `n value` rows (LIST, UIDL), each ending in CRLF: none starts with a dot, so none is stuffed. */
export function numberedRows(status: string, rows: Buffer): Reply {
  return [Buffer.concat([Buffer.from(`+OK ${status}\r\n`), rows, END])];
}

const END = Buffer.from('.\r\n');

/** A multi-line reply carrying message bytes (RETR, TOP). */
export function message(status: string, bytes: Buffer): Reply {
  const out: Reply = [Buffer.from(`+OK ${status}\r\n`)];
  appendDotStuffed(bytes, out);
  return out;
}
