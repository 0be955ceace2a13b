// POP3 from a raw socket: exact bytes on the wire, pipelining, AUTH PLAIN, CAPA, bad input and the
// bounds (line length, bad commands, idle timeout, connection count), STLS injection, backpressure.
import { connect as tlsConnect } from 'node:tls';
import { afterEach, describe, expect, it } from 'vitest';
import type { Sandbox, StartOptions } from '../server/app.ts';
import { resolveConfig } from '../server/config.ts';
import type { RunningListener } from '../server/listener.ts';
import { silentLogger } from '../server/log.ts';
import { DEFAULT_LIMITS, type Pop3Limits } from '../server/pop3/limits.ts';
import { startPop3Server } from '../server/pop3/server.ts';
import { MessageStore } from '../server/store/index.ts';
import { Pop3Socket } from './clients/pop3-socket.ts';
import { startSandbox } from './helpers/sandbox.ts';

let sandbox: Sandbox | undefined;
let listener: RunningListener | undefined;
const sockets: Pop3Socket[] = [];
afterEach(async () => {
  for (const socket of sockets.splice(0)) socket.close();
  await sandbox?.close();
  await listener?.close();
  sandbox = undefined;
  listener = undefined;
});

const envelope = { mailFrom: 'a@example.com', rcptTo: ['b@example.com'] };
const b64 = (s: string) => Buffer.from(s).toString('base64');

async function greeted(port: number): Promise<Pop3Socket> {
  const pop = await Pop3Socket.open(port);
  sockets.push(pop);
  expect(await pop.line()).toMatch(/^\+OK mailsandbox POP3 ready <.+@mailsandbox>$/);
  return pop;
}

async function open(options: StartOptions = {}): Promise<{ sandbox: Sandbox; pop: Pop3Socket }> {
  sandbox = await startSandbox({ smtpPort: null, httpPort: null, imapPort: null, ...options });
  return { sandbox, pop: await greeted(sandbox.pop3!.port) };
}

/** A bare POP3 listener with tight limits, for the bounds that take too long at their defaults. */
async function bare(limits: Partial<Pop3Limits>): Promise<{ port: number; store: MessageStore }> {
  const deps = { store: new MessageStore({ maxMessages: 10, maxBytes: 1e6 }), config: resolveConfig({}), log: silentLogger, tls: null };
  listener = (await startPop3Server(deps, { port: 0, implicitTls: false }, { ...DEFAULT_LIMITS, ...limits }))!;
  return { port: listener.port, store: deps.store };
}

