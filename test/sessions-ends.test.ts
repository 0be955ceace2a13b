// How a session ended, for each way an SMTP, IMAP or POP3 connection can end, and whether it used
// TLS: raw sockets say goodbye, hang up, idle, break limits, meet fault rules and the connection cap;
// smtplib, imaplib and poplib connect over STARTTLS and over implicit TLS.
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import type { Sandbox, StartOptions } from '../server/app.ts';
import type { SessionEnd, SessionProtocol, SessionSummary } from '../server/types.ts';
import { LineSocket } from './helpers/line-socket.ts';
import { startSandbox } from './helpers/sandbox.ts';

const open: Sandbox[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((s) => s.close()));
});

async function sandboxWith(options: StartOptions = {}): Promise<Sandbox> {
  const sandbox = await startSandbox(options);
  open.push(sandbox);
  return sandbox;
}

/** Every session, oldest first, once `count` of them have ended. */
async function endedSessions(sandbox: Sandbox, count: number): Promise<SessionSummary[]> {
  for (let i = 0; i < 200; i++) {
    const { sessions } = sandbox.sessions.list({ limit: 1000, offset: 0 });
    if (sessions.filter((s) => s.state === 'ended').length >= count) return sessions.reverse();
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`sessions did not end: ${JSON.stringify(sandbox.sessions.list({ limit: 1000, offset: 0 }))}`);
}

const GREETING = { smtp: /^220 /, imap: /^\* OK/, pop3: /^\+OK/ } as const;

async function connect(sandbox: Sandbox, protocol: SessionProtocol): Promise<LineSocket> {
  const socket = await LineSocket.open(sandbox[protocol]!.port);
  await socket.waitFor(GREETING[protocol]);
  return socket;
}

/** Sends lines and waits until the server hangs up. */
async function untilClosed(socket: LineSocket, ...lines: string[]): Promise<void> {
  for (const line of lines) socket.write(`${line}\r\n`);
  expect(await socket.closedWithin(5000)).toBe(true);
}

const ORDER: SessionProtocol[] = ['smtp', 'imap', 'pop3'];
/** Sessions opened side by side get their ids in any order. */
const byProtocol = (sessions: SessionSummary[]) => [...sessions].sort((a, b) => ORDER.indexOf(a.protocol) - ORDER.indexOf(b.protocol));

const ends = (sessions: SessionSummary[]) => sessions.map((s): [SessionProtocol, SessionEnd | null] => [s.protocol, s.ended]);

