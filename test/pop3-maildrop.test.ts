// What a POP3 session does to the shared store, seen through REST: DELE only counts at QUIT, RSET
// and dropped connections undo it, --pop3-delete off keeps mail, RETR marks \Seen and TOP doesn't,
// and the maildrop is the snapshot taken at login.
import { afterEach, describe, expect, it } from 'vitest';
import type { Sandbox, StartOptions } from '../server/app.ts';
import type { MessageDetail } from '../server/types.ts';
import { poplib } from './clients/pop3-poplib.ts';
import { Pop3Socket } from './clients/pop3-socket.ts';
import { api, sendMail, startSandbox } from './helpers/sandbox.ts';

let sandbox: Sandbox | undefined;
const sockets: Pop3Socket[] = [];
afterEach(async () => {
  for (const socket of sockets.splice(0)) socket.close();
  await sandbox?.close();
  sandbox = undefined;
});

async function withMail(count: number, options: StartOptions = {}): Promise<{ sandbox: Sandbox; port: number; ids: number[] }> {
  sandbox = await startSandbox({ imapPort: null, ...options });
  const ids: number[] = [];
  for (let i = 1; i <= count; i++) ids.push(await sendMail(sandbox, { subject: `message ${i}`, text: `body ${i}\nsecond line\n` }));
  return { sandbox, port: sandbox.pop3!.port, ids };
}

async function loggedIn(port: number): Promise<Pop3Socket> {
  const pop = await Pop3Socket.open(port);
  sockets.push(pop);
  await pop.line();
  await pop.command('USER u');
  expect(await pop.command('PASS p')).toMatch(/^\+OK/);
  return pop;
}

const exists = async (sandbox: Sandbox, id: number) => (await api(sandbox, `/api/v1/messages/${id}`)).status === 200;
const seen = async (sandbox: Sandbox, id: number) => (await api<MessageDetail>(sandbox, `/api/v1/messages/${id}`)).body.seen;
const login: Array<[string, string]> = [
  ['user', 'u'],
  ['pass', 'p'],
];

describe('POP3 and the store', () => {
  it('removes nothing when the connection drops after DELE', async () => {
    const { sandbox, port, ids } = await withMail(2);
    const session = await poplib(port, [...login, ['dele', 1], ['dele', 2], ['drop']]);
    expect(session.results[3].status).toMatch(/^\+OK/);
    // Give the server time to see the connection go.
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(await exists(sandbox, ids[0])).toBe(true);
    expect(await exists(sandbox, ids[1])).toBe(true);
  });

  it('undoes DELE with RSET', async () => {
    const { sandbox, port, ids } = await withMail(2);
    const session = await poplib(port, [...login, ['dele', 1], ['stat'], ['rset'], ['stat'], ['quit']]);
    expect(session.results[3]).toMatchObject({ count: 1 });
    expect(session.results[4].status).toMatch(/^\+OK maildrop has 2 messages/);
    expect(session.results[5]).toMatchObject({ count: 2 });
    expect(session.results[6].status).toMatch(/0 deleted/);
    expect(await exists(sandbox, ids[0])).toBe(true);
  });

  it('keeps mail with --pop3-delete off, though DELE answers +OK', async () => {
    const { sandbox, port, ids } = await withMail(2, { pop3Delete: false });
    const session = await poplib(port, [...login, ['dele', 1], ['dele', 2], ['stat'], ['quit']]);
    expect(session.results[2].status).toBe('+OK message 1 deleted');
    expect(session.results[4]).toMatchObject({ count: 0 });
    expect(session.results[5].status).toMatch(/2 marked, kept \(--pop3-delete off\)/);
    expect(await exists(sandbox, ids[0])).toBe(true);
    expect((await poplib(port, [...login, ['stat']])).results[2]).toMatchObject({ count: 2 });
  });

  it('marks a message \\Seen on RETR, for the UI and IMAP to see, but not on TOP', async () => {
    const { sandbox, port, ids } = await withMail(2);
    await poplib(port, [...login, ['top', 1, 1], ['retr', 2], ['quit']]);
    expect(await seen(sandbox, ids[0])).toBe(false);
    expect(await seen(sandbox, ids[1])).toBe(true);
    expect(sandbox.store.get(ids[1])!.flags.has('\\Seen')).toBe(true);
  });

  it('leaves messages unread with --pop3-mark-seen off', async () => {
    const { sandbox, port, ids } = await withMail(1, { pop3MarkSeen: false });
    await poplib(port, [...login, ['retr', 1], ['quit']]);
    expect(await seen(sandbox, ids[0])).toBe(false);
  });

  it('shows mail that arrives during a session only at the next login', async () => {
    const { sandbox, port, ids } = await withMail(1);
    const pop = await loggedIn(port);
    const later = await sendMail(sandbox, { subject: 'during' });
    expect(await pop.command('STAT')).toMatch(/^\+OK 1 /);
    expect(await pop.command('QUIT')).toMatch(/^\+OK/);
    const next = await poplib(port, [...login, ['uidl']]);
    expect(next.results[2].lines).toEqual([`1 ${ids[0]}`, `2 ${later}`]);
  });

  it('explains RETR of a message removed elsewhere since login, and still QUITs cleanly', async () => {
    const { sandbox, port, ids } = await withMail(2);
    const pop = await loggedIn(port);
    expect((await api(sandbox, `/api/v1/messages/${ids[0]}`, { method: 'DELETE' })).status).toBeLessThan(300);
    expect(await pop.command('RETR 1')).toBe('-ERR message 1 was removed by another session or the web UI since login');
    expect(await pop.command('DELE 1')).toBe('+OK message 1 deleted');
    expect(await pop.command('QUIT')).toMatch(/^\+OK .*1 deleted/);
    expect(await exists(sandbox, ids[1])).toBe(true);
  });
});
