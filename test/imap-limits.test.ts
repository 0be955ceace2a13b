// The bounds an IMAP connection lives within, on a bare listener with tight limits: the defaults
// (1 minute before login, 30 after, 500 connections) take too long to wait out in a test.
import net from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { resolveConfig } from '../server/config.ts';
import { DEFAULT_LIMITS, type ImapLimits } from '../server/imap/limits.ts';
import { startImapServer } from '../server/imap/server.ts';
import type { RunningListener } from '../server/listener.ts';
import { silentLogger } from '../server/log.ts';
import { MessageStore } from '../server/store/index.ts';
import { RawImap } from './helpers/imap.ts';

let listener: RunningListener | null = null;
afterEach(async () => {
  await listener?.close();
  listener = null;
});

async function bare(limits: Partial<ImapLimits>): Promise<RunningListener> {
  const deps = { store: new MessageStore({ maxMessages: 10, maxBytes: 1e6 }), config: resolveConfig({}), log: silentLogger, tls: null };
  listener = (await startImapServer(deps, { port: 0, implicitTls: false }, { ...DEFAULT_LIMITS, ...limits }))!;
  return listener;
}

async function closedWithin(client: RawImap, ms: number): Promise<boolean> {
  for (const deadline = Date.now() + ms; Date.now() < deadline; await sleep(20)) if (client.closed) return true;
  return client.closed;
}

/** The first thing a server says to a new connection, and whether it then hangs up. */
function greetingOf(server: RunningListener): Promise<{ text: string; closed: boolean }> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(server.port, server.host);
    let text = '';
    socket.setEncoding('latin1');
    socket.on('data', (chunk: string) => (text += chunk));
    socket.on('error', reject);
    socket.on('close', () => resolve({ text, closed: true }));
    setTimeout(() => {
      resolve({ text, closed: false });
      socket.destroy();
    }, 1000);
  });
}

describe('IMAP connection limits', () => {
  it('logs out a peer that stays silent before LOGIN, with BYE', async () => {
    const client = await RawImap.connect(await bare({ unauthenticatedTimeoutMs: 300 }));
    const lines = await client.waitFor((line) => line.startsWith('* BYE'), 3000);
    expect(lines.at(-1)).toMatch(/^\* BYE Autologout/);
    expect(await closedWithin(client, 2000)).toBe(true);
  });

  it('gives a logged-in session the longer timer, and IDLE does not escape it', async () => {
    const client = await RawImap.connect(await bare({ unauthenticatedTimeoutMs: 300, authenticatedTimeoutMs: 1500 }));
    expect((await client.command('LOGIN dev x')).at(-1)).toMatch(/^t\d+ OK/);
    await sleep(700);
    expect(client.closed).toBe(false);
    expect((await client.command('SELECT INBOX')).at(-1)).toMatch(/^t\d+ OK/);
    client.write('idle1 IDLE\r\n');
    await client.waitFor((line) => line.startsWith('+ '));
    const lines = await client.waitFor((line) => line.startsWith('* BYE'), 5000);
    expect(lines.at(-1)).toMatch(/^\* BYE Autologout/);
    expect(await closedWithin(client, 2000)).toBe(true);
  });

  it('turns connections past the cap away with BYE, and serves again once one leaves', async () => {
    const server = await bare({ maxConnections: 2 });
    const first = await RawImap.connect(server);
    await RawImap.connect(server);
    const refused = await greetingOf(server);
    expect(refused).toEqual({ text: '* BYE too many connections, try again later\r\n', closed: true });
    first.close();
    expect(await closedWithin(first, 2000)).toBe(true);
    await sleep(100);
    expect((await greetingOf(server)).text).toMatch(/^\* OK \[CAPABILITY /);
  });

  it('cuts a turned-away peer that never hangs up, so closing the listener does not wait for it', async () => {
    const server = await bare({ maxConnections: 1 });
    const first = await RawImap.connect(server);
    // allowHalfOpen: this peer reads the BYE and the server's FIN but never closes its side.
    const stubborn = net.connect({ port: server.port, host: server.host, allowHalfOpen: true });
    stubborn.on('error', () => {});
    stubborn.resume();
    await new Promise((resolve) => stubborn.once('end', resolve));
    first.close();
    const closed = await Promise.race([server.close().then(() => true), sleep(5000).then(() => false)]);
    listener = null;
    stubborn.destroy();
    expect(closed).toBe(true);
  });
});
