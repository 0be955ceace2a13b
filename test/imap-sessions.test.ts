// Two sessions (and the REST API) changing one mailbox: each session hears of the others' changes
// at the points RFC 3501 allows, with sequence numbers that stay right.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Sandbox } from '../server/app.ts';
import type { MessageList } from '../server/types.ts';
import { RawImap } from './helpers/imap.ts';
import { api, byUid, sendMail, startSandbox } from './helpers/sandbox.ts';

describe('IMAP sessions side by side', () => {
  let sandbox: Sandbox;
  const open: RawImap[] = [];
  // The first session to SELECT after mail arrives is the one that sees it \Recent (RFC 3501 2.3.2).
  const session = async (user = 'tester', mailbox = 'INBOX') => {
    const client = await RawImap.connect(sandbox);
    open.push(client);
    expect((await client.command(`LOGIN ${user} x`)).at(-1)).toMatch(/OK/);
    expect((await client.command(`SELECT ${mailbox}`)).at(-1)).toMatch(/OK \[READ-WRITE\]/);
    return client;
  };

  beforeAll(async () => {
    sandbox = await startSandbox({ pop3Port: null });
  });
  afterAll(() => sandbox.close());
  beforeEach(async () => {
    sandbox.store.clear();
    for (const subject of ['one', 'two', 'three', 'four']) await sendMail(sandbox, { subject });
  });
  afterEach(() => {
    for (const client of open.splice(0)) client.close();
  });

  /** Thousands of messages: SEARCH BODY or FETCH over all of them takes many slices of the event loop. */
  const addBulk = () => {
    const filler = 'Some quoted=2Dprintable text that has to be decoded before it can be searched. '.repeat(40);
    for (let i = 0; i < 4000; i++) {
      const body = filler + (i % 1000 === 0 ? 'needle' : 'hay');
      const raw = `Subject: bulk ${i}\r\nContent-Type: text/plain\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n${body}\r\n`;
      sandbox.store.add(Buffer.from(raw), { mailFrom: 'bulk@example.com', rcptTo: ['tester@example.com'] });
    }
  };

  it('answers other sessions while a long SEARCH runs, and keeps its own replies in order', async () => {
    addBulk();
    const a = await session();
    const b = await session();
    a.write('s1 SEARCH BODY needle\r\ns2 NOOP\r\n');
    expect((await b.command('NOOP')).at(-1)).toMatch(/OK/);
    expect(a.lines.some((line) => line.startsWith('s1 '))).toBe(false);

    const replies = await a.waitFor((line) => line.startsWith('s2 '), 20_000);
    expect(replies.filter((line) => /^s\d /.test(line)).map((line) => line.slice(0, 5))).toEqual(['s1 OK', 's2 OK']);
    // Four messages come from beforeEach, so bulk i has sequence number i + 5.
    expect(replies.find((line) => line.startsWith('* SEARCH'))).toBe('* SEARCH 5 1005 2005 3005');
  });

  it('answers other sessions while a long SORT or THREAD runs', async () => {
    addBulk();
    const a = await session();
    const b = await session();
    a.write('s1 SORT (REVERSE SUBJECT) UTF-8 ALL\r\ns2 THREAD ORDEREDSUBJECT UTF-8 ALL\r\ns3 NOOP\r\n');
    expect((await b.command('NOOP')).at(-1)).toMatch(/OK/);
    expect(a.lines.some((line) => line.startsWith('s1 '))).toBe(false);
    const replies = await a.waitFor((line) => line.startsWith('s3 '), 30_000);
    expect(replies.filter((line) => /^s\d /.test(line)).map((line) => line.slice(0, 5))).toEqual(['s1 OK', 's2 OK', 's3 OK']);
    const sorted = replies.find((line) => line.startsWith('* SORT '))!.split(' ').slice(2).map(Number);
    expect(sorted).toHaveLength(4004);
    // Subjects compare as strings: in reverse, "two" (message 2) comes before "three", "one", "four" and every "bulk N".
    expect(sorted[0]).toBe(2);
    expect(replies.find((line) => line.startsWith('* THREAD '))).toMatch(/^\* THREAD \(1\)\(2\)\(3\)\(4\)\(5\)/);
  });

  it('answers other sessions while a long FETCH runs, which holds back an expunge made meanwhile', async () => {
    addBulk();
    const a = await session();
    const b = await session();
    // A short reply, so the socket never pushes back: only slicing lets b in before f2.
    a.write('f1 FETCH 1:* (UID)\r\nf2 NOOP\r\n');
    b.write('b1 STORE 2 +FLAGS.SILENT (\\Deleted)\r\nb2 EXPUNGE\r\n');
    expect((await b.waitFor((line) => line.startsWith('b2 '))).at(-2)).toBe('* 2 EXPUNGE');

    const replies = await a.waitFor((line) => line.startsWith('f2 '), 20_000);
    const fetched = replies.filter((line) => / FETCH \(UID \d+\)$/.test(line));
    expect(fetched.map((line) => Number(line.split(' ')[1]))).toEqual(Array.from({ length: 4004 }, (_, i) => i + 1));
    // The expunge waits for the FETCH to end: it comes with the NOOP, before its tagged reply.
    expect(replies.slice(-3)).toEqual(['* 2 EXPUNGE', '* 4003 RECENT', expect.stringMatching(/^f2 OK/)]);
    expect(replies.filter((line) => /^f\d /.test(line)).map((line) => line.slice(0, 5))).toEqual(['f1 OK', 'f2 OK']);
  });

  it('holds an expunge back during FETCH, STORE and SEARCH and reports it at NOOP', async () => {
    const a = await session();
    const b = await session();
    await b.command('STORE 2 +FLAGS.SILENT (\\Deleted)');
    expect((await b.command('EXPUNGE')).slice(0, -1)).toEqual(['* 2 EXPUNGE']);

    const fetch = await a.command('FETCH 1:* (UID)');
    expect(fetch.some((line) => line.includes('EXPUNGE'))).toBe(false);
    expect(fetch.filter((line) => / FETCH \(UID \d+\)$/.test(line))).toHaveLength(4);
    const store = await a.command('STORE 4 +FLAGS (\\Flagged)');
    expect(store.some((line) => line.includes('EXPUNGE'))).toBe(false);
    expect(store[0]).toMatch(/^\* 4 FETCH \(FLAGS \(\\Flagged \\Recent\)\)/);
    // The held message keeps its number but is gone: SEARCH does not report it.
    const search = await a.command('SEARCH ALL');
    expect(search[0]).toBe('* SEARCH 1 3 4');

    const noop = await a.command('NOOP');
    expect(noop.slice(0, -1)).toEqual(['* 2 EXPUNGE', '* 3 RECENT']);
    expect((await a.command('FETCH 3 (FLAGS)'))[0]).toMatch(/^\* 3 FETCH \(FLAGS \(\\Flagged \\Recent\)\)/);
  });

  it('UID FETCH may report the expunge at once, before its tagged reply', async () => {
    const a = await session();
    const b = await session();
    await b.command('STORE 1 +FLAGS.SILENT (\\Deleted)');
    await b.command('EXPUNGE');
    const lines = await a.command('UID FETCH 1:* (FLAGS)');
    expect(lines.slice(-3, -1)).toEqual(['* 1 EXPUNGE', '* 3 RECENT']);
  });

  it('reports new mail as EXISTS and another session\'s flag change as FETCH FLAGS', async () => {
    const a = await session();
    const b = await session();
    await b.command('STORE 3 +FLAGS.SILENT (\\Seen)');
    await sendMail(sandbox, { subject: 'five' });
    const lines = await a.command('NOOP');
    expect(lines).toContain('* 5 EXISTS');
    expect(lines).toContain('* 5 RECENT');
    expect(lines).toContain('* 3 FETCH (FLAGS (\\Seen \\Recent))');
    const heardByB = await b.command('NOOP');
    expect(heardByB).toContain('* 5 EXISTS');
    expect(heardByB.some((line) => line.endsWith(' RECENT'))).toBe(false);
  });

  it('IDLE pushes another session\'s expunge and flag change and SMTP arrivals as they happen', async () => {
    const a = await session();
    const b = await session();
    a.write('idle1 IDLE\r\n');
    await a.waitFor((line) => line.startsWith('+ '));
    await b.command('STORE 1 +FLAGS (\\Flagged)');
    await a.waitFor((line) => line === '* 1 FETCH (FLAGS (\\Flagged \\Recent))');
    await b.command('STORE 2 +FLAGS.SILENT (\\Deleted)');
    await b.command('EXPUNGE');
    await a.waitFor((line) => line === '* 2 EXPUNGE');
    await sendMail(sandbox, { subject: 'five' });
    await a.waitFor((line) => line === '* 4 EXISTS');
    a.write('DONE\r\n');
    expect((await a.waitFor((line) => line.startsWith('idle1 '))).at(-1)).toBe('idle1 OK IDLE terminated');
  });

  it('a REST PATCH {seen: true} reaches an IDLE session as FETCH FLAGS', async () => {
    const a = await session();
    a.write('idle1 IDLE\r\n');
    await a.waitFor((line) => line.startsWith('+ '));
    const id = sandbox.store.folderMessages('INBOX')[2].id;
    const patch = await api(sandbox, `/api/v1/messages/${id}`, {
      method: 'PATCH',
      body: JSON.stringify({ seen: true }),
      headers: { 'content-type': 'application/json' },
    });
    expect(patch.status).toBe(200);
    await a.waitFor((line) => line === '* 3 FETCH (FLAGS (\\Seen \\Recent))');
    a.write('DONE\r\n');
    await a.waitFor((line) => line.startsWith('idle1 OK'));
  });

  it('a RENAME of the selected folder by another session reports its mail as expunged', async () => {
    sandbox.store.createFolder('Renamed-From');
    const raw = Buffer.from('Subject: r\r\n\r\nbody\r\n');
    for (let i = 0; i < 2; i++) sandbox.store.add(raw, { mailFrom: '', rcptTo: ['rcpt@example.com'] }, { folder: 'Renamed-From' });
    const a = await session('tester', 'Renamed-From');
    const b = await session();
    expect((await b.command('RENAME Renamed-From Renamed-To')).at(-1)).toMatch(/OK/);
    expect((await a.command('NOOP')).slice(0, -1)).toEqual(['* 2 EXPUNGE', '* 1 EXPUNGE', '* 0 RECENT']);
    sandbox.store.deleteFolder('Renamed-To');
  });

  it('a MOVE to Archive takes the UID Archive predicted, and shows in the REST API under a new id', async () => {
    const a = await session();
    const [first] = sandbox.store.folderMessages('INBOX');
    const source = first.id;
    const predicted = sandbox.store.getFolder('Archive')!.nextUid;
    const lines = await a.command(`UID MOVE ${first.uid} Archive`);
    const copyUid = /^\* OK \[COPYUID (\d+) (\d+) (\d+)\]/.exec(lines[0]);
    expect(copyUid?.slice(2)).toEqual([String(first.uid), String(predicted)]);
    expect(lines[1]).toBe('* 1 EXPUNGE');
    expect(lines.at(-1)).toMatch(/OK/);
    const newId = byUid(sandbox, 'Archive', predicted)!.id;
    const { body } = await api<MessageList>(sandbox, '/api/v1/messages?folder=Archive');
    // The REST summary tells the two numbers apart: the store's id and the UID in its folder.
    expect(body.messages.map((m) => [m.id, m.uid])).toEqual([[newId, predicted]]);
    expect((await api(sandbox, `/api/v1/messages/${source}`)).status).toBe(404);
  });

  it('FETCH of a body without PEEK sets \\Seen and says so; EXAMINE never does', async () => {
    const a = await session();
    const lines = await a.command('FETCH 1 (BODY[TEXT])');
    // The new flags come first, before the body, as Dovecot writes them.
    expect(lines.join('\n')).toMatch(/FETCH \(FLAGS \(\\Seen \\Recent\) BODY/);
    const id = sandbox.store.folderMessages('INBOX')[0].id;
    expect(sandbox.store.get(id)!.flags.has('\\Seen')).toBe(true);
    expect((await a.command('EXAMINE INBOX')).at(-1)).toMatch(/OK \[READ-ONLY\]/);
    await a.command('FETCH 2 (BODY[])');
    expect(sandbox.store.folderMessages('INBOX')[1].flags.has('\\Seen')).toBe(false);
    expect((await a.command('STORE 2 +FLAGS (\\Seen)')).at(-1)).toMatch(/NO \[READ-ONLY\]/);
  });

  it('CONDSTORE: MODSEQ in FETCH, CHANGEDSINCE, UNCHANGEDSINCE with MODIFIED, HIGHESTMODSEQ in STATUS', async () => {
    const a = await RawImap.connect(sandbox);
    open.push(a);
    await a.command('LOGIN tester x');
    const select = await a.command('SELECT INBOX (CONDSTORE)');
    const highest = Number(/HIGHESTMODSEQ (\d+)/.exec(select.join('\n'))?.[1]);
    expect(highest).toBeGreaterThan(0);
    const store = await a.command('STORE 2 +FLAGS (\\Flagged)');
    const modseq = Number(/MODSEQ \((\d+)\)/.exec(store[0])?.[1]);
    expect(modseq).toBeGreaterThan(highest);
    const changed = await a.command(`FETCH 1:* (FLAGS) (CHANGEDSINCE ${highest})`);
    expect(changed.slice(0, -1)).toEqual([`* 2 FETCH (FLAGS (\\Flagged \\Recent) MODSEQ (${modseq}))`]);
    const conditional = await a.command(`STORE 1:2 (UNCHANGEDSINCE ${highest}) +FLAGS (\\Seen)`);
    expect(conditional.at(-1)).toMatch(/OK \[MODIFIED 2\]/);
    const status = await a.command('STATUS INBOX (HIGHESTMODSEQ MESSAGES)');
    expect(status[0]).toMatch(/HIGHESTMODSEQ \d+ MESSAGES 4/);
    const search = await a.command(`SEARCH MODSEQ ${highest + 1}`);
    expect(search[0]).toMatch(/^\* SEARCH 1 2 \(MODSEQ \d+\)$/);
  });

  it('CONDSTORE: a FETCH that sets \\Seen and a STORE report UID and MODSEQ with the new flags', async () => {
    const [one, two] = sandbox.store.folderMessages('INBOX');
    const a = await RawImap.connect(sandbox);
    open.push(a);
    await a.command('LOGIN tester x');
    await a.command('SELECT INBOX (CONDSTORE)');
    const fetch = await a.command('FETCH 1 (BODY[TEXT])');
    expect(fetch.slice(0, -1).join('\n')).toMatch(new RegExp(`FETCH \\(UID ${one.uid} FLAGS \\(\\\\Seen \\\\Recent\\) MODSEQ \\(${one.modseq}\\) BODY`));
    const store = await a.command('STORE 2 +FLAGS (\\Flagged)');
    expect(store[0]).toBe(`* 2 FETCH (UID ${two.uid} FLAGS (\\Flagged \\Recent) MODSEQ (${two.modseq}))`);
  });

  it('QRESYNC: SELECT reports vanished UIDs and changed flags; expunges come as VANISHED', async () => {
    const inbox = sandbox.store.folderMessages('INBOX');
    const ids = inbox.map((m) => m.uid);
    const third = inbox[2];
    const uidValidity = sandbox.store.getFolder('INBOX')!.uidValidity;
    const a = await RawImap.connect(sandbox);
    open.push(a);
    await a.command('LOGIN tester x');
    expect((await a.command('ENABLE QRESYNC'))[0]).toBe('* ENABLED QRESYNC');
    const first = await a.command('SELECT INBOX (QRESYNC (1 1))');
    expect(first.at(-1)).toMatch(/OK \[READ-WRITE\]/);
    const modseq = Number(/HIGHESTMODSEQ (\d+)/.exec(first.join('\n'))?.[1]);

    const b = await session();
    await b.command('STORE 2 +FLAGS.SILENT (\\Deleted)');
    await b.command('EXPUNGE');
    await b.command(`UID STORE ${ids[2]} +FLAGS.SILENT (\\Flagged)`);
    expect((await a.command('NOOP')).slice(0, -1)).toEqual([`* VANISHED ${ids[1]}`, '* 3 RECENT', `* 2 FETCH (UID ${ids[2]} FLAGS (\\Flagged \\Recent) MODSEQ (${third.modseq}))`]);

    await a.command('UNSELECT');
    const resync = await a.command(`SELECT INBOX (QRESYNC (${uidValidity} ${modseq} ${ids[0]}:${ids[3]}))`);
    expect(resync).toContain(`* VANISHED (EARLIER) ${ids[1]}`);
    expect(resync.filter((line) => / FETCH /.test(line))).toEqual([`* 2 FETCH (UID ${ids[2]} FLAGS (\\Flagged) MODSEQ (${third.modseq}))`]);
    const fetch = await a.command(`UID FETCH ${ids[0]}:${ids[3]} (FLAGS) (CHANGEDSINCE ${modseq} VANISHED)`);
    expect(fetch[0]).toBe(`* VANISHED (EARLIER) ${ids[1]}`);
    expect((await a.command('SELECT Archive')).some((line) => line.startsWith('* OK [CLOSED]'))).toBe(true);
    expect((await a.command('FETCH 1:* (FLAGS) (CHANGEDSINCE 1 VANISHED)')).at(-1)).toMatch(/BAD/);
  });

  it('an address login numbers only its own mail while others arrive', async () => {
    await sendMail(sandbox, { to: 'alice@example.com', subject: 'alice 1' });
    const alice = await session('alice@example.com');
    const all = await session();
    await sendMail(sandbox, { to: 'bob@example.com', subject: 'bob' });
    await sendMail(sandbox, { to: 'alice@example.com', subject: 'alice 2' });
    expect(await alice.command('NOOP')).toContain('* 2 EXISTS');
    expect(await all.command('NOOP')).toContain('* 7 EXISTS');
    const fetched = await alice.command('FETCH 2 (BODY.PEEK[HEADER.FIELDS (SUBJECT)])');
    expect(fetched.join('\n')).toContain('Subject: alice 2');
  });
});
