// SEARCHRES (RFC 5182) and CONTEXT=SEARCH (RFC 5267) where they meet the session's machinery rather
// than Dovecot's transcript (test/imap-differential-search.test.ts has that): commands pipelined
// behind a SEARCH RETURN (SAVE) that runs in slices see the saved result (RFC 5182 2.2: they run in
// order), a message another session expunged, still numbered here, stays in FETCH $ but not in
// SEARCH $ (see docs/imap.md), and the bound on searches kept updated.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Sandbox } from '../server/app.ts';
import { RawImap } from './helpers/imap.ts';
import { startSandbox } from './helpers/sandbox.ts';

const envelope = { mailFrom: 'bulk@example.com', rcptTo: ['tester@example.com'] };

describe('SEARCHRES in a live session', () => {
  let sandbox: Sandbox;
  beforeEach(async () => {
    sandbox = await startSandbox({ pop3Port: null, httpPort: null, smtpPort: null });
  });
  afterEach(() => sandbox.close());

  it('runs FETCH $ and STORE $ pipelined behind a long SEARCH RETURN (SAVE) on its result', async () => {
    const wanted: number[] = [];
    for (let i = 0; i < 3000; i++) {
      const body = i % 7 === 3 ? `the needle is here, number ${i}` : `nothing to see, number ${i}`;
      const { id } = sandbox.store.add(Buffer.from(`Subject: bulk ${i}\r\n\r\n${body}\r\n`), envelope);
      if (i % 7 === 3) wanted.push(id);
    }
    const client = await RawImap.connect(sandbox);
    await client.command('LOGIN tester x');
    await client.command('SELECT INBOX');
    // One write: the FETCH and the STORE arrive while the SEARCH (body text of 3000 messages) is still running.
    client.write('s1 SEARCH RETURN (SAVE) BODY needle\r\ns2 UID FETCH $ (UID)\r\ns3 STORE $ +FLAGS.SILENT (\\Flagged)\r\n');
    const lines = await client.waitFor((line) => line.startsWith('s3 '), 20_000);
    expect(lines.filter((line) => /^s\d /.test(line)).map((line) => line.slice(0, 5))).toEqual(['s1 OK', 's2 OK', 's3 OK']);
    const fetched = lines.flatMap((line) => /^\* \d+ FETCH \(UID (\d+)\)$/.exec(line)?.[1] ?? []).map(Number);
    expect(fetched).toEqual(wanted);
    expect(lines.some((line) => line.startsWith('* ESEARCH'))).toBe(false);
    const flagged = sandbox.store.folderMessages('INBOX').filter((m) => m.flags.has('\\Flagged')).map((m) => m.id);
    expect(flagged).toEqual(wanted);
    client.close();
  });

  it('keeps a message another session expunged in FETCH $ until it hears of the expunge, never in SEARCH $', async () => {
    const ids = Array.from({ length: 4 }, (_, i) => sandbox.store.add(Buffer.from(`Subject: m${i}\r\n\r\nbody\r\n`), envelope).id);
    const [a, b] = [await RawImap.connect(sandbox), await RawImap.connect(sandbox)];
    for (const client of [a, b]) {
      await client.command('LOGIN tester x');
      await client.command('SELECT INBOX');
    }
    await a.command('SEARCH RETURN (SAVE) 2:4');
    await b.command('STORE 3 +FLAGS.SILENT (\\Deleted)');
    await b.command('EXPUNGE');
    expect((await a.command('FETCH $ (UID)')).filter((line) => line.includes('FETCH (UID'))).toEqual(
      [2, 3, 4].map((seq) => `* ${seq} FETCH (UID ${ids[seq - 1]})`),
    );
    expect(await a.command('SEARCH $')).toContainEqual('* SEARCH 2 4');
    const told = await a.command('NOOP');
    expect(told).toContain('* 3 EXPUNGE');
    expect((await a.command('UID FETCH $ (UID)')).filter((line) => line.includes('FETCH (UID'))).toEqual([`* 2 FETCH (UID ${ids[1]})`, `* 3 FETCH (UID ${ids[3]})`]);
    expect(await a.command('SEARCH $')).toContainEqual('* SEARCH 2 3');
    a.close();
    b.close();
  });

  it('works the same once IMAP4rev2 is enabled, which has SAVE and $ in its base (RFC 9051 6.4.4.1)', async () => {
    const ids = Array.from({ length: 3 }, (_, i) => sandbox.store.add(Buffer.from(`Subject: m${i}\r\n\r\nbody\r\n`), envelope).id);
    const client = await RawImap.connect(sandbox);
    await client.command('LOGIN tester x');
    await client.command('ENABLE IMAP4rev2');
    await client.command('SELECT INBOX');
    const saved = await client.command('UID SEARCH RETURN (SAVE) 2:3');
    expect(saved.filter((line) => line.startsWith('*'))).toEqual([]);
    expect(await client.command('SEARCH $')).toContainEqual(expect.stringMatching(/^\* ESEARCH \(TAG "t\d+"\) ALL 2:3$/));
    expect((await client.command('FETCH $ (UID FLAGS)')).filter((line) => line.startsWith('*'))).toEqual([
      `* 2 FETCH (UID ${ids[1]} FLAGS ())`,
      `* 3 FETCH (UID ${ids[2]} FLAGS ())`,
    ]);
    client.close();
  });

  it('keeps at most 10 searches updated, refusing more with NOUPDATE until one is cancelled', async () => {
    sandbox.store.add(Buffer.from('Subject: one\r\n\r\nbody\r\n'), envelope);
    const client = await RawImap.connect(sandbox);
    await client.command('LOGIN tester x');
    await client.command('SELECT INBOX');
    for (let i = 1; i <= 10; i++) expect((await client.command('SEARCH RETURN (UPDATE) UNFLAGGED')).join('\n')).not.toContain('NOUPDATE');
    // RawImap's tags: t1 LOGIN, t2 SELECT, t3..t12 the ten searches.
    const refused = await client.command('SEARCH RETURN (UPDATE COUNT) UNFLAGGED');
    expect(refused).toContainEqual(expect.stringMatching(/^\* ESEARCH \(TAG "t13"\) COUNT 1$/));
    expect(refused).toContainEqual(expect.stringMatching(/^\* NO \[NOUPDATE "t13"\]/));
    expect((await client.command('CANCELUPDATE "t13"')).at(-1)).toMatch(/^t14 NO/);
    expect((await client.command('CANCELUPDATE "t3"')).at(-1)).toMatch(/^t15 OK/);
    expect((await client.command('SEARCH RETURN (UPDATE) FLAGGED')).join('\n')).not.toContain('NOUPDATE');
    // The nine left and the new one all hear of the change.
    const stored = await client.command('STORE 1 +FLAGS (\\Flagged)');
    expect(stored.filter((line) => /^\* ESEARCH \(TAG "t\d+"\) REMOVEFROM \(0 1\)$/.test(line))).toHaveLength(9);
    expect(stored).toContainEqual('* ESEARCH (TAG "t16") ADDTO (0 1)');
    client.close();
  });
});
