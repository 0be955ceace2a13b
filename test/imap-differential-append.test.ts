// MULTIAPPEND (RFC 3502), literal8 APPEND and FETCH BINARY (RFC 3516) against Debian's Dovecot, transcript for
// transcript (test/helpers/differential.ts says what is normalized). Left out on purpose, because
// Dovecot 2.3 answers them in ways RFC 3516 does not ask for (test/imap-extensions.test.ts checks
// ours against the RFC): BINARY.SIZE of any part of a message with a part it cannot decode (Dovecot
// refuses it with UNKNOWN-CTE even for a part it can), and BINARY of a part whose encoding is unknown
// (Dovecot sends a stray `* n FETCH (UID n)` before the NO), and BINARY of a message/rfc822 part
// that holds a multipart, where Dovecot adds the line break that belongs to the next boundary.
import { it } from 'vitest';
import type { Step } from './helpers/differential.ts';
import { describeAgainstDovecot } from './helpers/differential-suite.ts';

const crlf = (text: string) => text.replace(/\r?\n/g, '\r\n');
const mail = (subject: string, body = 'hello') =>
  `From: Sender <sender@example.com>\nTo: rcpt@example.com\nSubject: ${subject}\nDate: Mon, 30 Nov 2026 10:00:00 +0000\nMessage-ID: <${subject.replace(/\W/g, '')}@example.com>\n\n${body}\n`;
/** A non-synchronizing literal inside a command (`{n+}` CRLF bytes); `~` in front makes it a literal8. */
const literal = (text: string, prefix = '') => `${prefix}{${Buffer.byteLength(crlf(text), 'latin1')}+}\r\n${crlf(text)}`;
/** APPEND of several messages: all but the last go inline, the last is the step's own literal. */
const multiAppend = (on: string, mailbox: string, messages: Array<[options: string, text: string]>): Step => {
  const inline = messages.slice(0, -1).map(([options, text]) => `${options ? `${options} ` : ''}${literal(text)}`);
  const [lastOptions, lastText] = messages[messages.length - 1];
  return { on, command: `APPEND ${mailbox} ${[...inline, lastOptions].filter(Boolean).join(' ')}`, literal: lastText };
};

const multipart = `MIME-Version: 1.0
From: Sender <sender@example.com>
Subject: parts
Content-Type: multipart/mixed; boundary="b1"

--b1
Content-Type: text/plain; charset=utf-8
Content-Transfer-Encoding: quoted-printable

caf=C3=A9 =3D soft=
 break
--b1
Content-Type: application/octet-stream
Content-Transfer-Encoding: base64

AAECA2hlbGxvAA==
--b1
Content-Type: text/plain

as it is
--b1
Content-Type: message/rfc822

Subject: inner
Content-Transfer-Encoding: base64

aGVsbG8gaW5uZXI=
--b1
Content-Type: message/rfc822

Subject: nested
Content-Type: multipart/alternative; boundary=b2

--b2
Content-Transfer-Encoding: base64
X-After: kept

aGVsbG8=
--b2--
--b1--
epilogue
`;
const singleBase64 = `From: Sender <sender@example.com>
Subject: one part
Content-Transfer-Encoding: BASE64

aGVs
bG8gd29ybGQ=
`;

