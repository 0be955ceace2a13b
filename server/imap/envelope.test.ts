import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { crlf, imapText } from '../../test/helpers/imap-text.ts';
import { encodeValue } from './encoder.ts';
import { envelopeOf, fetchEnvelope } from './envelope.ts';

const fixture = (name: string) => readFileSync(new URL(`../../test/fixtures/${name}`, import.meta.url));

describe('ENVELOPE as Dovecot writes it (src/lib-imap/test-imap-envelope.c)', () => {
  const vectors: Array<[name: string, message: string, envelope: string]> = [
    [
      'every field',
      'Message-ID: <msg@id>\nIn-Reply-To: <reply@to.id>\nDate: Thu, 15 Feb 2007 01:02:03 +0200\nSubject: subject header\n' +
        'From: From Real <fromuser@fromdomain.org>\nTo: To Real <touser@todomain.org>\nCc: Cc Real <ccuser@ccdomain.org>\n' +
        'Bcc: Bcc Real <bccuser@bccdomain.org>\nSender: Sender Real <senderuser@senderdomain.org>\n' +
        'Reply-To: ReplyTo Real <replytouser@replytodomain.org>\n\nbody\n',
      '"Thu, 15 Feb 2007 01:02:03 +0200" "subject header" (("From Real" NIL "fromuser" "fromdomain.org")) ' +
        '(("Sender Real" NIL "senderuser" "senderdomain.org")) (("ReplyTo Real" NIL "replytouser" "replytodomain.org")) ' +
        '(("To Real" NIL "touser" "todomain.org")) (("Cc Real" NIL "ccuser" "ccdomain.org")) ' +
        '(("Bcc Real" NIL "bccuser" "bccdomain.org")) "<reply@to.id>" "<msg@id>"',
    ],
    [
      'sender and reply-to default to from',
      'Date: Thu, 15 Feb 2007 01:02:03 +0200\nFrom: user@domain\n\nbody\n',
      '"Thu, 15 Feb 2007 01:02:03 +0200" NIL ((NIL NIL "user" "domain")) ((NIL NIL "user" "domain")) ' +
        '((NIL NIL "user" "domain")) NIL NIL NIL NIL NIL',
    ],
    [
      'groups, and a comment as the name',
      'Date: Thu, 15 Feb 2007 01:02:03 +0200\nFrom: user@domain (Real Name)\n' +
        'To: group: g1@d1.org, g2@d2.org;, group2: g3@d3.org;\nCc: group:;, group2: (foo) ;\n\nbody\n',
      '"Thu, 15 Feb 2007 01:02:03 +0200" NIL (("Real Name" NIL "user" "domain")) (("Real Name" NIL "user" "domain")) ' +
        '(("Real Name" NIL "user" "domain")) ((NIL NIL "group" NIL)(NIL NIL "g1" "d1.org")(NIL NIL "g2" "d2.org")' +
        '(NIL NIL NIL NIL)(NIL NIL "group2" NIL)(NIL NIL "g3" "d3.org")(NIL NIL NIL NIL)) ' +
        '((NIL NIL "group" NIL)(NIL NIL NIL NIL)(NIL NIL "group2" NIL)(NIL NIL NIL NIL)) NIL NIL NIL',
    ],
    [
      'empty Sender and Reply-To fall back to from',
      'Date: Thu, 15 Feb 2007 01:02:03 +0200\nFrom: user@domain (Real Name)\nSender: \nReply-To: \n\nbody\n',
      '"Thu, 15 Feb 2007 01:02:03 +0200" NIL (("Real Name" NIL "user" "domain")) (("Real Name" NIL "user" "domain")) ' +
        '(("Real Name" NIL "user" "domain")) NIL NIL NIL NIL NIL',
    ],
  ];
  for (const [name, message, envelope] of vectors) {
    it(name, () => expect(imapText(envelopeOf(crlf(message)))).toBe(`(${envelope})`));
  }

  it('keeps a source route as the adl', () => {
    const envelope = envelopeOf(crlf('Date: Thu, 15 Feb 2007 01:02:03 +0200\nFrom: <@route:user@domain>\n\nbody\n'));
    expect(imapText(envelope)).toBe(
      '("Thu, 15 Feb 2007 01:02:03 +0200" NIL ((NIL "@route" "user" "domain")) ((NIL "@route" "user" "domain")) ' +
        '((NIL "@route" "user" "domain")) NIL NIL NIL NIL NIL)',
    );
  });
});

