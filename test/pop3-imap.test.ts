// One store, two protocols: what a POP3 session does shows up in an IMAP session that has the
// INBOX selected (imapflow, a real IMAP client).
import { ImapFlow } from 'imapflow';
import { afterEach, describe, expect, it } from 'vitest';
import type { Sandbox } from '../server/app.ts';
import { poplib } from './clients/pop3-poplib.ts';
import { sendMail, startSandbox } from './helpers/sandbox.ts';

let sandbox: Sandbox | undefined;
let imap: ImapFlow | undefined;
afterEach(async () => {
  await imap?.logout().catch(() => {});
  await sandbox?.close();
  imap = undefined;
  sandbox = undefined;
});

async function imapWithInbox(sandbox: Sandbox): Promise<ImapFlow> {
  imap = new ImapFlow({ host: '127.0.0.1', port: sandbox.imap!.port, secure: false, auth: { user: 'dev', pass: 'x' }, logger: false });
  await imap.connect();
  await imap.mailboxOpen('INBOX');
  return imap;
}

describe('POP3 and IMAP on the same store', () => {
  it('DELE + QUIT over POP3: an IMAP session with the INBOX selected sees EXPUNGE', async () => {
    sandbox = await startSandbox();
    const ids = [await sendMail(sandbox, { subject: 'one' }), await sendMail(sandbox, { subject: 'two' }), await sendMail(sandbox, { subject: 'three' })];
    const client = await imapWithInbox(sandbox);
    const expunged: number[] = [];
    client.on('expunge', (event: { seq: number }) => expunged.push(event.seq));
    const session = await poplib(sandbox.pop3!.port, [['user', 'u'], ['pass', 'p'], ['dele', 2], ['quit']]);
    expect(session.results[3].status).toMatch(/1 deleted/);
    await client.noop();
    expect(expunged).toEqual([2]);
    const uids = (await client.search({ all: true }, { uid: true })) as number[];
    expect(uids).toEqual([ids[0], ids[2]]);
  });

  it('RETR over POP3 sets \\Seen that IMAP reports', async () => {
    sandbox = await startSandbox();
    const id = await sendMail(sandbox, { subject: 'read me' });
    const client = await imapWithInbox(sandbox);
    await poplib(sandbox.pop3!.port, [['user', 'u'], ['pass', 'p'], ['retr', 1], ['quit']]);
    const message = await client.fetchOne(String(id), { flags: true }, { uid: true });
    expect(message && [...(message.flags ?? [])]).toContain('\\Seen');
  });
});
