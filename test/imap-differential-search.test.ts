// ESORT and CONTEXT=SEARCH (RFC 5267), SEARCHRES (RFC 5182) and PREVIEW (RFC 8970) against Debian's Dovecot, transcript
// for transcript, the way test/imap-differential.test.ts checks the base protocol: after the
// normalization of test/helpers/differential.ts (and, for PREVIEW text, differential-preview.ts)
// the replies must be identical. Skipped only when Dovecot is not installed.
import { it } from 'vitest';
import { normalize, type Step } from './helpers/differential.ts';
import { describeAgainstDovecot } from './helpers/differential-suite.ts';
import { normalizePreviews } from './helpers/differential-preview.ts';

const HEADERS = 'To: rcpt@example.com\nDate: Mon, 30 Nov 2026 10:00:00 +0000';

/** Messages whose subjects, senders and sizes sort differently from their arrival order. */
const SORTABLE: Array<[string, string, number]> = [
  ['Delta', 'dave@example.com', 3],
  ['alpha', 'erin@example.com', 1],
  ['Re: Charlie', 'bob@example.com', 5],
  ['bravo', 'alice@example.com', 2],
  ['Echo', 'carol@example.com', 4],
  ['Alpha', 'zed@example.com', 6],
];

const sortable = (on: string): Step[] =>
  SORTABLE.map(([subject, from, words], i): Step => ({
    on,
    command: `APPEND INBOX "${String(10 + i)}-Nov-2026 10:00:00 +0000"`,
    literal: `From: ${from}\n${HEADERS}\nSubject: ${subject}\n\n${'body '.repeat(words * 3)}\n`,
  }));

const fill = (on: string, count: number): Step[] =>
  Array.from({ length: count }, (_, i): Step => ({ on, command: 'APPEND INBOX', literal: `From: s@example.com\n${HEADERS}\nSubject: m${i + 1}\n\nhello\n` }));

/** Mod-sequence values are each server's own counter (RFC 7162 3.1.1); that one is reported is what counts. */
const modseqsHidden = (text: string) => text.replace(/\bMODSEQ \d+/g, 'MODSEQ n');

