// A bounded mixed load on one sandbox: 20 SMTP senders, 10 IMAP clients setting flags and
// expunging, 5 POP3 clients reading and deleting, 3 WebSocket listeners. Afterwards every message
// that got a 250 is accounted for exactly once (still stored, deleted by a client, or evicted by
// the cap), every listener saw the same events, and the API and IMAP agree on every flag.
import { ImapFlow } from 'imapflow';
import nodemailer from 'nodemailer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { Sandbox } from '../server/app.ts';
import type { LiveEvent, MessageList } from '../server/types.ts';
import { seededRandom } from './helpers/fuzz.ts';
import { LineSocket } from './helpers/line-socket.ts';
import { api, startSandbox } from './helpers/sandbox.ts';

const SENDERS = 20;
const PER_SENDER = 30;
const IMAP_CLIENTS = 10;
const POP3_CLIENTS = 5;
const LISTENERS = 3;
// Far below what is sent, and deletions are few, so the cap must evict whatever the machine's speed.
const CAP = 100;

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await startSandbox({ maxMessages: CAP });
});
afterAll(() => sandbox.close());

function listener(s: Sandbox): Promise<{ events: LiveEvent[]; close: () => void }> {
  const socket = new WebSocket(`${s.url!.replace('http', 'ws')}/api/v1/events`);
  const events: LiveEvent[] = [];
  socket.on('message', (data) => events.push(JSON.parse(String(data)) as LiveEvent));
  return new Promise((resolve, reject) => socket.once('open', () => resolve({ events, close: () => socket.close() })).once('error', reject));
}

async function sender(index: number): Promise<number[]> {
  const transport = nodemailer.createTransport({ host: '127.0.0.1', port: sandbox.smtp!.port, secure: false, ignoreTLS: true, pool: index % 2 === 0, maxConnections: 1 });
  const acked: number[] = [];
  try {
    for (let i = 0; i < PER_SENDER; i++) {
      const info = await transport.sendMail({ from: `sender${index}@example.com`, to: `rcpt${i % 7}@example.com`, subject: `load ${index}.${i}`, text: `message ${i} of sender ${index}\n`.repeat(20) });
      acked.push(Number(/stored as (\d+)/.exec(info.response)![1]));
    }
  } finally {
    transport.close();
  }
  return acked;
}

async function imapWorker(index: number, running: () => boolean): Promise<number> {
  const random = seededRandom(1000 + index);
  const client = new ImapFlow({ host: '127.0.0.1', port: sandbox.imap!.port, secure: false, auth: { user: `imap${index}`, pass: 'x' }, logger: false, disableAutoIdle: true });
  await client.connect();
  let actions = 0;
  try {
    while (running()) {
      const box = await client.mailboxOpen('INBOX');
      if (box.exists > 0) {
        const seq = 1 + Math.floor(random() * box.exists);
        const flag = random() < 0.5 ? '\\Seen' : '\\Flagged';
        if (random() < 0.5) await client.messageFlagsAdd(String(seq), [flag]);
        else await client.messageFlagsRemove(String(seq), [flag]);
        if (index === 0 && random() < 0.2) await client.messageDelete(String(seq));
        actions++;
      }
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  } finally {
    await client.logout();
  }
  return actions;
}

async function pop3Worker(index: number, running: () => boolean): Promise<number> {
  let sessions = 0;
  while (running()) {
    const client = await LineSocket.open(sandbox.pop3!.port);
    const dele = index === 0 ? 'DELE 1\r\n' : '';
    client.write(`USER pop${index}\r\nPASS x\r\nSTAT\r\nRETR 1\r\nUIDL\r\n${dele}QUIT\r\n`);
    await client.waitFor(/^\+OK mailsandbox POP3 signing off/, 10_000);
    client.close();
    sessions++;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return sessions;
}

describe('mixed load', () => {
  it('accounts for every acknowledged message, and API and IMAP agree on flags', async () => {
    const listeners = await Promise.all(Array.from({ length: LISTENERS }, () => listener(sandbox)));
    let sending = true;
    const running = () => sending;
    const readers = [
      ...Array.from({ length: IMAP_CLIENTS }, (_, i) => imapWorker(i, running)),
      ...Array.from({ length: POP3_CLIENTS }, (_, i) => pop3Worker(i, running)),
    ];
    const acked = (await Promise.all(Array.from({ length: SENDERS }, (_, i) => sender(i)))).flat();
    sending = false;
    const work = await Promise.all(readers);
    expect(work.every((n) => n > 0)).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 300));
    for (const l of listeners) l.close();

    expect(acked).toHaveLength(SENDERS * PER_SENDER);
    expect(new Set(acked).size).toBe(acked.length);
    const events = listeners[0].events;
    for (const other of listeners.slice(1)) expect(other.events).toEqual(events);
    const added = new Set(events.flatMap((e) => (e.type === 'message.added' ? [e.data.id] : [])));
    const deleted = new Set(events.flatMap((e) => (e.type === 'message.deleted' ? e.data.ids : [])));
    const evicted = new Set(events.flatMap((e) => (e.type === 'message.evicted' ? e.data.ids : [])));
    const stored = new Set(sandbox.store.list({}, { limit: 100_000, offset: 0 }).messages.map((m) => m.id));
    let counted = { stored: 0, deleted: 0, evicted: 0 };
    for (const id of acked) {
      expect(added.has(id), `added event for ${id}`).toBe(true);
      const where = [stored.has(id) && 'stored', deleted.has(id) && 'deleted', evicted.has(id) && 'evicted'].filter(Boolean);
      expect(where, `message ${id}`).toHaveLength(1);
      counted = { ...counted, [where[0] as string]: counted[where[0] as keyof typeof counted] + 1 };
    }
    expect(counted.stored + counted.deleted + counted.evicted).toBe(acked.length);
    expect(counted.evicted).toBeGreaterThan(0);
    expect(counted.deleted).toBeGreaterThan(0);
    expect(stored.size).toBeLessThanOrEqual(CAP);

    const { body } = await api<MessageList>(sandbox, '/api/v1/messages?limit=1000');
    expect(body.total).toBe(stored.size);
    const client = new ImapFlow({ host: '127.0.0.1', port: sandbox.imap!.port, secure: false, auth: { user: 'checker', pass: 'x' }, logger: false });
    await client.connect();
    await client.mailboxOpen('INBOX', { readOnly: true });
    const imapFlags = new Map<number, string[]>();
    for await (const message of client.fetch('1:*', { uid: true, flags: true })) imapFlags.set(message.uid, [...(message.flags ?? [])].filter((f) => f !== '\\Recent').sort());
    await client.logout();
    expect(imapFlags.size).toBe(body.messages.length);
    let flagged = 0;
    for (const summary of body.messages) {
      expect(imapFlags.get(summary.id), `flags of ${summary.id}`).toEqual([...summary.flags].sort());
      if (summary.flags.length) flagged++;
    }
    expect(flagged).toBeGreaterThan(0);
  }, 60_000);
});
