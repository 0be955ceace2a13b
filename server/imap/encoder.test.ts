import { describe, expect, it } from 'vitest';
import { encodeMailboxName, decodeMailboxName, wireMailboxName } from './mailbox-name.ts';
import { encodeValue, Output } from './encoder.ts';
import { atom, joined } from './syntax.ts';

const text = (value: Parameters<typeof encodeValue>[0]) => encodeValue(value).toString('utf8');

describe('encoder', () => {
  it('writes literal8 as ~{n}, NUL bytes and all (RFC 3516)', () => {
    expect(encodeValue([atom('BINARY[1]'), { literal8: Buffer.from('a\0b') }]).toString('latin1')).toBe('(BINARY[1] ~{3}\r\na\0b)');
  });

  it('quotes UTF-8 strings only once UTF8=ACCEPT is on, and never CR, LF or NUL (RFC 6855)', () => {
    expect(encodeValue('Grüße').toString('utf8')).toBe('{7}\r\nGrüße');
    expect(encodeValue('Grüße', true).toString('utf8')).toBe('"Grüße"');
    expect(encodeValue('a\r\nb', true).toString('utf8')).toBe('{4}\r\na\r\nb');
    const names = (utf8: boolean) => encodeValue(wireMailboxName('Entwürfe/R&D', { imap4rev2: false, utf8 }), utf8).toString('utf8');
    expect(names(false)).toBe('"Entw&APw-rfe/R&-D"');
    expect(names(true)).toBe('"Entwürfe/R&D"');
  });

  it('writes NIL, numbers, atoms and nested lists', () => {
    expect(text(null)).toBe('NIL');
    expect(text(42)).toBe('42');
    expect(text(12345678901234567890n)).toBe('12345678901234567890');
    expect(text([atom('UID'), 7, atom('FLAGS'), [atom('\\Seen'), atom('$Work')], [[null, 'a'], []]])).toBe(
      '(UID 7 FLAGS (\\Seen $Work) ((NIL "a") ()))',
    );
  });

  it('writes joined runs back to back, as RFC 3501 writes multipart bodies and address lists', () => {
    const address = (name: string) => [null, null, name, 'x.org'];
    expect(text([joined([address('a'), address('b')])])).toBe('((NIL NIL "a" "x.org")(NIL NIL "b" "x.org"))');
    expect(text([joined([['text', 'plain'], ['text', 'html']]), 'alternative'])).toBe('(("text" "plain")("text" "html") "alternative")');
  });

  it('quotes 7-bit strings with escapes and sends others as literals', () => {
    expect(text('say "hi" \\ bye')).toBe('"say \\"hi\\" \\\\ bye"');
    expect(text('')).toBe('""');
    expect(text('two\r\nlines')).toBe('{10}\r\ntwo\r\nlines');
    expect(text('Grüße')).toBe('{7}\r\nGrüße');
    expect(text('x'.repeat(2000)).startsWith('{2000}\r\n')).toBe(true);
  });

  it('always writes Buffers as literals, byte for byte', () => {
    const bytes = Buffer.from([0x00, 0xff, 0x0d, 0x0a]);
    expect(encodeValue(['a', bytes])).toEqual(Buffer.concat([Buffer.from('("a" {4}\r\n'), bytes, Buffer.from(')')]));
  });

  it('collects text and bytes in order and empties on take', () => {
    const out = new Output().text('* 1 FETCH ').value([atom('BODY[]'), Buffer.from('hé')]).text('\r\n');
    expect(out.size).toBeGreaterThan(10);
    expect(out.take().toString('utf8')).toBe('* 1 FETCH (BODY[] {3}\r\nhé)\r\n');
    expect(out.size).toBe(0);
  });

  it('round-trips mailbox names through modified UTF-7', () => {
    for (const name of ['INBOX', 'Entwürfe', 'A & B', '日本語/子', 'mixed ü and ö']) {
      expect(decodeMailboxName(encodeMailboxName(name))).toBe(name);
    }
    expect(encodeMailboxName('Entwürfe')).toBe('Entw&APw-rfe');
    expect(encodeMailboxName('~peter/mail/台北/日本語')).toBe('~peter/mail/&U,BTFw-/&ZeVnLIqe-');
  });
});
