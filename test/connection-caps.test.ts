// What keeps idle or greedy clients from filling the listeners, on every protocol: a deadline from
// connect to a login (SMTP: to a first MAIL FROM) that trickled bytes do not extend, a cap per client
// address below the global one, and the protocol's own refusal line. Other loopback addresses
// (127.0.0.2) stand in for a second client machine.
import { afterEach, describe, expect, it } from 'vitest';
import type { Sandbox, StartOptions } from '../server/app.ts';
import { LineSocket } from './helpers/line-socket.ts';
import { startSandbox } from './helpers/sandbox.ts';

let sandbox: Sandbox | undefined;
const sockets: LineSocket[] = [];
afterEach(async () => {
  for (const socket of sockets.splice(0)) socket.close();
  await sandbox?.close();
  sandbox = undefined;
});

type Protocol = 'smtp' | 'imap' | 'pop3';
const GREETING: Record<Protocol, RegExp> = { smtp: /^220 /, imap: /^\* OK/, pop3: /^\+OK/ };
const REFUSAL: Record<Protocol, RegExp> = { smtp: /^421 /, imap: /^\* BYE /, pop3: /^-ERR \[SYS\/TEMP\] / };

async function open(protocol: Protocol, localAddress?: string): Promise<LineSocket> {
  const socket = await LineSocket.open(sandbox![protocol]!.port, { localAddress });
  sockets.push(socket);
  return socket;
}

async function greeted(protocol: Protocol, localAddress?: string): Promise<LineSocket> {
  const socket = await open(protocol, localAddress);
  await socket.waitFor(GREETING[protocol]);
  return socket;
}

async function start(options: StartOptions): Promise<Sandbox> {
  sandbox = await startSandbox({ httpPort: null, ...options });
  return sandbox;
}

describe.each<Protocol>(['smtp', 'imap', 'pop3'])('%s connection bounds', (protocol) => {
  it('cuts a client that trickles bytes but never logs in, counted from connect', async () => {
    await start({ loginTimeout: 800 });
    const client = await greeted(protocol);
    const trickle = setInterval(() => client.write('x'), 100);
    try {
      const [line] = await client.waitFor(/./, 5000);
      expect(line).toMatch(protocol === 'smtp' ? /^421 no mail transaction within 1 s/ : protocol === 'imap' ? /^\* BYE Autologout; no login within 1 s/ : /^-ERR no login within 1 s/);
      // Well before the idle timers (60 s or more) that each trickled byte resets.
      expect(await client.closedWithin(3000)).toBe(true);
    } finally {
      clearInterval(trickle);
    }
  });

  it('caps connections per client address below the global cap', async () => {
    await start({ maxConnections: 10, maxConnectionsPerIp: 3 });
    for (let i = 0; i < 3; i++) await greeted(protocol);
    const refused = await open(protocol);
    const [line] = await refused.waitFor(/./);
    expect(line).toMatch(REFUSAL[protocol]);
    expect(line).toContain('too many connections from your address');
    expect(await refused.closedWithin(3000)).toBe(true);
    // Another client is still served.
    await greeted(protocol, '127.0.0.2');
  });

  it('refuses past the global cap with the protocol refusal, and admits again once a slot frees', async () => {
    await start({ maxConnections: 2, maxConnectionsPerIp: 2 });
    const first = await greeted(protocol);
    await greeted(protocol, '127.0.0.2');
    const refused = await open(protocol, '127.0.0.3');
    expect((await refused.waitFor(/./))[0]).toMatch(REFUSAL[protocol]);
    expect(await refused.closedWithin(3000)).toBe(true);
    first.close();
    await new Promise((resolve) => setTimeout(resolve, 200));
    await greeted(protocol, '127.0.0.3');
  });
});

describe('SMTP transaction bounds', () => {
  it('greets once with its name: no doubled "ESMTP"', async () => {
    await start({});
    const client = await open('smtp');
    expect((await client.waitFor(/^220 /))[0]).toBe('220 mailsandbox ESMTP ready, mail is captured and never relayed');
  });

  it('answers 452 past --max-recipients and keeps the accepted ones', async () => {
    await start({ maxRecipients: 5 });
    const client = await greeted('smtp');
    client.write('EHLO test\r\nMAIL FROM:<a@example.com>\r\n');
    await client.waitFor(/^250 /);
    await client.waitFor(/^250 /);
    for (let i = 1; i <= 6; i++) {
      client.write(`RCPT TO:<r${i}@example.com>\r\n`);
      expect((await client.waitFor(/^\d{3} /))[0]).toMatch(i <= 5 ? /^250 / : /^452 .*too many recipients/);
    }
    client.write('DATA\r\n');
    await client.waitFor(/^354 /);
    client.write('Subject: many\r\n\r\nhello\r\n.\r\n');
    expect((await client.waitFor(/^\d{3} /))[0]).toMatch(/^250 /);
    expect(sandbox!.store.list({}, { limit: 1, offset: 0 }).messages[0].envelope.rcptTo).toHaveLength(5);
  });

  it('refuses STARTTLS when no certificate is configured, and goes on', async () => {
    await start({});
    const client = await greeted('smtp');
    client.write('EHLO test\r\n');
    await client.waitFor(/^250 /);
    client.write('STARTTLS\r\nNOOP\r\n');
    expect((await client.waitFor(/^\d{3} /))[0]).toMatch(/^500 /);
    expect((await client.waitFor(/^\d{3} /))[0]).toMatch(/^250 /);
  });

  it('does not cut a client that started a transaction before the login deadline', async () => {
    await start({ loginTimeout: 500 });
    const client = await greeted('smtp');
    client.write('EHLO test\r\nMAIL FROM:<a@example.com>\r\n');
    await client.waitFor(/^250 /);
    await client.waitFor(/^250 /);
    await new Promise((resolve) => setTimeout(resolve, 900));
    client.write('RCPT TO:<b@example.com>\r\n');
    expect((await client.waitFor(/^\d{3} /))[0]).toMatch(/^250 /);
  });
});
