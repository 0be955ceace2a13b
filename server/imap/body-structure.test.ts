import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { crlf, imapText } from '../../test/helpers/imap-text.ts';
import { bodyStructure } from './body-structure.ts';

// Messages and the BODY / BODYSTRUCTURE Dovecot 2.3 returns for them (src/lib-imap/test-imap-bodystructure.c),
// stored with CRLF so Dovecot's sizes (counted with CRLF) apply byte for byte. One deliberate
// difference: adjacent lists are separated by a space (see test/helpers/imap-text.ts).

const vectors: Array<{ name: string; message: string; body: string; bodystructure: string }> = [
  {
    name: 'text/plain with charset',
    message:
      'From: user@domain.org\nDate: Sat, 24 Mar 2017 23:00:00 +0200\nMime-Version: 1.0\n' +
      'Content-Type: text/plain; charset=us-ascii\n\nbody\n',
    bodystructure: '"text" "plain" ("charset" "us-ascii") NIL NIL "7bit" 6 1 NIL NIL NIL NIL',
    body: '"text" "plain" ("charset" "us-ascii") NIL NIL "7bit" 6 1',
  },
  {
    name: '8bit utf-8 text',
    message:
      'From: user@domain.org\nDate: Sat, 24 Mar 2017 23:00:00 +0200\nMime-Version: 1.0\n' +
      'Content-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: 8bit\n\nbody\n\n',
    bodystructure: '"text" "plain" ("charset" "utf-8") NIL NIL "8bit" 8 2 NIL NIL NIL NIL',
    body: '"text" "plain" ("charset" "utf-8") NIL NIL "8bit" 8 2',
  },
  {
    name: 'multipart with a folded quoted boundary',
    message:
      'From: user@domain.org\nDate: Sat, 24 Mar 2007 23:00:00 +0200\nMime-Version: 1.0\n' +
      'Content-Type: multipart/mixed; boundary="foo\n bar"\n\n' +
      '--foo bar\nContent-Type: text/x-myown; charset=us-ascii\n\nhello\n\n--foo bar--\n\n',
    bodystructure:
      '("text" "x-myown" ("charset" "us-ascii") NIL NIL "7bit" 7 1 NIL NIL NIL NIL) "mixed" ("boundary" "foo bar") NIL NIL NIL',
    body: '("text" "x-myown" ("charset" "us-ascii") NIL NIL "7bit" 7 1) "mixed"',
  },
  {
    name: 'message/rfc822 attachment',
    message:
      'From: user@domain.org\nDate: Sat, 24 Mar 2017 23:00:00 +0200\nMime-Version: 1.0\n' +
      'Content-Type: multipart/mixed; boundary="foo bar"\n\n' +
      '--foo bar\nContent-Type: text/plain; charset=us-ascii\n\nSee attached...\n\n' +
      '--foo bar\nContent-Type: message/rfc822\n\n' +
      'From: user@domain.org\nDate: Sat, 24 Mar 2017 23:00:00 +0200\nMime-Version: 1.0\n' +
      'Content-Type: text/plain; charset=us-ascii\n\nbody\n\n--foo bar--\n\n',
    bodystructure:
      '("text" "plain" ("charset" "us-ascii") NIL NIL "7bit" 17 1 NIL NIL NIL NIL)("message" "rfc822" NIL NIL NIL "7bit" 133 ("Sat, 24 Mar 2017 23:00:00 +0200" NIL ((NIL NIL "user" "domain.org")) ((NIL NIL "user" "domain.org")) ((NIL NIL "user" "domain.org")) NIL NIL NIL NIL NIL) ("text" "plain" ("charset" "us-ascii") NIL NIL "7bit" 6 1 NIL NIL NIL NIL) 6 NIL NIL NIL NIL) "mixed" ("boundary" "foo bar") NIL NIL NIL',
    body:
      '("text" "plain" ("charset" "us-ascii") NIL NIL "7bit" 17 1)("message" "rfc822" NIL NIL NIL "7bit" 133 ("Sat, 24 Mar 2017 23:00:00 +0200" NIL ((NIL NIL "user" "domain.org")) ((NIL NIL "user" "domain.org")) ((NIL NIL "user" "domain.org")) NIL NIL NIL NIL NIL) ("text" "plain" ("charset" "us-ascii") NIL NIL "7bit" 6 1) 6) "mixed"',
  },
  {
    name: 'Content-ID and Content-Description on both parts',
    message:
      'From: user@domain.org\nDate: Sat, 24 Mar 2017 23:00:00 +0200\nMime-Version: 1.0\n' +
      'Content-Type: multipart/mixed; boundary="foo bar"\n\n' +
      '--foo bar\nContent-Type: text/plain; charset=us-ascii\nContent-ID: <A.frop.example.com>\n' +
      'Content-Description: Container message\n\nSee attached...\n\n' +
      '--foo bar\nContent-Type: message/rfc822\nContent-ID: <B.frop.example.com>\nContent-Description: Forwarded\n\n' +
      'From: user@domain.org\nDate: Sat, 24 Mar 2017 23:00:00 +0200\nMime-Version: 1.0\n' +
      'Content-Type: text/plain; charset=us-ascii\n\nbody\n\n--foo bar--\n',
    bodystructure:
      '("text" "plain" ("charset" "us-ascii") "<A.frop.example.com>" "Container message" "7bit" 17 1 NIL NIL NIL NIL)("message" "rfc822" NIL "<B.frop.example.com>" "Forwarded" "7bit" 133 ("Sat, 24 Mar 2017 23:00:00 +0200" NIL ((NIL NIL "user" "domain.org")) ((NIL NIL "user" "domain.org")) ((NIL NIL "user" "domain.org")) NIL NIL NIL NIL NIL) ("text" "plain" ("charset" "us-ascii") NIL NIL "7bit" 6 1 NIL NIL NIL NIL) 6 NIL NIL NIL NIL) "mixed" ("boundary" "foo bar") NIL NIL NIL',
    body:
      '("text" "plain" ("charset" "us-ascii") "<A.frop.example.com>" "Container message" "7bit" 17 1)("message" "rfc822" NIL "<B.frop.example.com>" "Forwarded" "7bit" 133 ("Sat, 24 Mar 2017 23:00:00 +0200" NIL ((NIL NIL "user" "domain.org")) ((NIL NIL "user" "domain.org")) ((NIL NIL "user" "domain.org")) NIL NIL NIL NIL NIL) ("text" "plain" ("charset" "us-ascii") NIL NIL "7bit" 6 1) 6) "mixed"',
  },
  {
    name: 'every extension field, preamble and epilogue, nested multipart in message/rfc822',
    message:
      'From: user@domain.org\nDate: Sat, 24 Mar 2007 23:00:00 +0200\nMime-Version: 1.0\n' +
      'Content-Type: multipart/mixed; boundary="foo\n bar"\n\nRoot MIME prologue\n\n' +
      '--foo bar\nContent-Type: text/x-myown; charset=us-ascii; foo="quoted\\"string"\n' +
      'Content-ID: <foo@example.com>\nContent-MD5: Q2hlY2sgSW50ZWdyaXR5IQ==\nContent-Disposition: inline; foo=bar\n' +
      'Content-Description: hellodescription\nContent-Language: en, fi, se\n' +
      'Content-Location: http://example.com/test.txt\n\nhello\n\n' +
      '--foo bar\nContent-Type: message/rfc822\n\n' +
      'From: sub@domain.org\nTo: sub-to1@domain.org, sub-to2@domain.org\nDate: Sun, 12 Aug 2012 12:34:56 +0300\n' +
      'Subject: submsg\nContent-Type: multipart/alternative; boundary="sub1"\n\nSub MIME prologue\n' +
      '--sub1\nContent-Type: text/html\nContent-Transfer-Encoding: 8bit\n\n<p>Hello world</p>\n\n' +
      '--sub1\nContent-Type: text/plain\nContent-Transfer-Encoding: ?invalid\n\nHello another world\n\n' +
      '--sub1--\nSub MIME epilogue\n\n--foo bar--\nRoot MIME epilogue\n',
    bodystructure:
      '("text" "x-myown" ("charset" "us-ascii" "foo" "quoted\\"string") "<foo@example.com>" "hellodescription" "7bit" 7 1 "Q2hlY2sgSW50ZWdyaXR5IQ==" ("inline" ("foo" "bar")) ("en" "fi" "se") "http://example.com/test.txt")("message" "rfc822" NIL NIL NIL "7bit" 412 ("Sun, 12 Aug 2012 12:34:56 +0300" "submsg" ((NIL NIL "sub" "domain.org")) ((NIL NIL "sub" "domain.org")) ((NIL NIL "sub" "domain.org")) ((NIL NIL "sub-to1" "domain.org")(NIL NIL "sub-to2" "domain.org")) NIL NIL NIL NIL) (("text" "html" ("charset" "us-ascii") NIL NIL "8bit" 20 1 NIL NIL NIL NIL)("text" "plain" ("charset" "us-ascii") NIL NIL "7bit" 21 1 NIL NIL NIL NIL) "alternative" ("boundary" "sub1") NIL NIL NIL) 21 NIL NIL NIL NIL) "mixed" ("boundary" "foo bar") NIL NIL NIL',
    body:
      '("text" "x-myown" ("charset" "us-ascii" "foo" "quoted\\"string") "<foo@example.com>" "hellodescription" "7bit" 7 1)("message" "rfc822" NIL NIL NIL "7bit" 412 ("Sun, 12 Aug 2012 12:34:56 +0300" "submsg" ((NIL NIL "sub" "domain.org")) ((NIL NIL "sub" "domain.org")) ((NIL NIL "sub" "domain.org")) ((NIL NIL "sub-to1" "domain.org")(NIL NIL "sub-to2" "domain.org")) NIL NIL NIL NIL) (("text" "html" ("charset" "us-ascii") NIL NIL "8bit" 20 1)("text" "plain" ("charset" "us-ascii") NIL NIL "7bit" 21 1) "alternative") 21) "mixed"',
  },
  {
    name: 'multipart without any part',
    message: 'Content-Type: multipart/mixed; boundary="foo"\n\n',
    bodystructure: '("text" "plain" ("charset" "us-ascii") NIL NIL "7bit" 0 0 NIL NIL NIL NIL) "mixed" ("boundary" "foo") NIL NIL NIL',
    body: '("text" "plain" ("charset" "us-ascii") NIL NIL "7bit" 0 0) "mixed"',
  },
];

