// The same IMAP transcripts against Debian's Dovecot and against mailsandbox: after the
// normalization described in test/helpers/differential.ts, the replies must be identical. Each
// scenario gets a fresh mailsandbox and a fresh Dovecot login (a Maildir of its own with
// mailsandbox's folders). Skipped only when Dovecot is not installed.
import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DOVECOT_BINARY, startDovecot, type RunningDovecot } from '../bench/dovecot.ts';
import { normalize, play, type Step } from './helpers/differential.ts';
import { startSandbox } from './helpers/sandbox.ts';

const haveDovecot = existsSync(DOVECOT_BINARY);
if (!haveDovecot) console.warn(`imap-differential: skipped, ${DOVECOT_BINARY} is not installed (apt-get install dovecot-imapd)`);

const mail = (subject: string, headers = 'From: Sender <sender@example.com>\nTo: rcpt@example.com', body = 'hello') =>
  `${headers}\nSubject: ${subject}\nDate: Mon, 30 Nov 2026 10:00:00 +0000\nMessage-ID: <${subject.replace(/\W/g, '')}@example.com>\n\n${body}\n`;
const append = (on: string, mailbox: string, subject: string, flags?: string, headers?: string): Step => ({
  on,
  command: `APPEND ${mailbox}${flags ? ` ${flags}` : ''}`,
  literal: mail(subject, headers),
});
const fill = (on: string, count: number, mailbox = 'INBOX'): Step[] => Array.from({ length: count }, (_, i) => append(on, mailbox, `message ${i + 1}`));

let dovecot: RunningDovecot;
let logins = 0;

async function compare(steps: Step[]): Promise<void> {
  const sandbox = await startSandbox();
  try {
    const ours = normalize(await play(sandbox.imap!.port, steps, 'tester'));
    const theirs = normalize(await play(dovecot.imapPort, steps, `tester${++logins}`));
    expect(ours).toBe(theirs);
  } finally {
    await sandbox.close();
  }
}

