// A large message arrives in many socket reads, and the store keeps it as those chunks until
// something needs it whole: whatever reads it first (raw download, search, POP3 RETR), the bytes
// are exactly those sent, and a store cap counts and evicts it by its size.
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Sandbox } from '../server/app.ts';
import { sendMail, smtpTransport, startSandbox } from './helpers/sandbox.ts';

const LINE = 'A line of a large message, with .dots. and a tab\there\r\n';

function largeMail(marker: string): Buffer {
  const body = `${LINE.repeat(40_000)}.leading dot line\r\n..two dots\r\n.\tdot tab\r\n${marker}\r\n`;
  return Buffer.from(`From: big@example.com\r\nTo: sink@example.com\r\nSubject: large ${marker}\r\nMessage-ID: <${marker}@example.com>\r\n\r\n${body}`);
}

/** RETR over a raw POP3 socket: the message as sent, its dot-stuffing undone. */
async function retr(port: number, index: number): Promise<Buffer> {
  const socket = net.connect(port, '127.0.0.1');
  const chunks: Buffer[] = [];
  socket.on('data', (chunk: Buffer) => chunks.push(chunk));
  socket.write(`USER catchall\r\nPASS x\r\nRETR ${index}\r\nQUIT\r\n`);
  await new Promise((resolve) => socket.once('close', resolve));
  const text = Buffer.concat(chunks).toString('latin1');
  const octets = /\+OK (\d+) octets\r\n/.exec(text);
  expect(octets).not.toBeNull();
  const body = text.slice(octets!.index + octets![0].length, text.lastIndexOf('\r\n.\r\n') + 2);
  return Buffer.from(body.replaceAll('\r\n..', '\r\n.'), 'latin1');
}

describe('a 2 MB message over SMTP', () => {
  let sandbox: Sandbox;

  beforeAll(async () => {
    sandbox = await startSandbox({ maxMessages: 3 });
  });

  afterAll(async () => {
    await sandbox.close();
  });

  it('reads back byte for byte, first over the raw download, a search, or POP3', async () => {
    const mails = ['first-marker', 'second-marker', 'third-marker'].map(largeMail);
    const ids: number[] = [];
    for (const raw of mails) ids.push(await sendMail(sandbox, { envelope: { from: 'big@example.com', to: ['sink@example.com'] }, raw }));
    for (const [i, id] of ids.entries()) expect(sandbox.store.get(id)?.size, `message ${i}`).toBe(mails[i].length);

    const download = await fetch(`${sandbox.url}/api/v1/messages/${ids[0]}/raw`);
    expect(Buffer.from(await download.arrayBuffer()).equals(mails[0])).toBe(true);

    // Before the search, which reads every message.
    expect((await retr(sandbox.pop3!.port, 3)).equals(mails[2])).toBe(true);

    const found = await fetch(`${sandbox.url}/api/v1/messages?q=second-marker`).then((r) => r.json() as Promise<{ messages: Array<{ id: number }> }>);
    expect(found.messages.map((m) => m.id)).toEqual([ids[1]]);
    expect(sandbox.store.get(ids[1])!.content.raw.equals(mails[1])).toBe(true);
  });

  it('is evicted by the store cap like any other, by its size', async () => {
    const before = sandbox.store.stats();
    const transport = smtpTransport(sandbox);
    await transport.sendMail({ envelope: { from: 'big@example.com', to: ['sink@example.com'] }, raw: largeMail('fourth-marker') });
    transport.close();
    const after = sandbox.store.stats();
    expect(after.messages).toBe(3);
    expect(after.bytes).toBe(before.bytes - largeMail('first-marker').length + largeMail('fourth-marker').length);
  });
});