describe('ENVELOPE values', () => {
  it('keeps encoded-words encoded, unfolds, and writes groups and bare words', () => {
    const envelope = envelopeOf(fixture('encoded-headers.eml'));
    expect(envelope.map(imapText)).toEqual([
      '"Tue, 24 Nov 2026 23:30:00 -0800"',
      '"=?UTF-8?B?R3LDvMOfZSBhdXMgTcO8bmNoZW4=?= and =?ISO-8859-1?Q?caf=E9?="',
      '(("=?UTF-8?Q?Chlo=C3=A9_Dubois?=" NIL "chloe" "example.fr")("Last, First" NIL "first.last" "example.com"))',
      '(("Secretary" NIL "sec" "example.com"))',
      '(("Reply Desk" NIL "replies" "example.com"))',
      '((NIL NIL "team" NIL)(NIL NIL "alice" "example.com")("=?ISO-8859-1?Q?J=F6rg?=" NIL "joerg" "example.de")' +
        '(NIL NIL NIL NIL)(NIL NIL "undisclosed-recipients" NIL)(NIL NIL NIL NIL))',
      '((NIL NIL "postmaster" "MISSING_DOMAIN"))',
      '((NIL NIL "hidden" "example.com"))',
      '"<parent@example.com>"',
      '"<encoded@example.com>"',
    ]);
  });

  it('is all NIL for a message without those headers', () => {
    expect(envelopeOf(crlf('X-Other: 1\n\nbody\n'))).toEqual(Array(10).fill(null));
    expect(envelopeOf(Buffer.alloc(0))).toEqual(Array(10).fill(null));
  });

  it('sends 8-bit header bytes unchanged, as a Buffer the encoder writes as a literal', () => {
    const raw = Buffer.concat([Buffer.from('Subject: Gr'), Buffer.from([0xfc, 0xdf]), Buffer.from('e\r\nFrom: J'), Buffer.from('ö', 'utf8'), Buffer.from('rg <j@x.de>\r\n\r\n')]);
    const [, subject, from] = envelopeOf(raw);
    expect(subject).toEqual(Buffer.from([0x47, 0x72, 0xfc, 0xdf, 0x65]));
    expect(imapText(from)).toBe(`(({${Buffer.byteLength('Jörg')}}\r\n${Buffer.from('Jörg').toString('latin1')} NIL "j" "x.de"))`);
  });

  it('merges repeated address fields and keeps the first Subject', () => {
    const envelope = envelopeOf(crlf('Subject: one\nSubject: two\nTo: a@x.org\nTo: b@y.org\n\n'));
    expect(envelope[1]).toBe('one');
    expect(imapText(envelope[5])).toBe('((NIL NIL "a" "x.org")(NIL NIL "b" "y.org"))');
  });

  it('is written by FETCH exactly as the values encode, from wire text kept per message when all ASCII', () => {
    const ascii = fixture('encoded-headers.eml');
    expect(fetchEnvelope(ascii)).toEqual({ atom: encodeValue(envelopeOf(ascii)).toString('latin1') });
    expect(fetchEnvelope(ascii)).toBe(fetchEnvelope(ascii));
    const eightBit = Buffer.concat([Buffer.from('Subject: Gr'), Buffer.from([0xfc, 0xdf]), Buffer.from('e\r\n\r\n')]);
    expect(fetchEnvelope(eightBit)).toEqual(envelopeOf(eightBit));
  });
});
