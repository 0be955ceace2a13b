import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { MessageStore } from '../store/store.ts';
import type { StoredMessage } from '../store/message.ts';
import { encodeValue } from './encoder.ts';
import { envelopeOf } from './envelope.ts';
import { fetchItems, internalDate, marksSeen } from './fetch.ts';
import { atom, type FetchAttribute, type Section } from './syntax.ts';

const fixture = (name: string) => readFileSync(new URL(`../../test/fixtures/${name}`, import.meta.url));

function stored(raw: Buffer, flags: string[] = []): StoredMessage {
  const store = new MessageStore({ maxMessages: 10, maxBytes: 10_000_000 });
  return store.add(raw, { mailFrom: 'a@example.com', rcptTo: ['b@example.com'] }, {
    flags,
    receivedAt: new Date(Date.UTC(2026, 10, 24, 2, 44, 25)),
  });
}

function section(spec: string, fields: string[] = []): Section {
  const part: number[] = [];
  let text: Section['text'] = null;
  for (const piece of spec ? spec.split('.') : []) {
    if (/^\d+$/.test(piece) && text === null) part.push(Number(piece));
    else text = (text ? `${text}.${piece}` : piece) as Section['text'];
  }
  return { part, text, fields };
}

const body = (spec: string, options: { fields?: string[]; peek?: boolean; partial?: [number, number] } = {}): FetchAttribute => ({
  kind: 'BODY[]',
  section: section(spec, options.fields),
  peek: options.peek ?? false,
  partial: options.partial ? { offset: options.partial[0], length: options.partial[1] } : null,
});

/** The value of one BODY[...] item, as text. */
function fetchText(message: StoredMessage, attribute: FetchAttribute): { name: string; value: string } {
  const [name, value] = fetchItems(message, [attribute]);
  return { name: (name as { atom: string }).atom, value: Buffer.isBuffer(value) ? value.toString('latin1') : (value as string) };
}

describe('fetchItems: simple items', () => {
  it('answers in the order asked', () => {
    const message = stored(fixture('plain.eml'), ['\\Seen', '$Label1']);
    const items = fetchItems(message, [{ kind: 'UID' }, { kind: 'FLAGS' }, { kind: 'RFC822.SIZE' }, { kind: 'INTERNALDATE' }, { kind: 'MODSEQ' }]);
    expect(items).toEqual([
      atom('UID'), message.id,
      atom('FLAGS'), [atom('\\Seen'), atom('$Label1')],
      atom('RFC822.SIZE'), message.size,
      atom('INTERNALDATE'), '24-Nov-2026 02:44:25 +0000',
      atom('MODSEQ'), [message.modseq],
    ]);
  });

  it('writes INTERNALDATE with a two-digit day', () => {
    expect(internalDate(new Date(Date.UTC(1996, 6, 7, 2, 4, 5)))).toBe('07-Jul-1996 02:04:05 +0000');
  });

  it('sends RFC822, RFC822.HEADER and RFC822.TEXT as slices of the raw message', () => {
    const raw = fixture('plain.eml');
    const message = stored(raw);
    const [, whole, , head, , text] = fetchItems(message, [{ kind: 'RFC822' }, { kind: 'RFC822.HEADER' }, { kind: 'RFC822.TEXT' }]);
    expect(whole).toBe(raw);
    expect((head as Buffer).toString()).toMatch(/^From: Sender <sender@example.com>\r\n[\s\S]*\r\n\r\n$/);
    expect((text as Buffer).toString()).toBe('Just a plain body.\r\n.leading dot line\r\n');
    expect((text as Buffer).buffer).toBe(raw.buffer);
  });

  it('includes ENVELOPE, BODY and BODYSTRUCTURE', () => {
    const raw = fixture('plain.eml');
    const items = fetchItems(stored(raw), [{ kind: 'ENVELOPE' }, { kind: 'BODY' }, { kind: 'BODYSTRUCTURE' }]);
    expect(encodeValue(items[1]).toString()).toBe(encodeValue(envelopeOf(raw)).toString());
    expect(items[3]).toEqual(['text', 'plain', ['charset', 'us-ascii'], null, null, '7bit', 39, 2]);
    expect(items[5]).toEqual(['text', 'plain', ['charset', 'us-ascii'], null, null, '7bit', 39, 2, null, null, null, null]);
  });
});

