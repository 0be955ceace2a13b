// A client that vanishes in the middle of something (DATA, an APPEND literal, a TLS handshake, a
// RETR) must leave nothing behind: its connection slot is free again, nothing half-received is
// stored, and its view of the store is let go. Each fault is repeated more times than there are
// slots, so a single leak would lock the next client out.
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Sandbox } from '../server/app.ts';
import { LineSocket } from './helpers/line-socket.ts';
import { startSandbox } from './helpers/sandbox.ts';

const SLOTS = 3;
const ROUNDS = SLOTS * 3;
let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await startSandbox({ tlsSelfSigned: true, imapsPort: 0, pop3sPort: 0, maxConnections: SLOTS, maxConnectionsPerIp: SLOTS, loginTimeout: 1500 });
});
afterAll(() => sandbox.close());

const GREETING = { smtp: /^220 /, imap: /^\* OK/, pop3: /^\+OK/ } as const;

/** Every slot can be taken by a new client at once: none is held by a client that is gone. */
async function slotsFree(port: number, greeting: RegExp): Promise<void> {
  // The server learns of a vanished peer when the close arrives: give it a moment, then try.
  await new Promise((resolve) => setTimeout(resolve, 100));
  const clients = await Promise.all(Array.from({ length: SLOTS }, () => LineSocket.open(port)));
  try {
    for (const client of clients) expect((await client.waitFor(/./))[0]).toMatch(greeting);
  } finally {
    for (const client of clients) client.close();
  }
  await new Promise((resolve) => setTimeout(resolve, 100));
}

async function greeted(port: number, greeting: RegExp): Promise<LineSocket> {
  const client = await LineSocket.open(port);
  await client.waitFor(greeting);
  return client;
}

/** The first bytes of a TLS ClientHello record that promises more than it sends. */
const PARTIAL_HELLO = Buffer.from([0x16, 0x03, 0x01, 0x02, 0x00, 0x01, 0x00, 0x01, 0xfc, 0x03, 0x03]);

describe('faults free what the client held', () => {
  it('mid-DATA: nothing is stored and the slot is free', async () => {
    const before = sandbox.store.stats().messages;
    for (let i = 0; i < ROUNDS; i++) {
      const client = await greeted(sandbox.smtp!.port, GREETING.smtp);
      client.write('EHLO fault\r\nMAIL FROM:<a@example.com>\r\nRCPT TO:<b@example.com>\r\nDATA\r\n');
      await client.waitFor(/^354 /);
      client.write('Subject: half\r\n\r\n' + 'x'.repeat(50_000));
      client.close();
    }
    await slotsFree(sandbox.smtp!.port, GREETING.smtp);
    expect(sandbox.store.stats().messages).toBe(before);
  });

  it('mid-literal: the APPEND is not stored, the selected mailbox view is released, and the slot is free', async () => {
    const before = sandbox.store.stats().messages;
    const subscribers = sandbox.store.subscriberCount;
    for (let i = 0; i < ROUNDS; i++) {
      const client = await greeted(sandbox.imap!.port, GREETING.imap);
      client.write('a LOGIN dev pw\r\nb SELECT INBOX\r\n');
      await client.waitFor(/^b OK/);
      client.write('c APPEND INBOX {200000}\r\n');
      await client.waitFor(/^\+ /);
      client.write('Subject: half\r\n\r\n' + 'y'.repeat(100_000));
      client.close();
    }
    await slotsFree(sandbox.imap!.port, GREETING.imap);
    expect(sandbox.store.stats().messages).toBe(before);
    expect(sandbox.store.subscriberCount).toBe(subscribers);
  });

  it('mid-TLS-handshake, implicit or after STARTTLS/STLS: every slot is free', async () => {
    const cases: Array<{ port: number; greeting: RegExp; upgrade?: [string, RegExp] }> = [
      { port: sandbox.imaps!.port, greeting: GREETING.imap },
      { port: sandbox.pop3s!.port, greeting: GREETING.pop3 },
      { port: sandbox.smtp!.port, greeting: GREETING.smtp, upgrade: ['EHLO tls\r\nSTARTTLS\r\n', /^220 /] },
      { port: sandbox.imap!.port, greeting: GREETING.imap, upgrade: ['a STARTTLS\r\n', /^a OK/] },
      { port: sandbox.pop3!.port, greeting: GREETING.pop3, upgrade: ['STLS\r\n', /^\+OK/] },
    ];
    for (const { port, greeting, upgrade } of cases) {
      for (let i = 0; i < ROUNDS; i++) {
        const client = upgrade ? await greeted(port, greeting) : await LineSocket.open(port);
        if (upgrade) {
          client.write(upgrade[0]);
          await client.waitFor(upgrade[1]);
        }
        client.write(PARTIAL_HELLO);
        client.close();
      }
      if (upgrade) await slotsFree(port, greeting);
    }
    // The implicit-TLS ports greet only after a handshake: a real TLS client gets in.
    const { connect } = await import('node:tls');
    for (const port of [sandbox.imaps!.port, sandbox.pop3s!.port]) {
      const secure = connect({ port, host: '127.0.0.1', rejectUnauthorized: false });
      const greeting = await new Promise<string>((resolve) => secure.once('data', (chunk: Buffer) => resolve(chunk.toString())));
      secure.destroy();
      expect(greeting).toMatch(/^(\* OK|\+OK)/);
    }
  });

  it('a handshake that stalls is cut at the login timeout', async () => {
    const socket = net.connect(sandbox.imaps!.port, '127.0.0.1');
    socket.on('error', () => {});
    await new Promise((resolve) => socket.once('connect', resolve));
    socket.write(PARTIAL_HELLO);
    const closed = await new Promise<boolean>((resolve) => {
      socket.once('close', () => resolve(true));
      setTimeout(() => resolve(false), 6000);
    });
    expect(closed).toBe(true);
  });

  it('mid-RETR: the message stays (no UPDATE without QUIT), the maildrop is let go, and the slot is free', async () => {
    const big = Buffer.from('Subject: big\r\n\r\n' + 'line of the big message\r\n'.repeat(100_000));
    const id = sandbox.store.add(big, { mailFrom: 'a@example.com', rcptTo: ['retr@example.com'] }).id;
    for (let i = 0; i < ROUNDS; i++) {
      const client = await greeted(sandbox.pop3!.port, GREETING.pop3);
      // A DELE pipelined behind the RETR: marked or not, without QUIT it is never applied.
      client.write('USER retr@example.com\r\nPASS x\r\nRETR 1\r\nDELE 1\r\n');
      await client.waitFor(/^\+OK \d+ octets/);
      client.socket.pause();
      client.close();
    }
    await slotsFree(sandbox.pop3!.port, GREETING.pop3);
    expect(sandbox.store.get(id)).toBeDefined();
    // Nothing the vanished sessions marked is applied later, and a new one deletes it for real.
    const last = await greeted(sandbox.pop3!.port, GREETING.pop3);
    last.write('USER retr@example.com\r\nPASS x\r\nDELE 1\r\nQUIT\r\n');
    await last.waitFor(/signing off, 1 deleted/);
    last.close();
    expect(sandbox.store.get(id)).toBeUndefined();
  });
});
