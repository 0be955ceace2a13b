// IMAP and POP3 fault rules as real clients meet them: imapflow and Python imaplib see NO
// [OVERQUOTA] on APPEND and BYE; Python poplib sees RETR dropped, and the drop deletes nothing.
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { ImapFlow } from 'imapflow';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Sandbox, StartOptions } from '../server/app.ts';
import { poplib } from './clients/pop3-poplib.ts';
import { sendMail, startSandbox } from './helpers/sandbox.ts';

const run = promisify(execFile);
const imaplibScript = fileURLToPath(new URL('./clients/imaplib_faults.py', import.meta.url));

let sandbox: Sandbox | undefined;
afterEach(async () => {
  await sandbox?.close();
  sandbox = undefined;
});

/** How the one recorded session of `protocol` ended, once it has. */
async function sessionEnd(sandbox: Sandbox, protocol: 'imap' | 'pop3'): Promise<string | null> {
  return vi.waitFor(() => {
    const [session] = sandbox.sessions.list({ protocol, limit: 1, offset: 0 }).sessions;
    if (!session?.ended) throw new Error('the session has not ended yet');
    return session.ended;
  });
}

async function open(faults: string[], options: StartOptions = {}): Promise<Sandbox> {
  sandbox = await startSandbox({ faults, ...options });
  return sandbox;
}

function imapflow(sandbox: Sandbox): ImapFlow {
  return new ImapFlow({ host: sandbox.imap!.host, port: sandbox.imap!.port, secure: false, auth: { user: 'qa@example.com', pass: 'x' }, logger: false });
}

describe('IMAP faults', () => {
  it('imapflow sees NO [OVERQUOTA] on APPEND, and nothing is stored', async () => {
    const sandbox = await open(['imap:command=APPEND:no=OVERQUOTA']);
    const client = imapflow(sandbox);
    await client.connect();
    const failure = await client.append('INBOX', 'Subject: big\r\n\r\nbody\r\n').then(
      () => null,
      (err: { serverResponseCode?: string; response?: string }) => err,
    );
    expect(failure?.serverResponseCode).toBe('OVERQUOTA');
    expect(sandbox.store.stats().messages).toBe(0);
    await client.logout();
    const [session] = sandbox.sessions.list({ protocol: 'imap', limit: 1, offset: 0 }).sessions;
    const actions = sandbox.sessions.get(session.id)!.detail().actions.map((action) => action.text);
    expect(actions).toContain('fault rule imap:command=APPEND:no=OVERQUOTA fired on command=APPEND');
  });

  it('imapflow sees BYE when a rule ends the session at SELECT', async () => {
    const sandbox = await open(['imap:command=SELECT:bye,text=maintenance']);
    const client = imapflow(sandbox);
    await client.connect();
    const closed = new Promise<void>((resolve) => client.once('close', () => resolve()));
    await expect(client.mailboxOpen('INBOX')).rejects.toThrow();
    await closed;
    expect(client.usable).toBe(false);
    expect(await sessionEnd(sandbox, 'imap')).toBe('fault');
  });

  it('Python imaplib sees NO [OVERQUOTA] on APPEND and BYE on SELECT', async () => {
    const sandbox = await open(['imap:command=APPEND:no=OVERQUOTA,text=quota exceeded', 'imap:command=SELECT:bye']);
    const { stdout } = await run('python3', [imaplibScript, sandbox.imap!.host, String(sandbox.imap!.port)], { timeout: 20_000 });
    const out = JSON.parse(stdout);
    expect(out.login).toBe('OK');
    expect(out.append).toEqual(['NO', '[OVERQUOTA] quota exceeded']);
    // imaplib turns the untagged BYE into IMAP4.abort carrying the BYE's text.
    expect(out.select_abort).toBe('command: SELECT => mailsandbox fault rule: closing');
    expect(sandbox.faults.snapshot().rules.map((r) => r.fired)).toEqual([1, 1]);
  });

  it('refuses one login and delays a command, then carries on', async () => {
    const sandbox = await open(['imap:login=blocked@*:no=UNAVAILABLE', 'imap:command=NOOP:delay=400']);
    const blocked = new ImapFlow({ host: sandbox.imap!.host, port: sandbox.imap!.port, secure: false, auth: { user: 'blocked@example.com', pass: 'x' }, logger: false });
    await expect(blocked.connect()).rejects.toThrow();
    const client = imapflow(sandbox);
    await client.connect();
    const started = Date.now();
    await client.noop();
    expect(Date.now() - started).toBeGreaterThanOrEqual(350);
    await client.logout();
  });
});

describe('POP3 faults with Python poplib', () => {
  it('drops the connection at RETR; the DELE before it is not carried out', async () => {
    const sandbox = await open(['pop3:command=RETR:drop']);
    await sendMail(sandbox, { subject: 'one' });
    await sendMail(sandbox, { subject: 'two' });
    const session = await poplib(sandbox.pop3!.port, [['user', 'qa'], ['pass', 'x'], ['dele', 1], ['retr', 2]]);
    expect(session.results[2].status).toMatch(/^\+OK/);
    // poplib reads the end of the stream where the message should be and says so.
    expect(session.results[3]).toEqual({ error: '-ERR EOF' });
    expect(sandbox.store.stats().messages).toBe(2);
    expect(sandbox.faults.snapshot().log).toMatchObject([{ protocol: 'pop3', matched: 'command=RETR', action: 'drop' }]);
    expect(await sessionEnd(sandbox, 'pop3')).toBe('fault');
  });

  it('answers -ERR [IN-USE] at login, and a delayed STAT still answers', async () => {
    const sandbox = await open(['pop3:login=locked*:err=IN-USE', 'pop3:command=STAT:delay=300']);
    const locked = await poplib(sandbox.pop3!.port, [['user', 'locked'], ['pass', 'x']]);
    expect(locked.results[1].error).toMatch(/^-ERR \[IN-USE\]/);
    const started = Date.now();
    const open_ = await poplib(sandbox.pop3!.port, [['user', 'free'], ['pass', 'x'], ['stat'], ['quit']]);
    expect(open_.results[2]).toMatchObject({ count: 0 });
    expect(Date.now() - started).toBeGreaterThanOrEqual(250);
  });
});