describeAgainstDovecot('MULTIAPPEND and BINARY against Dovecot', (compare) => {

  it('MULTIAPPEND stores every message with its own flags and date, and APPENDUID gives the uid-set UIDNEXT predicted', async () => {
    await compare([
      'a: STATUS INBOX (UIDNEXT MESSAGES)',
      'b: SELECT INBOX',
      multiAppend('a', 'INBOX', [
        ['(\\Seen)', mail('first')],
        ['(\\Flagged $Work) "01-Dec-2026 10:00:00 +0000"', mail('second')],
        ['', mail('third')],
      ]),
      'a: STATUS INBOX (UIDNEXT MESSAGES UNSEEN)',
      'b: NOOP',
      'b: FETCH 1:* (UID FLAGS RFC822.SIZE)',
      'b: FETCH 2 (INTERNALDATE)',
      multiAppend('a', 'Archive', [
        ['', mail('fourth')],
        ['(\\Draft)', mail('fifth')],
      ]),
      'a: SELECT Archive',
      'a: FETCH 1:* (UID FLAGS BODY.PEEK[HEADER.FIELDS (SUBJECT)])',
    ]);
  });

  it('MULTIAPPEND is all or nothing: a missing folder or an empty message keeps none of them', async () => {
    await compare([
      multiAppend('a', 'Nowhere', [
        ['', mail('first')],
        ['', mail('second')],
      ]),
      'a: STATUS INBOX (MESSAGES UIDNEXT)',
      { on: 'a', command: `APPEND INBOX ${literal(mail('kept?'))} ${literal(mail('nor this'))} {0+}\r\n (\\Seen)`, literal: mail('last') },
      'a: STATUS INBOX (MESSAGES UIDNEXT)',
      multiAppend('a', 'INBOX', [
        ['', mail('now one')],
        ['', mail('now two')],
      ]),
      'a: STATUS INBOX (MESSAGES UIDNEXT)',
    ]);
  });

  it('APPEND takes a literal8, NUL bytes and all; BINARY gives them back as literal8, BODY as 0x80', async () => {
    await compare([
      { on: 'a', command: `APPEND INBOX ${literal(mail('binary', 'h\0i'), '~')} (\\Seen)`, literal: mail('plain') },
      'a: SELECT INBOX',
      'a: FETCH 1:2 (BINARY.PEEK[1] BINARY.SIZE[1] BINARY.PEEK[1]<1.2> BINARY.SIZE[])',
      // A literal may not carry NUL: BODY and RFC822 give it as 0x80.
      'a: FETCH 1 (RFC822.SIZE BODY.PEEK[] BODY.PEEK[1] BODY.PEEK[TEXT]<1.2>)',
      'a: FETCH 1 (RFC822.TEXT)',
    ]);
  });

  it('BINARY undoes base64 and quoted-printable, takes a partial, sets \\Seen unless PEEK, and answers an absent part with nothing', async () => {
    await compare([
      { on: 'a', command: 'APPEND INBOX', literal: multipart },
      { on: 'a', command: 'APPEND INBOX', literal: singleBase64 },
      'a: SELECT INBOX',
      'a: FETCH 1 (BINARY.PEEK[1])',
      'a: FETCH 1 (BINARY.PEEK[2])',
      'a: FETCH 1 (BINARY.PEEK[2]<2.5> BINARY.PEEK[2]<9.4> BINARY.PEEK[2]<20.1>)',
      'a: FETCH 1 (BINARY.PEEK[3] BINARY.PEEK[4.1])',
      'a: FETCH 1 (BINARY.PEEK[4])',
      'a: FETCH 1 (BINARY.PEEK[5.1] BINARY.SIZE[5.1])',
      'a: FETCH 1 (BINARY.PEEK[9] BINARY.SIZE[9])',
      'a: FETCH 1 (BINARY.SIZE[1] BINARY.SIZE[2] BINARY.SIZE[3] BINARY.SIZE[4] BINARY.SIZE[4.1])',
      'a: FETCH 1 (BINARY.PEEK[] BINARY.SIZE[])',
      'a: FETCH 2 (BINARY.PEEK[] BINARY.SIZE[] BINARY.PEEK[1] BINARY.SIZE[1])',
      'a: FETCH 1:2 (FLAGS)',
      'a: FETCH 2 (BINARY[1])',
      'a: UID FETCH 1:* (BINARY.PEEK[1]<0.3>)',
      'a: FETCH 1 (BINARY[2]<0.4>)',
      'a: FETCH 1:2 (FLAGS)',
    ]);
  });
});