describeAgainstDovecot('ESORT, SEARCHRES, CONTEXT=SEARCH and PREVIEW against Dovecot', (compare) => {

  it('ESORT: SORT RETURN gives one ESEARCH line in sort order, MIN and MAX the first and last sorted', async () => {
    await compare([
      ...sortable('x'),
      'a: SELECT INBOX',
      'a: STORE 2,5 +FLAGS (\\Flagged)',
      'a: SORT RETURN (MIN MAX ALL COUNT) (SUBJECT) UTF-8 ALL',
      'a: SORT RETURN (MIN MAX ALL COUNT) (REVERSE SUBJECT) UTF-8 ALL',
      'a: SORT RETURN (ALL) (ARRIVAL) UTF-8 ALL',
      'a: SORT RETURN (ALL) (FROM) UTF-8 ALL',
      'a: SORT RETURN (MAX MIN) (SIZE) UTF-8 UNFLAGGED',
      'a: SORT RETURN () (REVERSE SIZE) UTF-8 ALL',
      'a: SORT RETURN (COUNT) (SUBJECT) US-ASCII FLAGGED',
      'a: UID SORT RETURN (MIN MAX ALL COUNT) (SUBJECT ARRIVAL) UTF-8 ALL',
      'a: UID SORT RETURN (ALL) (REVERSE DATE REVERSE ARRIVAL) UTF-8 2:*',
      'a: SORT RETURN (MIN MAX ALL COUNT) (SUBJECT) UTF-8 SUBJECT nothing-matches',
      'a: UID SORT RETURN (MIN ALL) (SUBJECT) UTF-8 SUBJECT nothing-matches',
      'a: SORT (SUBJECT) UTF-8 ALL',
      // A MODSEQ criterion adds the highest mod-sequence of the hits (RFC 7162 3.1.5), to SORT as to SEARCH.
      'a: SORT (SUBJECT) UTF-8 MODSEQ 1',
      'a: SORT RETURN (MIN COUNT) (REVERSE SUBJECT) UTF-8 MODSEQ 1',
      'a: SORT (SUBJECT) UTF-8 MODSEQ 100000',
      'a: SORT RETURN (SAVE) (SUBJECT) UTF-8 MODSEQ 1',
      'a: SEARCH RETURN (SAVE) MODSEQ 100000',
      'a: SORT RETURN (BOGUS) (SUBJECT) UTF-8 ALL',
      'a: SORT RETURN (ALL) (SUBJECT) KOI8-X ALL',
    ]);
  });

  it('SEARCHRES: RETURN (SAVE) keeps the hits as $, for FETCH, STORE, COPY, MOVE, SEARCH and their UID forms', async () => {
    await compare([
      ...fill('x', 6),
      'a: SELECT INBOX',
      // Before any SAVE, $ is empty: valid, and it names nothing.
      'a: FETCH $ (UID)',
      'a: SEARCH $',
      // SAVE alone answers with no ESEARCH line.
      'a: SEARCH RETURN (SAVE) 2:5',
      'a: SEARCH $',
      'a: UID SEARCH $',
      'a: SEARCH UID $',
      'a: SEARCH RETURN (ALL) $ 3:*',
      'a: SEARCH OR $ 6',
      'a: SEARCH NOT $',
      'a: UID FETCH $ (FLAGS)',
      'a: STORE $ +FLAGS (\\Flagged)',
      'a: UID STORE $ -FLAGS.SILENT (\\Flagged)',
      'a: FETCH $ (FLAGS)',
      'a: STATUS Archive (UIDVALIDITY UIDNEXT)',
      'a: COPY $ Archive',
      'a: UID COPY $ Archive',
      // UID SEARCH saves messages too, not numbers.
      'a: UID SEARCH RETURN (SAVE) 1:4',
      'a: SEARCH $',
      // $ is a whole set, never one part of one.
      'a: SEARCH $,3',
      'a: FETCH $,3 (UID)',
      'a: FETCH 1:$ (UID)',
      'a: STORE 2 +FLAGS (\\Deleted)',
      'a: UID EXPUNGE $',
      'a: FETCH 1:* (UID FLAGS)',
      'a: SEARCH $',
      'a: STATUS Trash (UIDVALIDITY UIDNEXT)',
      'a: MOVE $ Trash',
      'a: SEARCH $',
      'a: SELECT Trash',
      'a: FETCH 1:* (UID)',
    ]);
  });

  it('SEARCHRES: SAVE with MIN/MAX keeps only those; ALL or COUNT keep every hit', async () => {
    await compare([
      ...fill('x', 6),
      'a: SELECT INBOX',
      'a: SEARCH RETURN (SAVE MIN MAX) 2:5',
      'a: SEARCH $',
      'a: SEARCH RETURN (SAVE MIN) 2:5',
      'a: FETCH $ (UID)',
      'a: UID SEARCH RETURN (MAX SAVE) 2:5',
      'a: UID FETCH $ (UID)',
      'a: SEARCH RETURN (SAVE MAX ALL) 1:3',
      'a: SEARCH $',
      'a: SEARCH RETURN (SAVE COUNT) 4:*',
      'a: SEARCH $',
      'a: SEARCH RETURN (SAVE MIN MAX) SUBJECT nothing-matches',
      'a: SEARCH $',
      // SORT saves too: every hit, or the first and last sorted. These have one size, so they tie
      // on SIZE and go by number, REVERSE or not.
      'a: SORT RETURN (SAVE) (REVERSE SIZE) UTF-8 2:4',
      'a: SEARCH $',
      'a: SORT RETURN (SAVE ALL) (REVERSE SUBJECT) UTF-8 3:*',
      'a: SEARCH $',
      'a: SORT RETURN (SAVE MIN) (REVERSE SUBJECT) UTF-8 2:4',
      'a: SEARCH $',
      'a: UID SORT RETURN (SAVE MAX) (SUBJECT) UTF-8 2:4',
      'a: SEARCH $',
    ]);
  });

  it('SEARCHRES: expunges leave $, SELECT and EXAMINE empty it, a failed SAVE empties it, a BAD one leaves it', async () => {
    await compare([
      ...fill('x', 6),
      'a: SELECT INBOX',
      'b: SELECT INBOX',
      'a: SEARCH RETURN (SAVE) 2:5',
      'a: STORE 3 +FLAGS.SILENT (\\Deleted)',
      'a: EXPUNGE',
      'a: SEARCH $',
      // Another session expunges one of them: FETCH $ still names it until this session is told.
      'b: NOOP',
      'b: STORE 2 +FLAGS.SILENT (\\Deleted)',
      'b: EXPUNGE',
      'a: FETCH $ (UID)',
      'a: NOOP',
      'a: SEARCH $',
      'a: FETCH $ (UID)',
      // NO: the charset is not supported, and $ is left empty.
      'a: SEARCH RETURN (SAVE) CHARSET KOI8-X ALL',
      'a: SEARCH $',
      'a: SEARCH RETURN (SAVE) ALL',
      // BAD: a command that does not parse does not run, so $ stays.
      'a: SEARCH RETURN (SAVE) NOSUCHKEY',
      'a: SEARCH $',
      'a: EXAMINE INBOX',
      'a: SEARCH $',
      'a: SEARCH RETURN (SAVE) 1:2',
      'a: SELECT INBOX',
      'a: FETCH $ (UID)',
      'a: SEARCH RETURN (SAVE) 1:2',
      'a: EXAMINE Nowhere',
      'a: SELECT INBOX',
      'a: SEARCH $',
      'a: SEARCH RETURN (SAVE) 1',
      'a: CLOSE',
      'a: SELECT INBOX',
      'a: FETCH $ (UID)',
    ]);
  });

  it('CONTEXT=SEARCH: PARTIAL, and searches kept updated with ADDTO and REMOVEFROM until CANCELUPDATE', async () => {
    const flagged = (subject: string): Step => ({ on: 'x', command: 'APPEND INBOX (\\Flagged)', literal: `From: s@example.com\n${HEADERS}\nSubject: ${subject}\n\nhello\n` });
    await compare([
      ...fill('x', 5),
      'a: SELECT INBOX',
      'a: SEARCH RETURN (PARTIAL 1:2) ALL',
      'a: SEARCH RETURN (PARTIAL 4:10 COUNT) ALL',
      'a: SEARCH RETURN (PARTIAL 7:10) ALL',
      'a: SEARCH RETURN (PARTIAL 3:1 MIN) ALL',
      'a: UID SEARCH RETURN (PARTIAL 2:3) ALL',
      'a: SORT RETURN (PARTIAL 1:2) (REVERSE SUBJECT) UTF-8 ALL',
      'a: SEARCH RETURN (PARTIAL 0:2) ALL',
      'a: SEARCH RETURN (PARTIAL 1:2 PARTIAL 2:3) ALL',
      'a: SEARCH RETURN (CONTEXT) ALL',
      'a: SEARCH RETURN (CONTEXT MIN) ALL',
      // Kept updated: what this session's own STORE and FETCH change, then another session's changes,
      // new mail and expunges, each reported once the client knows the message (REMOVEFROM before EXPUNGE).
      'a: SEARCH RETURN (UPDATE ALL) UNSEEN',
      'a: UID SEARCH RETURN (UPDATE COUNT) FLAGGED',
      'a: SEARCH RETURN (UPDATE) SUBJECT m5',
      'a: STORE 1:2 +FLAGS (\\Seen \\Flagged)',
      'a: FETCH 3 (BODY[TEXT])',
      'a: NOOP',
      'b: SELECT INBOX',
      'b: STORE 4:5 +FLAGS (\\Flagged \\Deleted)',
      'a: NOOP',
      'b: EXPUNGE',
      'a: NOOP',
      flagged('m6'),
      'a: NOOP',
      // (A third session, and NOOPs before STOREs, so that no STORE reply carries news of other
      // sessions: Dovecot and mailsandbox order those lines differently, no matter of these extensions.)
      'c: SELECT INBOX',
      'c: STORE 1 -FLAGS (\\Seen)',
      'a: NOOP',
      'a: STORE 4 +FLAGS (\\Seen)',
      'a: NOOP',
      'a: CANCELUPDATE "d15"',
      'a: CANCELUPDATE "d14" "d16"',
      'a: STORE 2 -FLAGS (\\Seen \\Flagged)',
      'a: CANCELUPDATE "d14"',
      // UNSELECT ends them.
      'a: UID SEARCH RETURN (UPDATE) UNFLAGGED',
      'a: UNSELECT',
      'a: SELECT INBOX',
      'c: NOOP',
      'c: STORE 3 +FLAGS (\\Flagged)',
      'a: NOOP',
    ]);
  });

  it("CONTEXT=SEARCH: the session's own EXPUNGE, MOVE, COPY and STORE reach its searches kept updated", async () => {
    await compare([
      ...fill('x', 5),
      'a: SELECT INBOX',
      'a: SEARCH RETURN (UPDATE) ALL',
      'a: UID SEARCH RETURN (UPDATE COUNT) UNSEEN',
      'a: STORE 2 +FLAGS.SILENT (\\Deleted \\Seen)',
      'a: EXPUNGE',
      // The copy first: a UID the INBOX's UIDNEXT predicted (see MOVE and COPY in imap-differential.test.ts).
      'a: COPY 1 INBOX',
      'a: STATUS Trash (UIDVALIDITY UIDNEXT)',
      'a: MOVE 3 Trash',
      'a: UID STORE 1 +FLAGS (\\Seen)',
      'a: UID FETCH 1:* (UID FLAGS)',
    ]);
  });

  it('PREVIEW: the start of the text as one line, quoted replies left out, with LAZY and in UID FETCH', async () => {
    const headers = `From: a@example.com\n${HEADERS}`;
    const bodies = [
      `${headers}\nSubject: plain\n\nHi Bob,\n\n> quoted line\n> another\nThanks   for\tthe\n\nreport.\n`,
      `${headers}\nSubject: html\nMIME-Version: 1.0\nContent-Type: text/html; charset=utf-8\n\n<html><head><style>p{color:red}</style></head><body><p>Hello <b>world</b> &amp; friends</p><div>second&nbsp;block</div></body></html>\n`,
      `${headers}\nSubject: alternative\nMIME-Version: 1.0\nContent-Type: multipart/alternative; boundary=b\n\n--b\nContent-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: quoted-printable\n\nCaf=C3=A9 cr=C3=A8me br=C3=BBl=C3=A9e =\nsoft break\n--b\nContent-Type: text/html\n\n<p>html version</p>\n--b--\n`,
      `${headers}\nSubject: empty\n\n`,
      `${headers}\nSubject: attachment only\nMIME-Version: 1.0\nContent-Type: multipart/mixed; boundary=b\n\n--b\nContent-Type: application/pdf\nContent-Disposition: attachment; filename=a.pdf\nContent-Transfer-Encoding: base64\n\nJVBERi0=\n--b--\n`,
      `${headers}\nSubject: base64\nContent-Type: text/plain; charset=iso-8859-1\nContent-Transfer-Encoding: base64\n\n${Buffer.from('Gr\xfc\xdfe aus M\xfcnchen', 'latin1').toString('base64')}\n`,
      `${headers}\nSubject: long\n\n${'word '.repeat(100)}\n`,
      `${headers}\nSubject: quotes\n\nShe said "hi" and \\ left.\n-- \nSignature\n`,
      `${headers}\nSubject: mixed\nMIME-Version: 1.0\nContent-Type: multipart/mixed; boundary=o\n\n--o\nContent-Type: multipart/alternative; boundary=i\n\n--i\nContent-Type: text/plain\n\nInner plain text\n--i--\n--o\nContent-Type: text/plain\nContent-Disposition: attachment; filename=notes.txt\n\nattached notes\n--o--\n`,
    ];
    await compare([
      ...bodies.map((literal): Step => ({ on: 'x', command: 'APPEND INBOX', literal })),
      'a: SELECT INBOX',
      'a: FETCH 1:* (PREVIEW)',
      'a: FETCH 1 (PREVIEW (LAZY) UID)',
      'a: FETCH 2 PREVIEW',
      'a: UID FETCH 1:3 (PREVIEW FLAGS)',
      // PREVIEW is no read: \Seen stays unset.
      'a: FETCH 1:3 (FLAGS)',
      'a: SEARCH RETURN (SAVE) SUBJECT quotes',
      'a: FETCH $ (PREVIEW)',
      // (PREVIEW (FUZZY) is the draft's modifier, which Dovecot also takes under PREVIEW=FUZZY;
      // mailsandbox offers RFC 8970's LAZY only.)
      'a: FETCH 1 (PREVIEW ())',
      'a: FETCH 1 (PREVIEW (LAZY',
    ]);
  });
}, (text) => modseqsHidden(normalize(normalizePreviews(text))));