describe('fetchItems: BODY[section]', () => {
  const nested = stored(fixture('nested-multipart.eml'));

  it('names the response without PEEK, with the fields as requested', () => {
    expect(fetchText(nested, body('HEADER.FIELDS', { fields: ['SUBJECT', 'FROM'], peek: true }))).toEqual({
      name: 'BODY[HEADER.FIELDS (SUBJECT FROM)]',
      value: 'From: Nested <nested@example.com>\r\nSubject: nested parts\r\n\r\n',
    });
  });

  it('keeps folded lines of a picked field, and leaves out the fields named by .NOT', () => {
    const message = stored(fixture('encoded-headers.eml'));
    expect(fetchText(message, body('HEADER.FIELDS', { fields: ['SUBJECT'] })).value).toBe(
      'Subject: =?UTF-8?B?R3LDvMOfZSBhdXMgTcO8bmNoZW4=?= and\r\n =?ISO-8859-1?Q?caf=E9?=\r\n\r\n',
    );
    const rest = fetchText(message, body('HEADER.FIELDS.NOT', { fields: ['SUBJECT', 'TO', 'FROM', 'X-LATIN1'] }));
    expect(rest.name).toBe('BODY[HEADER.FIELDS.NOT (SUBJECT TO FROM X-LATIN1)]');
    expect(rest.value).not.toMatch(/Subject|^To:|caf=E9|undisclosed|Chlo|Stra/m);
    expect(rest.value).toMatch(/^Date: .*\r\nSender: .*\r\n[\s\S]*Content-Type: text\/plain; charset=utf-8\r\n\r\n$/);
  });

  it('returns just the blank line when no field matches', () => {
    expect(fetchText(nested, body('HEADER.FIELDS', { fields: ['X-NONE'] })).value).toBe('\r\n');
  });

  it('slices the whole message, its header and its text', () => {
    const raw = nested.content.raw;
    const [, whole] = fetchItems(nested, [body('')]);
    expect(whole).toBe(raw);
    const header = fetchText(nested, body('HEADER')).value;
    expect(header.endsWith('boundary="outer"\r\n\r\n')).toBe(true);
    expect(header + fetchText(nested, body('TEXT')).value).toBe(raw.toString('latin1'));
  });

  it('slices parts, their MIME headers, and the message inside message/rfc822', () => {
    const get = (spec: string, fields?: string[]) => fetchText(nested, body(spec, { fields }));
    expect(get('1.1')).toEqual({
      name: 'BODY[1.1]',
      value: 'Grilled aubergine, caf=C3=A9 style, with a very long line that is softly br=\r\noken.',
    });
    expect(get('1.1.MIME').value).toBe('Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n');
    expect(get('3').value).toBe('JVBERi0xLjQK');
    expect(get('2').value).toMatch(/^From: Inner Sender [\s\S]*--deep--$/);
    expect(get('2.HEADER').value).toMatch(/^From: Inner Sender [\s\S]*boundary=deep\r\n\r\n$/);
    expect(get('2.TEXT').value).toMatch(/^--deep\r\n[\s\S]*--deep--$/);
    expect(get('2.HEADER.FIELDS', ['SUBJECT'])).toEqual({ name: 'BODY[2.HEADER.FIELDS (SUBJECT)]', value: 'Subject: the inner message\r\n\r\n' });
    expect(get('2.1').value).toBe('The inner text mentions a narwhal.');
    expect(get('2.2.MIME').value).toMatch(/^Content-Type: image\/png; name="bytes.png"\r\n/);
    expect(get('2.MIME').value).toBe('Content-Type: message/rfc822\r\nContent-Description: forwarded mail\r\n\r\n');
  });

  it('answers an empty string for parts that do not exist, never throwing', () => {
    for (const spec of ['4', '2.3', '1.1.1.1', '1.HEADER', '3.TEXT', '0', '9.9.9.MIME']) {
      expect(fetchText(nested, body(spec)).value).toBe('');
    }
    expect(fetchText(nested, body('MIME')).value).toBe('');
  });

  it('numbers the body of a single-part message as part 1', () => {
    const message = stored(fixture('plain.eml'));
    expect(fetchText(message, body('1')).value).toBe('Just a plain body.\r\n.leading dot line\r\n');
    expect(fetchText(message, body('2')).value).toBe('');
  });

  it('cuts partial ranges and names them by their origin', () => {
    const message = stored(fixture('plain.eml'));
    expect(fetchText(message, body('', { partial: [0, 5] }))).toEqual({ name: 'BODY[]<0>', value: 'From:' });
    expect(fetchText(message, body('TEXT', { partial: [5, 100_000], peek: true }))).toEqual({
      name: 'BODY[TEXT]<5>',
      value: 'a plain body.\r\n.leading dot line\r\n',
    });
    expect(fetchText(message, body('TEXT', { partial: [10_000, 10] })).value).toBe('');
    expect(fetchText(message, body('3', { partial: [0, 10] }))).toEqual({ name: 'BODY[3]<0>', value: '' });
  });
});

describe('marksSeen', () => {
  it('is true for BODY[...] without PEEK, RFC822 and RFC822.TEXT only', () => {
    expect(marksSeen([body('', { peek: true }), { kind: 'RFC822.HEADER' }, { kind: 'FLAGS' }, { kind: 'BODYSTRUCTURE' }])).toBe(false);
    expect(marksSeen([{ kind: 'UID' }, body('1.MIME')])).toBe(true);
    expect(marksSeen([{ kind: 'RFC822' }])).toBe(true);
    expect(marksSeen([{ kind: 'RFC822.TEXT' }])).toBe(true);
  });
});