describe.skipIf(!haveDovecot)('IMAP against Dovecot, transcript for transcript', () => {
  beforeAll(async () => {
    dovecot = await startDovecot({ messages: [], envelopes: [], expected: { subject: 0, body: 0 } }, { mail: 'per-login' });
  });
  afterAll(async () => {
    await dovecot?.stop();
  });

  it('system flags and keywords in mixed case', async () => {
    await compare([
      'a: STATUS INBOX (UIDVALIDITY UIDNEXT MESSAGES UNSEEN)',
      append('a', 'INBOX', 'one', '(\\seen $Label1)'),
      append('a', 'INBOX', 'two', '(\\FLAGGED $label1 Work)'),
      'a: STATUS INBOX (MESSAGES UNSEEN UIDNEXT)',
      'a: SELECT INBOX',
      'a: FETCH 1:* (FLAGS)',
      'a: STORE 1 +FLAGS (\\deleted \\SEEN $LABEL1 work)',
      'a: SEARCH DELETED',
      'a: SEARCH SEEN',
      'a: SEARCH UNSEEN',
      'a: SEARCH KEYWORD $LABEL1',
      'a: SEARCH KEYWORD WORK',
      'a: SEARCH UNKEYWORD work',
      'a: STORE 2 -FLAGS ($LABEL1 \\flagged)',
      'a: STORE 2 FLAGS ()',
      'a: FETCH 2 (FLAGS)',
      'a: STORE 2 FLAGS (\\Answered \\draft)',
      'a: EXPUNGE',
      'a: FETCH 1:* (UID FLAGS)',
      'a: CLOSE',
      'a: STATUS INBOX (MESSAGES UNSEEN)',
    ]);
  });

  it('keywords announced to two sessions before any FETCH carries them', async () => {
    await compare([
      ...fill('x', 3),
      'a: SELECT INBOX',
      'b: SELECT INBOX',
      'a: STORE 1 +FLAGS (Project)',
      'b: NOOP',
      'b: FETCH 1 (FLAGS)',
      'a: STORE 2 +FLAGS (project $Important)',
      'b: FETCH 2 (FLAGS)',
      'b: STORE 3 +FLAGS.SILENT (Later)',
      'a: NOOP',
      'a: FETCH 3 (FLAGS)',
      'b: EXAMINE INBOX',
      'a: STORE 1 FLAGS (Fresh)',
      'b: NOOP',
    ]);
  });

  it('EXPUNGE with a second session selected', async () => {
    await compare([
      ...fill('x', 6),
      'a: SELECT INBOX',
      'b: SELECT INBOX',
      'a: STORE 2,4,5 +FLAGS.SILENT (\\Deleted)',
      'a: EXPUNGE',
      'b: FETCH 1:* (FLAGS)',
      'b: STORE 6 +FLAGS (\\Flagged)',
      // Deliberately unlike Dovecot, SEARCH here leaves out 2, 4 and 5, whose expunges are held
      // back (issue #10; test/imap-sessions.test.ts checks it), so SEARCH is not part of this transcript.
      'b: NOOP',
      'b: UID FETCH 1:* (UID)',
      'b: FETCH 3 (UID)',
      'a: STORE 1 +FLAGS.SILENT (\\Deleted)',
      'a: UID EXPUNGE 1:*',
      'b: UID FETCH 1:* (FLAGS)',
      'b: FETCH 1:* (UID)',
    ]);
  });

  it('arrivals and deletes racing a NOOP', async () => {
    await compare([
      ...fill('x', 2),
      'a: SELECT INBOX',
      'x: SELECT INBOX',
      // Arrives and goes between two of a's updates: a never hears of it.
      append('x', 'INBOX', 'fleeting'),
      'x: NOOP',
      'x: STORE 3 +FLAGS.SILENT (\\Deleted)',
      'x: EXPUNGE',
      'a: NOOP',
      'a: FETCH 1:* (UID)',
      // A known one goes, two arrive, one of them goes again.
      'x: STORE 1 +FLAGS.SILENT (\\Deleted)',
      'x: EXPUNGE',
      append('x', 'INBOX', 'stays'),
      append('x', 'INBOX', 'goes'),
      'x: NOOP',
      'x: STORE 3 +FLAGS.SILENT (\\Deleted)',
      'x: EXPUNGE',
      'a: NOOP',
      'a: FETCH 1:* (UID FLAGS)',
      'x: LOGOUT',
      'a: LOGOUT',
    ]);
  });

  it('UID ranges with *', async () => {
    await compare([
      ...fill('x', 4),
      'a: SELECT INBOX',
      'a: UID FETCH {UIDNEXT}:* (UID)',
      'a: UID FETCH 1:* (UID)',
      'a: UID SEARCH UID 2:*',
      'a: STORE 4 +FLAGS.SILENT (\\Deleted)',
      'a: EXPUNGE',
      'a: UID FETCH *:* (UID)',
      'a: UID FETCH 3:* (FLAGS)',
      'a: UID STORE *:1 +FLAGS (\\Seen)',
      'a: FETCH *:2 (UID)',
      'a: SEARCH UID 1:*',
      'a: UID SEARCH 2:*',
    ]);
  });

  it('STATUS after APPEND with flags', async () => {
    await compare([
      'a: STATUS Archive (UIDVALIDITY UIDNEXT MESSAGES UNSEEN RECENT)',
      append('a', 'Archive', 'seen', '(\\Seen)'),
      append('a', 'Archive', 'seen lower', '(\\seen \\draft)'),
      append('a', 'Archive', 'unseen', '(Custom)'),
      'a: STATUS Archive (MESSAGES UNSEEN RECENT UIDNEXT)',
      'a: STATUS INBOX (MESSAGES UIDNEXT)',
      'a: EXAMINE Archive',
      'a: SEARCH UNSEEN',
      'a: SEARCH DRAFT',
    ]);
  });

  it('LIST and LSUB hierarchy', async () => {
    await compare([
      'a: LIST "" *',
      'a: LSUB "" *',
      'a: CREATE work',
      'a: CREATE work/projects',
      'a: CREATE work/projects/alpha',
      'a: CREATE personal',
      'a: LIST "" %',
      'a: LIST "" %/%',
      'a: LIST "" work/%',
      'a: LIST "" work/*',
      'a: LIST work/ %',
      'a: LIST "" *alpha',
      'a: LIST "" inbox',
      'a: LSUB "" *',
      'a: SUBSCRIBE work/projects/alpha',
      'a: SUBSCRIBE personal',
      'a: UNSUBSCRIBE personal',
      'a: LSUB "" %',
      'a: LSUB "" %/%',
      'a: LSUB "" *',
      'a: LSUB "" work/%',
      'a: LSUB "" *alpha',
      'a: SUBSCRIBE work',
      'a: LSUB "" %',
      'a: LSUB "" work/%',
      'a: RENAME personal private',
      'a: LIST "" %',
      // LIST-EXTENDED (SUBSCRIBED selection, RETURN options) is left out: without RETURN (CHILDREN)
      // or (SPECIAL-USE) Dovecot drops those attributes, mailsandbox keeps them.
    ]);
  });

  it('SEARCH over addresses in every header form', async () => {
    const forms = [
      'From: user-from@domain.org\nTo: plain@example.com',
      'From: "User From" <user-from@domain.org>\nTo: Display Name <display@example.com>',
      'From: user-from@domain.org (Comment Name)\nTo: (leading comment) commented@example.com',
      'From: =?UTF-8?B?w4lsaXNl?= <elise@domain.org>\nTo: =?iso-8859-1?q?J=F6rg?= <jorg@example.com>',
      'From: Undisclosed: ;\nTo: team: one@example.com, two@example.com;',
      'From: "user-from"@domain.org\nTo: rcpt@example.com\nCc: Carbon <cc-person@example.net>, other@example.net\nBcc: hidden@example.org',
      'From: Folded\n Name <folded@domain.org>\nTo: rcpt@example.com',
      'From: <user-from@DOMAIN.ORG>\nTo: RCPT@Example.COM',
    ];
    const needles = [
      'FROM user-from@domain.org',
      'FROM "User From"',
      'FROM "Comment Name"',
      'FROM Élise',
      'FROM elise',
      'FROM domain.org',
      'FROM undisclosed',
      'FROM folded',
      'FROM "Folded Name"',
      'TO display@example.com',
      'TO "Display Name"',
      'TO commented@example.com',
      'TO "leading comment"',
      'TO jörg',
      'TO jorg@',
      'TO team',
      'TO two@example.com',
      'TO rcpt@example.com',
      'CC cc-person',
      'CC Carbon',
      'CC other@example.net',
      'BCC hidden@example.org',
      'OR FROM nobody@nowhere TO plain',
    ];
    await compare([
      ...forms.map((headers, i) => append('a', 'INBOX', `form ${i + 1}`, undefined, headers)),
      'a: SELECT INBOX',
      ...needles.map((needle): Step => {
        // 8-bit text goes in a literal, as RFC 3501 asks.
        const [key, value] = [needle.slice(0, needle.lastIndexOf(' ')), needle.slice(needle.lastIndexOf(' ') + 1)];
        return /[^\x00-\x7f]/.test(needle) ? { on: 'a', command: `SEARCH CHARSET UTF-8 ${key}`, literal: value } : `a: SEARCH CHARSET UTF-8 ${needle}`;
      }),
    ]);
  });

  it('MOVE and COPY report COPYUID as UIDNEXT predicted', async () => {
    // Each prediction is read just before the copy it predicts: mailsandbox's UIDs are its global
    // message ids, so a UIDNEXT read before mail lands in another folder is lower than the UID a copy
    // then gets (RFC 3501 allows it; Dovecot's UIDs count per folder, so its prediction always holds).
    await compare([
      ...fill('x', 4),
      'a: SELECT INBOX',
      'a: STORE 1 +FLAGS (\\Seen Tagged)',
      'a: STATUS Archive (UIDVALIDITY UIDNEXT)',
      'a: COPY 1:2 Archive',
      'a: STATUS Archive (UIDNEXT MESSAGES UNSEEN)',
      'a: STATUS Trash (UIDVALIDITY UIDNEXT)',
      'a: UID MOVE 2:3 Trash',
      'a: STATUS Trash (UIDNEXT MESSAGES)',
      'a: MOVE 1 Trash',
      'a: FETCH 1:* (UID FLAGS)',
      'a: SELECT Trash',
      'a: FETCH 1:* (UID FLAGS)',
      'a: SELECT Archive',
      'a: FETCH 1:* (UID FLAGS)',
      'a: COPY 1:* Nowhere',
    ]);
  });
});