describe('BODYSTRUCTURE and BODY as Dovecot writes them', () => {
  for (const vector of vectors) {
    it(vector.name, () => {
      const raw = crlf(vector.message);
      expect(imapText(bodyStructure(raw, true))).toBe(`(${vector.bodystructure})`);
      expect(imapText(bodyStructure(raw, false))).toBe(`(${vector.body})`);
    });
  }
});

// Written out by hand from RFC 3501's grammar for our fixtures (sizes counted from the CRLF text).
describe('BODYSTRUCTURE of fixtures', () => {
  const fixture = (name: string) => readFileSync(new URL(`../../test/fixtures/${name}`, import.meta.url));
  const plainDefault = (size: number, lines: number) => `("text" "plain" ("charset" "us-ascii") NIL NIL "7bit" ${size} ${lines} NIL NIL NIL NIL)`;

  it('a top-level message/rfc822: envelope, body and line count of the message inside', () => {
    const named = `(("Original" NIL "orig" "example.net"))`;
    expect(imapText(bodyStructure(fixture('rfc822-plain.eml'), true))).toBe(
      `("message" "rfc822" NIL NIL NIL "7bit" 108 ("Mon, 23 Nov 2026 08:00:00 +0000" "hello" ${named} ${named} ${named} NIL NIL NIL NIL NIL) ` +
        `${plainDefault(16, 1)} 5 NIL NIL NIL NIL)`,
    );
  });

  it('a digest, whose parts without Content-Type are messages', () => {
    const one = '((NIL NIL "one" "example.com"))';
    expect(imapText(bodyStructure(fixture('digest.eml'), true))).toBe(
      `(("message" "rfc822" NIL NIL NIL "7bit" 60 (NIL "first" ${one} ${one} ${one} NIL NIL NIL NIL NIL) ${plainDefault(19, 0)} 3 NIL NIL NIL NIL)` +
        `${plainDefault(14, 0)} "digest" ("boundary" "d") NIL NIL NIL)`,
    );
  });

  it('a message without MIME-Version or Content-Type, whose Content-Transfer-Encoding means nothing', () => {
    expect(imapText(bodyStructure(fixture('no-content-type.eml'), true))).toBe(plainDefault(36, 1));
  });
});
