// Bounded fuzz (fixed seed, a few thousand inputs, loopback only): random and mutated command lines
// go into the pure parser and into live sessions. The parser only ever returns a command or a
// refusal; the server answers, logs no internal error, and keeps serving.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Sandbox } from '../server/app.ts';
import { parseCommand } from '../server/imap/parser.ts';
import { createLogger } from '../server/log.ts';
import { RawImap } from './helpers/imap.ts';
import { lineFuzzer } from './helpers/fuzz.ts';
import { sendMail, startSandbox } from './helpers/sandbox.ts';

const SEEDS = [
  'a LOGIN user pass',
  'a SELECT INBOX (CONDSTORE)',
  'a EXAMINE "Drafts"',
  'a FETCH 1:* (FLAGS UID ENVELOPE BODYSTRUCTURE)',
  'a UID FETCH 1:* (BODY.PEEK[1.HEADER.FIELDS (From To)]<0.100> RFC822.SIZE) (CHANGEDSINCE 1)',
  'a FETCH 2,4:* (BODY[TEXT] BODY[1.MIME] BINARY.PEEK[1])',
  'a SEARCH CHARSET UTF-8 OR FROM x (SUBJECT "y z" UNSEEN) NOT SINCE 1-Feb-1994',
  'a UID SEARCH HEADER X-A {3+}\r\nabc LARGER 10 UID 1:* MODSEQ 5',
  'a STORE 1:2 +FLAGS.SILENT (\\Seen $Work)',
  'a UID STORE 1:* (UNCHANGEDSINCE 99) -FLAGS (\\Deleted)',
  'a COPY 1 Trash',
  'a UID MOVE 1:3 Archive',
  'a APPEND Drafts (\\Draft) "05-Jan-2024 10:20:30 +0100" {12+}\r\nSubject: x\r\n',
  'a APPEND INBOX {3+}\r\nA\r\n (\\Seen) ~{3+}\r\nB\x00C UTF8 (~{1+}\r\nD)',
  'a ENABLE UTF8=ACCEPT QRESYNC',
  'a FETCH 1:* (BINARY[] BINARY.SIZE[1.2] BINARY.PEEK[2]<1.5>)',
  'a LIST (SPECIAL-USE) "" ("*" %) RETURN (CHILDREN)',
  'a STATUS INBOX (MESSAGES UIDNEXT UNSEEN HIGHESTMODSEQ)',
  'a CREATE "Fuzz/Box"',
  'a RENAME Fuzz/Box Fuzz/Other',
  'a ID ("name" "fuzz" "x" NIL)',
  'a ENABLE CONDSTORE',
  'a AUTHENTICATE PLAIN AGEAYg==',
  'a UID EXPUNGE 1:2',
  'a NOOP',
  'a CHECK',
  'a NAMESPACE',
];

const ALPHABET = ' ()[]<>{}"\\*%:,.+-~0123456789abcXYZ\r\n\x00\xff';

const generator = (seed: number) =>
  lineFuzzer({ seed, seeds: SEEDS, alphabet: ALPHABET, edits: { min: 1, spread: 4 }, splice: (line) => line.slice(2) });

describe('IMAP fuzz', () => {
  it('the parser returns a command or a refusal for 5000 random and mutated lines', () => {
    const gen = generator(20_261_124);
    let refused = 0;
    for (let i = 0; i < 5000; i++) {
      const result = parseCommand(Buffer.from(gen.line(), 'latin1'));
      if ('error' in result) {
        refused++;
        expect(['BAD', 'NO']).toContain(result.error.kind);
      }
    }
    expect(refused).toBeGreaterThan(1000);
  });

  describe('live sessions', () => {
    let sandbox: Sandbox;
    const errors: string[] = [];
    beforeAll(async () => {
      const logger = createLogger('json', 'error', (line) => errors.push(line));
      sandbox = await startSandbox({ pop3Port: null, httpPort: null, maxMessageSize: 10_000, logger });
      for (let i = 0; i < 5; i++) await sendMail(sandbox, { subject: `fuzz ${i}`, text: 'body' });
    });
    afterAll(() => sandbox.close());

    it('answer 3000 mutated lines (BAD where malformed), log no internal error and keep serving', async () => {
      const gen = generator(7);
      let bad = 0;
      for (let session = 0; session < 6; session++) {
        const client = await RawImap.connect(sandbox);
        await client.command('LOGIN fuzz x');
        await client.command('SELECT INBOX');
        for (let batch = 0; batch < 10; batch++) {
          for (let i = 0; i < 50; i++) client.write(Buffer.from(gen.line().replace(/LOGOUT/gi, 'NOOP') + '\r\n', 'latin1'));
          // Ends whatever the batch left open: a literal being read, IDLE, an AUTHENTICATE exchange.
          client.write(`${'x'.repeat(70 * 1024)}\r\nDONE\r\nsync${batch} NOOP\r\n`);
          const lines = await client.waitFor((line) => line.startsWith(`sync${batch} `), 10_000);
          expect(lines.at(-1)).toMatch(new RegExp(`^sync${batch} OK`));
          bad += lines.filter((line) => / BAD /.test(line)).length;
        }
        client.close();
      }
      expect(bad).toBeGreaterThan(500);
      expect(errors).toEqual([]);
      const after = await RawImap.connect(sandbox);
      expect((await after.command('LOGIN fine x')).at(-1)).toMatch(/OK/);
      after.close();
    });

    it('keeps serving when commands that run in slices meet fuzz, pipelining and dropped connections', async () => {
      // Enough mail that FETCH 1:* and SEARCH BODY take many turns of the event loop.
      const raw = Buffer.from(`Subject: bulk\r\n\r\n${'filler text '.repeat(300)}\r\n`);
      for (let i = 0; i < 3000; i++) sandbox.store.add(raw, { mailFrom: '', rcptTo: ['bulk@example.com'] });
      const gen = generator(11);
      const sliced = ['FETCH 1:* (UID FLAGS ENVELOPE)', 'UID SEARCH BODY needle', 'FETCH 1:* (BODY.PEEK[TEXT]<0.20>)', 'SEARCH TEXT "filler"'];
      await Promise.all(
        Array.from({ length: 4 }, async (_, k) => {
          for (let round = 0; round < 5; round++) {
            const client = await RawImap.connect(sandbox);
            await client.command('LOGIN fuzz x');
            await client.command('SELECT INBOX');
            for (let i = 0; i < 20; i++) {
              client.write(`s${i} ${sliced[(i + k) % sliced.length]}\r\n`);
              client.write(Buffer.from(gen.line().replace(/LOGOUT/gi, 'NOOP') + '\r\n', 'latin1'));
            }
            // Every other round hangs up in the middle of it all; the others must finish in order.
            if (round % 2) {
              client.close();
              continue;
            }
            client.write(`${'x'.repeat(70 * 1024)}\r\nDONE\r\nsync NOOP\r\n`);
            const lines = await client.waitFor((line) => line.startsWith('sync '), 20_000);
            expect(lines.at(-1)).toMatch(/^sync OK/);
            const tagged = lines.filter((line) => /^s\d+ OK/.test(line)).map((line) => Number(line.slice(1, line.indexOf(' '))));
            expect(tagged).toEqual([...tagged].sort((a, b) => a - b));
            client.close();
          }
        }),
      );
      expect(errors).toEqual([]);
      const after = await RawImap.connect(sandbox);
      await after.command('LOGIN fine x');
      expect((await after.command('SELECT INBOX')).some((line) => / EXISTS$/.test(line))).toBe(true);
      after.close();
    });
  });
});
