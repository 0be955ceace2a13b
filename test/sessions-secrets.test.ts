// No password shows anywhere, whichever way a client logs in: SMTP AUTH PLAIN and LOGIN with and
// without an initial response, CRAM-MD5; IMAP LOGIN (quoted, and as literals), AUTHENTICATE with a
// continuation and with SASL-IR; POP3 USER/PASS, APOP and AUTH PLAIN both ways. Real clients
// (smtplib, imaplib, poplib, curl, nodemailer) and raw sockets log in while a WebSocket client
// follows each session's lines; then every API answer, frame and log line is searched for the
// passwords, plain and base64.
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { Sandbox } from '../server/app.ts';
import { createLogger } from '../server/log.ts';
import type { SessionDetail, SessionSummary } from '../server/types.ts';
import { RawImap } from './helpers/imap.ts';
import { api, smtpTransport, startSandbox } from './helpers/sandbox.ts';

const run = promisify(execFile);

const PASSWORDS: Record<string, string> = {
  'smtp-login-continued': 'Py-Smtp-Login-61',
  'smtp-login-initial': 'Py-Smtp-LoginIR-62',
  'smtp-plain-continued': 'Py-Smtp-Plain-63',
  'smtp-cram': 'Py-Smtp-Cram-64',
  'imap-login': 'Py Imap "Login" 65',
  'imap-authenticate': 'Py-Imap-Auth-66',
  'pop-pass': 'Py-Pop-Pass-67',
  'pop-apop': 'Py-Pop-Apop-68',
  'curl-imap-sasl-ir': 'Curl-Imap-SaslIr-71',
  'curl-pop-plain': 'Curl-Pop-Plain-72',
  'curl-pop-sasl-ir': 'Curl-Pop-SaslIr-73',
  'curl-smtp-plain-ir': 'Curl-Smtp-PlainIr-74',
  'node-login': 'Node-Smtp-Login-75',
  'raw-literal': 'Raw-Literal-81',
  'raw-literal-plus': 'Raw-LiteralPlus-82',
  'raw-authenticate': 'Raw-Authenticate-83',
  'raw-sasl-ir': 'Raw-SaslIr-84',
};

/** Each password as sent, in base64 (AUTH LOGIN), and inside a SASL PLAIN blob. */
function secretsIn(text: string): string[] {
  const forms = Object.entries(PASSWORDS).flatMap(([user, password]) => [
    password,
    Buffer.from(password).toString('base64'),
    Buffer.from(`\0${user}\0${password}`).toString('base64'),
  ]);
  return forms.filter((form) => text.includes(form));
}

const plainBlob = (user: string) => Buffer.from(`\0${user}\0${PASSWORDS[user]}`).toString('base64');

let sandbox: Sandbox;
const logs: string[] = [];
const frames: string[] = [];
let socket: WebSocket;

beforeAll(async () => {
  sandbox = await startSandbox({ logger: createLogger('json', 'debug', (line) => logs.push(line)) });
  socket = new WebSocket(`${sandbox.url!.replace('http', 'ws')}/api/v1/events`);
  socket.on('message', (data) => {
    const text = String(data);
    frames.push(text);
    // Follow each session as it starts, so its lines come as session.line frames too.
    const frame = JSON.parse(text) as { type: string; data: { id: number } };
    if (frame.type === 'session.started') socket.send(JSON.stringify({ type: 'session.watch', id: frame.data.id }));
  });
  await new Promise((resolve) => socket.once('open', resolve));
});
afterAll(async () => {
  socket?.close();
  await sandbox?.close();
});

async function curl(args: string[], user: string): Promise<void> {
  await run('curl', ['-sS', '--max-time', '10', '-u', `${user}:${PASSWORDS[user]}`, ...args], { timeout: 15_000 });
}

async function rawImap(user: string, login: (client: RawImap) => Promise<string[]>): Promise<void> {
  const client = await RawImap.connect(sandbox);
  // Give the frame listener time to ask for this session's lines.
  await new Promise((resolve) => setTimeout(resolve, 100));
  expect((await login(client)).at(-1), user).toMatch(/^\S+ OK/);
  await client.command('LOGOUT');
  client.close();
}