describe('how a session ended', () => {
  it('quit: QUIT and LOGOUT; dropped: the client hung up', async () => {
    const sandbox = await sandboxWith();
    await untilClosed(await connect(sandbox, 'smtp'), 'HELO raw-helo.test', 'QUIT');
    await untilClosed(await connect(sandbox, 'imap'), 'a LOGOUT');
    await untilClosed(await connect(sandbox, 'pop3'), 'QUIT');
    for (const protocol of ['smtp', 'imap', 'pop3'] as const) (await connect(sandbox, protocol)).close();
    const sessions = await endedSessions(sandbox, 6);
    for (const s of sessions) {
      expect(s.startedAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
      expect(Date.parse(s.endedAt!)).toBeGreaterThanOrEqual(Date.parse(s.startedAt));
      expect(s).toMatchObject({ clientAddress: '127.0.0.1', clientPort: expect.any(Number), tls: false });
    }
    // HELO names the client as EHLO does.
    expect(sessions[0].clientName).toBe('raw-helo.test');
    expect(ends(sessions)).toEqual([
      ['smtp', 'quit'],
      ['imap', 'quit'],
      ['pop3', 'quit'],
      ['smtp', 'dropped'],
      ['imap', 'dropped'],
      ['pop3', 'dropped'],
    ]);
  });

  it('timeout: no login (IMAP, POP3) or no MAIL FROM (SMTP) within --login-timeout', async () => {
    const sandbox = await sandboxWith({ loginTimeout: 300 });
    const sockets = await Promise.all((['smtp', 'imap', 'pop3'] as const).map((protocol) => connect(sandbox, protocol)));
    for (const socket of sockets) expect(await socket.closedWithin(5000)).toBe(true);
    const sessions = byProtocol(await endedSessions(sandbox, 3));
    expect(sessions.map((s) => s.ended)).toEqual(['timeout', 'timeout', 'timeout']);
    // The goodbye the server said is the last line of each transcript.
    const last = sessions.map((s) => sandbox.sessions.get(s.id)!.detail().transcript.at(-1)!.text);
    expect(last).toEqual([expect.stringMatching(/^421 /), expect.stringMatching(/^\* BYE Autologout/), expect.stringMatching(/^-ERR no login within/)]);
  });

  it('refused: the client broke a limit and the server closed', async () => {
    const sandbox = await sandboxWith();
    await untilClosed(await connect(sandbox, 'smtp'), ...Array.from({ length: 12 }, () => 'FROB'));
    // A non-synchronizing literal far over the pre-login limit: the server will not read it.
    await untilClosed(await connect(sandbox, 'imap'), 'a LOGIN {99999999+}');
    await untilClosed(await connect(sandbox, 'pop3'), ...Array.from({ length: 25 }, () => 'FROB'));
    expect(ends(await endedSessions(sandbox, 3))).toEqual([
      ['smtp', 'refused'],
      ['imap', 'refused'],
      ['pop3', 'refused'],
    ]);
  });

  it('fault: a rule refused the connection, closed it with 421 or BYE, or dropped it', async () => {
    const sandbox = await sandboxWith();
    sandbox.faults.set(['rcpt=cut@*:reject=421', 'from=drop@*:drop', 'imap:login=bye-me:bye', 'imap:command=SELECT:drop', 'pop3:login=drop-me:drop']);
    await untilClosed(await connect(sandbox, 'smtp'), 'EHLO c.test', 'MAIL FROM:<a@x.test>', 'RCPT TO:<cut@x.test>');
    await untilClosed(await connect(sandbox, 'smtp'), 'EHLO c.test', 'MAIL FROM:<drop@x.test>');
    await untilClosed(await connect(sandbox, 'imap'), 'a LOGIN bye-me x');
    await untilClosed(await connect(sandbox, 'imap'), 'a LOGIN someone x', 'b SELECT INBOX');
    await untilClosed(await connect(sandbox, 'pop3'), 'USER drop-me', 'PASS x');
    sandbox.faults.set(['connect=127.0.0.1:reject=554']);
    const refused = await LineSocket.open(sandbox.smtp!.port);
    await refused.waitFor(/^554 /);
    expect(await refused.closedWithin(5000)).toBe(true);
    const sessions = await endedSessions(sandbox, 6);
    expect(ends(sessions)).toEqual([
      ['smtp', 'fault'],
      ['smtp', 'fault'],
      ['imap', 'fault'],
      ['imap', 'fault'],
      ['pop3', 'fault'],
      ['smtp', 'fault'],
    ]);
    // Each says which rule it met.
    for (const s of sessions) expect(sandbox.sessions.get(s.id)!.detail().actions.map((a) => a.text)).toContainEqual(expect.stringMatching(/^fault rule \S+ fired on /));
  });

  it('cap: a connection past --max-connections is recorded and turned away', async () => {
    const sandbox = await sandboxWith({ maxConnections: 1, maxConnectionsPerIp: 1 });
    const held = await Promise.all((['smtp', 'imap', 'pop3'] as const).map((protocol) => connect(sandbox, protocol)));
    const turnedAway = [/^421 /, /^\* BYE /, /^-ERR \[SYS\/TEMP\] /];
    for (const [i, protocol] of (['smtp', 'imap', 'pop3'] as const).entries()) {
      const extra = await LineSocket.open(sandbox[protocol]!.port);
      await extra.waitFor(turnedAway[i]);
      expect(await extra.closedWithin(5000)).toBe(true);
    }
    const sessions = await endedSessions(sandbox, 3);
    expect(sessions.filter((s) => s.state === 'ended').map((s) => [s.protocol, s.ended])).toEqual([
      ['smtp', 'cap'],
      ['imap', 'cap'],
      ['pop3', 'cap'],
    ]);
    for (const socket of held) socket.close();
  });

  it('shutdown: the sandbox stopped while the session was open', async () => {
    const sandbox = await startSandbox({ shutdownGrace: 200 });
    const sockets = await Promise.all((['smtp', 'imap', 'pop3'] as const).map((protocol) => connect(sandbox, protocol)));
    await sandbox.close();
    for (const socket of sockets) expect(await socket.closedWithin(5000)).toBe(true);
    expect(ends(byProtocol(await endedSessions(sandbox, 3)))).toEqual([
      ['smtp', 'shutdown'],
      ['imap', 'shutdown'],
      ['pop3', 'shutdown'],
    ]);
  });
});

describe('the TLS flag', () => {
  it('is set by STARTTLS/STLS mid-session and from the start on the implicit-TLS ports, and not otherwise', async () => {
    const sandbox = await sandboxWith({ tlsSelfSigned: true, smtpsPort: 0, imapsPort: 0, pop3sPort: 0 });
    const ports = { host: sandbox.smtp!.host, smtp: sandbox.smtp!.port, smtps: sandbox.smtps!.port, imap: sandbox.imap!.port, imaps: sandbox.imaps!.port, pop3: sandbox.pop3!.port, pop3s: sandbox.pop3s!.port };
    const { stdout } = await promisify(execFile)('python3', [fileURLToPath(new URL('./clients/sessions_tls.py', import.meta.url)), JSON.stringify(ports)], { timeout: 20_000 });
    expect(stdout.trim()).toBe('ok');
    for (const protocol of ['smtp', 'imap', 'pop3'] as const) await untilClosed(await connect(sandbox, protocol), protocol === 'imap' ? 'a LOGOUT' : 'QUIT');
    const sessions = await endedSessions(sandbox, 9);
    expect(sessions.map((s) => [s.protocol, s.login, s.tls])).toEqual([
      ['smtp', 'smtp-starttls', true],
      ['smtp', 'smtp-implicit', true],
      ['imap', 'imap-starttls', true],
      ['imap', 'imap-implicit', true],
      ['pop3', 'pop3-starttls', true],
      ['pop3', 'pop3-implicit', true],
      ['smtp', null, false],
      ['imap', null, false],
      ['pop3', null, false],
    ]);
    expect(sessions.map((s) => s.ended)).toEqual(Array(9).fill('quit'));
    expect(sessions[0].clientName).toBe('starttls.client.test');
    expect(sessions[1].clientName).toBe('smtps.client.test');
  });
});
