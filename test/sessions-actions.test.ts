// Actions in the words of the issue, from real clients: imapflow clears a flag, copies, appends to
// Drafts and expunges; imaplib reads a body without PEEK (which sets \Seen); fetchmail downloads
// over POP3 and deletes at QUIT. Each action shows in its session and in the message's history,
// with who did it, also once the message is gone.
import { execFile, spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import type { Sandbox } from '../server/app.ts';
import type { MessageHistoryEntry, SessionSummary } from '../server/types.ts';
import { imapflowClient } from './helpers/imap.ts';
import { api, byUid, sendMail, startSandbox, uidOf } from './helpers/sandbox.ts';

const run = promisify(execFile);
const fetchmailInstalled = !spawnSync('fetchmail', ['--version']).error;

let sandbox: Sandbox | undefined;
afterEach(async () => {
  await sandbox?.close();
  sandbox = undefined;
});

async function lastSession(s: Sandbox, protocol: string): Promise<SessionSummary> {
  for (let i = 0; i < 100; i++) {
    const [last] = s.sessions.list({ protocol: protocol as SessionSummary['protocol'], limit: 1, offset: 0 }).sessions;
    if (last?.state === 'ended') return last;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`no ended ${protocol} session`);
}

const actionsOf = (s: Sandbox, id: number) => s.sessions.get(id)!.detail().actions.map((a) => a.text);

async function history(s: Sandbox, id: number): Promise<MessageHistoryEntry[]> {
  return (await api<MessageHistoryEntry[]>(s, `/api/v1/messages/${id}/history`)).body;
}

describe('actions in words', () => {
  it('imapflow: cleared \\Flagged, copied, appended to Drafts, expunged', async () => {
    sandbox = await startSandbox();
    const first = await sendMail(sandbox, { subject: 'one' });
    const second = await sendMail(sandbox, { subject: 'two' });
    const flow = imapflowClient(sandbox, 'qa', 'x', { clientInfo: { name: 'Thunderbird', version: '128.0' } });
    await flow.connect();
    await flow.mailboxOpen('INBOX');
    const [firstUid, secondUid] = [uidOf(sandbox, first), uidOf(sandbox, second)];
    await flow.messageFlagsAdd(String(firstUid), ['\\Flagged'], { uid: true });
    await flow.messageFlagsRemove(String(firstUid), ['\\Flagged'], { uid: true });
    const copied = (await flow.messageCopy(String(firstUid), 'Archive', { uid: true })) as { uidMap: Map<number, number> };
    const copy = byUid(sandbox, 'Archive', copied.uidMap.get(firstUid)!)!.id;
    const appended = (await flow.append('Drafts', 'Subject: draft\r\n\r\nnot yet\r\n', ['\\Draft'])) as { uid: number };
    const draft = byUid(sandbox, 'Drafts', appended.uid)!.id;
    await flow.messageDelete(String(secondUid), { uid: true });
    await flow.logout();

    const session = await lastSession(sandbox, 'imap');
    expect(session).toMatchObject({ clientName: 'Thunderbird 128.0', login: 'qa' });
    expect(actionsOf(sandbox, session.id)).toEqual([
      `set \\Flagged on #${first}`,
      `cleared \\Flagged on #${first}`,
      `copied #${first} to Archive as #${copy}`,
      `appended #${draft} to Drafts`,
      `set \\Deleted on #${second}`,
      `expunged #${second}`,
    ]);
    // The copy's history starts with the copying; the expunged message keeps its history.
    expect((await history(sandbox, copy)).map((h) => h.text)).toEqual([`copied #${first} to Archive as #${copy}`]);
    expect((await api(sandbox, `/api/v1/messages/${second}`)).status).toBe(404);
    const gone = await history(sandbox, second);
    expect(gone.map((h) => [h.protocol, h.text])).toEqual([
      ['smtp', `received #${second} from sender@example.com for rcpt@example.com`],
      ['imap', `set \\Deleted on #${second}`],
      ['imap', `expunged #${second}`],
    ]);
    expect(gone[2]).toMatchObject({ sessionId: session.id, clientName: 'Thunderbird 128.0', login: 'qa' });
  });

  it('imaplib: a FETCH of BODY[] without PEEK reads as fetched and set \\Seen', async () => {
    sandbox = await startSandbox();
    const id = await sendMail(sandbox, { subject: 'read me' });
    const script = [
      'import imaplib, sys',
      'imap = imaplib.IMAP4(sys.argv[1], int(sys.argv[2]))',
      'imap.login("reader", "x")',
      'imap.select("INBOX")',
      'imap.uid("FETCH", sys.argv[3], "(BODY[])")',
      'imap.logout()',
    ].join('\n');
    await run('python3', ['-c', script, sandbox.imap!.host, String(sandbox.imap!.port), String(id)], { timeout: 15_000 });
    const session = await lastSession(sandbox, 'imap');
    expect(actionsOf(sandbox, session.id)).toEqual([`fetched #${id} (BODY[])`, `set \\Seen on #${id}`]);
  });

  it("keeps a gone message's history readable until the sessions that touched it are dropped", async () => {
    sandbox = await startSandbox({ maxSessions: 3 });
    const id = await sendMail(sandbox, { subject: 'short-lived' });
    const script = [
      'import poplib, sys',
      'pop = poplib.POP3(sys.argv[1], int(sys.argv[2]))',
      'pop.user("popper")',
      'pop.pass_("x")',
      'pop.retr(1)',
      'pop.dele(1)',
      'pop.quit()',
    ].join('\n');
    await run('python3', ['-c', script, sandbox.pop3!.host, String(sandbox.pop3!.port)], { timeout: 15_000 });
    await lastSession(sandbox, 'pop3');
    expect(sandbox.store.get(id)).toBeUndefined();
    const words = async () => (await history(sandbox!, id)).map((h) => `${h.protocol}: ${h.text}`);
    expect(await words()).toEqual([`smtp: received #${id} from sender@example.com for rcpt@example.com`, `pop3: RETR #${id}`, `pop3: marked #${id} for deletion (DELE)`, `pop3: deleted #${id} at QUIT`]);
    // Two more sessions: the SMTP one is the oldest of four and goes, with its part of the history.
    await sendMail(sandbox, { subject: 'another' });
    await sendMail(sandbox, { subject: 'and another' });
    expect(await words()).toEqual([`pop3: RETR #${id}`, `pop3: marked #${id} for deletion (DELE)`, `pop3: deleted #${id} at QUIT`]);
    await sendMail(sandbox, { subject: 'one more' });
    expect(await words()).toEqual([]);
  });

  it.skipIf(!fetchmailInstalled)('fetchmail over POP3: TOP or RETR #N, then deleted #N at QUIT, in the session and the history', async () => {
    sandbox = await startSandbox();
    const id = await sendMail(sandbox, { to: 'fm@example.com', subject: 'for fetchmail', text: 'hello' });
    const dir = mkdtempSync(join(tmpdir(), 'mailsandbox-sessions-fetchmail-'));
    try {
      const out = join(dir, 'delivered.mbox');
      const rc = join(dir, 'fetchmailrc');
      writeFileSync(rc, `poll ${sandbox.pop3!.host} protocol POP3 port ${sandbox.pop3!.port} user "fm@example.com" password "x" is "fm" here mda "cat >> ${out}" sslproto ''\n`);
      chmodSync(rc, 0o600);
      await run('fetchmail', ['--nosyslog', '--nodetach', '-f', rc, '--idfile', join(dir, 'ids')], { env: { ...process.env, HOME: dir }, timeout: 20_000 });
      expect(readFileSync(out, 'utf8')).toContain('Subject: for fetchmail');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    const session = await lastSession(sandbox, 'pop3');
    expect(session).toMatchObject({ login: 'fm@example.com', ended: 'quit' });
    const actions = actionsOf(sandbox, session.id);
    // fetchmail reads with TOP n 99999999 (so the server marks nothing read) rather than RETR.
    expect(actions[0]).toMatch(new RegExp(`^(RETR #${id}|TOP #${id} \\(\\d+ lines\\))$`));
    expect(actions.at(-1)).toBe(`deleted #${id} at QUIT`);
    expect(sandbox.store.get(id)).toBeUndefined();
    const entries = await history(sandbox, id);
    expect(entries.at(-1)).toMatchObject({ text: `deleted #${id} at QUIT`, protocol: 'pop3', login: 'fm@example.com', sessionId: session.id });
  });
});
