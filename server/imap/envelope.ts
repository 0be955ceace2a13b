// ENVELOPE (RFC 3501 7.4.2) of a message's header block: the values exactly as written, never
// decoded (encoded-words stay encoded, 8-bit bytes stay as they are), as Dovecot sends them.
import { parseAddressList } from '../mail/address-list.ts';
import { findHeaderEnd, readHeaderFields } from '../mail/mime-tree.ts';
import { encodeValue } from './encoder.ts';
import { atom, joined, type ImapValue } from './syntax.ts';

const TEXT_FIELDS = new Set(['date', 'subject', 'in-reply-to', 'message-id']);
const ADDRESS_FIELDS = new Set(['from', 'sender', 'reply-to', 'to', 'cc', 'bcc']);
const isEnvelopeField = (name: string) => TEXT_FIELDS.has(name) || ADDRESS_FIELDS.has(name);

// FETCH 1:* (FLAGS ENVELOPE) is what a client sends on every resync: the top message's envelope is
// encoded once and kept for as long as its bytes live (about 500 bytes each), as Dovecot keeps it
// in its cache file. Kept as wire text, a FETCH writes it in one piece instead of re-encoding ~40
// values for every message.
const encodedEnvelopes = new WeakMap<Buffer, ImapValue>();

/** The top message's ENVELOPE for a FETCH reply: wire text when it is all ASCII (8-bit header bytes must go out as they are). */
export function fetchEnvelope(raw: Buffer): ImapValue {
  let encoded = encodedEnvelopes.get(raw);
  if (encoded === undefined) {
    const value = envelopeOf(raw);
    const wire = encodeValue(value).toString('latin1');
    encoded = /[\x80-\xff]/.test(wire) ? value : atom(wire);
    encodedEnvelopes.set(raw, encoded);
  }
  return encoded;
}

/** The ENVELOPE of the message whose header block starts at `start` (0 for the top message). */
export function envelopeOf(raw: Buffer, start = 0, end = raw.length): ImapValue[] {
  const headerEnd = findHeaderEnd(raw, start, end);
  const fields = readHeaderFields(raw, start, headerEnd, isEnvelopeField);
  const first = new Map<string, string>();
  const addresses = new Map<string, string[]>();
  for (const [name, value] of fields) {
    const key = name.toLowerCase();
    // Repeated address fields count as one list, as Dovecot reads them; other fields count once.
    if (ADDRESS_FIELDS.has(key)) addresses.set(key, [...(addresses.get(key) ?? []), value]);
    else if (!first.has(key)) first.set(key, value);
  }
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

/** A string as the encoder should send it: 8-bit header bytes go out unchanged, as a literal. */
export function imapString(latin1: string): string | Buffer {
  return /[\x80-\uffff]/.test(latin1) ? Buffer.from(latin1, 'latin1') : latin1;
}

function addressList(values: string[] | undefined): ImapValue[] | null {
  if (!values) return null;
  const out: ImapValue[] = [];
  for (const item of parseAddressList(values.join(', '))) {
    // RFC 3501: a group is (NIL NIL name NIL), its members, then (NIL NIL NIL NIL).
    if (item.kind === 'group') out.push([null, null, imapString(item.name), null]);
    else if (item.kind === 'group-end') out.push([null, null, null, null]);
    else {
      out.push([
        item.name === null ? null : imapString(item.name),
        item.route === null ? null : imapString(item.route),
        imapString(item.local || 'MISSING_MAILBOX'),
        imapString(item.domain || 'MISSING_DOMAIN'),
      ]);
    }
  }
  return out.length ? [joined(out)] : null;
}
