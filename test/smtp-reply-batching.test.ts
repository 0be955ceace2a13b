// Replies to pipelined SMTP commands leave in one write (server/smtp/reply-batching.ts): the
// server's writes to each socket are counted where Node hands them to the kernel, while a raw
// socket pipelines; STARTTLS's 220 still goes out before the handshake.
import { connect, Socket } from 'node:net';
import { connect as tlsConnect } from 'node:tls';
import { afterEach, describe, expect, it } from 'vitest';
import type { Sandbox } from '../server/app.ts';
import { startSandbox } from './helpers/sandbox.ts';

/** Node's one way from a socket to the kernel, for write and writev alike. */
type WriteGeneric = (this: Socket, ...args: unknown[]) => unknown;
const socketInternals = Socket.prototype as unknown as { _writeGeneric: WriteGeneric };
const writeGeneric = socketInternals._writeGeneric;
/** Writes to the kernel per socket, by the port of its remote end. */
const kernelWrites = new Map<number, number>();
socketInternals._writeGeneric = function counted(this: Socket, ...args: unknown[]) {
  kernelWrites.set(this.remotePort ?? 0, (kernelWrites.get(this.remotePort ?? 0) ?? 0) + 1);
  return writeGeneric.apply(this, args);
};

let sandbox: Sandbox | undefined;
afterEach(async () => {
  await sandbox?.close();
  sandbox = undefined;
});

/** Every chunk the socket reads, as it arrives. */
function reads(socket: Socket): { chunks: string[]; next(): Promise<string> } {
  const chunks: string[] = [];
  const waiters: Array<(chunk: string) => void> = [];
  socket.on('data', (data: Buffer) => {
    const text = data.toString('latin1');
    const waiter = waiters.shift();
    if (waiter) waiter(text);
    else chunks.push(text);
  });
  return {
    chunks,
    next: () => {
      const ready = chunks.shift();
      return ready !== undefined ? Promise.resolve(ready) : new Promise((resolve) => waiters.push(resolve));
    },
  };
}

async function open(port: number): Promise<{ socket: Socket; next: () => Promise<string> }> {
  const socket = connect(port, '127.0.0.1');
  await new Promise<void>((resolve, reject) => socket.once('connect', resolve).once('error', reject));
  const { next } = reads(socket);
  expect(await next()).toMatch(/^220 /);
  return { socket, next };
}

describe('SMTP reply batching', () => {
  it('answers MAIL, two RCPTs and DATA sent in one write with one segment, and stores the mail', async () => {
    sandbox = await startSandbox({ imapPort: null, pop3Port: null });
    const { socket, next } = await open(sandbox.smtp!.port);
    socket.write('EHLO batch.test\r\n');
    expect(await next()).toMatch(/^250-/);
    const before = kernelWrites.get(socket.localPort!) ?? 0;
    socket.write('MAIL FROM:<a@example.test>\r\nRCPT TO:<b@example.test>\r\nRCPT TO:<c@example.test>\r\nDATA\r\n');
    let replies = '';
    while (!replies.includes('354 ')) replies += await next();
    expect(replies.split('\r\n').filter(Boolean).map((line) => line.slice(0, 3))).toEqual(['250', '250', '250', '354']);
    expect((kernelWrites.get(socket.localPort!) ?? 0) - before).toBe(1);
    socket.write('Subject: batched\r\n\r\nbody\r\n.\r\nQUIT\r\n');
    expect(await next()).toMatch(/^250 Ok: stored as \d+\r\n(221 .*\r\n)?$/);
    expect(sandbox.store.list({ mailbox: 'c@example.test' }).total).toBe(1);
    socket.destroy();
  });

  it('sends the 220 to a pipelined STARTTLS before the TLS handshake, which then works', async () => {
    sandbox = await startSandbox({ imapPort: null, pop3Port: null, tlsSelfSigned: true });
    const { socket, next } = await open(sandbox.smtp!.port);
    socket.write('EHLO batch.test\r\nSTARTTLS\r\n');
    let text = '';
    while (!/^220 .*\r\n/m.test(text)) text += await next();
    expect(text).toMatch(/^250-[\s\S]*STARTTLS[\s\S]*\r\n220 /);
    socket.removeAllListeners('data');
    const secure = tlsConnect({ socket, rejectUnauthorized: false });
    await new Promise<void>((resolve, reject) => secure.once('secureConnect', resolve).once('error', reject));
    const { next: nextSecure } = reads(secure);
    secure.write('EHLO batch.test\r\n');
    expect(await nextSecure()).toMatch(/^250-/);
    secure.destroy();
  });
});
