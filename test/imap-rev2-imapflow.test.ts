// IMAP4rev2 through a real client: imapflow sends ENABLE IMAP4rev2 whenever a server offers it, and
// then relies on RFC 9051: UTF-8 mailbox names, ESEARCH answers, STATUS without RECENT, LIST
// (SUBSCRIBED) instead of LSUB, and UID in the flag changes another session makes. An IMAP4rev1
// session (raw, no ENABLE) works on the same mailbox beside it.
import type { ImapFlow } from 'imapflow';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Sandbox } from '../server/app.ts';
import { imapflowClient, RawImap } from './helpers/imap.ts';
import { sendMail, startSandbox, uidOf } from './helpers/sandbox.ts';

describe('IMAP4rev2 with imapflow', () => {
  let sandbox: Sandbox;
  /** The two messages' IMAP UIDs. */
  let uids: number[];
  let client: ImapFlow;
  let raw: RawImap | null = null;

  beforeAll(async () => {
    sandbox = await startSandbox({ pop3Port: null, httpPort: null });
  });
  afterAll(() => sandbox.close());
  beforeEach(async () => {
    sandbox.store.clear();
    const ids = [await sendMail(sandbox, { subject: 'one' }), await sendMail(sandbox, { subject: 'two' })];
    uids = ids.map((id) => uidOf(sandbox, id));
    client = imapflowClient(sandbox);
    await client.connect();
  });
  afterEach(async () => {
    raw?.close();
    raw = null;
    await client.logout().catch(() => client.close());
  });

  it('enables IMAP4rev2 and keeps UTF-8 folder names as they are, in and out', async () => {
    expect(client.enabled.has('IMAP4REV2')).toBe(true);
    await client.mailboxCreate('Übung/Ärger');
    // The parent is a \Noselect level of the hierarchy, as in Dovecot, not a folder.
    expect(sandbox.store.folders().map((f) => f.name)).toContain('Übung/Ärger');
    expect(sandbox.store.isLevel('Übung')).toBe(true);
    const folders = await client.list({ statusQuery: { messages: true, recent: true, unseen: true } });
    const folder = folders.find((f) => f.path === 'Übung/Ärger');
    expect(folder).toMatchObject({ name: 'Ärger', parentPath: 'Übung', subscribed: true, status: { messages: 0, unseen: 0 } });
    await client.mailboxOpen('INBOX');
    await client.messageMove(String(uids[0]), 'Übung/Ärger', { uid: true });
    expect(sandbox.store.list({ folder: 'Übung/Ärger' }).total).toBe(1);
  });

  it('searches through ESEARCH, reads STATUS without RECENT, and sees no \\Recent', async () => {
    expect(await client.status('INBOX', { messages: true, recent: true, unseen: true })).toMatchObject({ messages: 2, unseen: 2 });
    await client.mailboxOpen('INBOX');
    expect(await client.search({ subject: 'two' }, { uid: true })).toEqual([uids[1]]);
    expect(await client.search({ seen: false })).toEqual([1, 2]);
    expect(await client.search({ subject: 'nowhere to be found' })).toEqual([]);
    const message = await client.fetchOne('1', { flags: true });
    expect(message && [...message.flags!]).toEqual([]);
  });

  it("learns another session's flag change with the message's UID", async () => {
    await client.mailboxOpen('INBOX');
    const changes: Array<{ uid?: number; flags: Set<string> }> = [];
    client.on('flags', (change) => changes.push(change));
    raw = await RawImap.connect(sandbox);
    await raw.command('LOGIN tester x');
    await raw.command('SELECT INBOX');
    await raw.command('STORE 2 +FLAGS.SILENT (\\Flagged)');
    await client.noop();
    expect(changes).toEqual([expect.objectContaining({ uid: uids[1], flags: new Set(['\\Flagged']) })]);
  });
});
