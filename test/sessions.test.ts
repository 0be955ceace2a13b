// Sessions with real clients: nodemailer and smtplib (AUTH), imapflow and imaplib (ID), poplib.
// Each appears with its protocol, login, client name and commands; actions read in words; no
// password shows in any API answer, WebSocket frame or log line; the caps hold.
import { execFile } from 'node:child_process';
import net from 'node:net';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { Sandbox, StartOptions } from '../server/app.ts';
import { createLogger } from '../server/log.ts';
import type { MessageHistoryEntry, SessionDetail, SessionSummary } from '../server/types.ts';
import { imapflowClient } from './helpers/imap.ts';
import { api, byUid, sendMail, smtpTransport, startSandbox, uidOf } from './helpers/sandbox.ts';

const PASSWORDS = ['Nodemailer-Secret-41', 'Python-Secret-42', 'Imapflow-Secret-43'];
const LOGINS: Array<[string, string]> = [
  ['node-sender', PASSWORDS[0]],
  ['py-sender', PASSWORDS[1]],
  ['flow-user', PASSWORDS[2]],
];
/** The passwords as they are, base64 (AUTH LOGIN) and inside the SASL PLAIN blobs the clients sent. */
const secretsIn = (text: string) =>
  [...PASSWORDS, ...PASSWORDS.map((p) => Buffer.from(p).toString('base64')), ...LOGINS.map(([u, p]) => Buffer.from(`\0${u}\0${p}`).toString('base64'))].filter((s) =>
    text.includes(s),
  );

let sandbox: Sandbox | undefined;
afterEach(async () => {
  await sandbox?.close();
  sandbox = undefined;
});

async function open(options: StartOptions = {}): Promise<{ sandbox: Sandbox; logs: string[] }> {
  const logs: string[] = [];
  sandbox = await startSandbox({ logger: createLogger('json', 'debug', (line) => logs.push(line)), ...options });
  return { sandbox, logs };
}

async function sessions(s: Sandbox, query = ''): Promise<{ total: number; sessions: SessionSummary[] }> {
  return (await api<{ total: number; sessions: SessionSummary[] }>(s, `/api/v1/sessions${query}`)).body;
}

async function detail(s: Sandbox, id: number): Promise<SessionDetail> {
  const { status, body } = await api<SessionDetail>(s, `/api/v1/sessions/${id}`);
  expect(status).toBe(200);
  return body;
}

/** Sessions end when the socket closes, a moment after the client's last reply. */
async function settled(s: Sandbox, count: number, query = ''): Promise<SessionSummary[]> {
  for (let i = 0; i < 100; i++) {
    const list = (await sessions(s, query)).sessions;
    if (list.length >= count && list.every((one) => one.state === 'ended')) return list;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`sessions did not settle: ${JSON.stringify(await sessions(s, query))}`);
}

function frames(s: Sandbox): { frames: string[]; ready: Promise<void>; socket: WebSocket } {
  const socket = new WebSocket(`${s.url!.replace('http', 'ws')}/api/v1/events`);
  const received: string[] = [];
  socket.on('message', (data) => received.push(String(data)));
  return { frames: received, socket, ready: new Promise((resolve) => socket.once('open', () => resolve())) };
}

