// IMAP with imapflow, a real client: logins and their views, folders, fetch, search, flags, copy,
// move, append, expunge and IDLE, all against a sandbox fed by SMTP.
import type { ImapFlow } from 'imapflow';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Sandbox } from '../server/app.ts';
import { imapflowClient } from './helpers/imap.ts';
import { byUid, sendMail, startSandbox, uidOf } from './helpers/sandbox.ts';

describe('IMAP with imapflow', () => {
  let sandbox: Sandbox;
  const clients: ImapFlow[] = [];
  const connect = async (user?: string) => {
    const client = imapflowClient(sandbox, user);
    clients.push(client);
    await client.connect();
    return client;
  };

  beforeAll(async () => {
    sandbox = await startSandbox({ pop3Port: null, httpPort: null });
  });
  afterAll(() => sandbox.close());
  beforeEach(() => sandbox.store.clear());
  afterEach(async () => {
    await Promise.all(clients.splice(0).map((client) => client.logout().catch(() => client.close())));
  });

  it('lists INBOX and the special-use folders', async () => {
    const client = await connect();
    const folders = await client.list();
    expect(folders.map((f) => f.path).sort()).toEqual(['Archive', 'Drafts', 'INBOX', 'Junk', 'Sent', 'Trash']);
    expect(folders.find((f) => f.path === 'Sent')?.specialUse).toBe('\\Sent');
    expect(folders.find((f) => f.path === 'Archive')?.specialUse).toBe('\\Archive');
    expect(client.capabilities.has('IDLE')).toBe(true);
    expect(client.capabilities.has('CONDSTORE')).toBe(true);
  });

  it('a catch-all login sees every message, an address login only its own', async () => {
    await sendMail(sandbox, { to: 'alice@example.com', subject: 'for alice' });
    await sendMail(sandbox, { to: 'bob@example.com', bcc: 'alice@example.com', subject: 'for bob, bcc alice' });
    await sendMail(sandbox, { to: 'carol@example.com', subject: 'for carol' });
    const subjects = async (client: ImapFlow) => {
      await client.mailboxOpen('INBOX');
      const messages = await client.fetchAll('1:*', { envelope: true });
      return messages.map((m) => m.envelope?.subject);
    };
    expect(await subjects(await connect('anyone'))).toEqual(['for alice', 'for bob, bcc alice', 'for carol']);
    expect(await subjects(await connect('Alice@Example.com'))).toEqual(['for alice', 'for bob, bcc alice']);
    expect(await subjects(await connect('nobody@example.com'))).toEqual([]);
  });

  it('selects with UIDVALIDITY, UIDNEXT and HIGHESTMODSEQ; UIDs are the store ids', async () => {
    const first = await sendMail(sandbox, { subject: 'one' });
    const second = await sendMail(sandbox, { subject: 'two' });
    const client = await connect();
    const mailbox = await client.mailboxOpen('INBOX');
    expect(mailbox.exists).toBe(2);
    expect(Number(mailbox.uidValidity)).toBe(sandbox.store.getFolder('INBOX')!.uidValidity);
    expect(mailbox.uidNext).toBeGreaterThan(second);
    expect(mailbox.highestModseq).toBeDefined();
    const messages = await client.fetchAll('1:*', { uid: true, flags: true });
    expect(messages.map((m) => m.uid)).toEqual([first, second]);
  });

  it('fetches envelope, bodystructure, a part and the whole source', async () => {
    await sendMail(sandbox, {
      from: 'Sender Name <sender@example.com>',
      to: 'rcpt@example.com',
      subject: 'Grüße',
      text: 'plain body',
      html: '<p>html body</p>',
      attachments: [{ filename: 'note.txt', content: 'attached text' }],
    });
    const client = await connect();
    await client.mailboxOpen('INBOX');
    const message = await client.fetchOne('1', { envelope: true, bodyStructure: true, source: true, size: true, internalDate: true });
    if (!message) throw new Error('no message');
    expect(message.envelope?.subject).toBe('Grüße');
    expect(message.envelope?.from?.[0]).toEqual({ name: 'Sender Name', address: 'sender@example.com' });
    expect(message.bodyStructure?.type).toBe('multipart/mixed');
    expect(message.source?.toString()).toContain(Buffer.from('attached text').toString('base64'));
    expect(message.size).toBe(message.source?.length);
    const attachment = message.bodyStructure?.childNodes?.find((node) => node.disposition === 'attachment');
    expect(attachment).toBeDefined();
    const download = await client.download('1', attachment!.part);
    if (!('content' in download) || !download.content) throw new Error('no attachment content');
    const chunks: Buffer[] = [];
    for await (const chunk of download.content) chunks.push(chunk as Buffer);
    expect(Buffer.concat(chunks).toString()).toBe('attached text');
  });

  it('searches by subject, sender, body, flags and uid', async () => {
    await sendMail(sandbox, { from: 'a@example.com', subject: 'Invoice 1', text: 'pay now' });
    await sendMail(sandbox, { from: 'b@example.com', subject: 'Hello', text: 'zebrafish inside' });
    await sendMail(sandbox, { from: 'b@example.com', subject: 'invoice 2', text: 'later' });
    const client = await connect();
    await client.mailboxOpen('INBOX');
    expect(await client.search({ subject: 'invoice' })).toEqual([1, 3]);
    expect(await client.search({ from: 'b@example.com' })).toEqual([2, 3]);
    expect(await client.search({ body: 'zebrafish' })).toEqual([2]);
    await client.messageFlagsAdd('2', ['\\Flagged']);
    expect(await client.search({ flagged: true })).toEqual([2]);
    expect(await client.search({ or: [{ subject: 'hello' }, { from: 'a@example.com' }] })).toEqual([1, 2]);
    const uids = await client.search({ seen: false }, { uid: true });
    expect(uids).toHaveLength(3);
  });

  it('sets flags that the store (and so the REST API and UI) sees, and reads them back', async () => {
    const id = await sendMail(sandbox, { subject: 'flag me' });
    const client = await connect();
    await client.mailboxOpen('INBOX');
    await client.messageFlagsAdd('1', ['\\Seen', '\\Flagged', '$Label1']);
    expect([...sandbox.store.get(id)!.flags].sort()).toEqual(['$Label1', '\\Flagged', '\\Seen']);
    await client.messageFlagsRemove('1', ['\\Flagged']);
    const message = await client.fetchOne('1', { flags: true });
    // imapflow enables IMAP4rev2, which has no \Recent (RFC 9051); IMAP4rev1's is test/imap-recent.test.ts's.
    expect(message && [...message.flags!].sort()).toEqual(['$Label1', '\\Seen']);
    await client.messageFlagsSet('1', ['\\Answered']);
    expect([...sandbox.store.get(id)!.flags]).toEqual(['\\Answered']);
  });

  it('copies and moves with the UIDs the target folders predicted (COPYUID), keeping owners', async () => {
    const a = await sendMail(sandbox, { to: 'alice@example.com', subject: 'keep' });
    const b = await sendMail(sandbox, { to: 'alice@example.com', subject: 'archive' });
    const client = await connect('alice@example.com');
    const uidNext = async (path: string) => {
      const status = await client.status(path, { uidNext: true });
      if (!status) throw new Error(`no STATUS for ${path}`);
      return status.uidNext;
    };
    const [trashNext, archiveNext] = [await uidNext('Trash'), await uidNext('Archive')];
    await client.mailboxOpen('INBOX');
    const [uidA, uidB] = [uidOf(sandbox, a), uidOf(sandbox, b)];
    const copied = await client.messageCopy(String(uidA), 'Trash', { uid: true });
    expect(copied && copied.uidMap?.get(uidA)).toBe(trashNext);
    const moved = await client.messageMove(String(uidB), 'Archive', { uid: true });
    const movedUid = moved && moved.uidMap?.get(uidB);
    expect(movedUid).toBe(archiveNext);
    expect(sandbox.store.get(b)).toBeUndefined();
    const archived = byUid(sandbox, 'Archive', movedUid as number);
    expect(archived?.id).toBeGreaterThan(b);
    expect(archived?.owners).toEqual(['alice@example.com']);
    const status = await client.status('INBOX', { messages: true });
    expect(status && status.messages).toBe(1);
    const archive = await client.mailboxOpen('Archive');
    expect(archive.exists).toBe(1);
  });

  it('appends with flags and date; an address login owns what it appends', async () => {
    const client = await connect('writer@example.com');
    const raw = 'From: writer@example.com\r\nTo: someone@example.com\r\nSubject: draft\r\n\r\nunfinished\r\n';
    const result = await client.append('Drafts', raw, ['\\Draft', '\\Seen'], new Date('2024-03-01T10:00:00Z'));
    if (!result) throw new Error('append failed');
    const stored = byUid(sandbox, 'Drafts', result.uid!)!;
    expect(stored.folder).toBe('Drafts');
    expect(stored.owners).toEqual(['writer@example.com']);
    expect([...stored.flags].sort()).toEqual(['\\Draft', '\\Seen']);
    expect(stored.receivedAt.toISOString()).toBe('2024-03-01T10:00:00.000Z');
    expect(stored.content.raw.toString()).toBe(raw);
    await client.mailboxOpen('Drafts');
    const fetched = await client.fetchOne('1', { internalDate: true, uid: true });
    expect(fetched && fetched.uid).toBe(result.uid);
    await expect(client.append('Nope', raw)).rejects.toThrow();
  });

  it('expunges messages marked \\Deleted', async () => {
    for (const subject of ['one', 'two', 'three']) await sendMail(sandbox, { subject });
    const client = await connect();
    await client.mailboxOpen('INBOX');
    const expunged: number[] = [];
    client.on('expunge', (event: { seq: number }) => expunged.push(event.seq));
    await client.messageDelete('2');
    expect(expunged).toEqual([2]);
    const left = await client.fetchAll('1:*', { envelope: true });
    expect(left.map((m) => m.envelope?.subject)).toEqual(['one', 'three']);
    expect(sandbox.store.list().total).toBe(2);
  });

  it('creates, renames and deletes folders', async () => {
    const client = await connect();
    await client.mailboxCreate('Projects/Alpha');
    let folders = await client.list();
    expect(folders.find((f) => f.path === 'Projects')?.flags.has('\\HasChildren')).toBe(true);
    await client.mailboxRename('Projects/Alpha', 'Projects/Beta');
    folders = await client.list();
    expect(folders.map((f) => f.path)).toContain('Projects/Beta');
    await client.mailboxDelete('Projects/Beta');
    folders = await client.list();
    expect(folders.map((f) => f.path)).not.toContain('Projects/Beta');
  });

  it('with QRESYNC enabled, another session\'s expunge arrives as VANISHED with the UID', async () => {
    const ids = [];
    for (const subject of ['one', 'two', 'three']) ids.push(await sendMail(sandbox, { subject }));
    const watcher = imapflowClient(sandbox, 'tester', 'any', { qresync: true });
    clients.push(watcher);
    await watcher.connect();
    expect(watcher.enabled.has('QRESYNC')).toBe(true);
    await watcher.mailboxOpen('INBOX');
    const expunged = new Promise<{ uid?: number; vanished: boolean }>((resolve) => watcher.on('expunge', resolve));
    const other = await connect();
    await other.mailboxOpen('INBOX');
    const doomed = uidOf(sandbox, ids[1]);
    await other.messageDelete(String(doomed), { uid: true });
    await watcher.noop();
    expect(await expunged).toMatchObject({ uid: doomed, vanished: true });
    expect(watcher.mailbox && watcher.mailbox.exists).toBe(2);
  });

  it('IDLE announces mail that arrives by SMTP', async () => {
    const client = await connect();
    await client.mailboxOpen('INBOX');
    const exists = new Promise<number>((resolve) => client.on('exists', (event: { count: number }) => resolve(event.count)));
    const idling = client.idle();
    await new Promise((resolve) => setTimeout(resolve, 100));
    await sendMail(sandbox, { subject: 'while idle' });
    expect(await exists).toBe(1);
    await client.noop();
    await idling;
    const message = await client.fetchOne('1', { envelope: true });
    expect(message && message.envelope?.subject).toBe('while idle');
  });
});
