// \Recent (RFC 3501 2.3.2): the first session to learn of a message, by SELECT or by EXISTS, sees it
// \Recent; no other session does. EXAMINE shows it without taking it. mutt, for one, tells "new"
// from "old" unread mail by it.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Sandbox } from '../server/app.ts';
import { RawImap } from './helpers/imap.ts';
import { sendMail, startSandbox } from './helpers/sandbox.ts';

describe('IMAP \\Recent', () => {
  let sandbox: Sandbox;
  const open: RawImap[] = [];
  const login = async (user = 'tester') => {
    const client = await RawImap.connect(sandbox);
    open.push(client);
    expect((await client.command(`LOGIN ${user} x`)).at(-1)).toMatch(/OK/);
    return client;
  };
  const recentCount = (lines: string[]) => lines.find((line) => / RECENT$/.test(line));
  const flagsOf = async (client: RawImap) => (await client.command('FETCH 1:* (FLAGS)')).slice(0, -1);

  beforeAll(async () => {
    sandbox = await startSandbox({ pop3Port: null, httpPort: null });
  });
  afterAll(() => sandbox.close());
  beforeEach(async () => {
    sandbox.store.clear();
    await sendMail(sandbox, { subject: 'one' });
    await sendMail(sandbox, { subject: 'two' });
  });
  afterEach(() => {
    for (const client of open.splice(0)) client.close();
  });

  it('goes to the first session that selects; EXAMINE and STATUS look without taking it', async () => {
    const looker = await login();
    expect(recentCount(await looker.command('EXAMINE INBOX'))).toBe('* 2 RECENT');
    expect(await flagsOf(looker)).toEqual(['* 1 FETCH (FLAGS (\\Recent))', '* 2 FETCH (FLAGS (\\Recent))']);
    expect((await looker.command('STATUS INBOX (MESSAGES RECENT)'))[0]).toBe('* STATUS "INBOX" (MESSAGES 2 RECENT 2)');

    const first = await login();
    expect(recentCount(await first.command('SELECT INBOX'))).toBe('* 2 RECENT');
    expect((await first.command('SEARCH RECENT'))[0]).toBe('* SEARCH 1 2');

    const second = await login();
    expect(recentCount(await second.command('SELECT INBOX'))).toBe('* 0 RECENT');
    expect(await flagsOf(second)).toEqual(['* 1 FETCH (FLAGS ())', '* 2 FETCH (FLAGS ())']);
    expect((await second.command('SEARCH OLD'))[0]).toBe('* SEARCH 1 2');
    expect((await second.command('STATUS INBOX (RECENT)'))[0]).toBe('* STATUS "INBOX" (RECENT 0)');
  });

  it('comes with EXISTS to whichever session hears of new mail first', async () => {
    const a = await login();
    const b = await login();
    await a.command('SELECT INBOX');
    await b.command('SELECT INBOX');
    await sendMail(sandbox, { subject: 'three' });
    const heardByA = await a.command('NOOP');
    expect(heardByA.slice(0, 2)).toEqual(['* 3 EXISTS', '* 3 RECENT']);
    // b's count stays 0, so, as Dovecot, no RECENT follows its EXISTS.
    expect((await b.command('NOOP')).slice(0, -1)).toEqual(['* 3 EXISTS']);
    expect((await a.command('FETCH 3 (FLAGS)'))[0]).toBe('* 3 FETCH (FLAGS (\\Recent))');
    expect((await b.command('FETCH 3 (FLAGS)'))[0]).toBe('* 3 FETCH (FLAGS ())');
  });

  it('NEW is recent and unseen; clients cannot set or clear it; an expunge takes it along', async () => {
    const a = await login();
    await a.command('SELECT INBOX');
    expect((await a.command('STORE 1 +FLAGS (\\Seen \\Recent)'))[0]).toBe('* 1 FETCH (FLAGS (\\Seen \\Recent))');
    expect((await a.command('STORE 2 -FLAGS (\\Recent)'))[0]).toBe('* 2 FETCH (FLAGS (\\Recent))');
    expect((await a.command('SEARCH NEW'))[0]).toBe('* SEARCH 2');
    expect((await a.command('SEARCH OLD'))[0]).toBe('* SEARCH');
    expect([...sandbox.store.folderMessages('INBOX')[0].flags]).toEqual(['\\Seen']);

    await a.command('STORE 1 +FLAGS.SILENT (\\Deleted)');
    expect((await a.command('EXPUNGE'))[0]).toBe('* 1 EXPUNGE');
    expect((await a.command('SEARCH RECENT'))[0]).toBe('* SEARCH 1');
  });

  it('an address login has a mailbox of its own, so its mail is new to it even after a catch-all session saw it', async () => {
    await sendMail(sandbox, { to: 'alice@example.com', subject: 'for alice' });
    const all = await login();
    expect(recentCount(await all.command('SELECT INBOX'))).toBe('* 3 RECENT');
    const alice = await login('alice@example.com');
    expect(recentCount(await alice.command('SELECT INBOX'))).toBe('* 1 RECENT');
    const again = await login('alice@example.com');
    expect(recentCount(await again.command('SELECT INBOX'))).toBe('* 0 RECENT');
  });
});