describe('sessions', () => {
  it('records real SMTP, IMAP and POP3 clients with logins, names, masked secrets and actions', async () => {
    const { sandbox, logs } = await open();
    const ws = frames(sandbox);
    await ws.ready;

    const transport = smtpTransport(sandbox, { auth: { user: 'node-sender', pass: PASSWORDS[0] } });
    const info = await transport.sendMail({ from: 'app@example.test', to: 'inbox@example.test', subject: 'from nodemailer', text: 'hi' });
    transport.close();
    const nodeId = Number(/stored as (\d+)/.exec(info.response)![1]);

    const flow = imapflowClient(sandbox, 'flow-user', PASSWORDS[2], { clientInfo: { name: 'flow-test', version: '9.9' } });
    await flow.connect();
    await flow.mailboxOpen('INBOX');
    const nodeUid = uidOf(sandbox, nodeId);
    await flow.messageFlagsAdd(String(nodeUid), ['\\Seen'], { uid: true });
    const moved = await flow.messageMove(String(nodeUid), 'Archive', { uid: true });
    await flow.logout();
    const archivedId = byUid(sandbox, 'Archive', (moved as { uidMap: Map<number, number> }).uidMap.get(nodeUid)!)!.id;

    const { stdout } = await promisify(execFile)(
      'python3',
      [fileURLToPath(new URL('./clients/sessions_clients.py', import.meta.url)), JSON.stringify({ host: sandbox.smtp!.host, smtp: sandbox.smtp!.port, imap: sandbox.imap!.port, pop3: sandbox.pop3!.port, password: PASSWORDS[1] })],
      { timeout: 20_000 },
    );
    expect(JSON.parse(stdout)).toMatchObject({ imapFetch: 'OK', popCount: 1 });

    const list = await settled(sandbox, 5);
    expect(list.map((s) => s.protocol)).toEqual(['pop3', 'imap', 'smtp', 'imap', 'smtp']);
    const [pop, pyImap, pySmtp, flowSession, nodeSmtp] = list;
    // nodemailer may close right after its QUIT, before the server reads it.
    expect(nodeSmtp).toMatchObject({ login: 'node-sender', clientName: '[127.0.0.1]', tls: false, clientAddress: '127.0.0.1' });
    expect(['quit', 'dropped']).toContain(nodeSmtp.ended);
    expect(pySmtp).toMatchObject({ login: 'py-sender', clientName: 'py-smtplib.test', ended: 'quit' });
    expect(flowSession).toMatchObject({ login: 'flow-user', clientName: 'flow-test 9.9', ended: 'quit' });
    expect(pyImap).toMatchObject({ login: 'py-imap', clientName: 'py-imaplib 3.x', ended: 'quit' });
    expect(pop).toMatchObject({ login: 'py-pop', ended: 'quit' });

    const nodeDetail = await detail(sandbox, nodeSmtp.id);
    expect(nodeDetail.actions.map((a) => a.text)).toEqual([`received #${nodeId} from app@example.test for inbox@example.test`]);
    expect(nodeDetail.transcript.some((l) => l.direction === 'client' && /^AUTH PLAIN \*\*\*$/.test(l.text))).toBe(true);
    expect(nodeDetail.transcript.some((l) => l.direction === 'client' && /^\{\d+ bytes\}$/.test(l.text))).toBe(true);
    expect(nodeDetail.transcript[0]).toMatchObject({ direction: 'server' });
    expect(nodeDetail.transcript[0].text).toMatch(/^220 /);

    const flowDetail = await detail(sandbox, flowSession.id);
    const flowActions = flowDetail.actions.map((a) => a.text);
    expect(flowActions).toContain(`set \\Seen on #${nodeId}`);
    expect(flowActions).toContain(`moved #${nodeId} to Archive as #${archivedId}`);
    const flowClient = flowDetail.transcript.filter((l) => l.direction === 'client').map((l) => l.text);
    expect(flowClient.slice(0, 3)).toEqual([expect.stringMatching(/^1 ID \("name" "flow-test"/), '2 AUTHENTICATE PLAIN', '***']);
    // With IMAP4rev2 or LIST-EXTENDED offered, imapflow asks LIST for subscriptions instead of sending LSUB: the tag depends on that.
    expect(flowClient).toContainEqual(expect.stringMatching(new RegExp(`^\\d+ UID MOVE ${nodeUid} Archive$`)));

    const pyImapDetail = await detail(sandbox, pyImap.id);
    expect(pyImapDetail.transcript.some((l) => l.direction === 'client' && /^\S+ LOGIN py-imap \*\*\*$/.test(l.text))).toBe(true);
    expect(pyImapDetail.transcript.some((l) => l.direction === 'server' && /FETCH \(BODY\[\] \{\d+ bytes\}\)/.test(l.text))).toBe(true);
    expect(pyImapDetail.actions.map((a) => a.text)).toEqual(expect.arrayContaining([expect.stringMatching(/^fetched #\d+ \(BODY\.PEEK\[\]\)$/), expect.stringMatching(/^set \\Flagged on #\d+$/)]));

    const popDetail = await detail(sandbox, pop.id);
    const pyMessage = popDetail.actions.find((a) => a.text.startsWith('RETR'))!.messageIds[0];
    expect(popDetail.actions.map((a) => a.text)).toEqual([`RETR #${pyMessage}`, `marked #${pyMessage} for deletion (DELE)`, `deleted #${pyMessage} at QUIT`]);
    expect(popDetail.transcript.some((l) => l.direction === 'client' && l.text === 'PASS ***')).toBe(true);
    expect(popDetail.transcript.some((l) => l.direction === 'server' && /^\{\d+ bytes\}$/.test(l.text))).toBe(true);

    // The message is gone, its history stays.
    expect((await api(sandbox, `/api/v1/messages/${pyMessage}`)).status).toBe(404);
    const history = (await api<MessageHistoryEntry[]>(sandbox, `/api/v1/messages/${pyMessage}/history`)).body;
    expect(history.map((h) => [h.protocol, h.text.split(' ')[0]])).toEqual([
      ['smtp', 'received'],
      ['imap', 'fetched'],
      ['imap', 'set'],
      ['pop3', 'RETR'],
      ['pop3', 'marked'],
      ['pop3', 'deleted'],
    ]);
    expect(history.at(-1)).toMatchObject({ text: `deleted #${pyMessage} at QUIT`, sessionId: pop.id, login: 'py-pop', clientAddress: '127.0.0.1', clientPort: pop.clientPort });
    expect(history[0]).toMatchObject({ sessionId: pySmtp.id, clientAddress: '127.0.0.1', clientPort: pySmtp.clientPort, clientName: 'py-smtplib.test', login: 'py-sender' });
    const movedHistory = (await api<MessageHistoryEntry[]>(sandbox, `/api/v1/messages/${archivedId}/history`)).body;
    expect(movedHistory.map((h) => h.text)).toEqual([`moved #${nodeId} to Archive as #${archivedId}`]);

    expect((await sessions(sandbox, '?protocol=pop3')).sessions.map((s) => s.id)).toEqual([pop.id]);
    expect((await sessions(sandbox, '?login=PY-IMAP')).sessions.map((s) => s.id)).toEqual([pyImap.id]);
    expect((await sessions(sandbox, '?limit=2&offset=1')).sessions.map((s) => s.id)).toEqual([pyImap.id, pySmtp.id]);

    const everything = [
      ...(await Promise.all(list.map(async (s) => JSON.stringify(await detail(sandbox, s.id))))),
      JSON.stringify(await sessions(sandbox)),
      JSON.stringify(history),
      ...ws.frames,
      ...logs,
    ].join('\n');
    expect(secretsIn(everything)).toEqual([]);
    expect(ws.frames.some((f) => f.includes('"session.started"'))).toBe(true);
    expect(ws.frames.some((f) => f.includes('"session.ended"'))).toBe(true);
    expect(ws.frames.some((f) => f.includes('"transcript"'))).toBe(false);
    ws.socket.close();
  });

  it('answers a bad filter with 400 and an unknown session with 404, both as JSON errors', async () => {
    const { sandbox } = await open();
    for (const query of ['protocol=ftp', 'limit=abc', 'limit=5000', 'offset=-1']) {
      const { status, body } = await api<{ error: { code: string } }>(sandbox, `/api/v1/sessions?${query}`);
      expect([query, status, body.error.code]).toEqual([query, 400, 'bad-parameter']);
    }
    for (const path of ['/api/v1/sessions/999', '/api/v1/sessions/abc']) expect((await api<{ error: { code: string } }>(sandbox, path)).body.error.code).toBe('not-found');
    expect(await api(sandbox, '/api/v1/messages/999/history')).toEqual({ status: 200, body: [] });
  });

  it('sends a watched session its lines live, and summaries to everyone', async () => {
    const { sandbox } = await open();
    const ws = frames(sandbox);
    await ws.ready;
    const socket = net.connect(sandbox.imap!.port, sandbox.imap!.host);
    await new Promise((resolve) => socket.once('data', resolve));
    const id = (await sessions(sandbox)).sessions[0].id;
    ws.socket.send(JSON.stringify({ type: 'session.watch', id }));
    await new Promise((resolve) => setTimeout(resolve, 100));
    socket.write('a1 NOOP\r\n');
    await new Promise((resolve) => socket.once('data', resolve));
    socket.end('a2 LOGOUT\r\n');
    await settled(sandbox, 1);
    const lines = ws.frames.map((f) => JSON.parse(f)).filter((f) => f.type === 'session.line');
    expect(lines.map((f) => [f.data.sessionId, f.data.line.direction, f.data.line.text])).toEqual(
      expect.arrayContaining([
        [id, 'client', 'a1 NOOP'],
        [id, 'server', 'a1 OK NOOP completed'],
      ]),
    );
    ws.socket.close();
  });

  it('sends session.started, a few throttled session.updated and session.ended, each a bare summary', async () => {
    const { sandbox } = await open();
    const ws = frames(sandbox);
    await ws.ready;
    const socket = net.connect(sandbox.imap!.port, sandbox.imap!.host);
    await new Promise((resolve) => socket.once('data', resolve));
    // 300 commands at once, then the goodbye once every reply is in.
    let received = '';
    socket.on('data', (chunk) => (received += String(chunk)));
    socket.write(Array.from({ length: 300 }, (_, i) => `n${i} NOOP\r\n`).join(''));
    while (!received.includes('n299 OK')) await new Promise((resolve) => socket.once('data', resolve));
    await new Promise((resolve) => setTimeout(resolve, 300));
    socket.end('bye LOGOUT\r\n');
    const [ended] = await settled(sandbox, 1);
    await new Promise((resolve) => setTimeout(resolve, 100));
    const mine = ws.frames.map((f) => JSON.parse(f) as { type: string; data: SessionSummary }).filter((f) => f.type.startsWith('session.') && f.data.id === ended.id);
    const types = mine.map((f) => f.type);
    expect(types[0]).toBe('session.started');
    expect(types.at(-1)).toBe('session.ended');
    const updates = types.filter((t) => t === 'session.updated');
    expect(updates.length).toBeGreaterThanOrEqual(1);
    expect(updates.length).toBeLessThan(30);
    expect(mine.filter((f) => f.type === 'session.updated').at(-1)!.data.commands).toBeGreaterThanOrEqual(300);
    expect(mine.at(-1)!.data).toMatchObject({ state: 'ended', ended: 'quit', commands: 301 });
    // A summary and nothing more: the same keys as GET /sessions gives, no lines.
    const keys = Object.keys((await sessions(sandbox)).sessions[0]).sort();
    for (const frame of mine) expect(Object.keys(frame.data).sort()).toEqual(keys);
    expect(ws.frames.some((f) => f.includes('NOOP'))).toBe(false);
    ws.socket.close();
  });

  it('keeps at most --max-sessions, dropping the oldest first with their history', async () => {
    const { sandbox } = await open({ maxSessions: 50 });
    const first = await sendMail(sandbox, { subject: 'first' });
    for (let i = 0; i < 119; i++) {
      const socket = net.connect(sandbox.pop3!.port, sandbox.pop3!.host);
      await new Promise((resolve) => socket.once('data', resolve));
      socket.end('QUIT\r\n');
      await new Promise((resolve) => socket.once('close', resolve));
    }
    const { total, sessions: kept } = await sessions(sandbox, '?limit=1000');
    expect(total).toBeLessThanOrEqual(50);
    expect(kept.every((s) => s.protocol === 'pop3')).toBe(true);
    expect((await api<MessageHistoryEntry[]>(sandbox, `/api/v1/messages/${first}/history`)).body).toEqual([]);
  });

  it('summarises a 5 MB APPEND literal (and its FETCH) as {N bytes}, never copying it', async () => {
    const { sandbox } = await open({ maxMessageSize: 8 * 1024 * 1024 });
    const big = `Subject: big\r\n\r\n${'x'.repeat(5 * 1024 * 1024)}\r\n`;
    const flow = imapflowClient(sandbox);
    await flow.connect();
    const appended = (await flow.append('INBOX', big)) as { uid: number };
    await flow.mailboxOpen('INBOX');
    await flow.fetchOne(String(appended.uid), { source: true }, { uid: true });
    await flow.logout();
    const [summary] = await settled(sandbox, 1);
    const one = await detail(sandbox, summary.id);
    const size = Buffer.byteLength(big);
    expect(one.transcript.some((l) => l.direction === 'client' && /^\S+ APPEND INBOX .*\{\d+ bytes\}$/.test(l.text) && l.text.includes(`{${size} bytes}`))).toBe(true);
    expect(one.transcript.some((l) => l.direction === 'server' && l.text.includes(`BODY[] {${size} bytes}`))).toBe(true);
    expect(one.transcriptCut).toBe(false);
    expect(JSON.stringify(one).length).toBeLessThan(64 * 1024);
    expect(one.actions.map((a) => a.text)).toEqual([`appended #${appended.uid} to INBOX`, `fetched #${appended.uid} (BODY.PEEK[])`]);
  });

  it('puts a command whose literal waits for "+" before that "+", as it went over the wire', async () => {
    const { sandbox } = await open();
    const socket = net.connect(sandbox.imap!.port, sandbox.imap!.host);
    let received = '';
    socket.setEncoding('latin1');
    socket.on('data', (chunk: string) => (received += chunk));
    const upTo = async (pattern: RegExp) => {
      while (!pattern.test(received)) await new Promise((resolve) => socket.once('data', resolve));
      received = '';
    };
    await upTo(/^\* OK/m);
    const body = 'Subject: slow\r\n\r\nsent after the plus\r\n';
    for (const [piece, reply] of [
      ['a1 LOGIN {5}\r\n', /^\+ /m],
      ['alice {9}\r\n', /^\+ /m],
      ['Secret-91\r\n', /^a1 OK/m],
      [`a2 APPEND INBOX (\\Seen) {${body.length}}\r\n`, /^\+ /m],
      [`${body}\r\n`, /^a2 OK/m],
    ] as const) {
      socket.write(piece);
      await upTo(reply);
    }
    socket.end('a3 LOGOUT\r\n');
    const [summary] = await settled(sandbox, 1);
    const lines = (await detail(sandbox, summary.id)).transcript.slice(1, 8).map((l) => `${l.direction === 'client' ? 'C' : 'S'}: ${l.text}`);
    expect(lines).toEqual([
      'C: a1 LOGIN {5 bytes} ***',
      'S: + Ready for literal data',
      'S: + Ready for literal data',
      expect.stringMatching(/^S: a1 OK /),
      `C: a2 APPEND INBOX (\\Seen) {${body.length} bytes}`,
      'S: + Ready for literal data',
      expect.stringMatching(/^S: a2 OK \[APPENDUID /),
    ]);
    expect(JSON.stringify(await detail(sandbox, summary.id))).not.toContain('Secret-91');
  });

  it('cuts a transcript at --max-transcript and says so', async () => {
    const { sandbox } = await open({ maxTranscript: 4096 });
    const flow = imapflowClient(sandbox);
    await flow.connect();
    for (let i = 0; i < 100; i++) await flow.noop();
    await flow.logout();
    const [summary] = await settled(sandbox, 1);
    const one = await detail(sandbox, summary.id);
    expect(JSON.stringify(one.transcript).length).toBeLessThan(4096 + 300);
    expect(one.transcriptCut).toBe(true);
    expect(one.transcript.at(-1)!.text).toMatch(/transcript cut/);
    expect(one.cutLines).toBeGreaterThan(50);
    expect(one.commands).toBeGreaterThan(100);
  });

  it('--session-log actions keeps actions without a transcript; off records nothing', async () => {
    const { sandbox } = await open({ sessionLog: 'actions' });
    const id = await sendMail(sandbox, { subject: 'actions only' });
    const [one] = await settled(sandbox, 1);
    const got = await detail(sandbox, one.id);
    expect(got.transcript).toEqual([]);
    expect(got.actions.map((a) => a.messageIds)).toEqual([[id]]);
    await sandbox.close();
    const off = await open({ sessionLog: 'off' });
    await sendMail(off.sandbox, { subject: 'nothing' });
    expect((await sessions(off.sandbox)).total).toBe(0);
  });
});
