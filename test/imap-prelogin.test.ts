// Before login an IMAP client may not make the server hold anything big: a literal over the
// pre-login bound is refused before its bytes are sent, and one sent without waiting for `+` ends
// the connection. After login the APPEND bound is --max-message-size again.
import { afterEach, describe, expect, it } from 'vitest';
import type { Sandbox } from '../server/app.ts';
import { DEFAULT_LIMITS } from '../server/imap/limits.ts';
import { LineSocket } from './helpers/line-socket.ts';
import { startSandbox } from './helpers/sandbox.ts';

let sandbox: Sandbox | undefined;
const sockets: LineSocket[] = [];
afterEach(async () => {
  for (const socket of sockets.splice(0)) socket.close();
  await sandbox?.close();
  sandbox = undefined;
});

async function imap(): Promise<LineSocket> {
  sandbox ??= await startSandbox({ smtpPort: null, httpPort: null, pop3Port: null, maxMessageSize: 1024 * 1024 });
  const socket = await LineSocket.open(sandbox.imap!.port);
  sockets.push(socket);
  await socket.waitFor(/^\* OK/);
  return socket;
}

const bound = DEFAULT_LIMITS.maxLiteralBeforeLogin;

describe('IMAP literals before login', () => {
  it('refuses a 25 MB APPEND literal at once, naming APPEND and the pre-login bound', async () => {
    const client = await imap();
    client.write('A1 APPEND INBOX {25000000}\r\n');
    const [reply] = await client.waitFor(/^A1 /);
    expect(reply).toBe(`A1 NO [TOOBIG] literal larger than allowed (${bound} bytes for APPEND before login)`);
    client.write('A2 NOOP\r\n');
    expect((await client.waitFor(/^A2 /)).at(-1)).toBe('A2 OK NOOP completed');
  });

  it('names LOGIN when a LOGIN literal is too big', async () => {
    const client = await imap();
    client.write(`A1 LOGIN {${bound + 1}}\r\n`);
    expect((await client.waitFor(/^A1 /))[0]).toBe(`A1 NO [TOOBIG] literal larger than allowed (${bound} bytes for LOGIN before login)`);
  });

  it('still takes a LOGIN literal under the bound', async () => {
    const client = await imap();
    client.write('A1 LOGIN {3}\r\n');
    await client.waitFor(/^\+ /);
    client.write('dev {2}\r\n');
    await client.waitFor(/^\+ /);
    client.write('pw\r\n');
    expect((await client.waitFor(/^A1 /)).at(-1)).toMatch(/^A1 OK/);
  });

  it('closes the connection on a too-big non-synchronizing literal, reading none of it', async () => {
    const client = await imap();
    client.write('A1 APPEND INBOX {25000000+}\r\n' + 'x'.repeat(1000));
    const lines = await client.waitFor(/^\* BYE/);
    expect(lines).toEqual([`A1 NO [TOOBIG] literal larger than allowed (${bound} bytes for APPEND before login)`, '* BYE literal too big before login']);
    expect(await client.closedWithin(3000)).toBe(true);
  });

  it('after login, bounds APPEND by --max-message-size and other literals by the small bound, naming the command', async () => {
    const client = await imap();
    client.write('A1 LOGIN dev pw\r\n');
    await client.waitFor(/^A1 OK/);
    client.write(`A2 APPEND INBOX {${1024 * 1024 + 1}}\r\n`);
    expect((await client.waitFor(/^A2 /))[0]).toBe(`A2 NO [TOOBIG] literal larger than allowed (${1024 * 1024} bytes for APPEND)`);
    client.write(`A3 APPEND INBOX {${bound + 10}}\r\n`);
    await client.waitFor(/^\+ /);
    client.write('Subject: big enough\r\n\r\n' + 'y'.repeat(bound + 10 - 23) + '\r\n');
    expect((await client.waitFor(/^A3 /)).at(-1)).toMatch(/^A3 OK \[APPENDUID/);
    client.write(`A4 UID SEARCH TEXT {${70 * 1024}}\r\n`);
    expect((await client.waitFor(/^A4 /))[0]).toBe(`A4 NO [TOOBIG] literal larger than allowed (${64 * 1024} bytes for UID SEARCH)`);
  });
});
