// ENVELOPE (RFC 3501 7.4.2) of a message's header block: the values exactly as written, never
// decoded (encoded-words stay encoded, 8-bit bytes stay as they are), as Dovecot sends them.
import addressparser from 'nodemailer/lib/addressparser';
import { findHeaderEnd, readHeaderFields } from '../mail/mime-tree.ts';
import type { ImapValue } from './syntax.ts';

const ENVELOPE_FIELDS = new Set([
  'date', 'subject', 'from', 'sender', 'reply-to', 'to', 'cc', 'bcc', 'in-reply-to', 'message-id',
]);

/** The ENVELOPE of the message whose header block starts at `start` (0 for the top message). */
export function envelopeOf(raw: Buffer, start = 0, end = raw.length): ImapValue[] {
  const headerEnd = findHeaderEnd(raw, start, end);
  const fields = readHeaderFields(raw, start, headerEnd);
  const first = new Map<string, string>();
  const addresses = new Map<string, string[]>();
  for (const [name, value] of fields) collect(name.toLowerCase(), value, first, addresses);
  const text = (name: string): ImapValue => {
    const value = first.get(name);
    return value === undefined ? null : imapString(value);
  };
  const list = (name: string) => addressList(addresses.get(name));
  const from = list('from');
  return [
    text('date'),
    text('subject'),
    from,
    list('sender') ?? from,
    list('reply-to') ?? from,
    list('to'),
    list('cc'),
    list('bcc'),
    text('in-reply-to'),
    text('message-id'),
  ];
}

function collect(name: string, value: string, first: Map<string, string>, addresses: Map<string, string[]>): void {
  if (!ENVELOPE_FIELDS.has(name)) return;
  if (name === 'from' || name === 'sender' || name === 'reply-to' || name === 'to' || name === 'cc' || name === 'bcc') {
    // Repeated address fields count as one list, as Dovecot reads them.
    const values = addresses.get(name);
    if (values) values.push(value);
    else addresses.set(name, [value]);
  } else if (!first.has(name)) {
    first.set(name, value);
  }
}

/** A string as the encoder should send it: 8-bit header bytes go out unchanged, as a literal. */
export function imapString(latin1: string): string | Buffer {
  return /[\x80-\uffff]/.test(latin1) ? Buffer.from(latin1, 'latin1') : latin1;
}

type Parsed = ReturnType<typeof addressparser>;

function addressList(values: string[] | undefined): ImapValue[] | null {
  if (!values) return null;
  let parsed: Parsed;
  try {
    parsed = addressparser(values.join(', '));
  } catch {
    return null;
  }
  const out: ImapValue[] = [];
  for (const entry of parsed) {
    if (entry.group) {
      // RFC 3501: a group is (NIL NIL name NIL), its members, then (NIL NIL NIL NIL).
      out.push([null, null, imapString(entry.name ?? ''), null]);
      for (const member of entry.group) if (!member.group && member.address) out.push(address(member.name, member.address));
      out.push([null, null, null, null]);
    } else if (entry.address) {
      out.push(address(entry.name, entry.address));
    } else if (entry.name) {
      // A bare word such as `To: postmaster` is a mailbox without a domain.
      out.push([null, null, imapString(entry.name), 'MISSING_DOMAIN']);
    }
  }
  return out.length ? out : null;
}

function address(name: string | undefined, addr: string): ImapValue[] {
  const at = addr.lastIndexOf('@');
  const mailbox = at === -1 ? addr : addr.slice(0, at);
  const host = at === -1 ? 'MISSING_DOMAIN' : addr.slice(at + 1);
  return [name ? imapString(name) : null, null, imapString(mailbox), imapString(host)];
}