describe('POP3 over a raw socket', () => {
  it('answers pipelined commands in order, then closes after QUIT', async () => {
    const { sandbox, pop } = await open();
    const id = sandbox.store.add(Buffer.from('Subject: one\r\n\r\nbody\r\n'), envelope).id;
    pop.write('USER someone\r\nPASS x\r\nSTAT\r\nLIST\r\nUIDL 1\r\nRETR 1\r\nNOOP\r\nQUIT\r\n');
    expect(await pop.line()).toBe('+OK send PASS for someone');
    expect(await pop.line()).toBe('+OK someone has 1 message (22 octets)');
    expect(await pop.line()).toBe('+OK 1 22');
    expect(await pop.multiLine()).toBe('+OK 1 messages (22 octets)\r\n1 22\r\n.\r\n');
    expect(await pop.line()).toBe(`+OK 1 ${id}`);
    expect(await pop.multiLine()).toBe('+OK 22 octets\r\nSubject: one\r\n\r\nbody\r\n.\r\n');
    expect(await pop.line()).toBe('+OK');
    expect(await pop.line()).toMatch(/^\+OK mailsandbox POP3 signing off/);
    await pop.waitClosed();
  });

  it('sends bare-LF mail as stored, dot-stuffed, and counts exactly the octets it sends', async () => {
    const { sandbox, pop } = await open();
    const raw = Buffer.from('Subject: bare\n\n.dot after a bare LF\nno final line end');
    sandbox.store.add(raw, envelope);
    sandbox.store.add(Buffer.from('Subject: lf end\n\nlast\n'), envelope);
    pop.write('USER u\r\nPASS p\r\n');
    await pop.line();
    await pop.line();
    pop.write('LIST\r\n');
    expect(await pop.multiLine()).toBe(`+OK 2 messages (${raw.length + 2 + 22 + 1} octets)\r\n1 ${raw.length + 2}\r\n2 23\r\n.\r\n`);
    pop.write('RETR 1\r\nRETR 2\r\n');
    expect(await pop.multiLine()).toBe(`+OK ${raw.length + 2} octets\r\nSubject: bare\n\n..dot after a bare LF\nno final line end\r\n.\r\n`);
    expect(await pop.multiLine()).toBe('+OK 23 octets\r\nSubject: lf end\n\nlast\r\n.\r\n');
  });

  it('advertises its capabilities with CAPA, before and after login', async () => {
    const { pop } = await open();
    const expected = ['TOP', 'UIDL', 'USER', 'RESP-CODES', 'AUTH-RESP-CODE', 'PIPELINING', 'SASL PLAIN', 'IMPLEMENTATION mailsandbox'];
    pop.write('CAPA\r\n');
    expect(await pop.multiLine()).toBe(`+OK capability list follows\r\n${expected.join('\r\n')}\r\n.\r\n`);
    pop.write('USER u\r\nPASS p\r\nCAPA\r\n');
    await pop.line();
    await pop.line();
    expect(await pop.multiLine()).toBe(`+OK capability list follows\r\n${expected.join('\r\n')}\r\n.\r\n`);
  });

  it('logs in with AUTH PLAIN, with an initial response or after the "+ " challenge', async () => {
    const { pop } = await open();
    expect(await pop.command(`AUTH PLAIN ${b64('\0alice@example.com\0pw')}`)).toBe('+OK alice@example.com has 0 messages (0 octets)');
    const second = await greeted(sandbox!.pop3!.port);
    expect(await second.command('auth plain')).toBe('+ ');
    expect(await second.command(b64('\0bob@example.com\0pw'))).toMatch(/^\+OK bob@example\.com has/);
    expect(await second.command('STAT')).toBe('+OK 0 0');
  });

  it('cancels AUTH on "*", refuses bad responses and mechanisms, and lists PLAIN for a bare AUTH', async () => {
    const { pop } = await open({ mailAuth: 'required', users: [{ user: 'app', password: 'pw' }] });
    expect(await pop.command('AUTH PLAIN')).toBe('+ ');
    expect(await pop.command('*')).toBe('-ERR authentication cancelled');
    expect(await pop.command('AUTH PLAIN not-base64!')).toBe('-ERR the PLAIN response is not base64');
    expect(await pop.command(`AUTH PLAIN ${b64('no separators')}`)).toBe('-ERR the PLAIN response is not authzid NUL authcid NUL password');
    expect(await pop.command('AUTH CRAM-MD5')).toBe('-ERR unsupported mechanism CRAM-MD5; use PLAIN');
    expect(await pop.command(`AUTH PLAIN ${b64('\0app\0wrong')}`)).toBe('-ERR [AUTH] invalid user name or password');
    expect(await pop.command(`AUTH PLAIN ${b64('other\0app\0pw')}`)).toBe('-ERR [AUTH] invalid user name or password');
    pop.write('AUTH\r\n');
    expect(await pop.multiLine()).toBe('+OK SASL mechanisms follow\r\nPLAIN\r\n.\r\n');
    expect(await pop.command(`AUTH PLAIN ${b64('app\0app\0pw')}`)).toMatch(/^\+OK app has 0 messages/);
  });

  it('answers bad commands and arguments with -ERR and keeps the session', async () => {
    const { sandbox, pop } = await open();
    sandbox.store.add(Buffer.from('Subject: x\r\n\r\ny\r\n'), envelope);
    expect(await pop.command('FROB')).toBe('-ERR unknown command FROB');
    expect(await pop.command('FR\rOB\0')).toBe('-ERR unknown command FR?OB?');
    expect(await pop.command('')).toBe('-ERR empty command line');
    expect(await pop.command('RETR 1')).toBe('-ERR log in before RETR (USER/PASS or AUTH PLAIN)');
    expect(await pop.command('PASS early')).toBe('-ERR send USER first');
    expect(await pop.command('USER')).toMatch(/^-ERR USER needs a name/);
    expect(await pop.command('APOP someone short')).toBe('-ERR APOP needs a name and a 32-digit hex MD5 digest');
    expect(await pop.command('STLS')).toMatch(/^-ERR STLS is not available: start mailsandbox with --tls-self-signed/);
    await pop.command('USER u');
    await pop.command('PASS p');
    expect(await pop.command('USER again')).toBe('-ERR USER is not allowed after login');
    expect(await pop.command('LIST 0')).toBe('-ERR no message 0; the maildrop has 1');
    expect(await pop.command('LIST 2')).toBe('-ERR no message 2; the maildrop has 1');
    expect(await pop.command('RETR one')).toBe('-ERR "one" is not a message number');
    expect(await pop.command('TOP 1')).toBe('-ERR TOP needs a message number and a line count, e.g. TOP 1 10');
    expect(await pop.command('DELE')).toBe('-ERR "" is not a message number');
    expect(await pop.command('DELE 1')).toBe('+OK message 1 deleted');
    expect(await pop.command('DELE 1')).toBe('-ERR message 1 is already deleted');
    expect(await pop.command('LIST 1')).toBe('-ERR message 1 is already deleted');
    expect(await pop.command('noop')).toBe('+OK');
  });

  it('TOP of a message with an empty header block sends the blank line and the first body lines only', async () => {
    const { sandbox, pop } = await open();
    sandbox.store.add(Buffer.from('\r\nfirst\r\nsecond\r\n'), envelope);
    await pop.command('USER u');
    await pop.command('PASS p');
    pop.write('TOP 1 1\r\n');
    expect(await pop.multiLine()).toBe('+OK top of message follows\r\n\r\nfirst\r\n.\r\n');
  });

  it('skips an over-long line with -ERR, and closes on one that never ends', async () => {
    const { pop } = await open();
    pop.write(`NOOP ${'x'.repeat(2000)}\r\nCAPA\r\n`);
    expect(await pop.line()).toBe('-ERR line too long; commands are at most 1000 octets');
    expect(await pop.multiLine()).toMatch(/^\+OK capability list follows/);
    pop.write('y'.repeat(70 * 1024));
    expect(await pop.line()).toBe('-ERR line far too long, closing');
    await pop.waitClosed();
  });

  it('closes a connection after too many bad commands', async () => {
    const { pop } = await open();
    pop.write('BAD\r\n'.repeat(25));
    for (let i = 1; i < 20; i++) expect(await pop.line()).toBe('-ERR unknown command BAD');
    expect(await pop.line()).toBe('-ERR unknown command BAD; too many bad commands, closing');
    await pop.waitClosed();
  });

  it('drops commands pipelined after STLS: they came in clear text', async () => {
    sandbox = await startSandbox({ smtpPort: null, httpPort: null, imapPort: null, tlsSelfSigned: true });
    const pop = await greeted(sandbox.pop3!.port);
    pop.write('STLS\r\nUSER injected\r\n');
    expect(await pop.line()).toBe('+OK begin TLS negotiation');
    const secure = tlsConnect({ socket: pop.socket, rejectUnauthorized: false });
    await new Promise((resolve, reject) => secure.once('secureConnect', resolve).once('error', reject));
    const reply = new Promise<string>((resolve) => secure.once('data', (chunk) => resolve(chunk.toString())));
    secure.write('PASS secret\r\n');
    expect(await reply).toBe('-ERR send USER first\r\n');
    secure.destroy();
  });

  it('keeps writing pipelined RETRs of a large message in order when the client reads slowly', async () => {
    const { sandbox, pop } = await open();
    const body = Buffer.alloc(1024 * 1024, 'a\r\n.bc\r\n');
    sandbox.store.add(Buffer.concat([Buffer.from('Subject: big\r\n\r\n'), body]), envelope);
    pop.write('USER u\r\nPASS p\r\n');
    await pop.line();
    await pop.line();
    const size = 16 + body.length;
    const reply = `+OK ${size} octets\r\nSubject: big\r\n\r\n${body.toString().replaceAll('\n.', '\n..')}.\r\n`;
    const expected = reply.repeat(20) + `+OK 1 ${size}\r\n`;
    const chunks: Buffer[] = [];
    let received = 0;
    // Read 20 MB here rather than through the line helper, which is built for short replies.
    pop.socket.removeAllListeners('data');
    const all = new Promise<void>((resolve) =>
      pop.socket.on('data', (chunk: Buffer) => {
        chunks.push(chunk);
        received += chunk.length;
        if (received >= expected.length) resolve();
      }),
    );
    pop.socket.pause();
    pop.write('RETR 1\r\n'.repeat(20) + 'STAT\r\n');
    await new Promise((resolve) => setTimeout(resolve, 300));
    pop.socket.resume();
    await all;
    expect(Buffer.concat(chunks).toString() === expected).toBe(true);
  });

  it('logs out a client idle for too long, without removing what it marked', async () => {
    const { port, store } = await bare({ idleTimeoutMs: 1000 });
    const id = store.add(Buffer.from('Subject: kept\r\n\r\n'), envelope).id;
    const pop = await greeted(port);
    pop.write('USER u\r\nPASS p\r\nDELE 1\r\n');
    for (let i = 0; i < 3; i++) expect(await pop.line()).toMatch(/^\+OK/);
    expect(await pop.line(3000)).toBe('-ERR no command for 1 s, closing');
    await pop.waitClosed();
    expect(store.get(id)).toBeDefined();
  });

  it('turns connections beyond the limit away with [SYS/TEMP]', async () => {
    const { port } = await bare({ maxConnections: 2 });
    await greeted(port);
    await greeted(port);
    const third = await Pop3Socket.open(port);
    sockets.push(third);
    expect(await third.line()).toBe('-ERR [SYS/TEMP] too many connections, try again later');
    await third.waitClosed();
  });

  it('closes a session past its command limit with [SYS/PERM]', async () => {
    const { port } = await bare({ maxCommandsPerSession: 3 });
    const pop = await greeted(port);
    pop.write('CAPA\r\nCAPA\r\nCAPA\r\nCAPA\r\n');
    for (let i = 0; i < 3; i++) await pop.multiLine();
    expect(await pop.line()).toBe('-ERR [SYS/PERM] too many commands in one session, closing');
    await pop.waitClosed();
  });

  it('says [SYS/TEMP] to open sessions when the server shuts down', async () => {
    const { sandbox, pop } = await open();
    const closing = sandbox.close();
    expect(await pop.line()).toBe('-ERR [SYS/TEMP] mailsandbox is shutting down');
    await pop.waitClosed();
    await closing;
  });
});