async function allSettled(count: number): Promise<SessionSummary[]> {
  for (let i = 0; i < 200; i++) {
    const { sessions } = (await api<{ sessions: SessionSummary[] }>(sandbox, '/api/v1/sessions?limit=1000')).body;
    if (sessions.length >= count && sessions.every((s) => s.state === 'ended')) return sessions.reverse();
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error('sessions did not end');
}

describe('secrets in sessions', () => {
  it('masks every way of logging in, and no password reaches an API answer, a frame or a log line', async () => {
    const { host, port: smtp } = sandbox.smtp!;
    const ports = { host, smtp, imap: sandbox.imap!.port, pop3: sandbox.pop3!.port, passwords: PASSWORDS };
    const { stdout } = await run('python3', [fileURLToPath(new URL('./clients/sessions_secrets.py', import.meta.url)), JSON.stringify(ports)], { timeout: 30_000 });
    expect(stdout.trim()).toBe('ok');

    await curl(['--sasl-ir', '--login-options', 'AUTH=PLAIN', `imap://${host}:${sandbox.imap!.port}/`], 'curl-imap-sasl-ir');
    await curl(['--login-options', 'AUTH=PLAIN', `pop3://${host}:${sandbox.pop3!.port}/`], 'curl-pop-plain');
    await curl(['--sasl-ir', '--login-options', 'AUTH=PLAIN', `pop3://${host}:${sandbox.pop3!.port}/`], 'curl-pop-sasl-ir');
    await curl(['--sasl-ir', '--login-options', 'AUTH=PLAIN', `smtp://${host}:${smtp}/`, '--mail-from', 'a@x.test', '--mail-rcpt', 'b@x.test', '-T', fileURLToPath(new URL('./fixtures/plain.eml', import.meta.url))], 'curl-smtp-plain-ir');
    const transport = smtpTransport(sandbox, { auth: { user: 'node-login', pass: PASSWORDS['node-login'] } });
    (transport.options as { authMethod?: string }).authMethod = 'LOGIN';
    await transport.sendMail({ from: 'a@x.test', to: 'b@x.test', subject: 'login', text: 'x' });
    transport.close();

    const literal = PASSWORDS['raw-literal'];
    await rawImap('raw-literal', async (c) => {
      c.write(`l1 LOGIN raw-literal {${literal.length}}\r\n`);
      await c.waitFor((line) => line.startsWith('+ '));
      c.write(`${literal}\r\n`);
      return c.waitFor((line) => line.startsWith('l1 '));
    });
    const literalPlus = PASSWORDS['raw-literal-plus'];
    await rawImap('raw-literal-plus', (c) => {
      c.write(`l2 LOGIN {16+}\r\nraw-literal-plus {${literalPlus.length}+}\r\n${literalPlus}\r\n`);
      return c.waitFor((line) => line.startsWith('l2 '));
    });
    await rawImap('raw-authenticate', async (c) => {
      c.write('l3 AUTHENTICATE PLAIN\r\n');
      await c.waitFor((line) => line.startsWith('+'));
      c.write(`${plainBlob('raw-authenticate')}\r\n`);
      return c.waitFor((line) => line.startsWith('l3 '));
    });
    await rawImap('raw-sasl-ir', (c) => c.command(`AUTHENTICATE PLAIN ${plainBlob('raw-sasl-ir')}`));

    const sessions = await allSettled(Object.keys(PASSWORDS).length);
    const users = Object.keys(PASSWORDS);
    const byLogin = new Map(sessions.filter((s) => s.login).map((s) => [s.login!, s]));
    expect([...byLogin.keys()].sort()).toEqual([...users].sort());
    const details = new Map<string, SessionDetail>();
    for (const user of users) details.set(user, (await api<SessionDetail>(sandbox, `/api/v1/sessions/${byLogin.get(user)!.id}`)).body);
    const clientLines = (user: string) => details.get(user)!.transcript.filter((l) => l.direction === 'client').map((l) => l.text);

    // What stays readable: the mechanism and the user name where the command names it.
    expect(clientLines('smtp-login-continued')).toEqual(expect.arrayContaining(['AUTH LOGIN', '***']));
    expect(clientLines('smtp-login-continued').filter((l) => l === '***')).toHaveLength(2);
    expect(clientLines('smtp-login-initial')).toContain('AUTH LOGIN ***');
    expect(clientLines('smtp-plain-continued')).toEqual(expect.arrayContaining(['AUTH PLAIN', '***']));
    expect(clientLines('smtp-cram')).toEqual(expect.arrayContaining(['AUTH CRAM-MD5', '***']));
    expect(clientLines('curl-smtp-plain-ir')).toContain('AUTH PLAIN ***');
    expect(clientLines('imap-login')).toContainEqual(expect.stringMatching(/^\S+ LOGIN imap-login \*\*\*$/));
    expect(clientLines('imap-authenticate')).toEqual(expect.arrayContaining([expect.stringMatching(/^\S+ AUTHENTICATE PLAIN$/), '***']));
    expect(clientLines('curl-imap-sasl-ir')).toContainEqual(expect.stringMatching(/^\S+ AUTHENTICATE PLAIN \*\*\*$/));
    expect(clientLines('raw-sasl-ir')).toContainEqual(expect.stringMatching(/^\S+ AUTHENTICATE PLAIN \*\*\*$/));
    expect(clientLines('raw-authenticate')).toEqual(expect.arrayContaining(['l3 AUTHENTICATE PLAIN', '***']));
    expect(clientLines('raw-literal')).toContainEqual(expect.stringMatching(/^l1 LOGIN raw-literal \*\*\*$/));
    expect(clientLines('raw-literal-plus')).toContainEqual(expect.stringMatching(/^l2 LOGIN \{16 bytes\} \*\*\*$/));
    expect(clientLines('pop-pass')).toEqual(expect.arrayContaining(['USER pop-pass', 'PASS ***']));
    expect(clientLines('pop-apop')).toContain('APOP pop-apop ***');
    expect(clientLines('curl-pop-plain')).toEqual(expect.arrayContaining(['AUTH PLAIN', '***']));
    expect(clientLines('curl-pop-sasl-ir')).toContain('AUTH PLAIN ***');

    await new Promise((resolve) => setTimeout(resolve, 300));
    const everything = [
      ...[...details.values()].map((d) => JSON.stringify(d)),
      JSON.stringify((await api(sandbox, '/api/v1/sessions?limit=1000')).body),
      ...(await Promise.all(sandbox.store.list({}, { offset: 0, limit: 100 }).messages.map(async (m) => JSON.stringify((await api(sandbox, `/api/v1/messages/${m.id}/history`)).body)))),
      ...frames,
      ...logs,
    ].join('\n');
    expect(frames.some((f) => f.includes('"session.line"'))).toBe(true);
    expect(logs.length).toBeGreaterThan(0);
    expect(secretsIn(everything)).toEqual([]);
  });
});
