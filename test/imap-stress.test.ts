// A short run of the IMAP stress (bench/stress-sessions.ts; `npm run bench:imap-stress` runs it for
// 30 s against mailsandbox and Dovecot): 10 sessions on 50 messages, every reply checked. Also the
// checker itself, on replies it must reject.
import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Sandbox } from '../server/app.ts';
import { generateCorpus } from '../bench/corpus.ts';
import { DOVECOT_BINARY, startDovecot } from '../bench/dovecot.ts';
import { SessionChecker } from '../bench/stress-check.ts';
import { runStress } from '../bench/stress-sessions.ts';
import { startSandbox } from './helpers/sandbox.ts';

// 49 generated messages of about 10 KB and one of about 1 MB.
const corpus = generateCorpus(49);

describe('IMAP under stress: 10 sessions, 50 messages', () => {
  let sandbox: Sandbox;
  beforeAll(async () => {
    sandbox = await startSandbox({ smtpPort: null, httpPort: null, pop3Port: null });
    corpus.messages.forEach((raw, i) => sandbox.store.add(raw, corpus.envelopes[i]));
  });
  afterAll(() => sandbox.close());

  it('never sends a session an EXPUNGE or FETCH beyond its count, an unannounced keyword, or flags against its STORE', async () => {
    const result = await runStress({ port: sandbox.imap!.port, sessions: 10, durationMs: 25_000, seed: 1, maxCommands: 1500 });
    expect(result.violation).toBeNull();
    // A count, not a rate: the time bound is only a backstop for a machine under load.
    expect(result.commands).toBeGreaterThanOrEqual(1500);
  });

  // Dovecot's processes race: another session's STORE may land between a STORE and its reply, so
  // there STORE disagreements are only counted (the bench reports them).
  const haveDovecot = existsSync(DOVECOT_BINARY);
  it.skipIf(!haveDovecot)(`the same checker finds no protocol fault in Dovecot${haveDovecot ? '' : ` (skipped: ${DOVECOT_BINARY} is not installed)`}`, async () => {
    const dovecot = await startDovecot(corpus);
    try {
      const result = await runStress({ port: dovecot.imapPort, sessions: 10, durationMs: 25_000, seed: 1, maxCommands: 300, strictStore: false });
      expect(result.violation).toBeNull();
      expect(result.commands).toBeGreaterThanOrEqual(300);
    } finally {
      await dovecot.stop();
    }
  });
});

describe('the stress checker', () => {
  const selected = (count: number, flags = '\\Seen \\Deleted') => {
    const checker = new SessionChecker();
    expect(checker.check('SELECT INBOX', [`* FLAGS (${flags})`, `* ${count} EXISTS`])).toBeNull();
    return checker;
  };

  it('rejects an EXPUNGE or FETCH beyond the known count, and a shrinking EXISTS', () => {
    expect(selected(3).check('NOOP', ['* 3 EXPUNGE', '* 3 EXPUNGE'])?.text).toMatch(/EXPUNGE 3 beyond the 2 known/);
    expect(selected(3).check('NOOP', ['* 4 FETCH (FLAGS ())'])?.text).toMatch(/FETCH 4 beyond/);
    expect(selected(3).check('NOOP', ['* 2 EXISTS'])?.text).toMatch(/EXISTS 2 below/);
    expect(selected(3).check('NOOP', ['* 1 EXPUNGE', '* 2 FETCH (FLAGS (\\Seen))', '* 3 EXISTS'])).toBeNull();
  });

  it('rejects a keyword before FLAGS named it, and a system flag not spelled as the RFC does', () => {
    expect(selected(2).check('FETCH 1 (FLAGS)', ['* 1 FETCH (FLAGS (Work))'])?.text).toMatch(/keyword Work before/);
    expect(selected(2).check('FETCH 1 (FLAGS)', ['* FLAGS (\\Seen work)', '* 1 FETCH (FLAGS (Work))'])).toBeNull();
    expect(selected(2).check('FETCH 1 (FLAGS)', ['* 1 FETCH (FLAGS (\\seen))'])?.text).toMatch(/spelled \\seen/);
  });

  it("rejects a STORE reply that disagrees with the STORE, and anything after LOGOUT's BYE", () => {
    const store = { mode: 'add' as const, flags: ['\\flagged'], from: 1, to: 2 };
    expect(selected(2).check('STORE', ['* 1 FETCH (FLAGS (\\Seen))'], store)?.text).toMatch(/answered FLAGS/);
    expect(selected(2).check('STORE', ['* 1 FETCH (FLAGS (\\Flagged \\Recent))'], store)).toBeNull();
    expect(selected(2).check('STORE', ['* 1 FETCH (FLAGS (\\Seen))'], { mode: 'replace', flags: [], from: 1, to: 1 })?.text).toMatch(/answered/);
    expect(selected(2).check('STORE', ['* 1 FETCH (FLAGS (\\Recent))'], { mode: 'replace', flags: [], from: 1, to: 1 })).toBeNull();
    expect(selected(2).check('LOGOUT', ['* BYE bye', '* 1 EXPUNGE'])?.text).toMatch(/after BYE/);
  });
});
