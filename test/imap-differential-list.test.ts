// LIST-EXTENDED (RFC 5258), its SPECIAL-USE (RFC 6154) and STATUS (RFC 5819) options, and the
// folder hierarchy CREATE, DELETE and RENAME leave behind, transcript for transcript against
// Debian's Dovecot (see test/imap-differential.test.ts and test/helpers/differential.ts). Left out,
// deliberately, are three Dovecot quirks no client relies on: `* NO` in place of the STATUS of a
// subscribed \Noselect name, the parents a failed RENAME leaves created, and CHILDINFO for a child
// unsubscribed in the same session.
import { it } from 'vitest';
import type { Step } from './helpers/differential.ts';
import { describeAgainstDovecot } from './helpers/differential-suite.ts';

const append = (on: string, mailbox: string, subject: string): Step => ({
  on,
  command: `APPEND ${mailbox}`,
  literal: `From: sender@example.com\nTo: rcpt@example.com\nSubject: ${subject}\nDate: Mon, 30 Nov 2026 10:00:00 +0000\n\nhello\n`,
});

describeAgainstDovecot('LIST-EXTENDED and the folder hierarchy against Dovecot', (compare) => {

  it('selection and return options, pattern lists, and the BAD cases', async () => {
    await compare([
      'a: CREATE a/b/c',
      'a: CREATE x',
      'a: CREATE x/y',
      'a: SUBSCRIBE a/b/c',
      'a: SUBSCRIBE x/y',
      append('a', 'x', 'one'),
      'a: LIST () "" %',
      'a: LIST (REMOTE) "" %',
      'a: LIST "" % RETURN ()',
      'a: LIST "" % RETURN (SUBSCRIBED)',
      'a: LIST "" * RETURN (SUBSCRIBED CHILDREN SPECIAL-USE)',
      'a: LIST (SUBSCRIBED) "" *',
      'a: LIST (subscribed remote) "" * return (children)',
      'a: LIST (SUBSCRIBED) "" * RETURN (STATUS (MESSAGES UIDNEXT))',
      'a: LIST (SPECIAL-USE) "" *',
      'a: LIST (SPECIAL-USE SUBSCRIBED) "" % RETURN (CHILDREN)',
      'a: LIST "" * RETURN (SPECIAL-USE)',
      'a: LIST "" ("INBOX" "a*" x)',
      'a: LIST "" (INBOX Sent) RETURN (CHILDREN STATUS (MESSAGES))',
      'a: LIST "" ()',
      'a: LIST (SUBSCRIBED) "" ""',
      'a: LIST "" "" RETURN (CHILDREN)',
      'a: LIST "" ""',
      'a: LIST (RECURSIVEMATCH) "" %',
      'a: LIST (REMOTE RECURSIVEMATCH) "" %',
      'a: LIST (BOGUS) "" %',
      'a: LIST "" % RETURN (BOGUS)',
      'a: LIST "" % RETURN (STATUS (BOGUS))',
      'a: LIST "" % RETURN',
    ]);
  });

  it('RECURSIVEMATCH: CHILDINFO on the nearest parent the patterns reach', async () => {
    await compare([
      'a: CREATE a/b/c',
      'a: CREATE x',
      'a: CREATE x/y',
      'a: CREATE plain',
      'a: SUBSCRIBE a/b/c',
      'a: SUBSCRIBE x/y',
      'a: SUBSCRIBE x',
      'a: LIST (SUBSCRIBED RECURSIVEMATCH) "" %',
      'a: LIST (SUBSCRIBED RECURSIVEMATCH) "" % RETURN (CHILDREN SPECIAL-USE)',
      'a: LIST (SUBSCRIBED RECURSIVEMATCH) "" % RETURN (STATUS (MESSAGES))',
      'a: LIST (SUBSCRIBED RECURSIVEMATCH) "" %/%',
      'a: LIST (SUBSCRIBED RECURSIVEMATCH) "" *',
      'a: LIST (SUBSCRIBED RECURSIVEMATCH) "" (% a/b/c)',
      'a: LIST (SUBSCRIBED RECURSIVEMATCH) "" (% a/b)',
      'a: LIST (SUBSCRIBED RECURSIVEMATCH) "" a*',
      'a: LIST (SUBSCRIBED RECURSIVEMATCH) "" a/%',
      'a: LIST (SUBSCRIBED RECURSIVEMATCH) "" a',
      'a: LIST (SUBSCRIBED RECURSIVEMATCH) "" %/%/%/%',
      'a: LIST (SPECIAL-USE RECURSIVEMATCH) "" %',
    ]);
  });

  it('CREATE a/b: a is \\Noselect; SELECT, STATUS, APPEND and DELETE of it; it stays after its children go', async () => {
    await compare([
      'a: CREATE a/b',
      'a: LIST "" *',
      'a: LIST "" %',
      'a: LSUB "" *',
      'a: SELECT a',
      'a: EXAMINE a',
      'a: STATUS a (MESSAGES)',
      append('a', 'a', 'into a level'),
      append('a', 'a/b', 'into its child'),
      'a: SELECT a/b',
      'a: COPY 1:* a',
      'a: UNSELECT',
      'a: DELETE a',
      'a: SUBSCRIBE a',
      'a: LSUB "" *',
      'a: LIST "" * RETURN (SUBSCRIBED CHILDREN)',
      'a: UNSUBSCRIBE a',
      'a: CREATE a/',
      'a: CREATE a',
      'a: LIST "" *',
      'a: SELECT a',
      'a: CLOSE',
      'a: DELETE a',
      'a: LIST "" *',
      'a: DELETE a/b',
      'a: LIST "" *',
      'a: LIST "" * RETURN (CHILDREN STATUS (MESSAGES))',
      'a: DELETE a',
      'a: LIST "" *',
      'a: DELETE a',
      'a: CREATE m/',
      'a: LIST "" * RETURN (CHILDREN)',
      'a: CREATE m/n',
      'a: LIST "" m*',
      'a: CREATE m',
      'a: LIST "" m*',
    ]);
  });

  it('RENAME to a deeper name and of a level; subscriptions outlive DELETE as \\NonExistent', async () => {
    await compare([
      'a: CREATE src',
      'a: RENAME src p/q/r',
      'a: LIST "" *',
      'a: CREATE p/q',
      'a: LIST "" * RETURN (CHILDREN)',
      'a: DELETE p',
      'a: RENAME p/q/r p2',
      'a: LIST "" *',
      'a: CREATE lv/deep/er',
      'a: RENAME lv moved',
      'a: LIST "" *',
      'a: CREATE gone',
      'a: SUBSCRIBE gone',
      'a: CREATE kept',
      'a: CREATE kept/child',
      'a: SUBSCRIBE kept',
      'a: SUBSCRIBE kept/child',
      'a: DELETE gone',
      'a: DELETE kept/child',
      'a: LSUB "" *',
      'a: LIST (SUBSCRIBED) "" *',
      'a: LIST (SUBSCRIBED) "" * RETURN (CHILDREN)',
      'a: LIST "" * RETURN (SUBSCRIBED)',
      'a: STATUS gone (MESSAGES)',
      'a: UNSUBSCRIBE gone',
      'a: LIST (SUBSCRIBED) "" *',
      'a: CREATE kept/child',
      'a: LIST (SUBSCRIBED) "" % RETURN (CHILDREN)',
      'a: LIST (SUBSCRIBED RECURSIVEMATCH) "" %',
    ]);
  });
});
