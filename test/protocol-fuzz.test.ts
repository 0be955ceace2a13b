// Bounded fuzz across the protocols (fixed seeds, loopback only): 100,000 random and mutated lines
// into SMTP, IMAP and POP3 sessions and mutated MIME into the mail parsers, while a well-behaved
// client is served on every protocol. `npm run bench:fuzz` runs the 10^6-line version.
import { readFileSync, readdirSync } from 'node:fs';
import { ImapFlow } from 'imapflow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Sandbox } from '../server/app.ts';
import { toDetail, toSummary } from '../server/http/present.ts';
import { createLogger } from '../server/log.ts';
import { readHeaderMeta } from '../server/mail/headers.ts';
import { parseBody } from '../server/mail/parse.ts';
import { mimeProblems } from '../server/mail/problems.ts';
import { snippetOf } from '../server/mail/snippet.ts';
import { bodyText } from '../server/mail/text.ts';
import { MessageStore } from '../server/store/index.ts';
import { seededRandom } from './helpers/fuzz.ts';
import { LineSocket } from './helpers/line-socket.ts';
import { FUZZ_LOGIN, fuzzSessions, type FuzzProtocol } from './helpers/protocol-fuzz.ts';
import { sendMail, startSandbox, uidOf } from './helpers/sandbox.ts';

const LINES: Record<FuzzProtocol, number> = { smtp: 20_000, imap: 55_000, pop3: 25_000 };

describe('protocol fuzz', () => {
  let sandbox: Sandbox;
  const errors: string[] = [];
  beforeAll(async () => {
    const logger = createLogger('json', 'error', (line) => errors.push(line));
    // Logins are checked, so only the fuzz login's own mail is within the fuzz's reach.
    const users = [FUZZ_LOGIN, { user: 'normal', password: 'not-fuzzed' }];
    sandbox = await startSandbox({ maxMessageSize: 10_000, maxMessages: 500, logger, mailAuth: 'required', users });
    for (let i = 0; i < 5; i++) await sendMail(sandbox, { subject: `fuzz ${i}`, text: '.dot\nline\n', to: FUZZ_LOGIN.user });
  });
  afterAll(() => sandbox.close());

  it('survives 100,000 fuzz lines with the protocols’ refusals, while a normal client is served', async () => {
    let fuzzing = true;
    const served = (async () => {
      let rounds = 0;
      while (fuzzing || rounds < 1) {
        const id = await sendMail(sandbox, { subject: `normal ${rounds}`, text: 'served' });
        const imap = new ImapFlow({ host: '127.0.0.1', port: sandbox.imap!.port, secure: false, auth: { user: 'normal', pass: 'not-fuzzed' }, logger: false });
        await imap.connect();
        await imap.mailboxOpen('INBOX');
        const message = await imap.fetchOne(String(uidOf(sandbox, id)), { envelope: true }, { uid: true });
        expect(message && message.envelope?.subject).toBe(`normal ${rounds}`);
        await imap.logout();
        const pop3 = await LineSocket.open(sandbox.pop3!.port);
        pop3.write('USER normal\r\nPASS not-fuzzed\r\nSTAT\r\nQUIT\r\n');
        await pop3.waitFor(/^\+OK mailsandbox POP3 signing off/, 10_000);
        pop3.close();
        rounds++;
      }
      return rounds;
    })();
    const tallies = await Promise.all((['smtp', 'imap', 'pop3'] as const).map((protocol, i) => fuzzSessions(protocol, sandbox[protocol]!.port, LINES[protocol], 20_261_201 + i)));
    fuzzing = false;
    expect(await served).toBeGreaterThan(0);
    const total = tallies.reduce((sum, t) => sum + t.lines, 0);
    expect(total).toBeGreaterThanOrEqual(100_000);
    for (const tally of tallies) {
      expect(tally.internalErrors).toBe(0);
      // Answered, not merely sent: most lines got a reply (the rest sat inside DATA, a literal or IDLE).
      expect(tally.replies).toBeGreaterThan(tally.lines * 0.7);
      expect(tally.refusals).toBeGreaterThan(tally.lines / 20);
    }
    expect(errors).toEqual([]);
  }, 120_000);
});

describe('MIME fuzz', () => {
  const fixtures = readdirSync(new URL('./fixtures/', import.meta.url))
    .filter((name) => name.endsWith('.eml'))
    .map((name) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url)));
  const PIECES = ['\r\n', '\n', '--', 'boundary=', 'Content-Type: multipart/mixed; boundary=b\r\n', 'Content-Transfer-Encoding: base64\r\n', '=?UTF-8?Q?', '?=', '=\r\n', '=F', '"', ';', '<', '@', '\xff', '\0'].map((p) => Buffer.from(p, 'latin1'));

  function mutated(random: () => number): Buffer {
    let bytes = fixtures[Math.floor(random() * fixtures.length)];
    const edits = 1 + Math.floor(random() * 6);
    for (let i = 0; i < edits; i++) {
      const at = Math.floor(random() * (bytes.length + 1));
      const kind = random();
      if (kind < 0.4) bytes = Buffer.concat([bytes.subarray(0, at), PIECES[Math.floor(random() * PIECES.length)], bytes.subarray(at)]);
      else if (kind < 0.7) bytes = Buffer.concat([bytes.subarray(0, at), bytes.subarray(Math.min(bytes.length, at + Math.floor(random() * 200)))]);
      else if (kind < 0.85) bytes = bytes.subarray(0, at);
      else bytes = Buffer.concat([bytes.subarray(0, at), Buffer.from([Math.floor(random() * 256)]), bytes.subarray(at)]);
    }
    return Buffer.from(bytes);
  }

  it('the parsers take 3000 mutated messages without throwing, and the API shapes are built for each', async () => {
    const random = seededRandom(424_242);
    const store = new MessageStore({ maxMessages: 100, maxBytes: 1e8 });
    for (let i = 0; i < 3000; i++) {
      const raw = mutated(random);
      const message = store.add(raw, { mailFrom: 'a@example.com', rcptTo: ['b@example.com'] });
      expect(typeof snippetOf(raw)).toBe('string');
      readHeaderMeta(raw);
      mimeProblems(raw);
      bodyText(raw);
      expect(toSummary(message).id).toBe(message.id);
      // mailparser is slower: every tenth message goes through it, as the detail view would.
      if (i % 10 === 0) {
        await parseBody(raw);
        expect((await toDetail(message)).id).toBe(message.id);
      }
    }
  });
});
